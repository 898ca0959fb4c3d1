import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * Calls `handler` with the new URL after each same-document navigation (LinkedIn and XING are
 * single-page apps). WXT's own `wxt:locationchange` is dispatched on the page's `window` under a name made
 * of our public extension id, so a page listening for that name learns the extension is installed and
 * when it reacts; this watcher tells only our handler. The Navigation API where the browser has it,
 * else a poll of `location` once a second (as WXT does).
 */
export function onUrlChange(ctx: ContentScriptContext, handler: (url: string) => void): void {
  let last = location.href;
  const check = (url: string) => {
    if (url === last) return;
    last = url;
    handler(url);
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (typeof navigation?.addEventListener === 'function') {
    navigation.addEventListener(
      'navigate',
      (event) => check((event as Event & { destination: { url: string } }).destination.url),
      { signal: ctx.signal },
    );
  } else ctx.setInterval(() => check(location.href), 1000);
}
