import { browser } from 'wxt/browser';
import { SUMMARY_KEY, readFirstScreen } from '../entrypoints/popup/first-screen';
import { browserLocale } from '../i18n/load';
import { localToday } from '../storage/dates';
import { workerDb } from './database';

let queue: Promise<void> = Promise.resolve();

/**
 * Reads the popup's first screen again and keeps it in `storage.session`, so the next popup paints it
 * before opening the database (issue 13). Called after every write the worker hears of and at the daily
 * rollover. One at a time, in order: the last write's summary is the one stored.
 */
export function refreshPopupSummary(now = new Date()): Promise<void> {
  queue = queue.then(async () => {
    try {
      const screen = await readFirstScreen(workerDb(), localToday(now), browserLocale().lang);
      await browser.storage.session.set({ [SUMMARY_KEY]: screen });
    } catch {
      // No summary rather than an old one: the popup then reads the database itself.
      await Promise.resolve()
        .then(() => browser.storage.session.remove(SUMMARY_KEY))
        .catch(() => undefined);
    }
  });
  return queue;
}
