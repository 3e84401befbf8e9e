import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PHASES, REVIEW_PROCESSES, type Phase, type ReviewProcess } from '../cycle/domain/cycle.model';
import { DateScalar } from '@growth/service-kit';
import { MEETING_KINDS, type MeetingKind, type ReviewerRole, type ReviewStatus } from './domain/review.model';
import { REVIEW_STEPS, type ReviewStep } from './domain/review.steps';

const enumOf = <T extends string>(values: readonly T[]): Record<T, T> => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const ReviewProcessEnum = enumOf(REVIEW_PROCESSES);
registerEnumType(ReviewProcessEnum, { name: 'ReviewProcess', description: 'FULL review; the abbreviated JOB_CHAT (cleaning, catering and lunchtime staff by default); LEADERSHIP review against a leadership framework.' });
export const PhaseEnum = enumOf(PHASES);
registerEnumType(PhaseEnum, { name: 'ReviewPhase', description: 'The phases of a cycle, each completed by its meeting.' });
export const MeetingKindEnum = enumOf(MEETING_KINDS);
registerEnumType(MeetingKindEnum, { name: 'MeetingKind' });
export const ReviewStatusEnum = enumOf<Exclude<ReviewStatus, 'NONE'>>(['OPEN', 'FILED', 'REOPENED', 'WITHDRAWN']);
registerEnumType(ReviewStatusEnum, { name: 'ReviewStatus', description: 'OPEN; FILED with HR (read-only); REOPENED by HR for a correction; WITHDRAWN (the person left).' });
export const ReviewStepEnum = enumOf(REVIEW_STEPS);
registerEnumType(ReviewStepEnum, { name: 'ReviewStep', description: 'A step of the review process; `nextSteps` lists those allowed now.' });
export const ReviewerRoleEnum = enumOf<Exclude<ReviewerRole, 'SYSTEM'>>(['EMPLOYEE', 'SUPERVISOR', 'HR']);
registerEnumType(ReviewerRoleEnum, { name: 'ReviewRole' });

/** A person of the directory, resolved through the gateway: the reviews subgraph knows only the id. */
@ObjectType('Person')
@Directive('@key(fields: "id", resolvable: false)')
export class PersonReference {
  @Field(() => ID) id!: string;
}

@ObjectType()
export class PhaseStatus {
  @Field(() => PhaseEnum) phase!: Phase;
  @Field(() => DateScalar, { description: "Due by the end of this day in the tenant's time zone." }) dueOn!: string;
  @Field(() => DateScalar, { nullable: true, description: 'The day its meeting was held.' }) completedOn!: string | null;
  @Field({ description: "Not completed and the due date has passed in the tenant's time zone." }) overdue!: boolean;
}

@ObjectType('NextStep')
export class NextStepView {
  @Field(() => ReviewStepEnum) step!: ReviewStep;
  @Field(() => [ReviewerRoleEnum]) by!: string[];
}

@ObjectType()
export class CompetencyRating {
  @Field(() => ID, { description: 'The competency (full review) or theme (leadership review).' }) competencyId!: string;
  @Field(() => ID) ratingLevelId!: string;
  @Field({ description: 'Evidence (self-assessment) or comment (supervisor).' }) text!: string;
  @Field({ description: 'Rated at the lowest level of the scale ("Developing"): a candidate for growth planning.' }) developing!: boolean;
}

@ObjectType('Meeting')
export class MeetingView {
  @Field(() => ID) meetingId!: string;
  @Field(() => MeetingKindEnum) kind!: MeetingKind;
  @Field(() => DateScalar) heldOn!: string;
  @Field(() => [PersonReference]) attendees!: PersonReference[];
  @Field() notes!: string;
}

@ObjectType('JobChat', { description: 'The job chat: what the employee said, and the training and suggestions that follow.' })
export class JobChatView {
  @Field() likes!: string;
  @Field() dislikes!: string;
  @Field() needsToDoTheJob!: string;
  @Field() needsToGiveGoodService!: string;
  @Field() developmentNeeds!: string;
  @Field() improvements!: string;
  @Field(() => String, { nullable: true }) trainingAgreed!: string | null;
  @Field(() => String, { nullable: true }) suggestions!: string | null;
}

@ObjectType('OverallAssessment')
export class OverallAssessmentView {
  @Field(() => ID) assessmentId!: string;
  @Field() label!: string;
  @Field() eligibleForPayProgression!: boolean;
  @Field(() => DateScalar, { nullable: true }) followUpReviewBy!: string | null;
  @Field() formalProcedures!: boolean;
}

@ObjectType('Signature')
export class SignatureView {
  @Field(() => PersonReference) signedBy!: PersonReference;
  @Field(() => DateScalar) signedOn!: string;
  @Field({ description: 'False: the employee signed "seen, with comments" without agreeing.' }) agreed!: boolean;
}

@ObjectType({ description: 'One event of the review, oldest first: what happened, when and by whom.' })
export class TimelineEntry {
  @Field(() => Int) version!: number;
  @Field() type!: string;
  @Field() occurredAt!: string;
  @Field(() => String, { description: 'A person id, or "system".' }) actorId!: string;
}

@ObjectType({ description: 'A filed year-end summary (form 5240F3) as a PDF.' })
export class YearEndSummaryDocument {
  @Field(() => Int, { description: '1 for the first filing; 2 and on after HR reopened the review.' }) filing!: number;
  @Field() filename!: string;
  @Field() contentType!: string;
  @Field({ description: 'The PDF, base64-encoded.' }) base64!: string;
  @Field() generatedAt!: string;
}

