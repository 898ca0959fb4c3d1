import type { ContactPatch } from '../storage/types';

/** Fields whose change can move a contact's due date, and with it the badge's count. */
const DUE_FIELDS: ReadonlyArray<keyof ContactPatch> = ['tier', 'lastContactAt', 'snoozedUntil'];

/** Whether an edit can change who is due: typing a note cannot, so it costs no badge recount. */
export function patchMovesDue(patch: ContactPatch): boolean {
  return DUE_FIELDS.some((field) => patch[field] !== undefined);
}
