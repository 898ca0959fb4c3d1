/**
 * Functions shipped into browser frames. tsx compiles with esbuild's keepNames, which wraps named inner
 * functions (`const check = () => …`, `{ createHTML: (s) => s }`) in `__name(…)`, a helper the page does
 * not have; Playwright serialises the compiled text. So every function sent to a page goes through
 * `inPageSource`, which defines `__name` as the identity first.
 */
import type { Frame, Page } from 'playwright-core';

/** Source text of the expression `fn(arg)`, for `addInitScript({ content })` and `evaluate(string)`. */
export function inPageSource<A>(fn: (arg: A) => unknown, arg?: A): string {
  const args = arg === undefined ? '' : JSON.stringify(arg);
  return `(() => { const __name = (f) => f; return (${fn.toString()})(${args}); })()`;
}

/** `target.evaluate(fn, arg)` safe against keepNames (`arg` must be JSON). */
export async function runInPage<R, A>(target: Page | Frame, fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  return (await target.evaluate(inPageSource(fn, arg))) as R;
}
