/**
 * "Merge with another contact" in a contact's detail (issue 10, UI-CONTRACT "Merge"): pick the other
 * contact in a searchable combobox, read in words what moves, then merge. This contact survives; the other
 * one's notes, touches, key dates and promises move here, and its profile opens this contact from then on.
 */
import { useMemo, useState } from 'preact/hooks';
import { useLocale } from '../i18n/context';
import { formatCount } from '../i18n/formatters';
import type { MergeMoves } from '../storage/merge';
import { foldName } from '../storage/name-match';
import type { Contact } from '../storage/types';

interface Props {
  contact: Contact;
  /** every live contact (this one among them is left out) */
  contacts: readonly Contact[];
  /** what merging `otherKey` into this contact would move */
  onPreview(otherKey: string): Promise<MergeMoves>;
  onMerge(otherKey: string): Promise<void>;
}

const MAX_OPTIONS = 8;

export function MergeContact({ contact, contacts, onPreview, onMerge }: Props) {
  const { t, lang } = useLocale();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [other, setOther] = useState<Contact | null>(null);
  const [moves, setMoves] = useState<MergeMoves | null>(null);
  const [busy, setBusy] = useState(false);

  const options = useMemo(() => {
    const q = foldName(query.trim());
    return contacts.filter((c) => c.key !== contact.key && (q === '' || foldName(c.name).includes(q))).slice(0, MAX_OPTIONS);
  }, [contacts, contact.key, query]);

  const choose = (c: Contact) => {
    setOther(c);
    setQuery(c.name);
    setMoves(null);
    void onPreview(c.key).then(setMoves, () => setMoves(null));
  };

  const reset = () => {
    setOpen(false);
    setQuery('');
    setOther(null);
    setMoves(null);
  };

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('mergeStart')}
      </button>
    );
  }

  const site = (c: Contact) => (c.site === 'xing' ? t('siteXing') : c.site === 'linkedin' ? t('siteLinkedIn') : '');
  const listId = `merge-options-${contact.id}`;
  const showList = other === null || other.name !== query;
  return (
    <section class="merge" aria-label={t('mergeStart')}>
      <label class="field">
        <span class="field-label">{t('mergeWithLabel')}</span>
        <input
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          value={query}
          onInput={(event) => {
            setQuery(event.currentTarget.value);
            setOther(null);
            setMoves(null);
          }}
        />
      </label>
      {showList && (
        <div id={listId} role="listbox" aria-label={t('mergeWithLabel')}>
          {options.map((c) => (
            <div
              key={c.key}
              role="option"
              aria-selected={false}
              tabIndex={0}
              onClick={() => choose(c)}
              onKeyDown={(event) => {
                if (event.key !== 'Enter' && event.key !== ' ') return;
                event.preventDefault();
                choose(c);
              }}
            >
              {c.name} ({site(c)})
            </div>
          ))}
        </div>
      )}
      {showList && options.length === 0 && <p class="hint">{t('mergeNoMatch')}</p>}
      {other && moves && (
        <p class="merge-summary">
          {t('mergeSummary', [
            other.name,
            contact.name,
            formatCount(moves.touches, lang),
            formatCount(moves.keyDates, lang),
            formatCount(moves.promises, lang),
          ])}{' '}
          {moves.notes ? t('mergeNotesKept') : ''}
        </p>
      )}
      <div class="actions">
        <button
          type="button"
          disabled={!other || !moves || busy}
          onClick={() => {
            if (!other) return;
            setBusy(true);
            void onMerge(other.key).finally(() => {
              setBusy(false);
              reset();
            });
          }}
        >
          {t('mergeConfirm')}
        </button>
        <button type="button" onClick={reset}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}
