import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import { newId, NotFoundError, requireUuid, type ExpectedVersion } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { actorOf, authorize, commandContext, CurrentIdentity, type Identity } from '@growth/service-kit';
import { peopleVisibleTo } from '../access/goal-access';
import { goalsPolicy } from '../access/goals.policy';
import { GoalCommandResult } from '../goal/goal.graphql';
import { goalViewsOf, measureOf } from '../goal/goal.resolver';
import type { GoalState } from '../goal/domain/goal.model';
import { ApplyUnitGoalCommand, type UnitGoalRequest } from './apply-unit-goal-command/apply-unit-goal-command.handler';
import type { UnitGoalState } from './domain/unit-goal.model';
import { RecordUnitGoalInput, RetireUnitGoalInput, ReviseUnitGoalInput, UnitGoalView } from './unit-goal.graphql';
import { unitGoalRollUps } from './unit-goal.queries';

/**
 * Unit goals are tenant-wide: whoever may read them sees every unit goal and how many goals align to it; of the
 * aligned goals themselves and of their roll-up by status, only those of people whose goals the caller may see.
 */
@Resolver(() => UnitGoalView)
export class UnitGoalResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
  ) {}

  private async views(m: EntityManager, identity: Identity, units: ReadonlyArray<{ state: UnitGoalState; version: number }>): Promise<UnitGoalView[]> {
    const ids = units.map((u) => u.state.unitGoalId);
    const aligned: Array<{ unit_goal_id: string; state: GoalState; version: number }> = await m.query(
      `SELECT unit_goal_id, state, version FROM goal_list WHERE tenant_id = $1 AND unit_goal_id = ANY($2::uuid[]) AND status <> 'WITHDRAWN' ORDER BY goal_id`,
      [identity.tenantId, ids],
    );
    const people = await peopleVisibleTo(m, identity);
    const visible = aligned.filter((g) => people === 'ALL' || people.has(g.state.personId));
    const views = await goalViewsOf(m, identity.tenantId, visible);
    const rollUps = await unitGoalRollUps(m, identity.tenantId, ids, people === 'ALL' ? null : [...people]);
    return units.map(({ state, version }) => {
      const mine = aligned.filter((g) => g.unit_goal_id === state.unitGoalId);
      return {
        id: state.unitGoalId,
        cycleId: state.cycleId,
        siteId: state.scope.kind === 'SITE' ? state.scope.siteId : null,
        statement: state.statement,
        measure: state.measure ? { ...state.measure } : null,
        status: state.status,
        revision: state.revision,
        retiredReason: state.retiredReason,
        alignedGoalCount: mine.length,
        alignedGoals: views.filter((_, i) => visible[i].unit_goal_id === state.unitGoalId),
        rollUp: rollUps.get(state.unitGoalId) ?? [],
        version,
      };
    });
  }

  @Query(() => [UnitGoalView], { description: "A cycle's unit goals, each with the personal goals aligned to it that you may see, and its roll-up over the site tree." })
  async unitGoals(@CurrentIdentity() identity: Identity, @Args('cycleId', { type: () => ID }) cycleId: string): Promise<UnitGoalView[]> {
    authorize(goalsPolicy, identity, 'read unit goals');
    requireUuid(cycleId, 'cycleId');
    return withTenant(this.dataSource, identity.tenantId, async (m) => {
      const units: Array<{ state: UnitGoalState; version: number }> = await m.query(`SELECT state, version FROM unit_goal_list WHERE tenant_id = $1 AND cycle_id = $2 ORDER BY unit_goal_id`, [
        identity.tenantId,
        cycleId,
      ]);
      return this.views(m, identity, units);
    });
  }

  @Query(() => UnitGoalView, { description: 'A unit goal, with its aligned goals you may see and its roll-up over the site tree.' })
  async unitGoal(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<UnitGoalView> {
    authorize(goalsPolicy, identity, 'read unit goals');
    requireUuid(id, 'id');
    return withTenant(this.dataSource, identity.tenantId, async (m) => {
      const units: Array<{ state: UnitGoalState; version: number }> = await m.query(`SELECT state, version FROM unit_goal_list WHERE tenant_id = $1 AND unit_goal_id = $2`, [identity.tenantId, id]);
      if (units.length === 0) throw new NotFoundError('no such unit goal');
      const [view] = await this.views(m, identity, units);
      return view;
    });
  }

  private async run(identity: Identity, unitGoalId: string, request: UnitGoalRequest, expectedVersion: ExpectedVersion | undefined): Promise<GoalCommandResult> {
    authorize(goalsPolicy, identity, 'manage unit goals');
    requireUuid(unitGoalId, 'input.unitGoalId');
    const { version } = await this.commands.execute(new ApplyUnitGoalCommand(unitGoalId, request, actorOf(identity), expectedVersion, commandContext(identity)));
    return { id: unitGoalId, version };
  }

  @Mutation(() => GoalCommandResult, { description: "HR: record a tenant's or a site's continuous-improvement goal for a cycle." })
  recordUnitGoal(@CurrentIdentity() identity: Identity, @Args('input') input: RecordUnitGoalInput): Promise<GoalCommandResult> {
    requireUuid(input.cycleId, 'input.cycleId');
    if (input.siteId) requireUuid(input.siteId, 'input.siteId');
    const scope = input.siteId ? ({ kind: 'SITE', siteId: input.siteId } as const) : ({ kind: 'TENANT' } as const);
    return this.run(identity, input.unitGoalId ?? newId(), { type: 'RecordUnitGoal', cycleId: input.cycleId, scope, statement: input.statement, measure: measureOf(input.measure) }, 'no_stream');
  }

  @Mutation(() => GoalCommandResult, { description: "HR: change a unit goal's statement or measure; the goals aligned to it stay aligned." })
  reviseUnitGoal(@CurrentIdentity() identity: Identity, @Args('input') input: ReviseUnitGoalInput): Promise<GoalCommandResult> {
    return this.run(identity, input.unitGoalId, { type: 'ReviseUnitGoal', statement: input.statement, measure: measureOf(input.measure) }, input.expectedVersion ?? undefined);
  }

  @Mutation(() => GoalCommandResult, { description: 'HR: retire a unit goal; goals can no longer be submitted aligned to it.' })
  retireUnitGoal(@CurrentIdentity() identity: Identity, @Args('input') input: RetireUnitGoalInput): Promise<GoalCommandResult> {
    return this.run(identity, input.unitGoalId, { type: 'RetireUnitGoal', reason: input.reason }, input.expectedVersion ?? undefined);
  }
}
