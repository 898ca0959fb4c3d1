import { type Browser, browser } from 'wxt/browser';
import { CONTENT_PARTS, type ContentPart, contentPartFile, isContentPart } from '../sites/matches';
import { isHostOf } from '../sites/parse-url';

/** Must match `PART_REGISTRY` in entrypoints/content/parts.ts (not imported: that module is content-script code). */
const PART_REGISTRY = '__kontaktpflegeParts';

/** Runs in the tab's isolated world (serialised by `executeScript`): whether `part` runs there already. */
function partRuns(registry: string, part: string): boolean {
  const parts = (globalThis as unknown as Record<string, { has?(name: string): boolean } | undefined>)[registry];
  return parts?.has?.(part) === true;
}

/**
 * Injects a content-script part (issue 13) into one frame, and only a part of that frame's site: a
 * LinkedIn page never gets XING's readers. False when refused or when the frame went away meanwhile.
 */
export async function injectContentPart(tabId: number, frameId: number, frameUrl: string, part: ContentPart): Promise<boolean> {
  let hostname: string;
  try {
    hostname = new URL(frameUrl).hostname;
  } catch {
    return false;
  }
  if (!isHostOf(hostname, CONTENT_PARTS[part].domain)) return false;
  try {
    // A part already running there (a profile opened directly, or reached earlier in this single-page app)
    // is not evaluated again: the check is a few bytes, the part some twenty thousand.
    const [probe] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      func: partRuns,
      args: [PART_REGISTRY, part],
      injectImmediately: true,
    });
    if (probe?.result === true) return true;
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      files: [contentPartFile(part)],
      // Not at document_idle (the default): a part starts while the page still loads.
      injectImmediately: true,
    });
    return true;
  } catch {
    // The tab navigated away or closed meanwhile: its new page is routed on its own.
    return false;
  }
}

/** A running part asks for another (the profile panel for "Help fix this page"): into its own frame only. */
export async function loadContentPart(part: unknown, sender: Browser.runtime.MessageSender): Promise<{ ok: boolean }> {
  const tabId = sender.tab?.id;
  if (!isContentPart(part) || tabId === undefined || !sender.url) return { ok: false };
  return { ok: await injectContentPart(tabId, sender.frameId ?? 0, sender.url, part) };
}
