/**
 * Which local tables sync, and how their fields merge (see crdt.ts). Fields not named here are
 * last-writer-wins registers, so a field a later schema adds syncs without a change here. Schema v2
 * keeps tombstones (`deletedAt`) in every table but settings.
 */
import type { TableShape } from './crdt';

export const CONTACTS: TableShape = {
  table: 'contacts',
  idField: 'key',
  mvFields: ['notes', 'howWeMet'],
  setFields: ['aliases', 'notSameAs'],
  derivedFields: ['nextDueAt'],
  hasDeletedAt: true,
};

export const TOUCHES: TableShape = {
  table: 'touches',
  idField: 'id',
  mvFields: ['note'],
  setFields: [],
  derivedFields: [],
  hasDeletedAt: true,
};

/**
 * `nextOccurrenceAt` syncs as written (every reader recomputes a stale one, docs/schema-v2.md);
 * `openDueAt` is computed locally, since it must be absent, not null, when the promise is not open.
 */
export const KEY_DATES: TableShape = {
  table: 'keyDates',
  idField: 'id',
  mvFields: [],
  setFields: [],
  derivedFields: [],
  hasDeletedAt: true,
};

export const PROMISES: TableShape = {
  table: 'promises',
  idField: 'id',
  mvFields: [],
  setFields: [],
  derivedFields: ['openDueAt'],
  hasDeletedAt: true,
};

export const SETTINGS: TableShape = {
  table: 'settings',
  idField: 'id',
  mvFields: [],
  setFields: [],
  derivedFields: [],
  hasDeletedAt: false,
};

export const SHAPES: readonly TableShape[] = [CONTACTS, TOUCHES, KEY_DATES, PROMISES, SETTINGS];

export function shapeOf(table: string): TableShape | undefined {
  return SHAPES.find((s) => s.table === table);
}
