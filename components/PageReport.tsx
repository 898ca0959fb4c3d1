import { useState } from 'preact/hooks';
import { useLocale } from '../i18n/context';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; text: string; copied: boolean } | { kind: 'failed' };

/**
 * Copies text from the panel. Measured in Chromium 156 (headless, e2e): inside linkedin.com the async
 * clipboard is refused to this extension iframe by permissions policy, also with `allow="clipboard-write"`
 * on the iframe; `execCommand('copy')` within the click's user activation works, also after the round trip
 * to the content script. The async API stays first for browsers that allow it. Both may fail: the caller
 * then shows the text for copying by hand.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // fall through: policy or focus refused the async clipboard
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

interface Props {
  /** the page's structural skeleton, built by the content script on request; null when the page did not answer */
  onRequest: () => Promise<string | null>;
  copy?: (text: string) => Promise<boolean>;
}

/**
 * "Help fix this page": copies a skeleton of the page (structure only) for the user to e-mail us, and
 * always shows it in a read-only field too, so they see what they would send and can copy it by hand.
 */
export function PageReport({ onRequest, copy = copyText }: Props) {
  const { t } = useLocale();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const onClick = async () => {
    setState({ kind: 'busy' });
    const text = await onRequest().catch(() => null);
    if (!text) {
      setState({ kind: 'failed' });
      return;
    }
    setState({ kind: 'done', text, copied: await copy(text) });
  };

  return (
    <div class="page-report">
      <button type="button" class="secondary" disabled={state.kind === 'busy'} onClick={onClick}>
        {t('pageReportButton')}
      </button>
      <p class="hint" role="status">
        {state.kind === 'done' ? t(state.copied ? 'pageReportCopied' : 'pageReportCopyByHand') : ''}
        {state.kind === 'failed' ? t('pageReportFailed') : ''}
      </p>
      {state.kind === 'done' && (
        <label class="field">
          <span class="field-label">{t('pageReportFieldLabel')}</span>
          <textarea
            readOnly
            rows={4}
            value={state.text}
            onFocus={(event) => (event.currentTarget as HTMLTextAreaElement).select()}
          />
        </label>
      )}
    </div>
  );
}
