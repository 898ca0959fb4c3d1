/**
 * JS heap of the popup, the panel and the background worker with 10,000 contacts stored (issue 13:
 * popup and panel ≤ 15 MB each, worker ≤ 30 MB). Each is `Runtime.getHeapUsage` (used size) after a
 * forced garbage collection, taken once the view shows its data: the popup its first screen, the panel
 * the person (the worker has then answered the panel and recounted the badge).
 */
import type { CDPSession } from 'playwright-core';
import { type ExtensionBrowser, panelFrame } from '../tests/e2e/harness';
import { FULL_URL, fullPageHtml } from './page';
import { openPopupTab } from './popup';
import { figure, note } from './report';

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
}

/** One CDP command to a target that Playwright does not hand out (the worker), over a browser-level session. */
async function sendToTarget(cdp: CDPSession, sessionId: string, method: string, id: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (e: { sessionId?: string; message: string }) => {
      if (e.sessionId !== sessionId) return;
      const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id !== id) return;
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      if (msg.error) reject(new Error(msg.error.message));
      else resolve(msg.result);
    };
    cdp.on('Target.receivedMessageFromTarget', onMessage);
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(reject);
  });
}

async function workerHeap(ext: ExtensionBrowser): Promise<number> {
  const browser = ext.context.browser();
  if (!browser) throw new Error('no browser handle for a browser-level CDP session');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: Array<{ targetId: string; type: string; url: string }>;
    };
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(ext.extensionId));
    if (!worker) throw new Error('the background worker is not running');
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as {
      sessionId: string;
    };
    await sendToTarget(cdp, sessionId, 'HeapProfiler.collectGarbage', 1).catch(() => undefined);
    const { usedSize } = (await sendToTarget(cdp, sessionId, 'Runtime.getHeapUsage', 2)) as { usedSize: number };
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    return usedSize;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export async function benchMemory(ext: ExtensionBrowser): Promise<void> {
  const { page: popup } = await openPopupTab(ext);
  try {
    const cdp = await ext.context.newCDPSession(popup);
    figure('popup-js-heap', mb(await heapAfterGc(cdp)), 'MB');
    await cdp.detach().catch(() => undefined);
  } finally {
    await popup.close();
  }

  ext.serve(FULL_URL, fullPageHtml());
  const page = await ext.context.newPage();
  try {
    await page.goto(FULL_URL);
    const frame = await panelFrame(page, 30_000);
    // Jonas is not in the seed: the panel shows him with "Add to my network" once the worker answered.
    await frame.getByRole('button', { name: 'Add to my network' }).waitFor({ timeout: 30_000 });
    // The panel is an out-of-process iframe: Playwright opens a CDP session on its own target.
    const cdp = await ext.context.newCDPSession(frame);
    figure('panel-js-heap', mb(await heapAfterGc(cdp)), 'MB');
    await cdp.detach().catch(() => undefined);
    figure('worker-js-heap', mb(await workerHeap(ext)), 'MB');
  } finally {
    await page.close();
  }
  note(
    '*-js-heap: Runtime.getHeapUsage (used) after HeapProfiler.collectGarbage, with the 10k seed stored: the popup in a tab of ' +
      "its size once its first screen is complete, the panel (a profile page's iframe) once it shows the person (one not in the notebook), the worker " +
      'right after it answered that panel.',
  );
}
