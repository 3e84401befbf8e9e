import type { DataSource, EntityManager } from 'typeorm';
import { newId, runCommand, type CommandContext, type EventStore } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { CYCLE_OPENER_SETTING } from '../../migrations/1764100000100-reviews';
import { reviewAggregate, reviewStreamId } from '../../review/review.stream';
import { localDateAt } from '@growth/calendar';
import { cycleAggregate } from '../cycle.stream';
import type { CycleOpened } from '../domain/cycle.events';
import { eligiblePeoplePage, frameworkVersion, siteParents, startReviewCommand, type PersonForReview } from '../eligible-people';

/** People per transaction: who already has a review is one query, and their streams are appended in one flush. */
const BATCH = 1_000;

export const systemContext = (tenantId: string, correlationId: string, now = new Date()): CommandContext => ({ tenantId, actorId: 'system', correlationId, causationId: newId(), now });

export const openedCycle = async (manager: EntityManager, tenantId: string, cycleId: string): Promise<{ status: string; opened: CycleOpened['data'] } | null> => {
  const rows: Array<{ status: string; opened: CycleOpened['data'] }> = await manager.query(`SELECT status, opened FROM review_cycles WHERE tenant_id = $1 AND cycle_id = $2`, [tenantId, cycleId]);
  return rows[0] ?? null;
};

/**
 * Starts the reviews of the given people who have none yet in the cycle. Each review's id is derived from cycle and
 * person, so a person started twice (an opening resumed, a joiner redelivered, both at once) still has one review:
 * who already has one is read in one query from the list the same transactions write, the rest are created without
 * reading their streams, and a create that lost a race fails the batch on the stream's first version, which is then
 * retried and skips that person.
 */
export const startMissingReviews = async (store: EventStore<EntityManager>, context: CommandContext, cycle: CycleOpened['data'], people: (manager: EntityManager) => Promise<readonly PersonForReview[]>): Promise<number> =>
  runCommand(
    store,
    context,
    async (unit) => {
      const found = await people(unit.transaction);
      if (found.length === 0) return 0;
      const existing: Array<{ person_id: string }> = await unit.transaction.query(
        `SELECT person_id FROM review_list WHERE tenant_id = $1 AND cycle_id = $2 AND person_id = ANY($3::uuid[])`,
        [unit.tenantId, cycle.cycleId, found.map((p) => p.personId)],
      );
      const has = new Set(existing.map((r) => r.person_id));
      const leadership = cycle.leadershipFramework ? await frameworkVersion(unit.transaction, unit.tenantId, cycle.leadershipFramework) : null;
      const today = localDateAt(context.now, cycle.timeZone);
      const commands = found.filter((person) => !has.has(person.personId)).map((person) => startReviewCommand(cycle, leadership, person, today));
      unit.expectNew(commands.map((c) => reviewStreamId(unit.tenantId, c.reviewId)));
      for (const command of commands) await unit.decide(reviewAggregate, command.reviewId, command);
      return commands.length;
    },
    { retryOnConflict: 3 },
  );

/**
 * Creates every review of a cycle that is opening: the people still employed, a batch per transaction, then records
 * on the cycle that all of them exist. Resumable: killed part-way, running it again starts only the missing reviews,
 * so the cycle ends with exactly one review per person. One opening per cycle runs at a time in this process.
 */
export class CycleOpener {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore<EntityManager>,
    private readonly log: (level: 'info' | 'error', message: string, fields: Record<string, unknown>) => void = () => undefined,
    /** Called after each committed batch with the reviews started so far (progress; a test stops an opening here). */
    private readonly onBatch: (progress: { tenantId: string; cycleId: string; started: number }) => void = () => undefined,
  ) {}

  /** Creates the cycle's reviews; the promise settles when every review exists (or the opening failed). */
  open(tenantId: string, cycleId: string): Promise<void> {
    const key = `${tenantId}:${cycleId}`;
    const existing = this.running.get(key);
    if (existing) return existing;
    const run = this.createReviews(tenantId, cycleId).finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  /** Openings a stopped process left unfinished, in every tenant. */
  async resumeInterrupted(): Promise<void> {
    const openings: Array<{ tenant_id: string; cycle_id: string }> = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config($1, 'on', true)`, [CYCLE_OPENER_SETTING]);
      return manager.query(`SELECT tenant_id, cycle_id FROM review_cycles WHERE status = 'OPENING'`);
    });
    await Promise.all(
      openings.map((o) =>
        this.open(o.tenant_id, o.cycle_id).catch((error: unknown) => this.log('error', 'resuming a cycle opening failed', { tenantId: o.tenant_id, cycleId: o.cycle_id, error: (error as Error).message })),
      ),
    );
  }

  private async createReviews(tenantId: string, cycleId: string): Promise<void> {
    const correlationId = newId();
    const found = await withTenant(this.dataSource, tenantId, (manager) => openedCycle(manager, tenantId, cycleId));
    if (!found || found.status !== 'OPENING') return;
    const cycle = found.opened;
    const parents = await withTenant(this.dataSource, tenantId, (manager) => siteParents(manager, tenantId));
    let started = 0;
    for (let after: string | null = null; ; ) {
      let last: string | null = null;
      started += await startMissingReviews(this.store, systemContext(tenantId, correlationId), cycle, async (manager) => {
        const page = await eligiblePeoplePage(manager, tenantId, parents, after, BATCH);
        last = page.at(-1)?.personId ?? null;
        return page;
      });
      if (last === null) break;
      after = last;
      this.onBatch({ tenantId, cycleId, started });
    }
    const reviews = await withTenant(this.dataSource, tenantId, async (manager) => {
      const [row]: Array<{ n: number }> = await manager.query(`SELECT count(*)::int AS n FROM review_list WHERE tenant_id = $1 AND cycle_id = $2`, [tenantId, cycleId]);
      return row.n;
    });
    await runCommand(this.store, systemContext(tenantId, correlationId), (unit) => unit.decide(cycleAggregate, cycleId, { type: 'RecordCycleReviewsCreated', cycleId, reviews }));
    this.log('info', 'cycle opened', { tenantId, cycleId, reviews, startedNow: started });
  }
}
