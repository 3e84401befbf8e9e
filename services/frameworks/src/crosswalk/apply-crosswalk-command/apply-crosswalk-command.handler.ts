import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import { fold, toDomainEvent, type CommandContext } from '@growth/es';
import { PostgresEventStore, withTenant } from '@growth/es-postgres';
import { crosswalkDecider } from '../domain/crosswalk.decider';
import type { CrosswalkCommand } from '../domain/crosswalk.commands';
import type { CrosswalkEvent } from '../domain/crosswalk.events';
import { crosswalkStreamId, publishCrosswalkEvent } from '../crosswalk.stream';

/** One crosswalk command, decided and appended with the `competency_alignments` rows in one tenant transaction. */
export class ApplyCrosswalkCommand {
  constructor(
    readonly command: CrosswalkCommand,
    readonly context: CommandContext,
  ) {}
}

const saveAlignments = async (manager: EntityManager, context: CommandContext, events: readonly CrosswalkEvent[]): Promise<void> => {
  for (const event of events) {
    const { from, to } = event.data;
    if (event.type === 'CompetenciesAligned') {
      await manager.query(
        `INSERT INTO competency_alignments (tenant_id, from_framework_id, from_competency_id, to_framework_id, to_competency_id, relation, note, aligned_at, aligned_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [context.tenantId, from.frameworkId, from.competencyId, to.frameworkId, to.competencyId, event.data.relation, event.data.note ?? null, context.now.toISOString(), context.actorId],
      );
    } else {
      await manager.query(
        `DELETE FROM competency_alignments WHERE tenant_id = $1 AND from_framework_id = $2 AND from_competency_id = $3 AND to_framework_id = $4 AND to_competency_id = $5`,
        [context.tenantId, from.frameworkId, from.competencyId, to.frameworkId, to.competencyId],
      );
    }
  }
};

@CommandHandler(ApplyCrosswalkCommand)
export class ApplyCrosswalkCommandHandler implements ICommandHandler<ApplyCrosswalkCommand, { version: number }> {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly dataSource: DataSource,
  ) {}

  async execute({ command, context }: ApplyCrosswalkCommand): Promise<{ version: number }> {
    const stream = crosswalkStreamId(context.tenantId);
    return withTenant(this.dataSource, context.tenantId, async (manager) => {
      const loaded = (await this.store.readStreamsInTransaction<CrosswalkEvent>(manager, context.tenantId, [stream])).get(stream);
      const version = loaded?.currentVersion ?? -1;
      const state = fold(crosswalkDecider, (loaded?.events ?? []).map(toDomainEvent));
      const events = crosswalkDecider.decide(command, state);
      // The loaded version is expected: a concurrent writer makes the append fail (CONCURRENCY_CONFLICT), never a duplicate.
      const result = await this.store.appendInTransaction(manager, stream, events, {
        expectedVersion: version < 0 ? 'no_stream' : version,
        context,
        publish: publishCrosswalkEvent,
      });
      await saveAlignments(manager, context, events);
      return { version: result.nextExpectedVersion };
    });
  }
}
