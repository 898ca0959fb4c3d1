import type { JSX } from 'preact';
import type { PageProfile, TouchInput } from '../messaging/protocol';
import type { Contact, ContactPatch, IsoDay, Tier, Touch } from '../storage/types';
import { useLocale } from '../i18n/context';
import { formatList } from '../i18n/formatters';
import { LIMITS } from '../storage/limits';
import type { MessageKey } from '../i18n/translate';
import { contactedTodayTouch } from '../storage/rules';
import { ConnectedSince } from './ConnectedSince';
import { ContactForm } from './ContactForm';
import { ContactOccasions, type ContactOccasionsProps } from './ContactOccasions';
import { PersonPhoto } from './PersonPhoto';
import { PageReport } from './PageReport';
import { TextField } from './TextField';
import { TouchLog } from './TouchLog';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed' | 'diskFull';

interface Props {
  profile: PageProfile | null;
  contact: Contact | null;
  touches: readonly Touch[];
  today: IsoDay;
  collapsed: boolean;
  saveState: SaveState;
  /** a message to show instead of the form (storage unreachable, page not readable …) */
  problem: MessageKey | null;
  onToggleCollapsed: () => void;
  onAdd: () => void;
  onPatch: (patch: ContactPatch) => void;
  onLogTouch: (touch: TouchInput) => void;
  /** "Help fix this page": the page's structure, fetched from the content script on demand */
  onPageReport?: () => Promise<string | null>;
  /** key dates, promises and give-and-take of the person in the notebook */
  occasions?: ContactOccasionsProps;
}

/** the quiet autosave indicator: nothing while idle */
const SAVE_MESSAGES: Record<SaveState, MessageKey | null> = {
  idle: null,
  saving: 'saving',
  saved: 'saved',
  failed: 'saveFailed',
  // the header slot has about 310 px: a short word there, the full sentence below it
  diskFull: 'storageFullShort',
};

const TIER_KEYS: Record<string, Tier> = { '1': 'A', '2': 'B', '3': 'C', '0': 'none' };
/**
 * Page fields the user can type in when the page did not give them (name, and headline and company in
 * the form below): only these are named in the "could not read … you can type it in" hint.
 */
const TYPEABLE_FIELD_KEYS = {
  name: 'fieldName',
  headline: 'fieldHeadline',
  company: 'fieldCompany',
} as const;
type TypeableField = keyof typeof TYPEABLE_FIELD_KEYS;

function isTypeable(field: string): field is TypeableField {
  return Object.hasOwn(TYPEABLE_FIELD_KEYS, field);
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) &&
        !(target instanceof HTMLInputElement && target.type === 'radio')))
  );
}

/** The side panel on a profile page: who this is, and what the user keeps about them. */
export function ProfilePanel(props: Props) {
  const { t, lang } = useLocale();
  const { profile, contact, collapsed } = props;

  if (collapsed) {
    return (
      <section class="panel collapsed" aria-label={t('extName')}>
        <button
          type="button"
          class="expand"
          aria-label={t('expandPanel')}
          title={t('expandPanel')}
          onClick={props.onToggleCollapsed}
        >
          <span aria-hidden="true">{t('panelTabShort')}</span>
        </button>
      </section>
    );
  }

  // Keys 1/2/3/0 set the tier while the panel has focus, except while typing into a field.
  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLElement>) => {
    const tier = TIER_KEYS[event.key];
    if (!contact || !tier || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    event.preventDefault();
    props.onPatch({ tier });
  };

  const name = contact?.name || profile?.name || '';
  const headline = contact?.headline || profile?.headline || '';
  const company = contact?.company || profile?.company || '';
  const location = contact?.location || profile?.location || '';
  const photoUrl = contact?.photoUrl || profile?.photoUrl || null;
  const missing = profile?.missing ?? [];
  const typeable = missing.filter(isTypeable);
  const saveMessage = SAVE_MESSAGES[props.saveState];

  return (
    // tabIndex -1: a click on the panel's text focuses it, so the tier keys work without a control focused.
    <section class="panel" aria-label={t('extName')} tabIndex={-1} onKeyDown={onKeyDown}>
      <header class="panel-header">
        <span class="brand">{t('extName')}</span>
        <span class={`save-state ${props.saveState}`} role="status" aria-live="polite">
          {saveMessage ? t(saveMessage) : ''}
        </span>
        <button
          type="button"
          class="icon"
          aria-label={t('collapsePanel')}
          title={t('collapsePanel')}
          onClick={props.onToggleCollapsed}
        >
          <span aria-hidden="true">›</span>
        </button>
      </header>
      {props.saveState === 'diskFull' && (
        <p class="problem" role="alert">
          {t('storageFull')}
        </p>
      )}
      {props.problem ? (
        <p class="problem" role="alert">
          {t(props.problem)}
        </p>
      ) : (
        <div class="panel-body">
          <div class="person">
            <PersonPhoto url={photoUrl} />
            {contact ? (
              <TextField
                label={t('nameLabel')}
                value={contact.name}
                maxLength={LIMITS.name}
                onChange={(value) => props.onPatch({ name: value })}
              />
            ) : (
              <p class="person-name">{name || t('unknownName')}</p>
            )}
            {headline && <p class="person-headline">{headline}</p>}
            {company && <p class="person-company">{company}</p>}
            {location && <p class="person-location">{location}</p>}
            <ConnectedSince day={contact?.connectedOn ?? null} />
          </div>
          {typeable.length > 0 && (
            <p class="hint">
              {t(
                'couldNotRead',
                formatList(
                  typeable.map((field) => t(TYPEABLE_FIELD_KEYS[field])),
                  lang,
                ),
              )}
            </p>
          )}
          {props.onPageReport && (missing.includes('name') || (contact && profile?.name && contact.name !== profile.name)) && (
            <PageReport onRequest={props.onPageReport} />
          )}
          {contact ? (
            <>
              <ContactForm
                contact={contact}
                today={props.today}
                onPatch={props.onPatch}
                onContactedToday={() => props.onLogTouch(contactedTodayTouch(contact, props.today))}
                editableProfileFields={(['headline', 'company'] as const).filter((field) => missing.includes(field))}
              />
              <TouchLog
                touches={props.touches}
                today={props.today}
                defaultChannel={contact.preferredChannel || 'message'}
                onLog={props.onLogTouch}
              />
              {props.occasions && <ContactOccasions {...props.occasions} today={props.today} />}
            </>
          ) : (
            <div class="add">
              <p>{t('notInNetwork')}</p>
              <button type="button" onClick={props.onAdd}>
                {t('addToNetwork')}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
