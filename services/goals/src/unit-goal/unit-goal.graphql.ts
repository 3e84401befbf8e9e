import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { GoalStatusEnum, GoalView, MeasureInput, MeasureView } from '../goal/goal.graphql';

@ObjectType('AlignedGoalStatusCount')
export class StatusCountView {
  @Field(() => GoalStatusEnum) status!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('UnitGoalSiteRollUp', { description: 'Goals aligned to a unit goal by the people of one site, and of that site with every site below it.' })
export class SiteRollUpView {
  @Field(() => ID) siteId!: string;
  @Field(() => ID, { nullable: true }) parentSiteId!: string | null;
  @Field(() => [StatusCountView], { description: "By status, of the people whose site it is; withdrawn goals are not counted." }) atSite!: StatusCountView[];
  @Field(() => [StatusCountView], { description: 'By status, of the people of this site and of all sites below it.' }) rolledUp!: StatusCountView[];
}

@ObjectType('UnitGoal', { description: "A tenant's or site's continuous-improvement goal for a cycle, which performance goals align to." })
export class UnitGoalView {
  @Field(() => ID) id!: string;
  @Field(() => ID) cycleId!: string;
  @Field(() => ID, { nullable: true, description: 'Null: the whole tenant.' }) siteId!: string | null;
  @Field() statement!: string;
  @Field(() => MeasureView, { nullable: true }) measure!: MeasureView | null;
  @Field() status!: string;
  @Field(() => Int, { description: '1 when recorded, one more on each revision.' }) revision!: number;
  @Field(() => String, { nullable: true }) retiredReason!: string | null;
  @Field(() => Int) alignedGoalCount!: number;
  @Field(() => [GoalView], { description: 'The aligned goals you may see.' }) alignedGoals!: GoalView[];
  @Field(() => [SiteRollUpView], {
    description:
      "The unit goal's site (every top-level site for a tenant's goal) and each site below it, parents before children: counts of aligned goals by the people's current site. Only the goals of people whose goals you may see are counted (HR: everyone's; a supervisor: their own and their reporting lines'; anyone else: their own), as a count by status at a small site would tell one person's.",
  })
  rollUp!: SiteRollUpView[];
  @Field(() => Int, { description: 'Send as expectedVersion to act on what you read.' }) version!: number;
}

@InputType()
export class RecordUnitGoalInput {
  @Field(() => ID, { nullable: true }) unitGoalId?: string;
  @Field(() => ID) cycleId!: string;
  @Field(() => ID, { nullable: true, description: 'The site (school, department); the whole tenant when omitted.' }) siteId?: string;
  @Field() statement!: string;
  @Field(() => MeasureInput, { nullable: true }) measure?: MeasureInput;
}

@InputType()
export class ReviseUnitGoalInput {
  @Field(() => ID) unitGoalId!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number;
  @Field() statement!: string;
  @Field(() => MeasureInput, { nullable: true }) measure?: MeasureInput;
}

@InputType()
export class RetireUnitGoalInput {
  @Field(() => ID) unitGoalId!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number;
  @Field() reason!: string;
}
