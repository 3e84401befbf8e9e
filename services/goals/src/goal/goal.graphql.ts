import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '@growth/service-kit';
import { GOAL_KINDS, PROGRESS_STATUSES, REFLECTION_PHASES, type GoalKind, type ProgressStatus, type ReflectionPhase } from './domain/goal.model';
import { GOAL_STEPS, type GoalStep } from './domain/goal.steps';

const enumOf = <T extends string>(values: readonly T[]): Record<T, T> => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const GoalKindEnum = enumOf(GOAL_KINDS);
registerEnumType(GoalKindEnum, { name: 'GoalKind', description: 'PERFORMANCE (aligned to a unit goal), DEVELOPMENT (linked to competencies), OBJECTIVE (supervisors; tenant-set cap, default 5).' });
export const ProgressStatusEnum = enumOf(PROGRESS_STATUSES);
registerEnumType(ProgressStatusEnum, { name: 'GoalProgressStatus' });
export const GoalStatusEnum = enumOf(['DRAFT', 'SUBMITTED', 'AGREED', 'ACHIEVED', 'NOT_ACHIEVED', 'DEFERRED', 'WITHDRAWN'] as const);
registerEnumType(GoalStatusEnum, { name: 'GoalStatus' });
export const ReflectionPhaseEnum = enumOf(REFLECTION_PHASES);
registerEnumType(ReflectionPhaseEnum, { name: 'GoalReflectionPhase', description: "The review meetings at which goals are reflected on (seed 002)." });
export const GoalStepEnum = enumOf(GOAL_STEPS);
registerEnumType(GoalStepEnum, { name: 'GoalStep' });

@ObjectType('Person')
@Directive('@key(fields: "id", resolvable: false)')
export class PersonReference {
  @Field(() => ID) id!: string;
}

@ObjectType('GoalMeasure', { description: 'How progress is measured: what, from the baseline to the target, in the unit.' })
export class MeasureView {
  @Field() what!: string;
  @Field(() => Float, { nullable: true }) baseline!: number | null;
  @Field(() => Float, { nullable: true }) target!: number | null;
  @Field() unit!: string;
}

@ObjectType('GoalWarning', { description: 'Wording the lint finds vague; the supervisor approves over it explicitly.' })
export class WarningView {
  @Field() code!: string;
  @Field() word!: string;
  @Field() message!: string;
}

@ObjectType('GoalReviewMeeting', { description: "The meeting of the person's review in the goal's cycle that a check-in reflects." })
export class ReviewMeetingView {
  @Field(() => ID) reviewId!: string;
  @Field(() => ReflectionPhaseEnum) phase!: ReflectionPhase;
  @Field(() => DateScalar, { nullable: true, description: 'The day it was held; null until the review records it.' }) completedOn!: string | null;
}

@ObjectType('GoalCheckIn')
export class CheckInView {
  @Field(() => ID) checkInId!: string;
  @Field(() => Int, { description: 'The goal version it was recorded against.' }) contentVersion!: number;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => ProgressStatusEnum) status!: ProgressStatus;
  @Field() notes!: string;
  @Field(() => DateScalar) recordedOn!: string;
  @Field(() => ReflectionPhaseEnum, { nullable: true, description: 'The review meeting this check-in is the reflection at.' }) reflection!: ReflectionPhase | null;
  @Field(() => ReviewMeetingView, { nullable: true }) meeting!: ReviewMeetingView | null;
}

@ObjectType('AgreedGoalVersion')
export class AgreedVersionView {
  @Field(() => Int) contentVersion!: number;
  @Field(() => DateScalar) agreedOn!: string;
  @Field() statement!: string;
}

@ObjectType('GoalNextStep')
export class GoalNextStepView {
  @Field(() => GoalStepEnum) step!: GoalStep;
  @Field(() => [String]) by!: string[];
}

