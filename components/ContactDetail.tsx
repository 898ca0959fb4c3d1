import type { TouchInput } from '../messaging/protocol';
import type { Contact, ContactPatch, IsoDay, Touch } from '../storage/types';
import { useLocale } from '../i18n/context';
import { contactedTodayTouch } from '../storage/rules';
import { LIMITS } from '../storage/limits';
import { ContactChannels } from './ContactChannels';
import { ConnectedSince } from './ConnectedSince';
import { ContactForm } from './ContactForm';
import { ContactOccasions, type ContactOccasionsProps } from './ContactOccasions';
import { TextField } from './TextField';
import { TouchLog } from './TouchLog';

interface Props {
  contact: Contact;
  touches: readonly Touch[];
  today: IsoDay;
  onBack: () => void;
  onPatch: (patch: ContactPatch) => void;
  onLogTouch: (touch: TouchInput) => void;
  onUpdateTouch: (touch: Touch, patch: TouchInput) => void;
  onDeleteTouch: (touch: Touch) => void;
  /** key dates, promises and give-and-take */
  occasions?: ContactOccasionsProps;
}

/** One contact in the dashboard: the panel's fields plus the full touch history. */
export function ContactDetail({
  contact,
  touches,
  today,
  onBack,
  onPatch,
  onLogTouch,
  onUpdateTouch,
  onDeleteTouch,
  occasions,
}: Props) {
  const { t } = useLocale();
  return (
    <article class="detail" aria-labelledby="detail-name">
      <button type="button" class="link" onClick={onBack}>
        ← {t('backToList')}
      </button>
      <h2 id="detail-name">{contact.name || contact.key}</h2>
      {contact.profileUrl !== '' && (
        <p class="hint">
          <a href={contact.profileUrl} target="_blank" rel="noopener noreferrer">
            {t('openProfile')}
          </a>
        </p>
      )}
      <ConnectedSince day={contact.connectedOn} />
      <div class="detail-grid">
        <div>
          <TextField label={t('nameLabel')} value={contact.name} maxLength={LIMITS.name} onChange={(name) => onPatch({ name })} />
          <TextField
            label={t('headlineLabel')}
            value={contact.headline}
            maxLength={LIMITS.shortText}
            onChange={(headline) => onPatch({ headline })}
          />
          <TextField
            label={t('companyLabel')}
            value={contact.company}
            maxLength={LIMITS.shortText}
            onChange={(company) => onPatch({ company })}
          />
          <ContactChannels contact={contact} onPatch={onPatch} />
          <ContactForm
            contact={contact}
            today={today}
            onPatch={onPatch}
            onContactedToday={() => onLogTouch(contactedTodayTouch(contact, today))}
          />
        </div>
        <TouchLog
          touches={touches}
          today={today}
          defaultChannel={contact.preferredChannel || 'message'}
          onLog={onLogTouch}
          onUpdate={onUpdateTouch}
          onDelete={onDeleteTouch}
        />
      </div>
      {occasions && <ContactOccasions {...occasions} today={today} />}
    </article>
  );
}
