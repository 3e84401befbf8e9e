import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import { newId, NotFoundError, type ExpectedVersion, requireUuid } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { actorOf, authorize, commandContext, CurrentIdentity, type Identity } from '@growth/service-kit';
import { accessToPersonsGoals, peopleVisibleTo } from '../access/goal-access';
import { goalsPolicy } from '../access/goals.policy';
import { ApplyUnitGoalCommand } from '../unit-goal/apply-unit-goal-command/apply-unit-goal-command.handler';
import type { UnitGoalState } from '../unit-goal/domain/unit-goal.model';
import { ApplyGoalCommand, type GoalRequest } from './apply-goal-command/apply-goal-command.handler';
import type { GoalContent, GoalState, Measure } from './domain/goal.model';
import { goalNextSteps } from './domain/goal.steps';
import {
  ApproveGoalInput,
  DraftGoalInput,
  GoalCommandResult,
  GoalContentInput,
  GoalOnlyInput,
  GoalView,
  MeasureInput,
  RecordGoalProgressInput,
  RecordUnitGoalInput,
  ReviseGoalInput,
  UnitGoalView,
  WithdrawGoalInput,
} from './goal.graphql';

const measureOf = (m: MeasureInput | undefined | null): Measure | null => (m ? { what: m.what, baseline: m.baseline ?? null, target: m.target ?? null, unit: m.unit } : null);
const contentOf = (c: GoalContentInput): GoalContent => ({
  statement: c.statement,
  measure: measureOf(c.measure),
  actions: c.actions,
  support: c.support,
  alignment: { unitGoalId: c.unitGoalId ?? null, competencyIds: c.competencyIds },
  dueOn: c.dueOn ?? '',
});

export const goalViewOf = (state: GoalState, version: number): GoalView => ({
  id: state.goalId,
  cycleId: state.cycleId,
  person: { id: state.personId },
  supervisor: state.supervisorId ? { id: state.supervisorId } : null,
  kind: state.kind,
  status: state.status,
  contentVersion: state.version,
  statement: state.content.statement,
  measure: state.content.measure ? { ...state.content.measure } : null,
  actions: [...state.content.actions],
  support: state.content.support,
  unitGoalId: state.content.alignment.unitGoalId,
  competencyIds: [...state.content.alignment.competencyIds],
  dueOn: state.content.dueOn || null,
  warnings: state.warnings.map((w) => ({ ...w })),
  employeeApproved: state.approvals.EMPLOYEE !== null,
  supervisorApproved: state.approvals.SUPERVISOR !== null,
  agreedVersions: state.versions.map((v) => ({ contentVersion: v.version, agreedOn: v.agreedOn, statement: v.content.statement })),
  progress: state.progress.map((p) => ({ checkInId: p.checkInId, contentVersion: p.version, value: p.value, status: p.status, notes: p.notes, recordedOn: p.recordedOn })),
  nextSteps: goalNextSteps(state).map((s) => ({ step: s.step, by: [...s.by] })),
  version,
});

interface GoalRow {
  state: GoalState;
  version: number;
}

/**
 * Goals and unit goals. A person's goals are seen by the person, their supervisor, the managers above (read-only)
 * and HR, as reviews are; lists filter by the verified identity in SQL.
 */
