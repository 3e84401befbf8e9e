import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { runCommand, type CommandContext, type EventStore, type ExpectedVersion } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import type { Actor } from '../../goal/domain/goal.model';
import type { RecordUnitGoal, UnitGoalCommand } from '../domain/unit-goal.commands';
import { unitGoalAggregate } from '../unit-goal.stream';

type WithoutContext<C> = C extends unknown ? Omit<C, 'unitGoalId' | 'actor' | 'facts'> : never;
export type UnitGoalRequest = WithoutContext<UnitGoalCommand>;

export class ApplyUnitGoalCommand extends Command<{ unitGoalId: string; version: number }> {
  constructor(
    readonly unitGoalId: string,
    readonly request: UnitGoalRequest,
    readonly actor: Actor,
    readonly expectedVersion: ExpectedVersion | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Records, revises or retires a unit goal; recording checks that its cycle and site exist. */
@CommandHandler(ApplyUnitGoalCommand)
export class ApplyUnitGoalCommandHandler implements ICommandHandler<ApplyUnitGoalCommand, { unitGoalId: string; version: number }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>) {}

  async execute({ unitGoalId, request, actor, expectedVersion, context }: ApplyUnitGoalCommand): Promise<{ unitGoalId: string; version: number }> {
    return runCommand(this.store, context, async (unit) => {
      let command: UnitGoalCommand;
      if (request.type === 'RecordUnitGoal') {
        const r = request as Omit<RecordUnitGoal, 'unitGoalId' | 'actor' | 'facts'>;
        const [cycle]: unknown[] = await unit.transaction.query(`SELECT 1 FROM goal_cycles WHERE tenant_id = $1 AND cycle_id::text = $2`, [unit.tenantId, r.cycleId]);
        const [site]: unknown[] =
          r.scope.kind === 'SITE' ? await unit.transaction.query(`SELECT 1 FROM goal_sites WHERE tenant_id = $1 AND site_id::text = $2`, [unit.tenantId, r.scope.siteId]) : [true];
        command = { ...r, unitGoalId, actor, facts: { cycleKnown: cycle !== undefined, siteKnown: site !== undefined } };
      } else {
        command = { ...request, unitGoalId, actor } as UnitGoalCommand;
      }
      const { version } = await unit.decide(unitGoalAggregate, unitGoalId, command, expectedVersion);
      return { unitGoalId, version };
    });
  }
}
