/**
 * Rows the popup renders at first and per "Show more": thousands can be due after a long break, and a popup
 * that renders them all takes seconds to open. The most urgent come first, so the first page is what matters.
 * A module of its own: the worker's first-screen summary uses these sizes without loading the components.
 */
export const CHECKLIST_PAGE = { due: 30, upcoming: 15 } as const;

/** Rows of "Occasions" and "Promises due" at first and per "Show more". */
export const SECTION_PAGE = 10;
