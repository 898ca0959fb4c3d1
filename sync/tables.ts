/**
 * Which local tables sync, and how their fields merge (see crdt.ts). Fields not named here are
 * last-writer-wins registers, so a field a later schema adds syncs without a change here.
 */
import type { TableShape } from './crdt';

export const CONTACTS: TableShape = {
  table: 'contacts',
  idField: 'key',
  mvFields: ['notes', 'howWeMet'],
  setFields: ['aliases'],
  derivedFields: ['nextDueAt'],
  hasDeletedAt: false,
};

export const TOUCHES: TableShape = {
  table: 'touches',
  idField: 'id',
  mvFields: ['note'],
  setFields: [],
  derivedFields: [],
  hasDeletedAt: false,
};

export const SETTINGS: TableShape = {
  table: 'settings',
  idField: 'id',
  mvFields: [],
  setFields: [],
  derivedFields: [],
  hasDeletedAt: false,
};

export const SHAPES: readonly TableShape[] = [CONTACTS, TOUCHES, SETTINGS];

export function shapeOf(table: string): TableShape | undefined {
  return SHAPES.find((s) => s.table === table);
}
