import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { newId, NotFoundError, requireUuid } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { actorOf, authorize, commandContext, CurrentIdentity, type Identity } from '@growth/service-kit';
import { accessToPersonsGoals } from '../access/goal-access';
import { goalsPolicy } from '../access/goals.policy';
import { ApplyCareerCommand, type CareerRequest } from './apply-career-command/apply-career-command.handler';
import { openCareerActions } from './domain/career-review.decider';
import type { CareerReviewState } from './domain/career-review.model';
import {
  AgreeCareerReviewInput,
  CareerReviewCommandResult,
  CareerReviewView,
  CompleteCareerActionInput,
  RecordCareerReviewInput,
} from './career-review.graphql';

const viewOf = (state: CareerReviewState, version: number): CareerReviewView => ({
  person: { id: state.personId ?? '' },
  entries: state.entries.map((e) => ({
    cycleId: e.cycleId,
    supervisor: e.supervisorId ? { id: e.supervisorId } : null,
    whereNow: e.whereNow,
    in5Years: e.in5Years,
    in10Years: e.in10Years,
    options: [...e.options],
    agreedActions: e.agreedActions.map((a) => ({ ...a })),
    agreedBy: e.agreedBy ? { id: e.agreedBy } : null,
    agreedOn: e.agreedOn,
  })),
  openActions: openCareerActions(state),
  version,
});

/** Career development reviews: the person, their supervisor, the managers above (read-only) and HR see one. */
@Resolver(() => CareerReviewView)
export class CareerReviewResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
  ) {}

  private async run(identity: Identity, input: { personId?: string; cycleId: string; expectedVersion?: number }, request: CareerRequest): Promise<CareerReviewCommandResult> {
    authorize(goalsPolicy, identity, 'take part in goals');
    requireUuid(input.cycleId, 'input.cycleId');
    if (input.personId) requireUuid(input.personId, 'input.personId');
    const personId = input.personId ?? identity.actorId;
    const { version } = await this.commands.execute(new ApplyCareerCommand(personId, request, actorOf(identity), input.expectedVersion ?? undefined, commandContext(identity)));
    return { personId, version };
  }

  private read(identity: Identity, personId: string): Promise<CareerReviewView | null> {
    authorize(goalsPolicy, identity, 'take part in goals');
    return withTenant(this.dataSource, identity.tenantId, async (m) => {
      const [person]: Array<{ supervisor_id: string | null }> = await m.query(`SELECT supervisor_id FROM goal_people WHERE tenant_id = $1 AND person_id::text = $2`, [identity.tenantId, personId]);
      if (!person || (await accessToPersonsGoals(m, identity, { personId, supervisorId: person.supervisor_id })) === null) throw new NotFoundError('no such person');
      const [row]: Array<{ state: CareerReviewState; version: number }> = await m.query(`SELECT state, version FROM career_review_list WHERE tenant_id = $1 AND person_id = $2`, [identity.tenantId, personId]);
      return row ? viewOf(row.state, row.version) : null;
    });
  }

  @Query(() => CareerReviewView, { nullable: true, description: "A person's career development review across cycles; null until its first entry." })
  careerReview(@CurrentIdentity() identity: Identity, @Args('personId', { type: () => ID }) personId: string): Promise<CareerReviewView | null> {
    requireUuid(personId, 'personId');
    return this.read(identity, personId);
  }

  @Query(() => CareerReviewView, { nullable: true, description: 'Your career development review across cycles; null until its first entry.' })
  myCareerReview(@CurrentIdentity() identity: Identity): Promise<CareerReviewView | null> {
    return this.read(identity, identity.actorId);
  }

  @Mutation(() => CareerReviewCommandResult, { description: "The employee (or HR): write the cycle's career development review; rewritable until agreed." })
  recordCareerReview(@CurrentIdentity() identity: Identity, @Args('input') input: RecordCareerReviewInput): Promise<CareerReviewCommandResult> {
    for (const [i, a] of input.agreedActions.entries()) if (a.actionId) requireUuid(a.actionId, `input.agreedActions.${i}.actionId`);
    return this.run(identity, input, {
      type: 'RecordCareerReview',
      cycleId: input.cycleId,
      whereNow: input.whereNow,
      in5Years: input.in5Years,
      in10Years: input.in10Years,
      options: input.options,
      agreedActions: input.agreedActions.map((a) => ({ actionId: a.actionId ?? newId(), description: a.description, dueOn: a.dueOn ?? null })),
    });
  }

  @Mutation(() => CareerReviewCommandResult, { description: "The person's current supervisor (or HR): agree the career development review's actions." })
  agreeCareerReview(@CurrentIdentity() identity: Identity, @Args('input') input: AgreeCareerReviewInput): Promise<CareerReviewCommandResult> {
    return this.run(identity, input, { type: 'AgreeCareerReview', cycleId: input.cycleId });
  }

  @Mutation(() => CareerReviewCommandResult, { description: 'The employee, their current supervisor or HR: an agreed career action is done.' })
  completeCareerAction(@CurrentIdentity() identity: Identity, @Args('input') input: CompleteCareerActionInput): Promise<CareerReviewCommandResult> {
    requireUuid(input.actionId, 'input.actionId');
    return this.run(identity, input, { type: 'CompleteCareerAction', cycleId: input.cycleId, actionId: input.actionId, completedOn: input.completedOn });
  }
}
