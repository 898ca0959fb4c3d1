import { useLocale } from '../i18n/context';
import type { MessageKey } from '../i18n/translate';
import { DETAILS_SHOWN } from './BackupSection';

export interface NamedPerson {
  key: string;
  name: string;
}

interface Props {
  /** people who only received from the user */
  takers: readonly NamedPerson[];
  /** people who only gave to the user */
  givers: readonly NamedPerson[];
  onOpen: (key: string) => void;
}

function PeopleList({
  heading,
  people,
  onOpen,
}: {
  heading: MessageKey;
  people: readonly NamedPerson[];
  onOpen: (key: string) => void;
}) {
  const { t } = useLocale();
  const shown = people.slice(0, DETAILS_SHOWN);
  const more = people.length - shown.length;
  return (
    <div class="give-take-list">
      <h3>{t(heading)}</h3>
      {people.length === 0 ? (
        <p class="hint">{t('giveTakeListsEmpty')}</p>
      ) : (
        <ul aria-label={t(heading)}>
          {shown.map((person) => (
            <li key={person.key}>
              <a
                href={`#contact=${encodeURIComponent(person.key)}`}
                onClick={(event) => {
                  event.preventDefault();
                  onOpen(person.key);
                }}
              >
                {person.name || person.key}
              </a>
            </li>
          ))}
          {more > 0 && <li class="hint">{t('importMore', more)}</li>}
        </ul>
      )}
    </div>
  );
}

/** Who only received from the user, and who only gave, over the last 12 months: whom to give to, whom to thank. */
export function GiveTakeLists({ takers, givers, onOpen }: Props) {
  const { t } = useLocale();
  return (
    <section id="give-take-section" aria-labelledby="give-take-heading">
      <h2 id="give-take-heading">{t('giveTakeListsHeading')}</h2>
      <div class="give-take-lists">
        <PeopleList heading="onlyReceivedHeading" people={takers} onOpen={onOpen} />
        <PeopleList heading="onlyGaveHeading" people={givers} onOpen={onOpen} />
      </div>
    </section>
  );
}
