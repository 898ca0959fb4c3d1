/**
 * The content script comes in parts (issue 13), each loaded only on the pages that need it, so a LinkedIn
 * or XING page with nothing for us runs no script of ours at all (no isolated world, no parse, no
 * listener). A part is a plain file (`entrypoints/<part>.ts`, built to `/<part>.js`) that calls `definePart`:
 * - profile parts are content scripts for the URL patterns of profile pages (`PROFILE_MATCHES`), so a
 *   profile opened directly gets its panel at `document_start`, without waiting for the worker;
 * - the background worker routes every other case by URL (`background/content-routes.ts`): LinkedIn is a
 *   single-page app, so moving from the feed to a person changes the tab's URL without a load, and the
 *   worker injects the part then (`scripting.executeScript`);
 * - a part can load another on demand (`load`): "Help fix this page" comes only when asked.
 * Evaluating a part again (the worker injecting what the manifest already ran) changes nothing.
 *
 * Why the worker injects rather than `import()` of a web-accessible module: a web-accessible file is one
 * more URL the page itself can load to probe for the extension; an injected part runs in our isolated
 * world, where the parts share one context.
 */
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Request } from '../../messaging/protocol';
import type { ContentPart } from '../../sites/matches';

/** Loads `part` into this frame (once) and resolves to what its `main` returned. */
export type LoadPart = (part: ContentPart) => Promise<unknown>;

/**
 * A part's code, run once per document with the frame's shared context; `load` brings in another part on
 * demand. Its return value is what `load` gives.
 */
export type PartMain = (ctx: ContentScriptContext, load: LoadPart) => unknown;

/** The parts of this frame; a property of the isolated world, never the page's (the worker asks it by this name). */
const PART_REGISTRY = '__kontaktpflegeParts';
const REGISTRY = PART_REGISTRY;

export interface PartRegistry {
  define(part: ContentPart, main: PartMain): void;
  /** whether `part` runs in this frame (the worker asks before injecting it again) */
  has(part: ContentPart): boolean;
}

type RegistryHolder = typeof globalThis & { [REGISTRY]?: PartRegistry };

/**
 * WXT's context announces every new content script to the page: a `CustomEvent` on `document` whose name
 * holds the extension's public id and whose detail the page can read (the list e2e recorded it from the
 * page's own world), and it stops itself when the page sends such an event back. The registry already
 * runs each part once per frame, so neither is needed: quiet, the page can neither see us start nor stop us.
 */
class QuietContext extends ContentScriptContext {
  override stopOldScripts(): void {}
  override listenForNewerScripts(): void {}
}

function createRegistry(): PartRegistry {
  // One context for every part of the frame. noScriptStartedPostMessage: WXT would otherwise announce
  // itself to the page with window.postMessage, letting pages probe for us.
  const ctx = new QuietContext('kontaktpflege', { noScriptStartedPostMessage: true });
  /** what each running part's main returned */
  const running = new Map<ContentPart, unknown>();

  // The worker answers once `scripting.executeScript` is done, i.e. once the part has run here: no waiting
  // list needed. Two loads at once inject twice, and the second copy changes nothing (see `define`).
  // A refused or failed injection (the worker was being updated, say) is tried again on the next load.
  const load: LoadPart = async (part) => {
    if (!running.has(part)) {
      const message: Request = { type: 'content/load-part', part };
      const answer = (await browser.runtime.sendMessage(message)) as { ok?: boolean } | undefined;
      if (answer?.ok !== true || !running.has(part)) throw new Error(`${part} was not loaded`);
    }
    return running.get(part);
  };

  return {
    has: (part) => running.has(part),
    define(part, main) {
      if (running.has(part) || ctx.isInvalid) return;
      running.set(part, undefined);
      running.set(part, main(ctx, load));
    },
  };
}

/** Called by each part's file: runs it once per document, with the frame's shared context. */
export function definePart(part: ContentPart, main: PartMain): void {
  const holder = globalThis as RegistryHolder;
  holder[REGISTRY] ??= createRegistry();
  holder[REGISTRY].define(part, main);
}
