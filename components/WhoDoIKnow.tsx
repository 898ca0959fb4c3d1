import { useMemo, useState } from 'preact/hooks';
import { useLocale } from '../i18n/context';
import { formatDue } from '../i18n/relative';
import { nameMatcher, type NameCheck } from '../storage/name-match';
import { dueState } from '../storage/rules';
import type { Contact, IsoDay } from '../storage/types';

interface Props {
  contacts: readonly Contact[];
  today: IsoDay;
  onOpen: (key: string) => void;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

/**
 * "Who do I know here?": the user pastes any list of names and sees whom the notebook knows. The pasted
 * text lives only in this component's state: it is never written anywhere.
 */
export function WhoDoIKnow({ contacts, today, onOpen }: Props) {
  const { t, lang } = useLocale();
  const [text, setText] = useState('');
  const [result, setResult] = useState<NameCheck<Contact> | null>(null);
  const match = useMemo(() => nameMatcher(contacts), [contacts]);

  const tierWords = (contact: Contact) => (contact.tier === 'none' ? t('whoTierNone') : t('whoTier', contact.tier));
  const person = (contact: Contact) => (
    <button type="button" class="link" onClick={() => onOpen(contact.key)}>
      {contact.name || contact.key}
    </button>
  );

  return (
    <section id="who-section" aria-labelledby="who-heading">
      <h2 id="who-heading">{t('whoHeading')}</h2>
      <p class="hint">{t('whoHint')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setResult(match(text));
        }}
      >
        <label class="field">
          <span class="field-label">{t('whoNamesLabel')}</span>
          <textarea rows={8} value={text} onInput={(event) => setText(event.currentTarget.value)} />
        </label>
        <button type="submit">{t('whoCheck')}</button>
      </form>
      {result && (
        <div class="who-results">
          <p role="status">{t('whoSummary', [result.known.length, result.possible.length, result.unknown.length])}</p>
          <h3 id="who-known">{t('whoKnown')}</h3>
          <ul aria-labelledby="who-known">
            {result.known.map(({ input, contact }) => (
              <li key={`${input}|${contact.key}`}>
                {person(contact)} <span class="who-tier">{tierWords(contact)}</span>
                {' · '}
                <span>{t('whoNextTouch', formatDue(dueState(contact.nextDueAt, today), t, lang))}</span>
                {firstLine(contact.notes) && <span class="who-note"> · {firstLine(contact.notes)}</span>}
              </li>
            ))}
          </ul>
          <h3 id="who-possible">{t('whoPossible')}</h3>
          <ul aria-labelledby="who-possible">
            {result.possible.map(({ input, contacts: options }) => (
              <li key={input}>
                {t('whoMaybe', input)}{' '}
                {options.map((contact, i) => (
                  <span key={contact.key}>
                    {i > 0 && ', '}
                    {person(contact)} ({tierWords(contact)})
                  </span>
                ))}
              </li>
            ))}
          </ul>
          <h3 id="who-unknown">{t('whoUnknown')}</h3>
          <ul aria-labelledby="who-unknown">
            {result.unknown.map((input) => (
              <li key={input}>{input}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
