import { browser, type Browser } from 'wxt/browser';
import {
  type ContactView,
  type ErrorResponse,
  QUOTA_EXCEEDED,
  type Request,
  type ResponseMap,
  type TabRequest,
} from '../messaging/protocol';
import { patchMovesDue } from '../messaging/changes';
import { addContact, allContacts, getContact, listTouches, logTouch, updateContact } from '../storage/contacts';
import { localToday } from '../storage/dates';
import { readGiveTake } from '../storage/give-take';
import { addKeyDate, deleteKeyDate, listKeyDates } from '../storage/key-dates';
import { addPromise, completePromise, listPromises } from '../storage/promises';
import { markNotSameAs, mergeContactsInDb, samePersonCandidate } from '../storage/merge';
import { isQuotaExceeded } from '../storage/quota';
import { getSettings } from '../storage/settings';
import { refreshBadge } from './badge';
import { refreshPopupSummary } from './popup-summary';
import { loadContentPart } from './content-parts';
import { listCard, listLocale, lookupBadges, wordBadges } from './list-lookup';
import { announceChange } from './announce';
import { workerDb } from './database';
import { BOOT_WAIT_MS, dropPrefetched, prefetchView, takePrefetched, waitForAnnouncement } from './panel-prefetch';
import { relayToPanels, rememberPanelFrame } from './panel-relay';
import { profileForToken, rememberProfile } from './profiles';
import { ensureSyncAlarm, runSync, syncAfterChange } from './sync';

/** How many touches the panel lists. */
const PANEL_TOUCHES = 5;

type Sender = Browser.runtime.MessageSender;

/** Extension pages (panel, popup, dashboard) have an extension URL; content scripts have the site's. */
function isExtensionPage(sender: Sender): boolean {
  if (sender.id !== browser.runtime.id || !sender.url) return false;
  return new URL(sender.url).protocol === new URL(browser.runtime.getURL('/')).protocol;
}

function isContentScript(sender: Sender): boolean {
  return sender.id === browser.runtime.id && sender.tab?.id !== undefined && !isExtensionPage(sender);
}

async function contactView(key: string): Promise<ContactView> {
  const db = workerDb();
  const today = localToday(new Date());
  const [contact, settings] = await Promise.all([getContact(db, key), getSettings(db)]);
  if (!contact)
    return { contact: null, touches: [], settings, today, keyDates: [], promises: [], giveTake: { gave: 0, received: 0 } };
  const [touches, keyDates, promises, { gave, received }] = await Promise.all([
    listTouches(db, contact.key, PANEL_TOUCHES),
    listKeyDates(db, contact.key),
    listPromises(db, contact.key),
    readGiveTake(db, contact.key, today),
  ]);
  const open = promises.filter((p) => p.doneAt === null);
  return { contact, touches, settings, today, keyDates, promises: open, giveTake: { gave, received } };
}

/** The stored key of the person a key-date or promise request names (an alias finds them too). */
async function storedKey(key: string): Promise<string> {
  const contact = await getContact(workerDb(), key);
  if (!contact) throw new Error(`No contact stored under key ${JSON.stringify(key)}`);
  return contact.key;
}

/**
 * A key date or promise named by id belongs to the person the request names: the panel of one profile
 * cannot delete or tick another person's records by guessing ids.
 */
async function ownedBy(table: 'keyDates' | 'promises', id: string, key: string): Promise<void> {
  const record = await workerDb()[table].get(id);
  if (!record || record.deletedAt !== null || record.contactKey !== key) {
    throw new Error(`No such ${table === 'keyDates' ? 'key date' : 'promise'} for ${JSON.stringify(key)}`);
  }
}

/**
 * After any write, from the panel or from a page that wrote itself: the badge is recounted when a due
 * date may have moved, and every open panel, popup and dashboard hears which contacts changed. This is
 * the one path a change takes to the other open views.
 */
async function changed(keys: string[] | null, dueChanged: boolean): Promise<void> {
  dropPrefetched();
  if (dueChanged) await refreshBadge();
  else void refreshPopupSummary(); // a name or a note shown on the first screen may have changed
  announceChange(keys);
  void syncAfterChange(keys);
}

