import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '@growth/service-kit';
import { PersonReference } from '../goal/goal.graphql';
import { MoneyView } from '../development-plan/development-plan.graphql';

@ObjectType('TrainingPlanEntry', { description: 'One person who needs the training, by when, at what estimated cost.' })
export class TrainingPlanEntryView {
  @Field(() => ID) needId!: string;
  /** Named through the directory (the `Person` entity), whose policy decides who sees names: the copy goals keeps is for the CSV only. */
  @Field(() => PersonReference) person!: PersonReference;
  @Field(() => ID, { description: 'Where the person works: the site itself or one below it.' }) siteId!: string;
  @Field(() => DateScalar) neededBy!: string;
  @Field(() => MoneyView, { nullable: true }) estimatedCost!: MoneyView | null;
  @Field() source!: string;
}

@ObjectType('TrainingPlanGroup', { description: 'Everyone at the site who needs the same training.' })
export class TrainingPlanGroupView {
  @Field() description!: string;
  @Field(() => DateScalar) earliestNeededBy!: string;
  @Field(() => [MoneyView], { description: 'Summed per currency over the needs that give a cost.' }) estimatedCost!: MoneyView[];
  @Field(() => Int, { description: 'How many needs gave no cost: how partial the sum is.' }) needsWithoutCost!: number;
  @Field(() => [TrainingPlanEntryView]) people!: TrainingPlanEntryView[];
}

@ObjectType('TrainingPlanTotals')
export class TrainingPlanTotalsView {
  @Field(() => Int) needs!: number;
  @Field(() => Int) people!: number;
  @Field(() => [MoneyView]) estimatedCost!: MoneyView[];
  @Field(() => Int) needsWithoutCost!: number;
}

@ObjectType('SiteTrainingPlan', { description: "A site's School Training Plan: the open training needs of its people, grouped by the training needed." })
export class SiteTrainingPlanView {
  @Field(() => ID) siteId!: string;
  @Field() siteName!: string;
  @Field(() => [TrainingPlanGroupView]) groups!: TrainingPlanGroupView[];
  @Field(() => TrainingPlanTotalsView) totals!: TrainingPlanTotalsView;
}
