/**
 * Records of schema v1 (release 0.1.0) as schema v2 records. The one migration, used by the database
 * upgrade (`db.ts`) and by the import of a version-1 backup (`backup/migrate.ts`), so an upgraded
 * notebook and a restored one hold the same fields. Pure apart from `newId`, which the caller passes
 * (a random UUID in the app; tests pass a counter).
 */
import { DEFAULT_SETTINGS, type Contact, type Settings, type Touch } from './types';

/** What 0.1.0 stored. Fields of v2 that v1 lacked are optional here so a v2 record passes through unchanged. */
export type ContactV1 = Omit<Contact, 'id' | 'connectedOn' | 'email' | 'phone' | 'notSameAs' | 'deletedAt'> &
  Partial<Pick<Contact, 'id' | 'connectedOn' | 'email' | 'phone' | 'notSameAs' | 'deletedAt'>>;
export type TouchV1 = Omit<Touch, 'updatedAt' | 'deletedAt'> & Partial<Pick<Touch, 'updatedAt' | 'deletedAt'>>;
export type SettingsV1 = Pick<Settings, 'id' | 'cadenceDays' | 'firstFollowUpDays' | 'language'> & Partial<Settings>;

export const randomId = (): string => crypto.randomUUID();

/** Every v1 field kept as it was; a field v2 adds gets its "unknown" value. Fields already there stay. */
export function contactToV2<C extends ContactV1>(c: C, newId: () => string = randomId): C & Contact {
  return {
    ...c,
    id: c.id ?? newId(),
    connectedOn: c.connectedOn ?? null,
    email: c.email ?? '',
    phone: c.phone ?? '',
    notSameAs: c.notSameAs ?? [],
    deletedAt: c.deletedAt ?? null,
  };
}

/** A v1 touch was never edited in a way 0.1.0 recorded, so its last change is its creation. */
export function touchToV2<T extends TouchV1>(t: T): T & Touch {
  return { ...t, updatedAt: t.updatedAt ?? t.createdAt, deletedAt: t.deletedAt ?? null };
}

/** The v1 settings with the defaults of every setting v2 adds. */
export function settingsToV2(s: SettingsV1): Settings {
  const d = DEFAULT_SETTINGS;
  return {
    ...s,
    id: 'main',
    cadenceDays: { ...s.cadenceDays },
    firstFollowUpDays: s.firstFollowUpDays,
    language: s.language,
    leadDays: s.leadDays ? { ...s.leadDays } : { ...d.leadDays },
    feb29: s.feb29 ?? d.feb29,
    icsFollowUps: s.icsFollowUps ?? d.icsFollowUps,
    reminderDay: s.reminderDay ?? d.reminderDay,
    reminderTime: s.reminderTime ?? d.reminderTime,
    reviewDoneDays: s.reviewDoneDays ? [...s.reviewDoneDays] : [],
    updatedAt: s.updatedAt ?? d.updatedAt,
  };
}
