import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('GoalPolicy', { description: "The tenant's policy on goals per person per cycle (seeds 002 and 003)." })
export class GoalPolicyView {
  @Field(() => Int, { description: 'At most this many objectives (supervisors); default 5, and never more than 5.' }) objectivesCap!: number;
  @Field(() => Int, { description: 'Performance goals per person; default 1.' }) performanceGoals!: number;
  @Field(() => Int, { description: 'Development goals per person; default 1.' }) developmentGoals!: number;
  @Field({ description: 'False while the tenant runs on the defaults.' }) isSet!: boolean;
  @Field(() => Int, { description: 'Send as expectedVersion to change what you read; -1 while never set.' }) version!: number;
}

@InputType({ description: 'What is left out keeps its current value. Each is a whole number from 1 to 10.' })
export class SetGoalPolicyInput {
  @Field(() => Int, { nullable: true }) objectivesCap?: number;
  @Field(() => Int, { nullable: true }) performanceGoals?: number;
  @Field(() => Int, { nullable: true }) developmentGoals?: number;
  @Field(() => Int, { nullable: true }) expectedVersion?: number;
}
