export { startDirectoryService } from './directory.service';
export { importPeople, IMPORT_MODES, type ImportMode, type ImportReport, type ImportPeopleOptions } from './import/import-people';
export { runImportCli, type CliOutput } from './import-cli';
export { DIRECTORY_MIGRATIONS } from './migrations/1732300000300-directory-read-models';