@Resolver(() => GoalView)
export class GoalResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
  ) {}

  private inTenant<T>(identity: Identity, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withTenant(this.dataSource, identity.tenantId, work);
  }

  private async run(identity: Identity, goalId: string, expectedVersion: ExpectedVersion | undefined, request: GoalRequest): Promise<GoalCommandResult> {
    authorize(goalsPolicy, identity, 'take part in goals');
    requireUuid(goalId, 'input.goalId');
    const { version } = await this.commands.execute(new ApplyGoalCommand(goalId, request, actorOf(identity), expectedVersion, commandContext(identity)));
    return { id: goalId, version };
  }

  @Query(() => GoalView, { description: 'A goal you may see.' })
  async goal(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<GoalView> {
    authorize(goalsPolicy, identity, 'take part in goals');
    requireUuid(id, 'id');
    return this.inTenant(identity, async (m) => {
      const [row]: GoalRow[] = await m.query(`SELECT state, version FROM goal_list WHERE tenant_id = $1 AND goal_id = $2`, [identity.tenantId, id]);
      if (!row || (await accessToPersonsGoals(m, identity, row.state)) === null) throw new NotFoundError('no such goal');
      return goalViewOf(row.state, row.version);
    });
  }

  @Query(() => [GoalView], { description: 'Your goals in a cycle.' })
  async myGoals(@CurrentIdentity() identity: Identity, @Args('cycleId', { type: () => ID }) cycleId: string): Promise<GoalView[]> {
    authorize(goalsPolicy, identity, 'take part in goals');
    requireUuid(cycleId, 'cycleId');
    const rows: GoalRow[] = await this.inTenant(identity, (m) =>
      m.query(`SELECT state, version FROM goal_list WHERE tenant_id = $1 AND cycle_id = $2 AND person_id::text = $3 ORDER BY kind, goal_id`, [identity.tenantId, cycleId, identity.actorId]),
    );
    return rows.map((r) => goalViewOf(r.state, r.version));
  }

  @Query(() => [GoalView], { description: "Your direct reports' goals in a cycle, with their progress." })
  async teamGoals(@CurrentIdentity() identity: Identity, @Args('cycleId', { type: () => ID }) cycleId: string): Promise<GoalView[]> {
    authorize(goalsPolicy, identity, 'take part in goals');
    requireUuid(cycleId, 'cycleId');
    const rows: GoalRow[] = await this.inTenant(identity, (m) =>
      m.query(`SELECT state, version FROM goal_list WHERE tenant_id = $1 AND cycle_id = $2 AND supervisor_id::text = $3 ORDER BY person_id, kind, goal_id`, [identity.tenantId, cycleId, identity.actorId]),
    );
    return rows.map((r) => goalViewOf(r.state, r.version));
  }

  @Query(() => [UnitGoalView], { description: "A cycle's unit goals, each with the personal goals aligned to it that you may see." })
  async unitGoals(@CurrentIdentity() identity: Identity, @Args('cycleId', { type: () => ID }) cycleId: string): Promise<UnitGoalView[]> {
    authorize(goalsPolicy, identity, 'read unit goals');
    requireUuid(cycleId, 'cycleId');
    return this.inTenant(identity, async (m) => {
      const units: Array<{ state: UnitGoalState; version: number }> = await m.query(`SELECT state, version FROM unit_goal_list WHERE tenant_id = $1 AND cycle_id = $2 ORDER BY unit_goal_id`, [
        identity.tenantId,
        cycleId,
      ]);
      const aligned: Array<GoalRow & { unit_goal_id: string }> = await m.query(
        `SELECT unit_goal_id, state, version FROM goal_list WHERE tenant_id = $1 AND cycle_id = $2 AND unit_goal_id IS NOT NULL AND status <> 'WITHDRAWN' ORDER BY goal_id`,
        [identity.tenantId, cycleId],
      );
      const people = await peopleVisibleTo(m, identity);
      const visible = aligned.filter((row) => people === 'ALL' || people.has(row.state.personId));
      return units.map(({ state, version }) => ({
        id: state.unitGoalId,
        cycleId: state.cycleId,
        siteId: state.scope.kind === 'SITE' ? state.scope.siteId : null,
        statement: state.statement,
        measure: state.measure ? { ...state.measure } : null,
        status: state.status,
        alignedGoalCount: aligned.filter((g) => g.unit_goal_id === state.unitGoalId).length,
        alignedGoals: visible.filter((g) => g.unit_goal_id === state.unitGoalId).map((g) => goalViewOf(g.state, g.version)),
        version,
      }));
    });
  }

  @Mutation(() => GoalCommandResult, { description: 'Draft a goal for yourself, or for one of your reports.' })
  draftGoal(@CurrentIdentity() identity: Identity, @Args('input') input: DraftGoalInput): Promise<GoalCommandResult> {
    const goalId = input.goalId ?? newId();
    requireUuid(input.cycleId, 'input.cycleId');
    if (input.personId !== undefined && input.personId !== null) requireUuid(input.personId, 'input.personId');
    // A retried draft with the same id and content answers as the first attempt did.
    return this.run(identity, goalId, 'no_stream', { type: 'DraftGoal', cycleId: input.cycleId, personId: input.personId ?? identity.actorId, kind: input.kind, content: contentOf(input.content) });
  }

  @Mutation(() => GoalCommandResult, { description: 'Change a goal; after agreement this starts a new version to be agreed again.' })
  reviseGoal(@CurrentIdentity() identity: Identity, @Args('input') input: ReviseGoalInput): Promise<GoalCommandResult> {
    return this.run(identity, input.goalId, input.expectedVersion, { type: 'ReviseGoal', content: contentOf(input.content) });
  }

  @Mutation(() => GoalCommandResult, { description: 'Submit a goal for agreement: every SMART criterion it misses is reported by name.' })
  submitGoal(@CurrentIdentity() identity: Identity, @Args('input') input: GoalOnlyInput): Promise<GoalCommandResult> {
    return this.run(identity, input.goalId, input.expectedVersion, { type: 'SubmitGoal' });
  }

  @Mutation(() => GoalCommandResult, { description: 'Approve the submitted version, as the employee or the supervisor; agreed once both have.' })
  approveGoal(@CurrentIdentity() identity: Identity, @Args('input') input: ApproveGoalInput): Promise<GoalCommandResult> {
    return this.run(identity, input.goalId, input.expectedVersion, { type: 'ApproveGoal', overrideWarnings: input.overrideWarnings });
  }

  @Mutation(() => GoalCommandResult, { description: 'A check-in on an agreed goal; ACHIEVED, NOT_ACHIEVED and DEFERRED end it.' })
  recordGoalProgress(@CurrentIdentity() identity: Identity, @Args('input') input: RecordGoalProgressInput): Promise<GoalCommandResult> {
    if (input.checkInId) requireUuid(input.checkInId, 'input.checkInId');
    return this.run(identity, input.goalId, input.expectedVersion, {
      type: 'RecordProgress',
      checkInId: input.checkInId ?? newId(),
      value: input.value ?? null,
      status: input.status,
      notes: input.notes,
      recordedOn: input.recordedOn,
      meetingId: input.meetingId ?? null,
    });
  }

  @Mutation(() => GoalCommandResult, { description: 'Supervisor or HR: withdraw a goal.' })
  withdrawGoal(@CurrentIdentity() identity: Identity, @Args('input') input: WithdrawGoalInput): Promise<GoalCommandResult> {
    return this.run(identity, input.goalId, input.expectedVersion, { type: 'WithdrawGoal', reason: input.reason });
  }

  @Mutation(() => GoalCommandResult, { description: "HR: record a tenant's or a site's continuous-improvement goal for a cycle." })
  async recordUnitGoal(@CurrentIdentity() identity: Identity, @Args('input') input: RecordUnitGoalInput): Promise<GoalCommandResult> {
    authorize(goalsPolicy, identity, 'manage unit goals');
    const unitGoalId = input.unitGoalId ?? newId();
    requireUuid(unitGoalId, 'input.unitGoalId');
    requireUuid(input.cycleId, 'input.cycleId');
    if (input.siteId) requireUuid(input.siteId, 'input.siteId');
    const { version } = await this.commands.execute(
      new ApplyUnitGoalCommand(
        unitGoalId,
        { type: 'RecordUnitGoal', cycleId: input.cycleId, scope: input.siteId ? { kind: 'SITE', siteId: input.siteId } : { kind: 'TENANT' }, statement: input.statement, measure: measureOf(input.measure) },
        actorOf(identity),
        'no_stream',
        commandContext(identity),
      ),
    );
    return { id: unitGoalId, version };
  }
}
