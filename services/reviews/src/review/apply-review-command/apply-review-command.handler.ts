import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { NotFoundError, runCommand, type CommandContext, type EventStore, type ExpectedVersion } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import { localDateAt } from '@growth/calendar';
import type { ReassignReview, ReviewCommand, StartReview } from '../domain/review.commands';
import type { Actor } from '../domain/review.model';
import { accessToReview } from '../review-access';
import { reviewAggregate } from '../review.stream';
import { renderYearEndSummary } from '../year-end-summary/year-end-summary.pdf';
import { cycleOf, pinnedFramework, ratingFacts, selectionFacts } from './review-facts';
import { yearEndSummaryOf } from './year-end-summary-of';

type WithoutContext<C> = C extends unknown ? Omit<C, 'reviewId' | 'actor' | 'today' | 'at' | 'facts' | 'framework'> : never;

/** A review command as a client asks for it: the handler adds the actor, the dates and the facts the decider needs. */
export type ReviewRequest = WithoutContext<Exclude<ReviewCommand, StartReview | ReassignReview>>;

export class ApplyReviewCommand extends Command<{ reviewId: string; version: number }> {
  constructor(
    readonly reviewId: string,
    readonly request: ReviewRequest,
    readonly actor: Actor,
    readonly expectedVersion: ExpectedVersion | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Runs one step of a review: loads it, reads what the step needs to know (the pinned framework version, whether
 * the person supervises staff, the cycle's assessment scale and time zone) in the same transaction, decides, and
 * when the step files the review, renders its year-end summary and stores it with the filing, so a filed review
 * always has its PDF and a failed render files nothing.
 */
@CommandHandler(ApplyReviewCommand)
export class ApplyReviewCommandHandler implements ICommandHandler<ApplyReviewCommand, { reviewId: string; version: number }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>) {}

  async execute({ reviewId, request, actor, expectedVersion, context }: ApplyReviewCommand): Promise<{ reviewId: string; version: number }> {
    return runCommand(this.store, context, async (unit) => {
      const { state } = await unit.load(reviewAggregate, reviewId);
      const [manager, tenantId] = [unit.transaction, unit.tenantId];
      // Someone the review does not concern learns nothing about it, not even that it exists.
      const visible = actor.kind === 'SYSTEM' || (await accessToReview(manager, { tenantId, actorId: actor.personId, roles: actor.hr ? ['hr'] : [] }, state)) !== null;
      if (state.status === 'NONE' || !visible) throw new NotFoundError('no such review');
      const cycle = await cycleOf(manager, tenantId, state);
      const base = { reviewId, actor, today: localDateAt(context.now, cycle.timeZone) };
      const at = context.now.toISOString();
      let command: ReviewCommand;
      switch (request.type) {
        case 'SelectCompetencies':
          command = { ...request, ...base, facts: await selectionFacts(manager, tenantId, state) };
          break;
        case 'SubmitSelfAssessment':
        case 'RecordSupervisorRatings':
          command = { ...request, ...base, facts: await ratingFacts(manager, tenantId, state) };
          break;
        case 'RecordOverallAssessment':
          command = { ...request, ...base, facts: { scale: cycle.assessmentScale } };
          break;
        case 'SignReview':
        case 'SubmitReviewToHr':
          command = { ...request, ...base, at };
          break;
        case 'OptIntoFullProcess':
          command = { ...request, ...base, framework: cycle.framework };
          break;
        default:
          command = { ...request, ...base };
      }
      const decided = await unit.decide(reviewAggregate, reviewId, command, expectedVersion);
      const filed = decided.events.find((e) => e.type === 'ReviewFiled');
      if (filed) {
        const framework = await pinnedFramework(manager, tenantId, decided.state).catch(() => null);
        const summary = await yearEndSummaryOf(manager, tenantId, decided.state, cycle, framework, filed.data.filedOn);
        await manager.query(`INSERT INTO review_documents (tenant_id, review_id, filing, pdf, generated_at) VALUES ($1, $2, $3, $4, $5)`, [
          tenantId,
          reviewId,
          filed.data.filing,
          await renderYearEndSummary(summary),
          at,
        ]);
      }
      return { reviewId, version: decided.version };
    });
  }
}
