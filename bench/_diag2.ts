import { launchExtension, openExtensionPage } from '../tests/e2e/harness';
import { writeSeedFile } from './big-db';
const T0 = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - T0) / 1000).toFixed(1)}s] ${s}`);
const seed = writeSeedFile();
const ext = await launchExtension();
const page = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
const cdp = await ext.context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.start');
await page.getByLabel('Import', { exact: true }).setInputFiles(seed.file);
await page.getByRole('button', { name: 'Confirm import' }).waitFor();
log('preview');
const p1 = (await cdp.send('Profiler.stop')) as any;
await cdp.send('Profiler.start');
const t = Date.now();
await page.getByRole('button', { name: 'Confirm import' }).click();
await page.waitForFunction(() => /Import complete/.test(document.body.textContent ?? ''), undefined, { timeout: 120000, polling: 100 });
log(`done ${Date.now() - t}`);
const p2 = (await cdp.send('Profiler.stop')) as any;
for (const { profile } of [p1, p2]) {
  const dt = new Map<number, number>();
  let total = 0;
  for (let k = 0; k < profile.samples.length; k++) { const d = (profile.timeDeltas[k + 1] ?? 0) / 1000; total += d; dt.set(profile.samples[k], (dt.get(profile.samples[k]) ?? 0) + d); }
  const agg = new Map<string, number>();
  for (const n of profile.nodes) { const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`; agg.set(key, (agg.get(key) ?? 0) + (dt.get(n.id) ?? 0)); }
  console.log('total', total.toFixed(0));
  console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 18).map(([k, v]) => `${v.toFixed(1)} ${k}`).join('\n'));
}
await ext.close();
seed.close();
