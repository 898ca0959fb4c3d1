import { useLocale } from '../i18n/context';
import type { FieldProblem } from './occasion-words';

/**
 * The attributes that tie a control to its message: invalid while there is a problem, described by the
 * message (and by a standing hint, when the field has one).
 */
export function fieldErrorProps(errorId: string, problem: FieldProblem | undefined, hintId?: string) {
  const described = [problem ? `${errorId}-error` : null, hintId ?? null].filter(Boolean).join(' ');
  return {
    'aria-invalid': problem ? ('true' as const) : undefined,
    'aria-describedby': described || undefined,
  };
}

/** The message under a form field; its id is what `fieldErrorProps` points the field at. */
export function FieldError({ id, problem }: { id: string; problem: FieldProblem | undefined }) {
  const { t } = useLocale();
  if (!problem) return null;
  return (
    <span class="field-error" id={`${id}-error`} role="alert">
      {t(problem.key, problem.substitutions)}
    </span>
  );
}
