/** `browser.storage.local` key for the panel's collapsed state: UI state only, never notes. */
export const COLLAPSED_STORAGE_KEY = 'panelCollapsed';