@ObjectType({ description: "A review's place in its cycle: what a team or HR list shows." })
export class ReviewSummary {
  @Field(() => ID) id!: string;
  @Field(() => ID) cycleId!: string;
  @Field(() => PersonReference) employee!: PersonReference;
  @Field(() => PersonReference, { nullable: true }) reviewer!: PersonReference | null;
  @Field(() => ReviewProcessEnum) process!: ReviewProcess;
  @Field(() => ReviewStatusEnum) status!: string;
  @Field(() => [PhaseStatus]) phases!: PhaseStatus[];
  @Field({ description: 'Some phase is overdue.' }) overdue!: boolean;
  @Field(() => String, { nullable: true }) overallAssessmentId!: string | null;
  @Field(() => Boolean, { nullable: true }) eligibleForPayProgression!: boolean | null;
  @Field(() => Int, { description: 'Send as expectedVersion to act on what you read.' }) version!: number;
}

@ObjectType()
export class ReviewSummaryPage {
  @Field(() => [ReviewSummary]) items!: ReviewSummary[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType('Review', { description: 'One person\'s review in one cycle, with everything recorded so far.' })
export class ReviewView extends ReviewSummary {
  @Field(() => ID) frameworkId!: string;
  @Field(() => Int) frameworkVersion!: number;
  @Field(() => [String], { description: 'Responsibility levels considered (leadership review).' }) levels!: string[];
  @Field(() => [ID], { nullable: true }) selectedCompetencyIds!: string[] | null;
  @Field() selectionAgreed!: boolean;
  @Field(() => [CompetencyRating], { nullable: true }) selfAssessment!: CompetencyRating[] | null;
  @Field(() => [CompetencyRating], { nullable: true }) supervisorRatings!: CompetencyRating[] | null;
  @Field(() => JobChatView, { nullable: true }) jobChat!: JobChatView | null;
  @Field(() => [MeetingView]) meetings!: MeetingView[];
  @Field(() => OverallAssessmentView, { nullable: true }) overallAssessment!: OverallAssessmentView | null;
  @Field(() => String, { nullable: true }) employeeComments!: string | null;
  @Field(() => SignatureView, { nullable: true }) employeeSignature!: SignatureView | null;
  @Field(() => SignatureView, { nullable: true }) supervisorSignature!: SignatureView | null;
  @Field(() => Int, { description: 'How many times it was filed with HR.' }) filings!: number;
  @Field(() => [NextStepView], { description: 'What can happen now, and by whom.' }) nextSteps!: NextStepView[];
  @Field(() => [TimelineEntry]) timeline!: TimelineEntry[];
}

@ObjectType('SelectionViolation', { description: 'A selection rule a competency selection breaks.' })
export class SelectionViolationView {
  @Field() rule!: string;
  @Field() message!: string;
  @Field(() => ID, { nullable: true }) competencyId!: string | null;
  @Field(() => ID, { nullable: true }) clusterId!: string | null;
}

@ObjectType()
export class ReviewCommandResult {
  @Field(() => ID) reviewId!: string;
  @Field(() => Int, { description: 'Send as expectedVersion next time.' }) version!: number;
}

@InputType()
class ReviewStepInput {
  @Field(() => ID) reviewId!: string;
  @Field(() => Int, { nullable: true, description: 'The version you last read; a stale one fails with CONCURRENCY_CONFLICT and changes nothing.' }) expectedVersion?: number;
}

@InputType()
export class SelectCompetenciesInput extends ReviewStepInput {
  @Field(() => [ID]) competencyIds!: string[];
}

@InputType()
export class ReviewOnlyInput extends ReviewStepInput {}

@InputType()
export class RecordMeetingInput extends ReviewStepInput {
  @Field(() => ID, { nullable: true, description: 'Client-chosen UUID, so a retried request records the meeting once.' }) meetingId?: string;
  @Field(() => MeetingKindEnum) kind!: MeetingKind;
  @Field(() => DateScalar) heldOn!: string;
  @Field(() => [ID]) attendeeIds!: string[];
  @Field({ defaultValue: '' }) notes!: string;
}

@InputType()
export class RatingInput {
  @Field(() => ID) competencyId!: string;
  @Field(() => ID) ratingLevelId!: string;
  @Field({ defaultValue: '', description: 'Evidence (self-assessment) or comment (supervisor).' }) text!: string;
}

@InputType()
export class RatingsInput extends ReviewStepInput {
  @Field(() => [RatingInput]) ratings!: RatingInput[];
}

@InputType()
export class JobChatAnswersInput extends ReviewStepInput {
  @Field({ defaultValue: '' }) likes!: string;
  @Field({ defaultValue: '' }) dislikes!: string;
  @Field({ defaultValue: '' }) needsToDoTheJob!: string;
  @Field({ defaultValue: '' }) needsToGiveGoodService!: string;
  @Field({ defaultValue: '' }) developmentNeeds!: string;
  @Field({ defaultValue: '' }) improvements!: string;
}

@InputType()
export class JobChatOutcomeInput extends ReviewStepInput {
  @Field({ defaultValue: '' }) trainingAgreed!: string;
  @Field({ defaultValue: '' }) suggestions!: string;
}

@InputType()
export class OverallAssessmentInput extends ReviewStepInput {
  @Field(() => ID, { description: 'A level of the cycle\'s scale, e.g. ACHIEVED.' }) assessmentId!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Required when the level schedules a follow-up review (Progressing).' }) followUpReviewBy?: string;
}

@InputType()
export class EmployeeCommentsInput extends ReviewStepInput {
  @Field() comments!: string;
}

@InputType()
export class SignReviewInput extends ReviewStepInput {
  @Field({ defaultValue: true, description: 'Employee only: false signs "seen, with comments" without agreeing.' }) agreed!: boolean;
}

@InputType()
export class ReopenReviewInput extends ReviewStepInput {
  @Field() reason!: string;
}
