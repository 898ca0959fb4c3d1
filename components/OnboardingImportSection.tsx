import { useLocale } from '../i18n/context';
import type { MessageKey, Substitutions } from '../i18n/translate';
import type { OnboardingPlan } from '../storage/onboarding/plan';
import { TIERS, type Tier } from '../storage/types';
import { DETAILS_SHOWN } from './BackupSection';
import { ProgressBar } from './ProgressBar';

export interface OnboardingMessage {
  key: MessageKey;
  substitutions?: Substitutions;
}

export type OnboardingPhase =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'preview'; plan: OnboardingPlan; windows1252: boolean }
  | { kind: 'writing'; done: number; total: number };

interface Props {
  phase: OnboardingPhase;
  tier: Tier;
  logConnected: boolean;
  /** result or refusal of the last file */
  result: OnboardingMessage | null;
  error: OnboardingMessage | null;
  onChooseFile: (file: File) => void;
  onTier: (tier: Tier) => void;
  onLogConnected: (on: boolean) => void;
  onConfirm: () => void;
  onCancel: () => void;
}

function List(props: { id: string; heading: string; items: readonly string[] }) {
  const { t } = useLocale();
  if (props.items.length === 0) return null;
  const shown = props.items.slice(0, DETAILS_SHOWN);
  const more = props.items.length - shown.length;
  return (
    <>
      <h3 id={props.id}>{props.heading}</h3>
      <ul aria-labelledby={props.id}>
        {shown.map((item, i) => (
          // Names repeat (two people called Anna); the list is rebuilt whole, never reordered.
          <li key={i}>{item}</li>
        ))}
        {more > 0 && <li>{t('importMore', more)}</li>}
      </ul>
    </>
  );
}

function Preview({ plan, windows1252 }: { plan: OnboardingPlan; windows1252: boolean }) {
  const { t, lang } = useLocale();
  const list = new Intl.ListFormat(lang, { type: 'conjunction' });
  const card = plan.source === 'vcard';
  const name = (n: string) => n || t('onboardingNoName');
  return (
    <>
      <p class="ok" role="status">
        {t('onboardingPreview', [
          t(`onboardingSource_${plan.source}`),
          plan.newContacts,
          plan.updatedContacts,
          plan.unchangedContacts,
          plan.skipped.length,
          plan.duplicates.length,
          plan.keyDatesToAdd,
          plan.touchesToAdd,
        ])}
      </p>
      {windows1252 && <p class="hint">{t('onboardingEncoding')}</p>}
      <div class="import-details">
        <List
          id="onboarding-changes"
          heading={t('onboardingChangesHeading')}
          items={plan.changes.map((c) =>
            t('onboardingChange', [name(c.name), list.format(c.fields.map((f) => t(`onboardingField_${f}`)))]),
          )}
        />
        <List
          id="onboarding-skipped"
          heading={t('onboardingSkippedHeading')}
          items={plan.skipped.map((s) =>
            t(card ? 'onboardingSkippedCard' : 'onboardingSkippedLine', [s.at, name(s.name), t(`onboardingSkip_${s.reason}`)]),
          )}
        />
        <List
          id="onboarding-duplicates"
          heading={t('onboardingDuplicatesHeading')}
          items={plan.duplicates.map((d) =>
            t(card ? 'onboardingDuplicateCard' : 'onboardingDuplicateLine', [d.at, name(d.name), d.firstAt]),
          )}
        />
      </div>
    </>
  );
}

/**
 * Bringing a network in: LinkedIn's Connections.csv or vCards, a preview, the tier for new people, then
 * one click. Nothing is written before "Confirm import"; Cancel while writing leaves the notebook as it was.
 */
export function OnboardingImportSection(props: Props) {
  const { t } = useLocale();
  const { phase } = props;
  const busy = phase.kind === 'reading' || phase.kind === 'writing';
  return (
    <section id="onboarding-section" class="backup" aria-labelledby="onboarding-heading">
      <h2 id="onboarding-heading">{t('onboardingHeading')}</h2>
      <p class="hint">{t('onboardingHelp')}</p>
      <label class="field file">
        <span class="field-label">{t('onboardingFileLabel')}</span>
        <input
          type="file"
          accept=".csv,.vcf,.vcard,text/csv,text/vcard,text/x-vcard"
          disabled={busy}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            if (file) props.onChooseFile(file);
            input.value = '';
          }}
        />
      </label>
      <label class="field">
        <span class="field-label">{t('onboardingTierLabel')}</span>
        <select value={props.tier} disabled={busy} onChange={(event) => props.onTier(event.currentTarget.value as Tier)}>
          {TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {tier === 'none' ? t('onboardingTierNone') : t('onboardingTierOption', tier)}
            </option>
          ))}
        </select>
      </label>
      <label class="field checkbox">
        <input
          type="checkbox"
          checked={props.logConnected}
          disabled={busy}
          onChange={(event) => props.onLogConnected(event.currentTarget.checked)}
        />
        <span>{t('onboardingLogConnected')}</span>
      </label>
      {phase.kind === 'reading' && (
        <>
          <ProgressBar label={t('onboardingProgressLabel')} />
          <p class="hint">{t('onboardingReading')}</p>
        </>
      )}
      {phase.kind === 'writing' && <ProgressBar label={t('onboardingProgressLabel')} value={phase.done} max={phase.total} />}
      {props.error && (
        <p class="error" role="alert">
          {t(props.error.key, props.error.substitutions)}
        </p>
      )}
      {props.result && phase.kind !== 'preview' && (
        <p class="ok" role="status">
          {t(props.result.key, props.result.substitutions)}
        </p>
      )}
      {phase.kind === 'preview' && <Preview plan={phase.plan} windows1252={phase.windows1252} />}
      {(phase.kind === 'preview' || phase.kind === 'writing') && (
        <div class="actions">
          {phase.kind === 'preview' && (
            <button type="button" onClick={props.onConfirm}>
              {t('onboardingConfirm')}
            </button>
          )}
          <button type="button" class="secondary" onClick={props.onCancel}>
            {t('onboardingCancel')}
          </button>
        </div>
      )}
    </section>
  );
}
