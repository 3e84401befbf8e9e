import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '@growth/service-kit';
import { PersonReference } from '../goal/goal.graphql';

@ObjectType('CareerAction', { description: 'An action the person will take, agreed with the school.' })
export class CareerActionView {
  @Field(() => ID) actionId!: string;
  @Field() description!: string;
  @Field(() => DateScalar, { nullable: true }) dueOn!: string | null;
  @Field(() => DateScalar, { nullable: true }) completedOn!: string | null;
}

@ObjectType('CareerReviewEntry', { description: "One cycle's career development review: where I am now, where I want to be, the options, the actions." })
export class CareerReviewEntryView {
  @Field(() => ID) cycleId!: string;
  @Field(() => PersonReference, { nullable: true, description: "The person's supervisor when the entry was written; whoever supervises them now agrees it and completes its actions." }) supervisor!: PersonReference | null;
  @Field() whereNow!: string;
  @Field({ description: 'Where I want to be in 5 years.' }) in5Years!: string;
  @Field({ description: 'Where I want to be in 10 years.' }) in10Years!: string;
  @Field(() => [String]) options!: string[];
  @Field(() => [CareerActionView]) agreedActions!: CareerActionView[];
  @Field(() => PersonReference, { nullable: true }) agreedBy!: PersonReference | null;
  @Field(() => DateScalar, { nullable: true }) agreedOn!: string | null;
}

@ObjectType('CareerOpenAction', { description: 'An agreed action of any cycle not done yet.' })
export class CareerOpenActionView {
  @Field(() => ID) cycleId!: string;
  @Field(() => ID) actionId!: string;
  @Field() description!: string;
  @Field(() => DateScalar, { nullable: true }) dueOn!: string | null;
}

@ObjectType('CareerReview', { description: "A person's career development review, kept across cycles: one entry per cycle, oldest first." })
export class CareerReviewView {
  @Field(() => PersonReference) person!: PersonReference;
  @Field(() => [CareerReviewEntryView]) entries!: CareerReviewEntryView[];
  @Field(() => [CareerOpenActionView]) openActions!: CareerOpenActionView[];
  @Field(() => Int, { description: 'Send as expectedVersion to act on what you read.' }) version!: number;
}

@InputType()
class CareerStepInput {
  @Field(() => ID, { nullable: true, description: "Whose review: yours when omitted, or a report's." }) personId?: string;
  @Field(() => ID) cycleId!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number;
}

@InputType()
export class CareerActionInput {
  @Field(() => ID, { nullable: true, description: 'Client-chosen UUID; keep it when rewriting the entry.' }) actionId?: string;
  @Field() description!: string;
  @Field(() => DateScalar, { nullable: true }) dueOn?: string;
}

@InputType()
export class RecordCareerReviewInput extends CareerStepInput {
  @Field({ description: 'Where I am now.' }) whereNow!: string;
  @Field({ defaultValue: '' }) in5Years!: string;
  @Field({ defaultValue: '' }) in10Years!: string;
  @Field(() => [String], { defaultValue: [] }) options!: string[];
  @Field(() => [CareerActionInput], { defaultValue: [] }) agreedActions!: CareerActionInput[];
}

@InputType()
export class AgreeCareerReviewInput extends CareerStepInput {}

@InputType()
export class CompleteCareerActionInput extends CareerStepInput {
  @Field(() => ID) actionId!: string;
  @Field(() => DateScalar) completedOn!: string;
}

@ObjectType()
export class CareerReviewCommandResult {
  @Field(() => ID, { description: 'The person whose review it is.' }) personId!: string;
  @Field(() => Int) version!: number;
}
