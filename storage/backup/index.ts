/** Backup: export to JSON/CSV, validation, migration and import of the JSON backup. */
export {
  BACKUP_ERROR_CODES,
  type BackupError,
  type BackupErrorCode,
  type BackupFailure,
  BackupFileError,
  CURRENT_VERSION,
  type ExportedContact,
  type ExportedSettings,
  type ExportedTouch,
  type ExportFile,
  type ExportFileV1,
  FORMAT_ID,
  LIMITS,
  MAX_FILE_BYTES,
} from './format';
export { type ValidationResult, validateExportText, validateExportValue } from './validate';
export { migrateToCurrent } from './migrate';
export {
  type CsvLabels,
  type CsvValueLabels,
  type ExportedParts,
  type ExportedText,
  exportCsv,
  exportJson,
  exportJsonParts,
} from './export';
export { applyImport, type ImportConflict, type ImportPlan, type PlanResult, parseAndPlan, planImport } from './import';
