import path from 'node:path';
import { localToday } from '../storage/dates';
import { launchExtension, openExtensionPage } from '../tests/e2e/harness';
import { announceWrite, occasionSeed, writeSeed } from './occasions';

async function main() {
  const ext = await launchExtension({ extensionDir: path.resolve(process.argv[2] ?? '.output/chrome-mv3') });
  try {
    const setup = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
    await setup.getByRole('main').waitFor({ state: 'attached', timeout: 10_000 });
    await writeSeed(setup, occasionSeed(localToday(new Date())));
    await announceWrite(setup);
    await setup.close();
    const page = await openExtensionPage(ext.context, ext.extensionId, 'panel.html');
    await ext.serviceWorker.evaluate(() => {
      (globalThis as unknown as { __kpT?: string[] }).__kpT = [];
    });
    const times = await page.evaluate(async () => {
      const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
      const out: number[] = [];
      for (let i = 0; i < 8; i++) {
        const t = performance.now();
        await chrome.runtime.sendMessage({ type: 'page/data-changed' });
        out.push(Math.round(performance.now() - t));
        await new Promise((r) => setTimeout(r, Number(location.hash.slice(1)) || 0));
      }
      return out;
    });
    console.log('round trips', times.join(', '));
    console.log(await ext.serviceWorker.evaluate(() => (globalThis as unknown as { __kpT?: string[] }).__kpT?.join(' | ')));
  } finally {
    await ext.close();
  }
}
void main();
