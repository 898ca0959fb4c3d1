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
  /** asked of the worker (and not refused) */
  const requested = new Set<ContentPart>();
  /** what each running part's main returned */
  const running = new Map<ContentPart, unknown>();
  const waiting = new Map<ContentPart, { resolve(value: unknown): void; reject(error: Error): void }[]>();

  const settle = (part: ContentPart, outcome: { value: unknown } | { error: Error }) => {
    for (const waiter of waiting.get(part) ?? []) {
      if ('error' in outcome) waiter.reject(outcome.error);
      else waiter.resolve(outcome.value);
    }
    waiting.delete(part);
  };

  const request = (part: ContentPart) => {
    if (requested.has(part) || running.has(part)) return;
    requested.add(part);
    // A refused or failed injection (the worker was being updated, say) is retried on the next request.
    const failed = () => {
      requested.delete(part);
      settle(part, { error: new Error(`${part} was not loaded`) });
    };
    const message: Request = { type: 'content/load-part', part };
    browser.runtime.sendMessage(message).then((response: unknown) => {
      if ((response as { ok?: boolean } | undefined)?.ok !== true) failed();
    }, failed);
  };

  const load: LoadPart = (part) => {
    if (running.has(part)) return Promise.resolve(running.get(part));
    return new Promise((resolve, reject) => {
      waiting.set(part, [...(waiting.get(part) ?? []), { resolve, reject }]);
      request(part);
    });
  };

  return {
    has: (part) => running.has(part),
    define(part, main) {
      if (running.has(part) || ctx.isInvalid) return;
      running.set(part, undefined);
      const value = main(ctx, load);
      running.set(part, value);
      settle(part, { value });
    },
  };
}

/** Called by each part's file: runs it once per document, with the frame's shared context. */
export function definePart(part: ContentPart, main: PartMain): void {
  const holder = globalThis as RegistryHolder;
  holder[REGISTRY] ??= createRegistry();
  holder[REGISTRY].define(part, main);
}
