import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ImportMode } from './import-people';

export const ImportModeEnum = { REJECT_ALL_ON_ERROR: 'REJECT_ALL_ON_ERROR', APPLY_VALID_ROWS: 'APPLY_VALID_ROWS' } as const satisfies Record<ImportMode, ImportMode>;
registerEnumType(ImportModeEnum, {
  name: 'ImportMode',
  description: 'REJECT_ALL_ON_ERROR: nothing is written if any row is bad. APPLY_VALID_ROWS: good rows are applied, bad ones reported.',
});

@ObjectType('ImportError', { description: 'A problem with one record of the file. `row` is the line of the file it starts on (the header is line 1; blank lines and each line of a quoted multi-line value count).' })
export class ImportErrorView {
  @Field(() => Int) row!: number;
  @Field(() => String, { nullable: true, description: 'The column, or null for the whole row (or file).' }) field!: string | null;
  @Field() message!: string;
}

@ObjectType('ImportReport', { description: 'What an import read, changed and refused.' })
export class ImportReportView {
  @Field(() => ImportModeEnum) mode!: ImportMode;
  @Field({ description: 'False when nothing was written.' }) applied!: boolean;
  @Field(() => Int) rowsRead!: number;
  @Field(() => Int, { description: 'Rows that added a person.' }) created!: number;
  @Field(() => Int, { description: 'Rows that changed a person (only the changes are recorded).' }) changed!: number;
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Int) sitesCreated!: number;
  @Field(() => Int) sitesChanged!: number;
  @Field(() => Int) errorCount!: number;
  @Field(() => [ImportErrorView], { description: 'The first 1,000 errors, by row.' }) errors!: ImportErrorView[];
}
