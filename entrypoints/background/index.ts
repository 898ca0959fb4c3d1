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
    browser.runtime.onInstalled.addListener(() => void ensureBadgeAlarm());
    browser.runtime.onStartup.addListener(() => void ensureBadgeAlarm());
    // At start-up: compare the whole notebook once (an edit may have missed its note) and sync.
    browser.runtime.onStartup.addListener(() => void ensureSyncAlarm().then(() => syncAfterChange(null)));
    browser.tabs.onRemoved.addListener((tabId) => {
      void forgetTab(tabId);
      void forgetPanelFrame(tabId);
    });
    listenForTabUrls();
    void refreshBadge();
    // every wake: a reminder whose time passed while the worker or the browser was stopped fires once now
    void checkReminder();
  },
});
