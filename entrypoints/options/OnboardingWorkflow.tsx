import { useRef, useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n/translate';
import { type OnboardingMessage, OnboardingImportSection, type OnboardingPhase } from '../../components/OnboardingImportSection';
import type { KontaktDb } from '../../storage/db';
import type { OnboardingOptions } from '../../storage/onboarding/plan';
import { ImportCancelledError, type ImportFileError, type ParsedImport } from '../../storage/onboarding/types';
import type { Tier } from '../../storage/types';
import { describeWriteError } from './backup-io';

interface Props {
  db: KontaktDb;
  /** after an import wrote something: the dashboard reloads its data (once) */
  onImported: () => Promise<void>;
}

/** The parsers and their libraries (papaparse, ical.js) load when a file is chosen, not with the dashboard. */
const loadOnboarding = () => Promise.all([import('../../storage/onboarding/parse'), import('../../storage/onboarding/apply')]);

function fileError(error: ImportFileError): OnboardingMessage {
  return { key: `onboardingError_${error.code}` as MessageKey, substitutions: error.detail ?? '' };
}

/** State of the onboarding import: the chosen file's people, the preview, the running write. */
export function OnboardingWorkflow({ db, onImported }: Props) {
  const [phase, setPhase] = useState<OnboardingPhase>({ kind: 'idle' });
  const [options, setOptions] = useState<OnboardingOptions>({ tier: 'none', logConnected: false });
  const [result, setResult] = useState<OnboardingMessage | null>(null);
  const [error, setError] = useState<OnboardingMessage | null>(null);
  const parsed = useRef<{ people: ParsedImport; windows1252: boolean } | null>(null);
  const cancelled = useRef(false);

  const showPreview = async (next: OnboardingOptions) => {
    const file = parsed.current;
    if (!file) return;
    const [, { previewOnboarding }] = await loadOnboarding();
    const plan = await previewOnboarding(db, file.people, next, Date.now());
    setPhase({ kind: 'preview', plan, windows1252: file.windows1252 });
  };

  const fail = (message: OnboardingMessage) => {
    parsed.current = null;
    setError(message);
    setPhase({ kind: 'idle' });
  };

  const onChooseFile = (file: File) =>
    void (async () => {
      parsed.current = null;
      setResult(null);
      setError(null);
      setPhase({ kind: 'reading' });
      try {
        const [{ checkImportSize, parseImportBytes }] = await loadOnboarding();
        // Refused from its size alone: a 60 MB file is never read into memory.
        const tooLarge = checkImportSize(file.size);
        if (tooLarge) return fail(fileError(tooLarge));
        const outcome = parseImportBytes(new Uint8Array(await file.arrayBuffer()));
        if (!outcome.ok) return fail(fileError(outcome.error));
        parsed.current = { people: outcome.parsed, windows1252: outcome.encoding === 'windows-1252' };
        await showPreview(options);
      } catch (e) {
        fail({ key: 'onboardingError_write', substitutions: String(e) });
      }
    })();

  const changeOptions = (next: OnboardingOptions) => {
    setOptions(next);
    if (phase.kind === 'preview')
      void showPreview(next).catch((e) => fail({ key: 'onboardingError_write', substitutions: String(e) }));
  };

  const onConfirm = () =>
    void (async () => {
      const file = parsed.current;
      if (!file) return;
      cancelled.current = false;
      setPhase({ kind: 'writing', done: 0, total: 0 });
      try {
        const [, { applyOnboarding }] = await loadOnboarding();
        const done = await applyOnboarding(db, file.people, options, Date.now(), {
          onProgress: (n, total) => setPhase({ kind: 'writing', done: n, total }),
          cancelled: () => cancelled.current,
        });
        parsed.current = null;
        setPhase({ kind: 'idle' });
        setResult({
          key: 'onboardingDone',
          substitutions: [done.newContacts, done.updatedContacts, done.keyDatesToAdd, done.touchesToAdd],
        });
        await onImported();
      } catch (e) {
        if (e instanceof ImportCancelledError) {
          parsed.current = null;
          setPhase({ kind: 'idle' });
          setResult({ key: 'onboardingCancelled' });
          return;
        }
        const key = describeWriteError(e);
        fail(key === 'storageFull' ? { key } : { key: 'onboardingError_write', substitutions: String(e) });
      }
    })();

  const onCancel = () => {
    if (phase.kind === 'writing') {
      // The transaction aborts at its next chunk; the catch above reports it.
      cancelled.current = true;
      return;
    }
    parsed.current = null;
    setPhase({ kind: 'idle' });
    setResult({ key: 'onboardingCancelled' });
  };

  return (
    <OnboardingImportSection
      phase={phase}
      tier={options.tier}
      logConnected={options.logConnected}
      result={result}
      error={error}
      onChooseFile={onChooseFile}
      onTier={(tier: Tier) => changeOptions({ ...options, tier })}
      onLogConnected={(logConnected) => changeOptions({ ...options, logConnected })}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
