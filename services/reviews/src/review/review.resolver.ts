import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { newId, requireUuid } from '@growth/es';
import { actorOf, authorize, commandContext, CurrentIdentity, requirePageSize, type Identity } from '@growth/service-kit';
import { reviewsPolicy } from '../access/reviews.policy';
import type { Phase } from '../cycle/domain/cycle.model';
import { ApplyReviewCommand, type ReviewRequest } from './apply-review-command/apply-review-command.handler';
import {
  EmployeeCommentsInput,
  JobChatAnswersInput,
  JobChatOutcomeInput,
  OverallAssessmentInput,
  PhaseEnum,
  RatingsInput,
  RecordMeetingInput,
  ReopenReviewInput,
  ReviewCommandResult,
  ReviewOnlyInput,
  ReviewStatusEnum,
  ReviewSummaryPage,
  ReviewView,
  SelectCompetenciesInput,
  SelectionViolationView,
  SignReviewInput,
  YearEndSummaryDocument,
} from './review.graphql';
import { ReviewReader } from './review.reader';

/** As the directory's lists: a page of 200 summaries stays within the gateway's query cost limit. */
const PAGE_MAX = 200;

const pageSize = (first: number): number => {
  requirePageSize(first, PAGE_MAX);
  return first;
};

@Resolver(() => ReviewView)
export class ReviewResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: ReviewReader,
  ) {}

  private async run(identity: Identity, input: { reviewId: string; expectedVersion?: number }, request: ReviewRequest): Promise<ReviewCommandResult> {
    authorize(reviewsPolicy, identity, 'take part in reviews');
    requireUuid(input.reviewId, 'input.reviewId');
    return this.commands.execute(new ApplyReviewCommand(input.reviewId, request, actorOf(identity), input.expectedVersion, commandContext(identity)));
  }

  @Query(() => ReviewView, { description: 'A review you are the employee, supervisor or a manager above the supervisor of, or any review for HR.' })
  review(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<ReviewView> {
    authorize(reviewsPolicy, identity, 'take part in reviews');
    requireUuid(id, 'id');
    return this.reader.review(identity, id);
  }

  @Query(() => ReviewView, { nullable: true, description: 'Your own review in a cycle; the latest cycle when none is named.' })
  myReview(@CurrentIdentity() identity: Identity, @Args('cycleId', { type: () => ID, nullable: true }) cycleId?: string): Promise<ReviewView | null> {
    authorize(reviewsPolicy, identity, 'take part in reviews');
    if (cycleId !== undefined) requireUuid(cycleId, 'cycleId');
    return this.reader.myReview(identity, cycleId);
  }

  @Query(() => ReviewSummaryPage, { description: 'The reviews of your direct reports in a cycle, with phase status and overdue flags.' })
  teamReviews(
    @CurrentIdentity() identity: Identity,
    @Args('cycleId', { type: () => ID }) cycleId: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ReviewSummaryPage> {
    authorize(reviewsPolicy, identity, 'take part in reviews');
    requireUuid(cycleId, 'cycleId');
    return this.reader.teamReviews(identity, cycleId, pageSize(first), after);
  }

  @Query(() => ReviewSummaryPage, { description: "HR: a cycle's reviews, by site (and the sites below it), by a phase not yet completed, by status." })
  reviews(
    @CurrentIdentity() identity: Identity,
    @Args('cycleId', { type: () => ID }) cycleId: string,
    @Args('siteId', { type: () => ID, nullable: true }) siteId?: string,
    @Args('openPhase', { type: () => PhaseEnum, nullable: true }) openPhase?: Phase,
    @Args('status', { type: () => ReviewStatusEnum, nullable: true }) status?: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first = 50,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ReviewSummaryPage> {
    authorize(reviewsPolicy, identity, 'list reviews across the tenant');
    requireUuid(cycleId, 'cycleId');
    if (siteId !== undefined) requireUuid(siteId, 'siteId');
    return this.reader.reviews(identity, { cycleId, siteId, openPhase, status }, pageSize(first), after);
  }

  @Query(() => [SelectionViolationView], { description: 'Every rule a competency selection would break, checked as submitting it would; empty when valid.' })
  async checkCompetencySelection(
    @CurrentIdentity() identity: Identity,
    @Args('reviewId', { type: () => ID }) reviewId: string,
    @Args('competencyIds', { type: () => [ID] }) competencyIds: string[],
  ): Promise<SelectionViolationView[]> {
    authorize(reviewsPolicy, identity, 'take part in reviews');
    requireUuid(reviewId, 'reviewId');
    const violations = await this.reader.checkSelection(identity, reviewId, competencyIds);
    return violations.map((v) => ({ rule: v.rule, message: v.message, competencyId: v.competencyId ?? null, clusterId: v.clusterId ?? null }));
  }

  @Query(() => YearEndSummaryDocument, { description: 'The filed year-end summary (form 5240F3) as a PDF; the latest filing unless one is named.' })
  yearEndSummary(
    @CurrentIdentity() identity: Identity,
    @Args('reviewId', { type: () => ID }) reviewId: string,
    @Args('filing', { type: () => Int, nullable: true }) filing?: number,
  ): Promise<YearEndSummaryDocument> {
    authorize(reviewsPolicy, identity, 'take part in reviews');
    requireUuid(reviewId, 'reviewId');
    return this.reader.yearEndSummary(identity, reviewId, filing);
  }

  @Mutation(() => ReviewCommandResult, { description: 'Employee: a job chat becomes a full review (for anyone with career aspirations), before the job chat is held.' })
  optIntoFullReview(@CurrentIdentity() identity: Identity, @Args('input') input: ReviewOnlyInput): Promise<ReviewCommandResult> {
    return this.run(identity, input, { type: 'OptIntoFullProcess' });
  }

  @Mutation(() => ReviewCommandResult, { description: 'Employee: choose competencies; every rule broken is reported (see checkCompetencySelection).' })
  selectCompetencies(@CurrentIdentity() identity: Identity, @Args('input') input: SelectCompetenciesInput): Promise<ReviewCommandResult> {
    return this.run(identity, input, { type: 'SelectCompetencies', competencyIds: input.competencyIds });
  }

  @Mutation(() => ReviewCommandResult, { description: 'Supervisor: agree the submitted competency selection.' })
  agreeCompetencySelection(@CurrentIdentity() identity: Identity, @Args('input') input: ReviewOnlyInput): Promise<ReviewCommandResult> {
    return this.run(identity, input, { type: 'AgreeCompetencySelection' });
  }

  @Mutation(() => ReviewCommandResult, { description: 'Employee or supervisor: a meeting held; its phase completes with it.' })
  recordMeeting(@CurrentIdentity() identity: Identity, @Args('input') input: RecordMeetingInput): Promise<ReviewCommandResult> {
    if (input.meetingId !== undefined) requireUuid(input.meetingId, 'input.meetingId');
    return this.run(identity, input, { type: 'RecordMeeting', meetingId: input.meetingId ?? newId(), kind: input.kind, heldOn: input.heldOn, attendeeIds: input.attendeeIds, notes: input.notes });
  }

  @Mutation(() => ReviewCommandResult, { description: 'Employee: a rating and evidence for each chosen competency (each theme, in a leadership review).' })
  submitSelfAssessment(@CurrentIdentity() identity: Identity, @Args('input') input: RatingsInput): Promise<ReviewCommandResult> {
    return this.run(identity, input, { type: 'SubmitSelfAssessment', ratings: input.ratings.map((r) => ({ competencyId: r.competencyId, ratingLevelId: r.ratingLevelId, evidence: r.text })) });
  }

  @Mutation(() => ReviewCommandResult, { description: 'Supervisor: a rating and comment for each chosen competency (each theme, in a leadership review).' })
  recordSupervisorRatings(@CurrentIdentity() identity: Identity, @Args('input') input: RatingsInput): Promise<ReviewCommandResult> {
    return this.run(identity, input, { type: 'RecordSupervisorRatings', ratings: input.ratings.map((r) => ({ competencyId: r.competencyId, ratingLevelId: r.ratingLevelId, comment: r.text })) });
  }

  @Mutation(() => ReviewCommandResult, { description: 'Employee or supervisor: the answers of a job chat.' })
  recordJobChatAnswers(@CurrentIdentity() identity: Identity, @Args('input') input: JobChatAnswersInput): Promise<ReviewCommandResult> {
    const { likes, dislikes, needsToDoTheJob, needsToGiveGoodService, developmentNeeds, improvements } = input;
    return this.run(identity, input, { type: 'RecordJobChatAnswers', answers: { likes, dislikes, needsToDoTheJob, needsToGiveGoodService, developmentNeeds, improvements } });
  }

  @Mutation(() => ReviewCommandResult, { description: 'Supervisor: the training and suggestions that follow a job chat.' })
  recordJobChatOutcome(@CurrentIdentity() identity: Identity, @Args('input') input: JobChatOutcomeInput): Promise<ReviewCommandResult> {
    return this.run(identity, input, { type: 'RecordJobChatOutcome', trainingAgreed: input.trainingAgreed, suggestions: input.suggestions });
  }

  @Mutation(() => ReviewCommandResult, { description: "Supervisor: the overall assessment on the cycle's scale; pay-progression eligibility follows from it." })
  recordOverallAssessment(@CurrentIdentity() identity: Identity, @Args('input') input: OverallAssessmentInput): Promise<ReviewCommandResult> {
    return this.run(identity, input, { type: 'RecordOverallAssessment', assessmentId: input.assessmentId, followUpReviewBy: input.followUpReviewBy ?? null });
  }

  @Mutation(() => ReviewCommandResult, { description: 'Employee: comments on the review, before signing.' })
  addEmployeeComments(@CurrentIdentity() identity: Identity, @Args('input') input: EmployeeCommentsInput): Promise<ReviewCommandResult> {
    return this.run(identity, input, { type: 'AddEmployeeComments', comments: input.comments });
  }

  @Mutation(() => ReviewCommandResult, { description: 'Employee: sign, agreeing or "seen, with comments".' })
  signReviewAsEmployee(@CurrentIdentity() identity: Identity, @Args('input') input: SignReviewInput): Promise<ReviewCommandResult> {
    return this.run(identity, input, { type: 'SignReview', role: 'EMPLOYEE', agreed: input.agreed });
  }

  @Mutation(() => ReviewCommandResult, { description: 'Supervisor: sign the review.' })
  signReviewAsSupervisor(@CurrentIdentity() identity: Identity, @Args('input') input: ReviewOnlyInput): Promise<ReviewCommandResult> {
    return this.run(identity, input, { type: 'SignReview', role: 'SUPERVISOR', agreed: true });
  }

  @Mutation(() => ReviewCommandResult, { description: 'Supervisor: submit the signed review to HR; it is filed, read-only, with its year-end summary PDF.' })
  submitReviewToHr(@CurrentIdentity() identity: Identity, @Args('input') input: ReviewOnlyInput): Promise<ReviewCommandResult> {
    return this.run(identity, input, { type: 'SubmitReviewToHr' });
  }

  @Mutation(() => ReviewCommandResult, { description: 'HR: reopen a filed review for a correction, with the reason; it is signed and filed again.' })
  reopenReview(@CurrentIdentity() identity: Identity, @Args('input') input: ReopenReviewInput): Promise<ReviewCommandResult> {
    return this.run(identity, input, { type: 'ReopenReview', reason: input.reason });
  }

  @Mutation(() => ReviewCommandResult, { description: 'HR: withdraw a review that is not filed.' })
  withdrawReview(@CurrentIdentity() identity: Identity, @Args('input') input: ReviewOnlyInput): Promise<ReviewCommandResult> {
    return this.run(identity, input, { type: 'WithdrawReview', reason: 'WITHDRAWN_BY_HR' });
  }
}
