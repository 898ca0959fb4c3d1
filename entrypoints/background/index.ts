import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BADGE_ALARM, dailyRollover, ensureBadgeAlarm, refreshBadge } from '../../background/badge';
import { listenForTabUrls } from '../../background/content-routes';
import { forgetPanelFrame } from '../../background/panel-relay';
import { forgetTab } from '../../background/profiles';
import { checkReminder, onReminderClicked, REMINDER_ALARM } from '../../background/reminder';
import { handleMessage } from '../../background/requests';
import { ensureSyncAlarm, runSync, SYNC_ALARM, syncAfterChange } from '../../background/sync';

export default defineBackground({
  type: 'module',
  // MV3 workers stop when idle: everything is registered synchronously here and no state lives in globals.
  main() {
    browser.runtime.onMessage.addListener(handleMessage);
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === BADGE_ALARM) void dailyRollover();
      if (alarm.name === REMINDER_ALARM) void checkReminder();
      if (alarm.name === SYNC_ALARM) void runSync();
    });
    browser.notifications.onClicked.addListener(onReminderClicked);
    // Once per browser start and per install or update, not on every wake of the worker: the badge text and
    // the popup's summary outlive a stopped worker, and the alarms wake it for the rollover and the reminder.
    // Work done on every wake would sit in front of the first panel request after an idle minute.
    const atStart = () => {
      void ensureBadgeAlarm();
      void refreshBadge();
      // a reminder whose time passed while the browser was closed fires once now
      void checkReminder();
    };
    browser.runtime.onInstalled.addListener(atStart);
    browser.runtime.onStartup.addListener(atStart);
    // At start-up: compare the whole notebook once (an edit may have missed its note) and sync.
    browser.runtime.onStartup.addListener(() => void ensureSyncAlarm().then(() => syncAfterChange(null)));
    browser.tabs.onRemoved.addListener((tabId) => {
      void forgetTab(tabId);
      void forgetPanelFrame(tabId);
    });
    listenForTabUrls();
  },
});
