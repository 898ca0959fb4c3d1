/**
 * Tells every open view that contacts changed: the panel, popup and dashboard through the broadcast (and,
 * in Firefox, the panel frames that do not hear it), the list badges by a nudge that names nobody. The
 * one way a change leaves the worker, whether it came from a view or from sync.
 */
import { browser } from 'wxt/browser';
import type { Broadcast } from '../messaging/protocol';
import { nudgeListPages } from './list-refresh';
import { relayToPanels } from './panel-relay';

export function announceChange(keys: string[] | null): void {
  const broadcast: Broadcast = { type: 'bg/contact-changed', keys };
  browser.runtime.sendMessage(broadcast).catch(() => undefined);
  if (import.meta.env.FIREFOX) void relayToPanels(broadcast); // see background/panel-relay.ts
  void nudgeListPages(); // list badges follow (issue 10)
}
