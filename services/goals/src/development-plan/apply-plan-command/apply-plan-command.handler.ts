import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { localDateAt } from '@growth/calendar';
import { InvalidStateError, NotFoundError, runCommand, ValidationFailedError, type CommandContext, type EventStore } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import { accessToPersonsGoals } from '../../access/goal-access';
import type { DevelopmentPlanCommand, StartDevelopmentPlan } from '../domain/development-plan.commands';
import type { Actor } from '../domain/development-plan.model';
import { developmentPlanAggregate, developmentPlanIdOf } from '../development-plan.stream';

type WithoutContext<C> = C extends unknown ? Omit<C, 'planId' | 'actor' | 'today'> : never;
export type PlanRequest = WithoutContext<Exclude<DevelopmentPlanCommand, StartDevelopmentPlan>>;

export class ApplyPlanCommand extends Command<{ planId: string; version: number }> {
  constructor(
    readonly cycleId: string,
    readonly personId: string,
    readonly request: PlanRequest,
    readonly actor: Actor,
    readonly context: CommandContext,
    /** The job chat a training need was agreed in: the review's id, checked to be this person's job chat in the cycle. */
    readonly fromJobChat: string | null = null,
  ) {
    super();
  }
}

/**
 * The job chat's agreed training is written in the review, which publishes no text: the supervisor records each
 * need on the plan, naming the job chat, and it joins the site's training plan marked as the job chat's. A review
 * whose process is unknown (copied before goals kept it) is not taken for a job chat.
 */
const requireJobChat = async (manager: EntityManager, tenantId: string, reviewId: string, cycleId: string, personId: string): Promise<void> => {
  const [review]: Array<{ process: string | null }> = await manager.query(
    `SELECT process FROM goal_review_frameworks WHERE tenant_id = $1 AND review_id::text = $2 AND cycle_id::text = $3 AND person_id::text = $4`,
    [tenantId, reviewId, cycleId, personId],
  );
  if (review?.process !== 'JOB_CHAT') throw new ValidationFailedError([{ path: 'input.fromJobChat', message: "not this person's job chat in this cycle" }]);
};

/**
 * A step on a person's development plan of a cycle; the plan starts with its first step (one per person per cycle,
 * its id derived from the two). Someone the person's goals do not concern learns nothing about it.
 */
@CommandHandler(ApplyPlanCommand)
export class ApplyPlanCommandHandler implements ICommandHandler<ApplyPlanCommand, { planId: string; version: number }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>) {}

  async execute({ cycleId, personId, request, actor, context, fromJobChat }: ApplyPlanCommand): Promise<{ planId: string; version: number }> {
    const planId = developmentPlanIdOf(cycleId, personId);
    return runCommand(
      this.store,
      context,
      async (unit) => {
        const [manager, tenantId] = [unit.transaction, unit.tenantId];
        const [cycle]: Array<{ time_zone: string }> = await manager.query(`SELECT time_zone FROM goal_cycles WHERE tenant_id = $1 AND cycle_id::text = $2`, [tenantId, cycleId]);
        if (!cycle) throw new InvalidStateError('no open review cycle with this id is known to goals yet');
        const [person]: Array<{ supervisor_id: string | null }> = await manager.query(`SELECT supervisor_id FROM goal_people WHERE tenant_id = $1 AND person_id::text = $2`, [tenantId, personId]);
        const identity = { tenantId, actorId: actor.kind === 'PERSON' ? actor.personId : 'system', roles: actor.kind === 'PERSON' && actor.hr ? ['hr'] : [] };
        if (!person || (await accessToPersonsGoals(manager, identity, { personId, supervisorId: person.supervisor_id })) === null) throw new NotFoundError('no such person');
        // Only once the caller may act on the person's plan: a stranger learns nothing of their reviews from it.
        if (fromJobChat !== null) await requireJobChat(manager, tenantId, fromJobChat, cycleId, personId);
        const today = localDateAt(context.now, cycle.time_zone);
        const { version } = await unit.load(developmentPlanAggregate, planId);
        const step = { ...request, planId, actor, today } as DevelopmentPlanCommand;
        const commands: DevelopmentPlanCommand[] =
          version < 0 ? [{ type: 'StartDevelopmentPlan', planId, actor, today, cycleId, personId, supervisorId: person.supervisor_id }, step] : [step];
        const decided = await unit.decide(developmentPlanAggregate, planId, commands);
        return { planId, version: decided.version };
      },
      // Two first steps at once both start the plan: the loser reads it and adds its step.
      { retryOnConflict: 2 },
    );
  }
}
