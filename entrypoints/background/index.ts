import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BADGE_ALARM, ensureBadgeAlarm, refreshBadge } from '../../background/badge';
import { listenForTabUrls } from '../../background/content-routes';
import { forgetTab } from '../../background/profiles';
import { handleMessage } from '../../background/requests';

export default defineBackground({
  type: 'module',
  // MV3 workers stop when idle: everything is registered synchronously here and no state lives in globals.
  main() {
    browser.runtime.onMessage.addListener(handleMessage);
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === BADGE_ALARM) void refreshBadge();
    });
    browser.runtime.onInstalled.addListener(() => void ensureBadgeAlarm());
    browser.runtime.onStartup.addListener(() => void ensureBadgeAlarm());
    browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
    listenForTabUrls();
    void refreshBadge();
  },
});
