/**
 * Caps on what a contact may hold, to keep the database sane (a hand-edited or hostile import file
 * cannot put a 40 MB "name" into the panel). Enforced on every write (`rules.validatePatch`) and on import. Counted in UTF-16 code units (`string.length`).
 * Whatever the app lets a user store must stay within these, or a backup could not be restored:
 * writers elsewhere should import these constants rather than restate them.
 */
export const LIMITS = {
  key: 1_000,
  name: 500,
  /** headline, company, location */
  shortText: 1_000,
  profileUrl: 4_096,
  /** generous: LinkedIn may hand out `data:image/…` placeholders */
  photoUrl: 100_000,
  /** one contact's notes; an import merge that would exceed it is refused (see import.ts) */
  notes: 1_000_000,
  howWeMet: 100_000,
  touchNote: 100_000,
  aliasesPerContact: 1_000,
  alias: 1_000,
} as const;
