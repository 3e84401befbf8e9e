import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { requireUuid } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { authorize, CurrentIdentity, type Identity } from '@growth/service-kit';
import { goalsPolicy } from '../access/goals.policy';
import { siteTrainingPlan } from './site-training-plan';
import { SiteTrainingPlanView } from './training-plan.graphql';
import { trainingPlanInputs, trainingPlanScope } from './training-plan.queries';

/** The School Training Plan: HR sees every site's whole plan, anyone else the needs of the people they may see. */
@Resolver(() => SiteTrainingPlanView)
export class TrainingPlanResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Query(() => SiteTrainingPlanView, { description: "A site's training plan: who needs what training, by when, at what estimated cost; open needs only." })
  siteTrainingPlan(
    @CurrentIdentity() identity: Identity,
    @Args('siteId', { type: () => ID }) siteId: string,
    @Args('cycleId', { type: () => ID, nullable: true, description: 'Needs recorded in this cycle only; every cycle when omitted.' }) cycleId?: string,
    @Args('includeSubSites', { defaultValue: true, description: 'With the needs of every site below this one.' }) includeSubSites: boolean = true,
  ): Promise<SiteTrainingPlanView> {
    authorize(goalsPolicy, identity, 'take part in goals');
    requireUuid(siteId, 'siteId');
    if (cycleId) requireUuid(cycleId, 'cycleId');
    return withTenant(this.dataSource, identity.tenantId, async (m) => {
      const scope = await trainingPlanScope(m, identity, { siteId, cycleId: cycleId ?? null, includeSubSites });
      const { needs, sites } = await trainingPlanInputs(m, identity.tenantId, scope);
      const plan = siteTrainingPlan(needs, sites, { includeSitesBelow: includeSubSites }).find((p) => p.siteId === siteId)!;
      const money = (costs: readonly { amount: number; currency: string }[]) => costs.map((c) => ({ ...c }));
      return {
        siteId: plan.siteId,
        siteName: plan.siteName,
        groups: plan.groups.map((g) => ({
          description: g.description,
          earliestNeededBy: g.earliestNeededBy,
          estimatedCost: money(g.estimatedCost),
          needsWithoutCost: g.needsWithoutCost,
          people: g.people.map((p) => ({ needId: p.needId, person: { id: p.personId }, siteId: p.siteId, neededBy: p.neededBy, estimatedCost: p.estimatedCost ? { ...p.estimatedCost } : null, source: p.source })),
        })),
        totals: { ...plan.totals, estimatedCost: money(plan.totals.estimatedCost) },
      };
    });
  }
}
