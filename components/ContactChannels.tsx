import { useLocale } from '../i18n/context';
import { LIMITS } from '../storage/limits';
import type { Contact, ContactPatch } from '../storage/types';
import { TextField } from './TextField';

/** E-mail and phone (from a vCard or typed in): the person's own addresses, kept beside the notes. */
export function ContactChannels({ contact, onPatch }: { contact: Contact; onPatch: (patch: ContactPatch) => void }) {
  const { t } = useLocale();
  return (
    <>
      <TextField
        label={t('contactEmailLabel')}
        value={contact.email}
        maxLength={LIMITS.email}
        onChange={(email) => onPatch({ email })}
      />
      <TextField
        label={t('contactPhoneLabel')}
        value={contact.phone}
        maxLength={LIMITS.phone}
        onChange={(phone) => onPatch({ phone })}
      />
    </>
  );
}
