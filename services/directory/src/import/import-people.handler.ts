import { Readable } from 'node:stream';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import type { CommandContext, EventStore } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import { importPeople, type ImportMode, type ImportReport } from './import-people';

export class ImportPeopleCommand extends Command<ImportReport> {
  constructor(
    readonly csv: string,
    readonly mode: ImportMode,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The GraphQL way in: the same streaming import as the CLI, over the request's text. */
@CommandHandler(ImportPeopleCommand)
export class ImportPeopleHandler implements ICommandHandler<ImportPeopleCommand, ImportReport> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>,
  ) {}

  execute({ csv, mode, context }: ImportPeopleCommand): Promise<ImportReport> {
    return importPeople({ dataSource: this.dataSource, store: this.store, context, mode, source: Readable.from([csv]) });
  }
}
