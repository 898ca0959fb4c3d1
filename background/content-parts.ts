import { type Browser, browser } from 'wxt/browser';
import { contentPartFile, CONTENT_PARTS, isContentPart } from '../sites/matches';
import { isHostOf } from '../sites/parse-url';

/**
 * Injects the content-script part a router asked for (issue 13) into the router's own frame, and only a
 * part of that frame's site: a LinkedIn page never gets XING's readers, and an unknown name gets nothing.
 */
export async function loadContentPart(part: unknown, sender: Browser.runtime.MessageSender): Promise<{ ok: boolean }> {
  const tabId = sender.tab?.id;
  if (!isContentPart(part) || tabId === undefined || !sender.url) return { ok: false };
  let hostname: string;
  try {
    hostname = new URL(sender.url).hostname;
  } catch {
    return { ok: false };
  }
  if (!isHostOf(hostname, CONTENT_PARTS[part].domain)) return { ok: false };
  try {
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [sender.frameId ?? 0] },
      files: [contentPartFile(part)],
    });
    return { ok: true };
  } catch {
    // The tab navigated away or closed meanwhile: its new page has its own router.
    return { ok: false };
  }
}
