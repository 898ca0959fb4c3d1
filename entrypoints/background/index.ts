import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BADGE_ALARM, ensureBadgeAlarm, refreshBadge } from '../../background/badge';
import { forgetTab } from '../../background/profiles';
import { handleMessage } from '../../background/requests';
import { ensureSyncAlarm, runSync, SYNC_ALARM, syncAfterChange } from '../../background/sync';

export default defineBackground({
  type: 'module',
  // MV3 workers stop when idle: everything is registered synchronously here and no state lives in globals.
  main() {
    browser.runtime.onMessage.addListener(handleMessage);
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === BADGE_ALARM) void refreshBadge();
      if (alarm.name === SYNC_ALARM) void runSync();
    });
    browser.runtime.onInstalled.addListener(() => void ensureBadgeAlarm());
    browser.runtime.onStartup.addListener(() => void ensureBadgeAlarm());
    // At start-up: compare the whole notebook once (an edit may have missed its note) and sync.
    browser.runtime.onStartup.addListener(() => void ensureSyncAlarm().then(() => syncAfterChange(null)));
    browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
    void refreshBadge();
  },
});