async function answer(request: Request, sender: Sender): Promise<ResponseMap[Request['type']]> {
  const db = workerDb();
  const now = Date.now();
  switch (request.type) {
    case 'content/wake':
      return { ok: true };
    case 'content/load-part':
      return loadContentPart(request.part, sender);
    case 'content/list-lookup': {
      const [badges, { t }] = await Promise.all([lookupBadges(db, request.keys, localToday(new Date())), listLocale(db)]);
      return wordBadges(badges, t);
    }
    case 'content/list-card': {
      const { t, lang } = await listLocale(db);
      return { card: await listCard(db, request.key, localToday(new Date()), t, lang) };
    }
    case 'content/open-contact': {
      const contact = typeof request.key === 'string' ? await getContact(db, request.key) : undefined;
      if (!contact) return { ok: false };
      await browser.tabs.create({ url: browser.runtime.getURL(`/options.html#contact=${encodeURIComponent(contact.key)}`) });
      return { ok: true };
    }
    case 'content/profile-shown': {
      // issue 13: a panel already waiting for this announcement gets it now, without a broadcast; otherwise
      // the panel's next request finds the view ready (the record in storage follows, for a restarted worker)
      const profile = request.profile;
      const delivered =
        sender.tab?.id !== undefined && prefetchView(sender.tab.id, request.token, profile, () => contactView(profile.key), now);
      const remembered = rememberProfile(sender.tab?.id ?? -1, request.token, profile);
      if (!delivered) {
        browser.runtime.sendMessage({ type: 'bg/profile-changed', token: request.token }).catch(() => undefined);
        if (import.meta.env.FIREFOX && sender.tab?.id !== undefined) {
          void relayToPanels({ type: 'bg/profile-changed', token: request.token }, [sender.tab.id]);
        }
      }
      await remembered;
      return { ok: true, frameTitle: browser.i18n.getMessage('extName') };
    }
    case 'panel/boot': {
      if (import.meta.env.FIREFOX && sender.tab?.id !== undefined && sender.frameId !== undefined) {
        await rememberPanelFrame(sender.tab.id, sender.frameId);
      }
      const tabId = sender.tab?.id;
      if (tabId === undefined) return { profile: null };
      const early = takePrefetched(tabId, request.token, now);
      if (early) return { ...(await early.view), profile: early.profile };
      // Not announced yet (the page renders the person after the panel loaded): the answer waits for it.
      const wait = waitForAnnouncement(tabId, request.token, BOOT_WAIT_MS);
      const profile = await profileForToken(tabId, request.token);
      if (profile) {
        wait.cancel();
        return { ...(await contactView(profile.key)), profile };
      }
      const later = await wait.announced;
      return later ? { ...(await later.view), profile: later.profile } : { profile: null };
    }
    case 'panel/get-contact':
      return contactView(request.key);
    case 'panel/same-person': {
      // Only for the person of the panel's own page (its token), just as `panel/boot`.
      const profile = sender.tab?.id === undefined ? null : await profileForToken(sender.tab.id, request.token);
      const contact = profile ? await getContact(db, profile.key) : undefined;
      const candidate = contact ? samePersonCandidate(contact, await allContacts(db)) : null;
      return { candidate: candidate ? { key: candidate.key, name: candidate.name } : null };
    }
    case 'panel/same-person-answer': {
      const profile = sender.tab?.id === undefined ? null : await profileForToken(sender.tab.id, request.token);
      const contact = profile ? await getContact(db, profile.key) : undefined;
      const candidate = contact ? samePersonCandidate(contact, await allContacts(db)) : null;
      // The answer holds only for the pair that was offered.
      if (!profile || !contact || candidate?.key !== request.otherKey) return contactView(profile?.key ?? '');
      // The contact just added merges into the one the user kept before (it holds the history).
      if (request.same) await mergeContactsInDb(db, candidate.key, contact.key, localToday(new Date()), now);
      else await markNotSameAs(db, contact.key, candidate.key, now);
      await changed([contact.key, candidate.key], request.same);
      return contactView(profile.key);
    }
    case 'panel/add-contact': {
      const settings = await getSettings(db);
      const contact = await addContact(db, request.profile, settings, now);
      await changed([contact.key], true);
      return contactView(contact.key);
    }
    case 'panel/update-contact': {
      const contact = await updateContact(db, request.key, request.patch, now);
      await changed([contact.key], patchMovesDue(request.patch));
      return contactView(contact.key);
    }
    case 'panel/log-touch': {
      const { contact } = await logTouch(db, request.key, request.touch, now);
      await changed([contact.key], true);
      return contactView(contact.key);
    }
    case 'panel/add-key-date': {
      const key = await storedKey(request.key);
      await addKeyDate(db, key, request.keyDate, localToday(new Date(now)), now);
      await changed([key], true);
      return contactView(key);
    }
    case 'panel/delete-key-date': {
      const key = await storedKey(request.key);
      await ownedBy('keyDates', request.id, key);
      await deleteKeyDate(db, request.id, now);
      await changed([key], true);
      return contactView(key);
    }
    case 'panel/add-promise': {
      const key = await storedKey(request.key);
      await addPromise(db, key, request.promise, now);
      await changed([key], true);
      return contactView(key);
    }
    case 'panel/complete-promise': {
      const key = await storedKey(request.key);
      await ownedBy('promises', request.id, key);
      await completePromise(db, request.id, now);
      await changed([key], true);
      return contactView(key);
    }
    case 'panel/page-skeleton':
      return { text: await pageSkeletonOfTab(sender.tab?.id, request.token) };
    case 'page/data-changed':
      await changed(
        Array.isArray(request.keys) ? request.keys.filter((k) => typeof k === 'string') : null,
        request.dueChanged !== false,
      );
      return { ok: true };
    case 'page/sync-now':
      await ensureSyncAlarm();
      await runSync();
      return { ok: true };
  }
}

/** Relays the panel's "Help fix this page" to its own tab's top frame, where the content script builds it. */
async function pageSkeletonOfTab(tabId: number | undefined, token: string): Promise<string | null> {
  if (tabId === undefined) return null;
  const message: TabRequest = { type: 'bg/page-skeleton', token };
  const text: unknown = await browser.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => null);
  return typeof text === 'string' ? text : null;
}

/** A full disk reaches the panel by name, so it can say so. */
function describeError(error: unknown): string {
  if (isQuotaExceeded(error)) return QUOTA_EXCEEDED;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The worker's one message entry. Content scripts may only announce profiles; reading or writing notes
 * is answered only for extension pages. Returns undefined for messages that are not requests (broadcasts).
 */
export function handleMessage(
  message: unknown,
  sender: Sender,
): Promise<ResponseMap[Request['type']] | ErrorResponse> | undefined {
  if (typeof message !== 'object' || message === null || typeof (message as Request).type !== 'string') return undefined;
  const request = message as Request;
  const fromContent = request.type.startsWith('content/');
  if (!fromContent && !request.type.startsWith('panel/') && !request.type.startsWith('page/')) return undefined;
  if (fromContent ? !isContentScript(sender) : !isExtensionPage(sender)) {
    return Promise.resolve({ error: 'sender not allowed' });
  }
  return answer(request, sender).catch((error: unknown) => ({ error: describeError(error) }));
}
