import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '@growth/service-kit';
import { PhaseEnum, ReviewProcessEnum } from '../review/review.graphql';
import type { Phase, ReviewProcess } from './domain/cycle.model';

export const CycleStatusEnum = { OPENING: 'OPENING', OPEN: 'OPEN', CLOSED: 'CLOSED' } as const;
registerEnumType(CycleStatusEnum, { name: 'CycleStatus', description: 'OPENING: creating everyone\'s review; OPEN: every review exists; CLOSED.' });

export const AssessmentConsequenceEnum = { NONE: 'NONE', FOLLOW_UP_REVIEW: 'FOLLOW_UP_REVIEW', FORMAL_PROCEDURES: 'FORMAL_PROCEDURES' } as const;
registerEnumType(AssessmentConsequenceEnum, { name: 'AssessmentConsequence' });

@ObjectType('FrameworkRef', { description: 'A published framework version, which never changes.' })
export class FrameworkRefView {
  @Field(() => ID) frameworkId!: string;
  @Field(() => Int) version!: number;
}

@ObjectType('CycleDeadline')
export class CycleDeadlineView {
  @Field(() => PhaseEnum) phase!: Phase;
  @Field(() => DateScalar, { description: "Due by the end of this day in the cycle's time zone." }) dueOn!: string;
}

@ObjectType('ProcessRule', { description: 'Which review process applies to whom: every condition it states must hold.' })
export class ProcessRuleView {
  @Field(() => ReviewProcessEnum) process!: ReviewProcess;
  @Field(() => [String], { nullable: true }) jobClassifications!: string[] | null;
  @Field(() => [String], { nullable: true }) jobClassificationContains!: string[] | null;
  @Field(() => [ID], { nullable: true }) siteIds!: string[] | null;
  @Field(() => Boolean, { nullable: true }) managesStaff!: boolean | null;
}

@ObjectType('AssessmentLevel', { description: 'A level of the overall assessment scale and what tenant policy derives from it.' })
export class AssessmentLevelView {
  @Field(() => ID) id!: string;
  @Field() label!: string;
  @Field() eligibleForPayProgression!: boolean;
  @Field(() => AssessmentConsequenceEnum) consequence!: string;
}

@ObjectType('ReviewCycle', { description: 'A review cycle of the tenant, e.g. 2026-27.' })
export class CycleView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => CycleStatusEnum) status!: string;
  @Field(() => DateScalar) startsOn!: string;
  @Field(() => DateScalar) endsOn!: string;
  @Field() timeZone!: string;
  @Field(() => [CycleDeadlineView]) deadlines!: CycleDeadlineView[];
  @Field(() => FrameworkRefView, { description: 'The framework version reviews use, pinned when the cycle opened.' }) framework!: FrameworkRefView;
  @Field(() => FrameworkRefView, { nullable: true }) leadershipFramework!: FrameworkRefView | null;
  @Field(() => [ProcessRuleView], { description: 'Tried in order; the first that matches a person decides, else the full review.' }) processRules!: ProcessRuleView[];
  @Field(() => [AssessmentLevelView]) assessmentScale!: AssessmentLevelView[];
  @Field(() => Int, { nullable: true, description: 'Reviews created when the cycle opened; null while opening.' }) reviews!: number | null;
  @Field(() => Int) version!: number;
}

@InputType()
export class FrameworkRefInput {
  @Field(() => ID) frameworkId!: string;
  @Field(() => Int) version!: number;
}

@InputType()
export class CycleDeadlinesInput {
  @Field(() => DateScalar) goalSetting!: string;
  @Field(() => DateScalar) midYearReflection!: string;
  @Field(() => DateScalar) yearEndConference!: string;
}

@InputType()
export class ProcessRuleInput {
  @Field(() => ReviewProcessEnum) process!: ReviewProcess;
  @Field(() => [String], { nullable: true, description: 'Matches these job classifications (case-insensitive).' }) jobClassifications?: string[];
  @Field(() => [String], { nullable: true, description: 'Matches job classifications containing any of these words, e.g. "cater".' }) jobClassificationContains?: string[];
  @Field(() => [ID], { nullable: true, description: 'The rule matches people at these sites or any site below them.' }) siteIds?: string[];
  @Field(() => Boolean, { nullable: true }) managesStaff?: boolean;
}

@InputType()
export class AssessmentLevelInput {
  @Field(() => ID) id!: string;
  @Field() label!: string;
  @Field() eligibleForPayProgression!: boolean;
  @Field(() => AssessmentConsequenceEnum, { defaultValue: 'NONE' }) consequence!: 'NONE' | 'FOLLOW_UP_REVIEW' | 'FORMAL_PROCEDURES';
}

@InputType({ description: 'Open a review cycle; everyone employed gets a review, and people who join later get theirs as they join.' })
export class OpenCycleInput {
  @Field(() => ID, { nullable: true, description: 'Client-chosen UUID, so a retried request opens one cycle.' }) cycleId?: string;
  @Field({ description: 'E.g. "2026-27".' }) name!: string;
  @Field(() => DateScalar) startsOn!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Default: the year-end conference deadline.' }) endsOn?: string;
  @Field(() => CycleDeadlinesInput, { nullable: true, description: "Default: the tenant's cycle calendar (Oct 15, Feb 15, Aug 1 unless changed) placed in the cycle." }) deadlines?: CycleDeadlinesInput;
  @Field(() => FrameworkRefInput, { description: 'A published version of a competency framework.' }) framework!: FrameworkRefInput;
  @Field(() => FrameworkRefInput, { nullable: true, description: 'A published leadership framework, for leadership reviews.' }) leadershipFramework?: FrameworkRefInput;
  @Field(() => [ProcessRuleInput], {
    nullable: true,
    description: 'Default: line managers take the leadership review when a leadership framework is pinned; cleaning, catering and lunchtime staff without reports take the job chat; everyone else the full review.',
  })
  processRules?: ProcessRuleInput[];
  @Field(() => [AssessmentLevelInput], { nullable: true, description: 'Default: Exceeded, Achieved (both eligible for pay progression), Progressing (follow-up review), Underperformed (formal procedures).' })
  assessmentScale?: AssessmentLevelInput[];
}

@InputType()
export class ChangeCycleDeadlinesInput {
  @Field(() => ID) cycleId!: string;
  @Field(() => CycleDeadlinesInput) deadlines!: CycleDeadlinesInput;
  @Field(() => Int, { nullable: true }) expectedVersion?: number;
}

@ObjectType()
export class CycleCommandResult {
  @Field(() => ID) cycleId!: string;
  @Field(() => Int) version!: number;
}
