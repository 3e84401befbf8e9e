import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { withTenant } from '@growth/es-postgres';
import { authorize, commandContext, CurrentIdentity, type Identity } from '@growth/service-kit';
import { goalsPolicy } from '../access/goals.policy';
import { DEFAULT_GOAL_POLICY, type GoalPolicy } from '../goal/domain/goal.commands';
import { SetGoalPolicyCommand } from './set-goal-policy/set-goal-policy.handler';
import { GoalPolicyView, SetGoalPolicyInput } from './goal-policy.graphql';

/** The tenant's goal policy: read by whoever reads the tenant's unit goals, set by HR or a tenant admin (the policy's rule, which the decider repeats). */
@Resolver(() => GoalPolicyView)
export class GoalPolicyResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => GoalPolicyView, { description: "Your tenant's goal policy: the defaults until HR or a tenant admin sets it." })
  async goalPolicy(@CurrentIdentity() identity: Identity): Promise<GoalPolicyView> {
    authorize(goalsPolicy, identity, 'read unit goals');
    const [row]: Array<{ objectives_cap: number; performance_goals: number; development_goals: number; version: number }> = await withTenant(this.dataSource, identity.tenantId, (m) =>
      m.query(`SELECT objectives_cap, performance_goals, development_goals, version FROM goal_policy WHERE tenant_id = $1`, [identity.tenantId]),
    );
    if (!row) return { ...DEFAULT_GOAL_POLICY, isSet: false, version: -1 };
    return { objectivesCap: row.objectives_cap, performanceGoals: row.performance_goals, developmentGoals: row.development_goals, isSet: true, version: row.version };
  }

  @Mutation(() => GoalPolicyView, { description: "HR or a tenant admin: set the tenant's goal policy; it applies to goals drafted from then on." })
  async setGoalPolicy(@CurrentIdentity() identity: Identity, @Args('input') input: SetGoalPolicyInput): Promise<GoalPolicyView> {
    authorize(goalsPolicy, identity, 'manage goal policy');
    const changes: Partial<GoalPolicy> = Object.fromEntries(
      (['objectivesCap', 'performanceGoals', 'developmentGoals'] as const).flatMap((field) => (input[field] === undefined || input[field] === null ? [] : [[field, input[field]]])),
    );
    const expectedVersion = input.expectedVersion ?? undefined;
    await this.commands.execute(
      new SetGoalPolicyCommand({ type: 'SetGoalPolicy', actor: { personId: identity.actorId, roles: identity.roles }, changes }, expectedVersion === -1 ? 'no_stream' : expectedVersion, commandContext(identity)),
    );
    return this.goalPolicy(identity);
  }
}
