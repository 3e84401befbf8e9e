import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import { Inject } from '@nestjs/common';
import { newId, NotFoundError, runCommand, type EventStore, requireUuid } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { authorize, commandContext, CurrentIdentity, EVENT_STORE, type Identity } from '@growth/service-kit';
import { reviewsPolicy } from '../access/reviews.policy';
import { cycleAggregate } from './cycle.stream';
import { ChangeCycleDeadlinesInput, CycleCommandResult, CycleView, OpenCycleInput } from './cycle.graphql';
import type { CycleOpened } from './domain/cycle.events';
import { PHASES, phaseDeadline } from './domain/cycle.model';
import { OpenCycle } from './open-cycle/open-cycle.handler';


interface CycleRow {
  cycle_id: string;
  status: string;
  opened: CycleOpened['data'];
  reviews: number | null;
  version: number;
}

const viewOf = ({ cycle_id, status, opened, reviews, version }: CycleRow): CycleView => ({
  id: cycle_id,
  name: opened.name,
  status,
  startsOn: opened.startsOn,
  endsOn: opened.endsOn,
  timeZone: opened.timeZone,
  deadlines: PHASES.map((phase) => ({ phase, dueOn: phaseDeadline(opened.deadlines, phase) })),
  framework: opened.framework,
  leadershipFramework: opened.leadershipFramework,
  processRules: opened.processRules.map((r) => ({
    process: r.process,
    jobClassifications: r.jobClassifications ? [...r.jobClassifications] : null,
    jobClassificationContains: r.jobClassificationContains ? [...r.jobClassificationContains] : null,
    siteIds: r.siteIds ? [...r.siteIds] : null, managesStaff: r.managesStaff ?? null })),
  assessmentScale: opened.assessmentScale.map((l) => ({ ...l })),
  reviews,
  version,
});

@Resolver(() => CycleView)
export class CycleResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>,
  ) {}

  @Query(() => [CycleView], { description: "The tenant's review cycles, newest first." })
  async cycles(@CurrentIdentity() identity: Identity): Promise<CycleView[]> {
    authorize(reviewsPolicy, identity, 'read cycles');
    const rows: CycleRow[] = await withTenant(this.dataSource, identity.tenantId, (m) =>
      m.query(`SELECT cycle_id, status, opened, reviews, version FROM review_cycles WHERE tenant_id = $1 ORDER BY starts_on DESC, cycle_id`, [identity.tenantId]),
    );
    return rows.map(viewOf);
  }

  @Query(() => CycleView)
  async cycle(@CurrentIdentity() identity: Identity, @Args('id', { type: () => ID }) id: string): Promise<CycleView> {
    authorize(reviewsPolicy, identity, 'read cycles');
    requireUuid(id, 'id');
    const [row]: CycleRow[] = await withTenant(this.dataSource, identity.tenantId, (m) =>
      m.query(`SELECT cycle_id, status, opened, reviews, version FROM review_cycles WHERE tenant_id = $1 AND cycle_id = $2`, [identity.tenantId, id]),
    );
    if (!row) throw new NotFoundError('no such cycle');
    return viewOf(row);
  }

  @Mutation(() => CycleCommandResult, { description: 'HR: open a review cycle; its reviews are created in the background (status OPENING, then OPEN).' })
  async openCycle(@CurrentIdentity() identity: Identity, @Args('input') input: OpenCycleInput): Promise<CycleCommandResult> {
    authorize(reviewsPolicy, identity, 'manage cycles');
    const cycleId = input.cycleId ?? newId();
    requireUuid(cycleId, 'input.cycleId');
    requireUuid(input.framework.frameworkId, 'input.framework.frameworkId');
    if (input.leadershipFramework) requireUuid(input.leadershipFramework.frameworkId, 'input.leadershipFramework.frameworkId');
    input.processRules?.forEach((rule, i) => rule.siteIds?.forEach((id, j) => requireUuid(id, `input.processRules.${i}.siteIds.${j}`)));
    return this.commands.execute(
      new OpenCycle(
        {
          cycleId,
          name: input.name,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          deadlines: input.deadlines ? { ...input.deadlines } : undefined,
          framework: { ...input.framework },
          leadershipFramework: input.leadershipFramework ? { ...input.leadershipFramework } : undefined,
          processRules: input.processRules?.map((r) => ({
            process: r.process,
            ...(r.jobClassifications ? { jobClassifications: r.jobClassifications } : {}),
            ...(r.jobClassificationContains ? { jobClassificationContains: r.jobClassificationContains } : {}),
            ...(r.siteIds ? { siteIds: r.siteIds } : {}),
            ...(r.managesStaff !== undefined && r.managesStaff !== null ? { managesStaff: r.managesStaff } : {}),
          })),
          assessmentScale: input.assessmentScale?.map((l) => ({ ...l })),
        },
        commandContext(identity),
      ),
    );
  }

  @Mutation(() => CycleCommandResult, { description: 'HR: move the due dates of a cycle (within its dates, in phase order).' })
  async changeCycleDeadlines(@CurrentIdentity() identity: Identity, @Args('input') input: ChangeCycleDeadlinesInput): Promise<CycleCommandResult> {
    authorize(reviewsPolicy, identity, 'manage cycles');
    requireUuid(input.cycleId, 'input.cycleId');
    const { version } = await runCommand(this.store, commandContext(identity), (unit) =>
      unit.decide(cycleAggregate, input.cycleId, { type: 'ChangeCycleDeadlines', cycleId: input.cycleId, deadlines: { ...input.deadlines } }, input.expectedVersion),
    );
    return { cycleId: input.cycleId, version };
  }
}
