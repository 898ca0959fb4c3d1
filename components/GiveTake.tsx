import { useLocale } from '../i18n/context';
import { giveTakeWords } from './occasion-words';

/** The give-and-take balance in words the user can act on: "You gave 4 times, received once". */
export function GiveTake({ gave, received }: { gave: number; received: number }) {
  const { t } = useLocale();
  return (
    <p class="give-take" role="status" aria-label={t('giveTakeHeading')}>
      {giveTakeWords(gave, received, t)}
    </p>
  );
}
