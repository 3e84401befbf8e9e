import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { localDateAt } from '@growth/calendar';
import { InvalidStateError, NotFoundError, runCommand, type CommandContext, type EventStore, type ExpectedVersion } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import { accessToPersonsGoals } from '../../access/goal-access';
import type { CareerReviewCommand } from '../domain/career-review.commands';
import type { Actor } from '../domain/career-review.model';
import { careerReviewAggregate } from '../career-review.stream';

type WithoutContext<C> = C extends unknown ? Omit<C, 'personId' | 'actor' | 'today' | 'facts'> : never;
/** A career review command as a client asks for it: the handler adds the actor, the date and the supervisor. */
export type CareerRequest = WithoutContext<CareerReviewCommand>;

export class ApplyCareerCommand extends Command<{ personId: string; version: number }> {
  constructor(
    readonly personId: string,
    readonly request: CareerRequest,
    readonly actor: Actor,
    readonly expectedVersion: ExpectedVersion | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * A step on a person's career development review in a cycle. The cycle gives the tenant's date; the person's
 * supervisor now is the one who agrees and completes actions, so a change of supervisor moves the review with no
 * reaction of its own. Someone the person's goals do not concern learns nothing about it.
 */
@CommandHandler(ApplyCareerCommand)
export class ApplyCareerCommandHandler implements ICommandHandler<ApplyCareerCommand, { personId: string; version: number }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>) {}

  async execute({ personId, request, actor, expectedVersion, context }: ApplyCareerCommand): Promise<{ personId: string; version: number }> {
    return runCommand(this.store, context, async (unit) => {
      const [manager, tenantId] = [unit.transaction, unit.tenantId];
      const [person]: Array<{ supervisor_id: string | null }> = await manager.query(`SELECT supervisor_id FROM goal_people WHERE tenant_id = $1 AND person_id::text = $2`, [tenantId, personId]);
      const identity = { tenantId, actorId: actor.kind === 'PERSON' ? actor.personId : 'system', roles: actor.kind === 'PERSON' && actor.hr ? ['hr'] : [] };
      if (!person || (await accessToPersonsGoals(manager, identity, { personId, supervisorId: person.supervisor_id })) === null) throw new NotFoundError('no such person');
      const [cycle]: Array<{ time_zone: string }> = await manager.query(`SELECT time_zone FROM goal_cycles WHERE tenant_id = $1 AND cycle_id::text = $2`, [tenantId, request.cycleId]);
      // A closed cycle's career plan still runs (its actions are completed later): any known cycle will do.
      if (!cycle) throw new InvalidStateError('no review cycle with this id is known to goals yet');
      const base = { personId, actor, today: localDateAt(context.now, cycle.time_zone) };
      const command: CareerReviewCommand = { ...request, ...base, facts: { supervisorId: person.supervisor_id } };
      const { version } = await unit.decide(careerReviewAggregate, personId, command, expectedVersion);
      return { personId, version };
    });
  }
}
