/**
 * What every LinkedIn and XING page loads (issue 13): a router that decides by URL alone, with the sites'
 * pure URL rules, whether the page needs one of the content script's parts (the profile panel, list
 * badges), and asks the background worker to inject that part into this frame. Pages with nothing for us
 * pay for this file and one URL check, nothing else. LinkedIn is a single-page app, so the router follows
 * history changes too: moving from the feed to a person loads the profile part then.
 *
 * Why injection by the worker (`scripting.executeScript`) and not `import()` of a web-accessible module:
 * a web-accessible file is one more URL the page itself can load to probe for the extension, and a part
 * injected by the worker runs in this content script's own isolated world, where the router hands it its
 * context. The cost is a message to the worker, which the part needs awake anyway (the panel asks it for
 * the person's notes).
 *
 * A part, once loaded, stays for the life of the document and follows navigation itself (the profile
 * panel removes its frame on pages without a person); the router loads each part at most once.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Request } from '../../messaging/protocol';
import type { ContentPart } from '../../sites/matches';

/** One row of a site's route table: the part to load on pages whose URL matches. */
export interface Route {
  part: ContentPart;
  /** pure function of the URL (the rules in `sites/`); true: this page needs `part` */
  matches(url: string): boolean;
}

/** Loads `part` into this frame (once) and resolves to what its `main` returned. */
export type LoadPart = (part: ContentPart) => Promise<unknown>;

/**
 * A part's code, run once per document with the router's context; `load` brings in another part on demand
 * (the profile panel loads "Help fix this page" only when asked). Its return value is what `load` gives.
 */
export type PartMain = (ctx: ContentScriptContext, load: LoadPart) => unknown;

/** Where an injected part finds the router of its frame; a property of the isolated world, never the page's. */
const REGISTRY = '__kontaktpflegeParts';

interface PartRegistry {
  define(part: ContentPart, main: PartMain): void;
}

type RegistryHolder = typeof globalThis & { [REGISTRY]?: PartRegistry };

/** What every site's router entry shares in `defineContentScript`. */
export const CONTENT_SCRIPT_OPTIONS = {
  runAt: 'document_start',
  // WXT would otherwise announce itself to the page with window.postMessage, letting pages probe for us.
  noScriptStartedPostMessage: true,
} as const;

/** Called by an injected part: runs it with the router's context, once per document. */
export function definePart(part: ContentPart, main: PartMain): void {
  (globalThis as RegistryHolder)[REGISTRY]?.define(part, main);
}

/** Loads the parts `routes` ask for, now and after every single-page navigation. */
export function runRouter(ctx: ContentScriptContext, routes: readonly Route[]): void {
  /** asked of the worker (and not refused), so a part is injected at most once however often the user navigates */
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

  (globalThis as RegistryHolder)[REGISTRY] = {
    define(part, main) {
      if (running.has(part) || ctx.isInvalid) return;
      running.set(part, undefined);
      const value = main(ctx, load);
      running.set(part, value);
      settle(part, { value });
    },
  };

  const route = (url: string) => {
    for (const { part, matches } of routes) if (matches(url)) request(part);
  };
  route(location.href);
  ctx.addEventListener(window, 'wxt:locationchange', (event) => route(event.newUrl.href));
}
