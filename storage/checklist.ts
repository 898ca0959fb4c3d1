/** What the popup shows: the due lists with each person's latest touch, and what it needs for undo. */
import Dexie from 'dexie';
import { addDays, dayStartMs } from './dates';
import type { KontaktDb } from './db';
import { listDue } from './due';
import type { Contact, IsoDay, Touch } from './types';
import { NEVER_DUE } from './types';

export interface ChecklistRow {
  contact: Contact;
  lastTouch: Touch | null;
}

export interface Checklist {
  due: ChecklistRow[];
  upcoming: ChecklistRow[];
  /** whether the notebook holds anyone at all (for the "how to start" empty state) */
  hasContacts: boolean;
  /** the next due date after the lists, for "all caught up until …" */
  nextDueAfter: number | null;
}

async function latestTouch(db: KontaktDb, key: string): Promise<Touch | null> {
  const touch = await db.touches.where('[contactKey+date]').between([key, Dexie.minKey], [key, Dexie.maxKey]).last();
  return touch ?? null;
}

export async function loadChecklist(db: KontaktDb, today: IsoDay, horizonDays = 7): Promise<Checklist> {
  const { due, upcoming } = await listDue(db, today, horizonDays);
  const withTouch = (contacts: Contact[]) =>
    Promise.all(contacts.map(async (contact) => ({ contact, lastTouch: await latestTouch(db, contact.key) })));
  const horizonEnd = dayStartMs(addDays(today, horizonDays));
  const [dueRows, upcomingRows, later, count] = await Promise.all([
    withTouch(due),
    withTouch(upcoming),
    db.contacts.where('nextDueAt').between(horizonEnd, NEVER_DUE, false, false).first(),
    db.contacts.limit(1).count(),
  ]);
  return { due: dueRows, upcoming: upcomingRows, hasContacts: count > 0, nextDueAfter: later?.nextDueAt ?? null };
}

/**
 * Undo of a popup action ("contacted today", snooze): restores only the dates that action moved, so an
 * edit made meanwhile elsewhere (notes in a panel) survives, and removes the touch it logged.
 */
export async function undoAction(db: KontaktDb, before: Contact, loggedTouchId: string | null): Promise<void> {
  await db.transaction('rw', db.contacts, db.touches, async () => {
    await db.contacts.update(before.key, {
      lastContactAt: before.lastContactAt,
      snoozedUntil: before.snoozedUntil,
      nextDueAt: before.nextDueAt,
    });
    if (loggedTouchId) await db.touches.delete(loggedTouchId);
  });
}
