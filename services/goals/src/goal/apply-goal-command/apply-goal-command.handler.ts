import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { localDateAt } from '@growth/calendar';
import { InvalidStateError, NotFoundError, runCommand, type CommandContext, type EventStore, type ExpectedVersion } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import { accessToPersonsGoals } from '../../access/goal-access';
import type { DraftGoal, GoalCommand, GoalPolicy, ReassignGoal } from '../domain/goal.commands';
import type { Actor, CycleDates, GoalKind, GoalState } from '../domain/goal.model';
import { goalAggregate } from '../goal.stream';
import { goalPolicyAggregate } from '../../goal-policy/goal-policy.stream';

type WithoutContext<C> = C extends unknown ? Omit<C, 'goalId' | 'actor' | 'today' | 'facts' | 'supervisorId'> : never;

/** A goal command as a client asks for it: the handler adds the actor, the date and the facts the decider needs. */
export type GoalRequest = WithoutContext<Exclude<GoalCommand, ReassignGoal>>;

export class ApplyGoalCommand extends Command<{ goalId: string; version: number }> {
  constructor(
    readonly goalId: string,
    readonly request: GoalRequest,
    readonly actor: Actor,
    readonly expectedVersion: ExpectedVersion | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}

interface CycleRow {
  starts_on: string;
  ends_on: string;
  time_zone: string;
}

const cycleOf = async (manager: EntityManager, tenantId: string, cycleId: string): Promise<CycleRow> => {
  const [row]: CycleRow[] = await manager.query(
    `SELECT to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, time_zone FROM goal_cycles WHERE tenant_id = $1 AND cycle_id::text = $2`,
    [tenantId, cycleId],
  );
  if (!row) throw new InvalidStateError('no open review cycle with this id is known to goals yet');
  return row;
};

/**
 * Runs one step of a goal: reads what it needs to know (the cycle's dates, the tenant's goal policy, the person's
 * supervisor, how many goals of each kind they have, whether they supervise staff, the unit goal and the competencies
 * the alignment names) in the command's transaction and decides. Someone the goal does not concern learns nothing
 * about it.
 */
@CommandHandler(ApplyGoalCommand)
export class ApplyGoalCommandHandler implements ICommandHandler<ApplyGoalCommand, { goalId: string; version: number }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>) {}

  async execute({ goalId, request, actor, expectedVersion, context }: ApplyGoalCommand): Promise<{ goalId: string; version: number }> {
    return runCommand(this.store, context, async (unit) => {
      const [manager, tenantId] = [unit.transaction, unit.tenantId];
      const { state } = await unit.load(goalAggregate, goalId);
      const identity = { tenantId, actorId: actor.kind === 'PERSON' ? actor.personId : 'system', roles: actor.kind === 'PERSON' && actor.hr ? ['hr'] : [] };
      let command: GoalCommand;
      if (request.type === 'DraftGoal') {
        // The tenant's policy as it stands in this transaction: a change committed before the draft applies to it.
        const { state: tenantPolicy } = await unit.load(goalPolicyAggregate, tenantId);
        command = await this.draft(manager, tenantId, goalId, request, actor, context.now, tenantPolicy.policy);
      } else {
        if (state.status === 'NONE' || (await accessToPersonsGoals(manager, identity, state)) === null) throw new NotFoundError('no such goal');
        const cycle = await cycleOf(manager, tenantId, state.cycleId);
        const base = { goalId, actor, today: localDateAt(context.now, cycle.time_zone) };
        const dates: CycleDates = { startsOn: cycle.starts_on, endsOn: cycle.ends_on };
        switch (request.type) {
          case 'ReviseGoal':
            command = { ...request, ...base, facts: { cycle: dates } };
            break;
          case 'RecordProgress':
            command = { ...request, ...base, facts: { reviewKnown: await this.reviewKnown(manager, tenantId, state) } };
            break;
          case 'SubmitGoal':
            command = { ...request, ...base, facts: { cycle: dates, ...(await this.alignmentFacts(manager, tenantId, state)) } };
            break;
          default:
            command = { ...request, ...base };
        }
      }
      const decided = await unit.decide(goalAggregate, goalId, command, expectedVersion);
      return { goalId, version: decided.version };
    });
  }

  private async draft(manager: EntityManager, tenantId: string, goalId: string, request: Omit<DraftGoal, 'goalId' | 'actor' | 'today' | 'facts' | 'supervisorId'>, actor: Actor, now: Date, policy: GoalPolicy): Promise<DraftGoal> {
    const cycle = await cycleOf(manager, tenantId, request.cycleId);
    const [person]: Array<{ supervisor_id: string | null; supervises: boolean }> = await manager.query(
      `SELECT p.supervisor_id, EXISTS (SELECT 1 FROM goal_people r WHERE r.tenant_id = p.tenant_id AND r.supervisor_id = p.person_id AND r.employment_status <> 'LEFT') AS supervises
       FROM goal_people p WHERE p.tenant_id = $1 AND p.person_id::text = $2 AND p.employment_status <> 'LEFT'`,
      [tenantId, request.personId],
    );
    if (!person) throw new NotFoundError('no such person');
    const counts: Array<{ kind: GoalKind; n: number }> = await manager.query(
      `SELECT kind, count(*)::int AS n FROM goal_list WHERE tenant_id = $1 AND person_id::text = $2 AND cycle_id::text = $3 AND status <> 'WITHDRAWN' AND goal_id::text <> $4 GROUP BY kind`,
      [tenantId, request.personId, request.cycleId, goalId],
    );
    const existing = { PERFORMANCE: 0, DEVELOPMENT: 0, OBJECTIVE: 0, ...Object.fromEntries(counts.map((c) => [c.kind, c.n])) };
    return {
      ...request,
      goalId,
      actor,
      today: localDateAt(now, cycle.time_zone),
      supervisorId: person.supervisor_id,
      facts: { cycle: { startsOn: cycle.starts_on, endsOn: cycle.ends_on }, policy, existing, supervises: person.supervises },
    };
  }

  /** Whether the person has a review in the goal's cycle: the one whose meetings the goal's reflections link to. */
  private async reviewKnown(manager: EntityManager, tenantId: string, state: GoalState): Promise<boolean> {
    const [review]: unknown[] = await manager.query(`SELECT 1 FROM goal_review_frameworks WHERE tenant_id = $1 AND cycle_id = $2 AND person_id = $3`, [tenantId, state.cycleId, state.personId]);
    return review !== undefined;
  }

  private async alignmentFacts(manager: EntityManager, tenantId: string, state: GoalState): Promise<{ unitGoalKnown: boolean; competencyIds: string[] }> {
    const unitGoalId = state.content.alignment.unitGoalId;
    const [unit]: unknown[] = unitGoalId
      ? await manager.query(`SELECT 1 FROM unit_goal_list WHERE tenant_id = $1 AND unit_goal_id::text = $2 AND cycle_id = $3 AND status = 'ACTIVE'`, [tenantId, unitGoalId, state.cycleId])
      : [];
    const [framework]: Array<{ competency_ids: string[] }> = await manager.query(
      `SELECT c.competency_ids FROM goal_review_frameworks r JOIN goal_framework_competencies c
         ON c.tenant_id = r.tenant_id AND c.framework_id = r.framework_id AND c.version = r.framework_version
       WHERE r.tenant_id = $1 AND r.cycle_id = $2 AND r.person_id = $3`,
      [tenantId, state.cycleId, state.personId],
    );
    return { unitGoalKnown: unit !== undefined, competencyIds: framework?.competency_ids ?? [] };
  }
}
