import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { localDateAt } from '@growth/calendar';
import { newId, NotFoundError, requireUuid } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { actorOf, authorize, commandContext, CurrentIdentity, type Identity } from '@growth/service-kit';
import { accessToPersonsGoals } from '../access/goal-access';
import { goalsPolicy } from '../access/goals.policy';
import { ApplyPlanCommand, type PlanRequest } from './apply-plan-command/apply-plan-command.handler';
import type { DevelopmentPlanState } from './domain/development-plan.model';
import { openActions } from './domain/development-plan.open-actions';
import {
  AddDevelopmentActivityInput,
  CancelDevelopmentActivityInput,
  ChangeDevelopmentActivityInput,
  CompleteDevelopmentActivityInput,
  DevelopmentPlanView,
  DropTrainingNeedInput,
  MeetTrainingNeedInput,
  PlanCommandResult,
  RecordTrainingNeedInput,
} from './development-plan.graphql';

/** Personal development plans: the person, their supervisor, the managers above (read-only) and HR see one. */
@Resolver(() => DevelopmentPlanView)
export class DevelopmentPlanResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
  ) {}

  private async run(identity: Identity, input: { cycleId: string; personId?: string }, request: PlanRequest, fromJobChat: string | null = null): Promise<PlanCommandResult> {
    authorize(goalsPolicy, identity, 'take part in goals');
    requireUuid(input.cycleId, 'input.cycleId');
    if (input.personId) requireUuid(input.personId, 'input.personId');
    if (fromJobChat !== null) requireUuid(fromJobChat, 'input.fromJobChat');
    const { planId, version } = await this.commands.execute(
      new ApplyPlanCommand(input.cycleId, input.personId ?? identity.actorId, request, actorOf(identity), commandContext(identity), fromJobChat),
    );
    return { id: planId, version };
  }

  @Query(() => DevelopmentPlanView, { nullable: true, description: "Your development plan in a cycle, or a report's; null until its first activity or need." })
  async developmentPlan(
    @CurrentIdentity() identity: Identity,
    @Args('cycleId', { type: () => ID }) cycleId: string,
    @Args('personId', { type: () => ID, nullable: true }) personId?: string,
  ): Promise<DevelopmentPlanView | null> {
    authorize(goalsPolicy, identity, 'take part in goals');
    requireUuid(cycleId, 'cycleId');
    const subject = personId ?? identity.actorId;
    if (personId) requireUuid(personId, 'personId');
    return withTenant(this.dataSource, identity.tenantId, async (m) => {
      const [person]: Array<{ supervisor_id: string | null }> = await m.query(`SELECT supervisor_id FROM goal_people WHERE tenant_id = $1 AND person_id::text = $2`, [identity.tenantId, subject]);
      if (!person || (await accessToPersonsGoals(m, identity, { personId: subject, supervisorId: person.supervisor_id })) === null) throw new NotFoundError('no such person');
      const [row]: Array<{ state: DevelopmentPlanState; version: number; time_zone: string }> = await m.query(
        `SELECT p.state, p.version, c.time_zone FROM development_plan_list p JOIN goal_cycles c ON c.tenant_id = p.tenant_id AND c.cycle_id = p.cycle_id
         WHERE p.tenant_id = $1 AND p.cycle_id = $2 AND p.person_id::text = $3`,
        [identity.tenantId, cycleId, subject],
      );
      if (!row) return null;
      const { state } = row;
      return {
        id: state.planId,
        cycleId: state.cycleId,
        person: { id: state.personId },
        activities: state.activities.map((a) => ({ ...a, arrangedBy: { id: a.arrangedBy }, competencyIds: [...a.competencyIds], estimatedCost: a.estimatedCost ? { ...a.estimatedCost } : null })),
        trainingNeeds: state.trainingNeeds.map((n) => ({ ...n, estimatedCost: n.estimatedCost ? { ...n.estimatedCost } : null })),
        openActions: openActions(state, localDateAt(new Date(), row.time_zone)).map((a) => ({
          what: a.what,
          id: a.what === 'ACTIVITY' ? a.activityId : a.needId,
          description: a.description,
          ownerId: a.owner,
          dueOn: a.dueOn,
          overdue: a.overdue,
        })),
        version: row.version,
      };
    });
  }

  @Mutation(() => PlanCommandResult, { description: 'Add a development activity (training course, project, work assignment, working with others) to a plan.' })
  async addDevelopmentActivity(@CurrentIdentity() identity: Identity, @Args('input') input: AddDevelopmentActivityInput): Promise<PlanCommandResult> {
    if (input.activityId) requireUuid(input.activityId, 'input.activityId');
    if (input.arrangedBy) requireUuid(input.arrangedBy, 'input.arrangedBy');
    const arrangedBy = input.arrangedBy ?? (await this.supervisorOf(identity, input.personId ?? identity.actorId)) ?? identity.actorId;
    return this.run(identity, input, {
      type: 'AddDevelopmentActivity',
      activityId: input.activityId ?? newId(),
      kind: input.kind,
      description: input.description,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      arrangedBy,
      competencyIds: input.competencyIds,
      estimatedCost: input.estimatedCost ? { ...input.estimatedCost } : null,
    });
  }

  @Mutation(() => PlanCommandResult, { description: 'The employee, the supervisor or HR: change every detail of an activity that has not happened yet.' })
  changeDevelopmentActivity(@CurrentIdentity() identity: Identity, @Args('input') input: ChangeDevelopmentActivityInput): Promise<PlanCommandResult> {
    requireUuid(input.activityId, 'input.activityId');
    requireUuid(input.arrangedBy, 'input.arrangedBy');
    return this.run(identity, input, {
      type: 'ChangeDevelopmentActivity',
      activityId: input.activityId,
      kind: input.kind,
      description: input.description,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      arrangedBy: input.arrangedBy,
      competencyIds: input.competencyIds,
      estimatedCost: input.estimatedCost ? { ...input.estimatedCost } : null,
    });
  }

  @Mutation(() => PlanCommandResult, { description: 'A planned development activity will not happen, and why.' })
  cancelDevelopmentActivity(@CurrentIdentity() identity: Identity, @Args('input') input: CancelDevelopmentActivityInput): Promise<PlanCommandResult> {
    requireUuid(input.activityId, 'input.activityId');
    return this.run(identity, input, { type: 'CancelDevelopmentActivity', activityId: input.activityId, reason: input.reason });
  }

  @Mutation(() => PlanCommandResult, { description: 'The supervisor or HR: the training was given; the need leaves the training plan.' })
  meetTrainingNeed(@CurrentIdentity() identity: Identity, @Args('input') input: MeetTrainingNeedInput): Promise<PlanCommandResult> {
    requireUuid(input.needId, 'input.needId');
    return this.run(identity, input, { type: 'MeetTrainingNeed', needId: input.needId, metOn: input.metOn });
  }

  @Mutation(() => PlanCommandResult, { description: 'The supervisor or HR: the training is no longer needed, and why; the need leaves the training plan.' })
  dropTrainingNeed(@CurrentIdentity() identity: Identity, @Args('input') input: DropTrainingNeedInput): Promise<PlanCommandResult> {
    requireUuid(input.needId, 'input.needId');
    return this.run(identity, input, { type: 'DropTrainingNeed', needId: input.needId, reason: input.reason });
  }

  @Mutation(() => PlanCommandResult, { description: 'The arranger or the supervisor: a development activity took place.' })
  completeDevelopmentActivity(@CurrentIdentity() identity: Identity, @Args('input') input: CompleteDevelopmentActivityInput): Promise<PlanCommandResult> {
    requireUuid(input.activityId, 'input.activityId');
    return this.run(identity, input, { type: 'CompleteDevelopmentActivity', activityId: input.activityId, completedOn: input.completedOn, outcome: input.outcome });
  }

  @Mutation(() => PlanCommandResult, { description: "Record a training need on a person's plan; it rolls up into their site's training plan." })
  recordTrainingNeed(@CurrentIdentity() identity: Identity, @Args('input') input: RecordTrainingNeedInput): Promise<PlanCommandResult> {
    if (input.needId) requireUuid(input.needId, 'input.needId');
    return this.run(
      identity,
      input,
      {
        type: 'RecordTrainingNeed',
        needId: input.needId ?? newId(),
        description: input.description,
        neededBy: input.neededBy,
        estimatedCost: input.estimatedCost ? { ...input.estimatedCost } : null,
        source: input.fromJobChat ? 'JOB_CHAT' : 'DEVELOPMENT_PLAN',
        competencyIds: input.competencyIds,
      },
      input.fromJobChat ?? null,
    );
  }

  private async supervisorOf(identity: Identity, personId: string): Promise<string | null> {
    const [row]: Array<{ supervisor_id: string | null }> = await withTenant(this.dataSource, identity.tenantId, (m) =>
      m.query(`SELECT supervisor_id FROM goal_people WHERE tenant_id = $1 AND person_id::text = $2`, [identity.tenantId, personId]),
    );
    return row?.supervisor_id ?? null;
  }
}
