import { LIMITS } from '../storage/limits';
import type { Contact, ContactPatch, IsoDay } from '../storage/types';
import { useLocale } from '../i18n/context';
import { ChannelSelect } from './ChannelSelect';
import { NextTouch } from './NextTouch';
import { TextField } from './TextField';
import { TierPicker } from './TierPicker';

interface Props {
  contact: Contact;
  today: IsoDay;
  onPatch: (patch: ContactPatch) => void;
  /** logs a touch for today with the preferred channel */
  onContactedToday: () => void;
  /** page fields that could not be read: offered for typing */
  editableProfileFields?: ReadonlyArray<'headline' | 'company'>;
}

/** The fields a user keeps about one person; shared by the profile panel and the dashboard's detail view. */
export function ContactForm({ contact, today, onPatch, onContactedToday, editableProfileFields = [] }: Props) {
  const { t } = useLocale();
  return (
    <div class="contact-form">
      <TierPicker name={`tier-${contact.key}`} value={contact.tier} onChange={(tier) => onPatch({ tier })} />
      <NextTouch nextDueAt={contact.nextDueAt} today={today} />
      <div class="last-contact">
        <label class="field">
          <span class="field-label">{t('lastContactLabel')}</span>
          <input
            type="date"
            value={contact.lastContactAt ?? ''}
            max={today}
            onChange={(event) => onPatch({ lastContactAt: event.currentTarget.value || null })}
          />
        </label>
        <button type="button" class="secondary" onClick={onContactedToday}>
          {t('contactedToday')}
        </button>
      </div>
      <TextField
        label={t('notesLabel')}
        value={contact.notes}
        multiline
        maxLength={LIMITS.notes}
        onChange={(notes) => onPatch({ notes })}
      />
      <TextField
        label={t('howWeMetLabel')}
        value={contact.howWeMet}
        maxLength={LIMITS.howWeMet}
        onChange={(howWeMet) => onPatch({ howWeMet })}
      />
      <ChannelSelect
        label={t('preferredChannelLabel')}
        value={contact.preferredChannel}
        allowEmpty
        onChange={(preferredChannel) => onPatch({ preferredChannel })}
      />
      {editableProfileFields.includes('headline') && (
        <TextField
          label={t('headlineLabel')}
          value={contact.headline}
          maxLength={LIMITS.shortText}
          onChange={(headline) => onPatch({ headline })}
        />
      )}
      {editableProfileFields.includes('company') && (
        <TextField
          label={t('companyLabel')}
          value={contact.company}
          maxLength={LIMITS.shortText}
          onChange={(company) => onPatch({ company })}
        />
      )}
    </div>
  );
}
