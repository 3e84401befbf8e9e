import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { runCommand, type CommandContext, type EventStore, type UnitOfWork } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import { lockTenantDirectory } from './tenant-lock';

/** What every directory command returns: the aggregate's new version, for the client's next expectedVersion. */
export interface CommandResult {
  readonly version: number;
}

/** A unit of work of the directory: its transaction is a PostgreSQL one, for the read models' queries. */
export type DirectoryUnit = UnitOfWork<EntityManager>;

/** Directory commands run as one unit of work that first takes the tenant's directory lock (see tenant-lock.ts). */
@Injectable()
export abstract class DirectoryCommandHandler {
  constructor(@Inject(EVENT_STORE) protected readonly store: EventStore<EntityManager>) {}

  protected run<T>(context: CommandContext, work: (unit: DirectoryUnit) => Promise<T>): Promise<T> {
    return runCommand(this.store, context, async (unit) => {
      await lockTenantDirectory(unit.transaction, unit.tenantId);
      return work(unit);
    });
  }
}
