import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CommandContext } from '@growth/es';
import { PostgresEventStore } from '@growth/es-postgres';
import { inDirectoryTransaction, type DirectoryTransaction } from './directory-transaction';

/** What every directory command returns: the aggregate's new version, for the client's next expectedVersion. */
export interface CommandResult {
  readonly version: number;
}

/** Command handlers run their work in one tenant-scoped, tenant-locked transaction with the read models. */
@Injectable()
export abstract class DirectoryCommandHandler {
  constructor(
    protected readonly dataSource: DataSource,
    protected readonly store: PostgresEventStore,
  ) {}

  protected run<T>(context: CommandContext, work: (tx: DirectoryTransaction) => Promise<T>): Promise<T> {
    return inDirectoryTransaction(this.dataSource, this.store, context, work);
  }
}
