/**
 * The one message protocol between the extension's contexts. Names say who sends: `content/…` from the
 * content script on LinkedIn/XING, `panel/…` from the panel iframe (or any extension page), `bg/…` from
 * the background worker. The background answers `panel/…` only for senders whose URL is an extension
 * page, and `content/…` only for a content script in a tab (see entrypoints/background).
 */
import type { ListCard, ListLookupAnswer } from '../background/list-lookup';
import type { ContentPart } from '../sites/matches';
import type { ProfileUrlInfo, ScrapedFields } from '../sites/types';
import type {
  Channel,
  Contact,
  ContactPatch,
  Direction,
  IsoDay,
  KeyDateInput,
  KeyDateItem,
  PromiseInput,
  PromiseItem,
  Settings,
  Touch,
} from '../storage/types';

/** The person a tab shows, as the content script read it: URL identity plus page fields. */
export interface PageProfile extends ProfileUrlInfo, ScrapedFields {
  /** field names the page did not give (`name`, `headline`, …), so the panel can say so */
  missing: Array<'name' | 'headline' | 'company' | 'location' | 'photoUrl'>;
}

export interface TouchInput {
  date: IsoDay;
  channel: Channel;
  direction: Direction;
  note: string;
}

/** What the panel needs to render one person. */
export interface ContactView {
  contact: Contact | null;
  touches: Touch[];
  settings: Settings;
  /** `YYYY-MM-DD` as the background worker saw it, so panel and worker agree on "today" */
  today: IsoDay;
  /** the person's key dates (no tombstones) */
  keyDates: KeyDateItem[];
  /** the person's open promises, both ways */
  promises: PromiseItem[];
  /** touches marked "gave" / "received" in the last 12 months */
  giveTake: { gave: number; received: number };
}

/** null profile: the page has not announced its person yet (`bg/profile-changed` follows when it does) */
export type PanelBoot = (ContactView & { profile: PageProfile }) | { profile: null };

export type Request =
  | { type: 'content/wake' }
  | { type: 'content/profile-shown'; token: string; profile: PageProfile }
  /** the router asks for a part of the content script in its own frame (issue 13; see sites/matches.ts) */
  | { type: 'content/load-part'; part: ContentPart }
  /** list badges (issue 10): tier and due of the people a list shows, one message per batch of new entries */
  | { type: 'content/list-lookup'; keys: string[] }
  /** list badges: the hover card of one person, asked only when the user points at the badge */
  | { type: 'content/list-card'; key: string }
  /** list badges: a click on the card opens the dashboard's detail of that person */
  | { type: 'content/open-contact'; key: string }
  | { type: 'panel/boot'; token: string }
  | { type: 'panel/get-contact'; key: string }
  | { type: 'panel/add-contact'; profile: PageProfile }
  | { type: 'panel/update-contact'; key: string; patch: ContactPatch }
  | { type: 'panel/log-touch'; key: string; touch: TouchInput }
  // Occasions and promises (issue 9): each answers with the person's fresh ContactView.
  | { type: 'panel/add-key-date'; key: string; keyDate: KeyDateInput }
  | { type: 'panel/delete-key-date'; key: string; id: string }
  | { type: 'panel/add-promise'; key: string; promise: PromiseInput }
  | { type: 'panel/complete-promise'; key: string; id: string }
  /** issue 10: right after adding, a contact of the other site with the same name, for the panel's own profile (`token`) */
  | { type: 'panel/same-person'; token: string }
  /** issue 10: the user's answer to "Same person as …?": merge, or never ask again for this pair */
  | { type: 'panel/same-person-answer'; token: string; otherKey: string; same: boolean }
  /** "Help fix this page": the worker asks the panel's tab for the page's structure (`TabRequest`) */
  | { type: 'panel/page-skeleton'; token: string }
  /**
   * From an extension page that wrote the database itself (popup, dashboard): which contacts changed
   * (absent: any of them, e.g. after an import) and whether a due date may have moved (absent: yes).
   * The worker recounts the badge only then, and tells every open panel, popup and dashboard.
   */
  | { type: 'page/data-changed'; keys?: string[]; dueChanged?: boolean }
  // Sync (issue 14)
  /** From the dashboard after connecting, and for "Sync now": (re)start the sync alarm and run a round now. */
  | { type: 'page/sync-now' };

/** From the worker to the content script of one tab; answered only for the panel it mounted (`token`). */
export type TabRequest =
  | { type: 'bg/page-skeleton'; token: string }
  /** to the list badges in every LinkedIn/XING tab: the notebook changed, ask again (names nobody; issue 10) */
  | { type: 'bg/lists-stale' };

export type Broadcast =
  /**
   * to every extension page (panels, popups, dashboards): these contacts changed, wherever the change was
   * made; `keys` null: any contact may have changed (an import, new settings)
   */
  | { type: 'bg/contact-changed'; keys: string[] | null }
  /** to the panel whose URL carries `token`: its page shows a person now, or another one (single-page navigation) */
  | { type: 'bg/profile-changed'; token: string };

export interface ResponseMap {
  'content/wake': { ok: true };
  /** `frameTitle`: the panel iframe's accessible name, localized by the worker (i18n in a page's frame costs a synchronous IPC) */
  'content/profile-shown': { ok: true; frameTitle: string };
  /** ok false: not a part of this frame's site, or the injection failed */
  'content/load-part': { ok: boolean };
  /** one per key asked, in order (null: not in the notebook), worded in the extension's language */
  'content/list-lookup': ListLookupAnswer;
  'content/list-card': { card: ListCard | null };
  'content/open-contact': { ok: boolean };
  'panel/boot': PanelBoot;
  'panel/get-contact': ContactView;
  'panel/add-contact': ContactView;
  'panel/same-person': { candidate: { key: string; name: string } | null };
  'panel/same-person-answer': ContactView;
  'panel/update-contact': ContactView;
  'panel/log-touch': ContactView;
  'panel/add-key-date': ContactView;
  'panel/delete-key-date': ContactView;
  'panel/add-promise': ContactView;
  'panel/complete-promise': ContactView;
  /** null: the tab's page shows no profile any more, or the content script did not answer */
  'panel/page-skeleton': { text: string | null };
  'page/data-changed': { ok: true };
  // Sync (issue 14)
  'page/sync-now': { ok: true };
}

export type ErrorResponse = { error: string };

/** `error` of a write refused because the disk is full */
export const QUOTA_EXCEEDED = 'QuotaExceededError';

export type RequestOf<T extends Request['type']> = Extract<Request, { type: T }>;

export function isErrorResponse(value: unknown): value is ErrorResponse {
  return typeof value === 'object' && value !== null && typeof (value as ErrorResponse).error === 'string';
}
