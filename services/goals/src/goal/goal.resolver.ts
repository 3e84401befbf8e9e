import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import { newId, NotFoundError, type ExpectedVersion, requireUuid } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { actorOf, authorize, commandContext, CurrentIdentity, type Identity } from '@growth/service-kit';
import { accessToPersonsGoals } from '../access/goal-access';
import { goalsPolicy } from '../access/goals.policy';
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
  ReviseGoalInput,
  WithdrawGoalInput,
} from './goal.graphql';

export const measureOf = (m: MeasureInput | undefined | null): Measure | null => (m ? { what: m.what, baseline: m.baseline ?? null, target: m.target ?? null, unit: m.unit } : null);
const contentOf = (c: GoalContentInput): GoalContent => ({
  statement: c.statement,
  measure: measureOf(c.measure),
  actions: c.actions,
  support: c.support,
  alignment: { unitGoalId: c.unitGoalId ?? null, competencyIds: c.competencyIds },
  dueOn: c.dueOn ?? '',
});

/** Each person's review in a cycle and the meetings it has held, keyed by `cycleId:personId`. */
type ReviewMeetings = ReadonlyMap<string, { reviewId: string; held: ReadonlyMap<string, string> }>;

const meetingsOf = async (manager: EntityManager, tenantId: string, states: readonly GoalState[]): Promise<ReviewMeetings> => {
  const reflecting = states.filter((s) => s.progress.some((p) => (p.reflection ?? null) !== null));
  if (reflecting.length === 0) return new Map();
  const rows: Array<{ cycle_id: string; person_id: string; review_id: string; phase: string | null; completed_on: string | null }> = await manager.query(
    `SELECT r.cycle_id, r.person_id, r.review_id, m.phase, to_char(m.completed_on, 'YYYY-MM-DD') AS completed_on
     FROM goal_review_frameworks r LEFT JOIN goal_review_meetings m ON m.tenant_id = r.tenant_id AND m.review_id = r.review_id
     WHERE r.tenant_id = $1 AND (r.cycle_id, r.person_id) IN (SELECT * FROM unnest($2::uuid[], $3::uuid[]))`,
    [tenantId, reflecting.map((s) => s.cycleId), reflecting.map((s) => s.personId)],
  );
  const meetings = new Map<string, { reviewId: string; held: Map<string, string> }>();
  for (const row of rows) {
    const key = `${row.cycle_id}:${row.person_id}`;
    const review = meetings.get(key) ?? { reviewId: row.review_id, held: new Map<string, string>() };
    if (row.phase !== null && row.completed_on !== null) review.held.set(row.phase, row.completed_on);
    meetings.set(key, review);
  }
  return meetings;
};

const goalViewOf = (state: GoalState, version: number, meetings: ReviewMeetings): GoalView => ({
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
  progress: state.progress.map((p) => {
    // Rows written before check-ins could name a meeting have no reflection.
    const reflection = p.reflection ?? null;
    const review = meetings.get(`${state.cycleId}:${state.personId}`);
    const meeting = reflection && review ? { reviewId: review.reviewId, phase: reflection, completedOn: review.held.get(reflection) ?? null } : null;
    return { checkInId: p.checkInId, contentVersion: p.version, value: p.value, status: p.status, notes: p.notes, recordedOn: p.recordedOn, reflection, meeting };
  }),
  nextSteps: goalNextSteps(state).map((s) => ({ step: s.step, by: [...s.by] })),
  version,
});

/** Goals as the API shows them, with the review meetings their reflections link to (one query for all). */
export const goalViewsOf = async (manager: EntityManager, tenantId: string, rows: ReadonlyArray<{ state: GoalState; version: number }>): Promise<GoalView[]> => {
  const meetings = await meetingsOf(manager, tenantId, rows.map((r) => r.state));
  return rows.map((r) => goalViewOf(r.state, r.version, meetings));
};

interface GoalRow {
  state: GoalState;
  version: number;
}

/**
 * Goals. A person's goals are seen by the person, their supervisor, the managers above (read-only)
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
      const [view] = await goalViewsOf(m, identity.tenantId, [row]);
      return view;
    });
  }

  @Query(() => [GoalView], { description: 'Your goals in a cycle.' })
  async myGoals(@CurrentIdentity() identity: Identity, @Args('cycleId', { type: () => ID }) cycleId: string): Promise<GoalView[]> {
    authorize(goalsPolicy, identity, 'take part in goals');
    requireUuid(cycleId, 'cycleId');
    return this.inTenant(identity, async (m) => {
      const rows: GoalRow[] = await m.query(`SELECT state, version FROM goal_list WHERE tenant_id = $1 AND cycle_id = $2 AND person_id::text = $3 ORDER BY kind, goal_id`, [identity.tenantId, cycleId, identity.actorId]);
      return goalViewsOf(m, identity.tenantId, rows);
    });
  }

  @Query(() => [GoalView], { description: "Your direct reports' goals in a cycle, with their progress." })
  async teamGoals(@CurrentIdentity() identity: Identity, @Args('cycleId', { type: () => ID }) cycleId: string): Promise<GoalView[]> {
    authorize(goalsPolicy, identity, 'take part in goals');
    requireUuid(cycleId, 'cycleId');
    return this.inTenant(identity, async (m) => {
      const rows: GoalRow[] = await m.query(
        `SELECT state, version FROM goal_list WHERE tenant_id = $1 AND cycle_id = $2 AND supervisor_id::text = $3 ORDER BY person_id, kind, goal_id`,
        [identity.tenantId, cycleId, identity.actorId],
      );
      return goalViewsOf(m, identity.tenantId, rows);
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
      reflection: input.reflection ?? null,
    });
  }

  @Mutation(() => GoalCommandResult, { description: 'Supervisor or HR: withdraw a goal.' })
  withdrawGoal(@CurrentIdentity() identity: Identity, @Args('input') input: WithdrawGoalInput): Promise<GoalCommandResult> {
    return this.run(identity, input.goalId, input.expectedVersion, { type: 'WithdrawGoal', reason: input.reason });
  }
}
