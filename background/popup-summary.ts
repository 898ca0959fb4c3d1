import { browser } from 'wxt/browser';
import { readFirstScreen, SUMMARY_KEY } from '../entrypoints/popup/first-screen';
import { browserLocale } from '../i18n/load';
import { localToday } from '../storage/dates';
import { workerDb } from './database';

let queue: Promise<void> = Promise.resolve();
/** Counts requests: a read whose request is no longer the latest stores nothing (the latest one will). */
let latest = 0;

/**
 * Reads the popup's first screen again and keeps it in `storage.session`, so the next popup paints it
 * before loading its database code (issue 13). Called after every write the worker hears of and at the
 * daily rollover. The old summary is removed at once: a popup opened meanwhile reads the database itself
 * rather than paint what the write changed. One read at a time; requests that arrive during a read are
 * served by one read after it, and only the latest request's read is stored.
 */
export function refreshPopupSummary(now = new Date()): Promise<void> {
  const mine = ++latest;
  void Promise.resolve()
    .then(() => browser.storage.session.remove(SUMMARY_KEY))
    .catch(() => undefined);
  queue = queue.then(async () => {
    if (mine !== latest) return; // a later request reads after this one
    try {
      const screen = await readFirstScreen(workerDb(), localToday(now), browserLocale().lang);
      // Checked and written in one step: a request after this line removes it again in order.
      if (mine === latest) await browser.storage.session.set({ [SUMMARY_KEY]: screen });
    } catch {
      // No summary rather than an old one: the popup then reads the database itself.
      await Promise.resolve()
        .then(() => browser.storage.session.remove(SUMMARY_KEY))
        .catch(() => undefined);
    }
  });
  return queue;
}
