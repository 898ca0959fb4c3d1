/**
 * Reading the notebook for the preview, and writing a confirmed import: in ONE read-write transaction
 * that plans again from the database as it is inside it (an edit made between preview and confirm is
 * kept, not overwritten), writes in chunks so the page can show progress, and aborts, changing
 * nothing, when the user cancels or anything fails.
 */
import type { KontaktDb } from '../db';
import type { Contact } from '../types';
import { getSettings } from '../settings';
import { type OnboardingOptions, type OnboardingPlan, type OnboardingSnapshot, planOnboarding } from './plan';
import { ImportCancelledError, type ParsedImport } from './types';

/** Records per write between two progress reports: small enough for a smooth bar, large enough to stay fast. */
export const WRITE_CHUNK = 500;

export { ImportCancelledError };

/**
 * The part of the notebook the plan needs: the contacts under or aliased to the file's profile keys
 * (all contacts only when some person has no profile and must be matched by name and company), their
 * key dates, and which of them have a `connected` touch. Reading 5,000 people of a 20,000-contact
 * notebook then costs 5,000 lookups, not 20,000 records.
 */
async function readSnapshot(db: KontaktDb, parsed: ParsedImport, options: OnboardingOptions): Promise<OnboardingSnapshot> {
  const keys = [...new Set(parsed.people.flatMap((p) => p.profiles.map((x) => x.key)))];
  const byName = parsed.people.some((p) => p.profiles.length === 0);
  const [byKey, byAlias, all, settings] = await Promise.all([
    db.contacts.bulkGet(keys),
    db.contacts.where('aliases').anyOf(keys).toArray(),
    byName ? db.contacts.toArray() : Promise.resolve([]),
    getSettings(db),
  ]);
  const contacts = new Map<string, Contact>();
  for (const c of [...all, ...byAlias, ...byKey]) if (c) contacts.set(c.key, c);
  const found = [...contacts.keys()];
  const [keyDates, connected] = await Promise.all([
    db.keyDates.where('contactKey').anyOf(found).toArray(),
    options.logConnected && found.length > 0
      ? db.touches.filter((t) => t.channel === 'connected' && t.deletedAt === null && contacts.has(t.contactKey)).toArray()
      : Promise.resolve([]),
  ]);
  return { contacts: [...contacts.values()], keyDates, connectedKeys: new Set(connected.map((t) => t.contactKey)), settings };
}

/** The preview: what the import would do to the notebook as it is now. Writes nothing. */
export async function previewOnboarding(
  db: KontaktDb,
  parsed: ParsedImport,
  options: OnboardingOptions,
  nowMs: number,
): Promise<OnboardingPlan> {
  const snapshot = await db.transaction('r', db.contacts, db.keyDates, db.touches, db.settings, () =>
    readSnapshot(db, parsed, options),
  );
  return planOnboarding(snapshot, parsed, options, nowMs);
}

export interface ApplyControl {
  /** records written so far out of all to write */
  onProgress?: (done: number, total: number) => void;
  /** checked between chunks: true aborts the transaction */
  cancelled?: () => boolean;
}

/** Writes the import all-or-nothing and returns the plan it carried out. Throws ImportCancelledError on cancel. */
export async function applyOnboarding(
  db: KontaktDb,
  parsed: ParsedImport,
  options: OnboardingOptions,
  nowMs: number,
  control: ApplyControl = {},
): Promise<OnboardingPlan> {
  return db.transaction('rw', [db.contacts, db.keyDates, db.touches, db.settings], async () => {
    const plan = planOnboarding(await readSnapshot(db, parsed, options), parsed, options, nowMs);
    const total = plan.contactsToWrite.length + plan.keyDatesToWrite.length + plan.touchesToWrite.length;
    let done = 0;
    control.onProgress?.(0, total);
    const writeAll = async <T>(records: readonly T[], put: (chunk: T[]) => Promise<unknown>) => {
      for (let i = 0; i < records.length; i += WRITE_CHUNK) {
        if (control.cancelled?.()) throw new ImportCancelledError('Import cancelled');
        const chunk = records.slice(i, i + WRITE_CHUNK);
        await put(chunk);
        done += chunk.length;
        control.onProgress?.(done, total);
      }
    };
    await writeAll(plan.contactsToWrite, (c) => db.contacts.bulkPut(c));
    await writeAll(plan.keyDatesToWrite, (k) => db.keyDates.bulkAdd(k));
    await writeAll(plan.touchesToWrite, (t) => db.touches.bulkAdd(t));
    if (control.cancelled?.()) throw new ImportCancelledError('Import cancelled');
    return plan;
  });
}
