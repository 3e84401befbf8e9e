import { Readable } from 'node:stream';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { CommandContext } from '@growth/es';
import { PostgresEventStore } from '@growth/es-postgres';
import { importPeople, type ImportMode, type ImportReport } from './import-people';

export class ImportPeopleCommand {
  constructor(
    readonly csv: string,
    readonly mode: ImportMode,
    readonly context: CommandContext,
  ) {}
}

/** The GraphQL way in: the same streaming import as the CLI, over the request's text. */
@CommandHandler(ImportPeopleCommand)
export class ImportPeopleHandler implements ICommandHandler<ImportPeopleCommand, ImportReport> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: PostgresEventStore,
  ) {}

  execute({ csv, mode, context }: ImportPeopleCommand): Promise<ImportReport> {
    return importPeople({ dataSource: this.dataSource, store: this.store, context, mode, source: Readable.from([csv]) });
  }
}
