export { startDirectoryService } from './directory.service';
export { importPeople, IMPORT_MODES, type ImportMode, type ImportReport, type ImportPeopleOptions } from './import/import-people';
export { runImportCli, type CliOutput } from './import-cli';
export { DIRECTORY_MIGRATIONS } from './migrations/1732300000300-directory-read-models';
export { HRIS_COLUMNS } from './import/domain/hris-row';
export { MAX_IMPORT_CSV_BYTES } from './import/import.resolver';