@ObjectType('Goal', { description: 'A SMART goal of a person in a review cycle.' })
export class GoalView {
  @Field(() => ID) id!: string;
  @Field(() => ID) cycleId!: string;
  @Field(() => PersonReference) person!: PersonReference;
  @Field(() => PersonReference, { nullable: true }) supervisor!: PersonReference | null;
  @Field(() => GoalKindEnum) kind!: GoalKind;
  @Field(() => GoalStatusEnum) status!: string;
  @Field(() => Int, { description: 'The content version: a change after agreement starts the next, to be agreed again.' }) contentVersion!: number;
  @Field() statement!: string;
  @Field(() => MeasureView, { nullable: true }) measure!: MeasureView | null;
  @Field(() => [String]) actions!: string[];
  @Field() support!: string;
  @Field(() => ID, { nullable: true }) unitGoalId!: string | null;
  @Field(() => [ID]) competencyIds!: string[];
  @Field(() => DateScalar, { nullable: true }) dueOn!: string | null;
  @Field(() => [WarningView]) warnings!: WarningView[];
  @Field() employeeApproved!: boolean;
  @Field() supervisorApproved!: boolean;
  @Field(() => [AgreedVersionView]) agreedVersions!: AgreedVersionView[];
  @Field(() => [CheckInView]) progress!: CheckInView[];
  @Field(() => [GoalNextStepView]) nextSteps!: GoalNextStepView[];
  @Field(() => Int, { description: 'Send as expectedVersion to act on what you read.' }) version!: number;
}

@ObjectType()
export class GoalCommandResult {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'Send as expectedVersion next time.' }) version!: number;
}

@InputType()
export class MeasureInput {
  @Field() what!: string;
  @Field(() => Float, { nullable: true }) baseline?: number;
  @Field(() => Float, { nullable: true }) target?: number;
  @Field() unit!: string;
}

@InputType()
export class GoalContentInput {
  @Field({ description: 'Specific: what will be achieved.' }) statement!: string;
  @Field(() => MeasureInput, { nullable: true, description: 'Measurable.' }) measure?: MeasureInput;
  @Field(() => [String], { defaultValue: [], description: 'Attainable: the actions and strategies.' }) actions!: string[];
  @Field({ defaultValue: '', description: 'The support needed.' }) support!: string;
  @Field(() => ID, { nullable: true, description: 'Relevant: the unit goal a performance goal or objective aligns to.' }) unitGoalId?: string;
  @Field(() => [ID], { defaultValue: [], description: 'Relevant: the competencies a development goal builds.' }) competencyIds!: string[];
  @Field(() => DateScalar, { nullable: true, description: 'Time-bound: within the cycle.' }) dueOn?: string;
}

@InputType()
export class DraftGoalInput {
  @Field(() => ID, { nullable: true, description: 'Client-chosen UUID, so a retried request drafts one goal.' }) goalId?: string;
  @Field(() => ID) cycleId!: string;
  @Field(() => ID, { nullable: true, description: 'Whose goal: yourself when omitted, or one of your reports.' }) personId?: string;
  @Field(() => GoalKindEnum) kind!: GoalKind;
  @Field(() => GoalContentInput) content!: GoalContentInput;
}

@InputType()
class GoalStepInput {
  @Field(() => ID) goalId!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number;
}

@InputType()
export class ReviseGoalInput extends GoalStepInput {
  @Field(() => GoalContentInput) content!: GoalContentInput;
}

@InputType()
export class GoalOnlyInput extends GoalStepInput {}

@InputType()
export class ApproveGoalInput extends GoalStepInput {
  @Field({ defaultValue: false, description: 'Supervisor: approve over the wording warnings.' }) overrideWarnings!: boolean;
}

@InputType()
export class RecordGoalProgressInput extends GoalStepInput {
  @Field(() => ID, { nullable: true, description: 'Client-chosen UUID, so a retried check-in is recorded once.' }) checkInId?: string;
  @Field(() => Float, { nullable: true }) value?: number;
  @Field(() => ProgressStatusEnum) status!: ProgressStatus;
  @Field({ defaultValue: '' }) notes!: string;
  @Field(() => DateScalar) recordedOn!: string;
  @Field(() => ID, { nullable: true, description: 'The review meeting (mid-year or year-end reflection) it was discussed at.' }) meetingId?: string;
  @Field(() => ReflectionPhaseEnum, { nullable: true, description: "The review meeting this check-in is the goal's reflection at: once per goal at each." }) reflection?: ReflectionPhase;
}

@InputType()
export class WithdrawGoalInput extends GoalStepInput {
  @Field() reason!: string;
}
