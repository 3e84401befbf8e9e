import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '@growth/service-kit';
import { PersonReference } from '../goal/goal.graphql';
import { ACTIVITY_KINDS, type ActivityKind } from './domain/development-plan.model';

export const ActivityKindEnum = Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, k])) as Record<ActivityKind, ActivityKind>;
registerEnumType(ActivityKindEnum, { name: 'DevelopmentActivityKind', description: 'Seed 003: a training course, a project, a work assignment, or working with others.' });

@ObjectType('Money', { description: 'An amount in minor units (cents, pence), so sums are exact.' })
export class MoneyView {
  @Field(() => Int) amount!: number;
  @Field() currency!: string;
}

@ObjectType('DevelopmentActivity')
export class ActivityView {
  @Field(() => ID) activityId!: string;
  @Field(() => ActivityKindEnum) kind!: ActivityKind;
  @Field() description!: string;
  @Field(() => DateScalar) startsOn!: string;
  @Field(() => DateScalar) endsOn!: string;
  @Field(() => PersonReference, { description: 'Who makes it happen.' }) arrangedBy!: PersonReference;
  @Field(() => [ID]) competencyIds!: string[];
  @Field(() => MoneyView, { nullable: true }) estimatedCost!: MoneyView | null;
  @Field() status!: string;
  @Field(() => DateScalar, { nullable: true }) completedOn!: string | null;
}

@ObjectType('TrainingNeed')
export class TrainingNeedView {
  @Field(() => ID) needId!: string;
  @Field() description!: string;
  @Field(() => DateScalar) neededBy!: string;
  @Field(() => MoneyView, { nullable: true }) estimatedCost!: MoneyView | null;
  @Field() source!: string;
  @Field() status!: string;
}

@ObjectType('DevelopmentOpenAction', { description: 'What the reviewer still has to make happen.' })
export class OpenActionView {
  @Field() what!: string;
  @Field(() => ID) id!: string;
  @Field() description!: string;
  @Field(() => ID, { nullable: true }) ownerId!: string | null;
  @Field(() => DateScalar) dueOn!: string;
  @Field() overdue!: boolean;
}

@ObjectType('DevelopmentPlan', { description: "A person's personal development plan for a cycle." })
export class DevelopmentPlanView {
  @Field(() => ID) id!: string;
  @Field(() => ID) cycleId!: string;
  @Field(() => PersonReference) person!: PersonReference;
  @Field(() => [ActivityView]) activities!: ActivityView[];
  @Field(() => [TrainingNeedView]) trainingNeeds!: TrainingNeedView[];
  @Field(() => [OpenActionView]) openActions!: OpenActionView[];
  @Field(() => Int) version!: number;
}

@InputType()
export class MoneyInput {
  @Field(() => Int) amount!: number;
  @Field() currency!: string;
}

@InputType()
class PlanInput {
  @Field(() => ID) cycleId!: string;
  @Field(() => ID, { nullable: true, description: 'Whose plan: yours when omitted, or a report\'s.' }) personId?: string;
}

@InputType()
export class AddDevelopmentActivityInput extends PlanInput {
  @Field(() => ID, { nullable: true, description: 'Client-chosen UUID, so a retried request adds one activity.' }) activityId?: string;
  @Field(() => ActivityKindEnum) kind!: ActivityKind;
  @Field() description!: string;
  @Field(() => DateScalar) startsOn!: string;
  @Field(() => DateScalar) endsOn!: string;
  @Field(() => ID, { nullable: true, description: 'Who makes it happen: the supervisor when omitted.' }) arrangedBy?: string;
  @Field(() => [ID], { defaultValue: [] }) competencyIds!: string[];
  @Field(() => MoneyInput, { nullable: true }) estimatedCost?: MoneyInput;
}

@InputType({ description: 'Every detail of a planned activity, as it now stands.' })
export class ChangeDevelopmentActivityInput extends PlanInput {
  @Field(() => ID) activityId!: string;
  @Field(() => ActivityKindEnum) kind!: ActivityKind;
  @Field() description!: string;
  @Field(() => DateScalar) startsOn!: string;
  @Field(() => DateScalar) endsOn!: string;
  @Field(() => ID, { description: 'Who makes it happen.' }) arrangedBy!: string;
  @Field(() => [ID], { defaultValue: [] }) competencyIds!: string[];
  @Field(() => MoneyInput, { nullable: true }) estimatedCost?: MoneyInput;
}

@InputType()
export class CancelDevelopmentActivityInput extends PlanInput {
  @Field(() => ID) activityId!: string;
  @Field({ description: 'Why it will not happen.' }) reason!: string;
}

@InputType()
export class MeetTrainingNeedInput extends PlanInput {
  @Field(() => ID) needId!: string;
  @Field(() => DateScalar) metOn!: string;
}

@InputType()
export class DropTrainingNeedInput extends PlanInput {
  @Field(() => ID) needId!: string;
  @Field({ description: 'Why it is no longer needed.' }) reason!: string;
}

@InputType()
export class CompleteDevelopmentActivityInput extends PlanInput {
  @Field(() => ID) activityId!: string;
  @Field(() => DateScalar) completedOn!: string;
  @Field({ description: 'What came of it.' }) outcome!: string;
}

@InputType()
export class RecordTrainingNeedInput extends PlanInput {
  @Field(() => ID, { nullable: true }) needId?: string;
  @Field() description!: string;
  @Field(() => DateScalar) neededBy!: string;
  @Field(() => MoneyInput, { nullable: true }) estimatedCost?: MoneyInput;
  @Field(() => [ID], { defaultValue: [] }) competencyIds!: string[];
  @Field(() => ID, { nullable: true, description: "The job chat (its review id) the need was agreed in: the need is then the job chat's, not the plan's." })
  fromJobChat?: string;
}

@ObjectType()
export class PlanCommandResult {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
}
