import { useLocale } from '../i18n/context';
import type { MessageKey } from '../i18n/translate';

/** "Marked Anna as contacted. Undo" for a few seconds after a one-click action. */
export function UndoBar({ message, name, onUndo }: { message: MessageKey; name: string; onUndo: () => void }) {
  const { t } = useLocale();
  return (
    <div class="undo-bar">
      <span aria-live="polite">{t(message, name)}</span>
      <button type="button" class="link" onClick={onUndo}>
        {t('undo')}
      </button>
    </div>
  );
}
