import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ensureApplicationRole, openServiceDataSource, urlForRole } from '@growth/es-postgres';
import { InProcessTransport, InProcessTransportSchema1732300000001 } from '@growth/messaging';
import { startReviewsService } from '@growth/reviews';
import { signIdentity } from '@growth/service-kit';
import { BENCH_APP_ROLE } from './fixtures';
import { createDatabase, databaseUrl, dropDatabases, withAdmin } from './databases';

/**
 * Opening a review cycle at district scale: the real reviews service (its own database, as the application role
 * under row-level security), with its copy of the directory seeded directly (a site tree; a reporting hierarchy of
 * eight reports per manager; a third of the staff in job-chat classifications). HR opens the cycle through the
 * service's GraphQL API; the clock stops when the cycle is OPEN, i.e. every review exists and the team-review read
 * model (written in the same transactions) holds all of them. Run at `smallPeople` and `people`: if memory grew with
 * the tenant, the RSS growth during the opening would grow ten-fold between the two.
 *
 * The raw baseline, in the same database and run: one `INSERT … SELECT generate_series` writing one event row and
 * one list row per person into plain tables of the same shape (the least any opening must write).
 */

export interface CycleOpeningBenchOptions {
  readonly adminDatabaseUrl: string;
  readonly people?: number;
  readonly smallPeople?: number;
}

export interface CycleOpeningRun {
  readonly people: number;
  readonly seconds: number;
  readonly reviewsPerSecond: number;
  readonly rawSeconds: number;
  readonly ratio: number;
  /** Growth of this process's resident set during the opening (the service runs in it). */
  readonly rssGrowthMb: number;
  readonly reviews: number;
}

export interface CycleOpeningBenchResult {
  readonly large: CycleOpeningRun;
  readonly small: CycleOpeningRun;
}

const TENANT = 'bench-district';
const JOBS = ['Custodian', 'Cafeteria Worker', 'Lunchtime Supervisor', 'Office Technician', 'Clerical Assistant', 'Building Engineer'];

/** As the owner, under row-level security: the tenant setting for the session. */
const seed = (ownerUrl: string, people: number, frameworkId: string): Promise<void> =>
  withAdmin(ownerUrl, async (client) => {
    await client.query(`SELECT set_config('app.tenant_id', $1, false)`, [TENANT]);
    await client.query(`INSERT INTO review_tenants (tenant_id, name, time_zone, locale, cycle_calendar) VALUES ($1, 'Bench District', 'America/Los_Angeles', 'en-US', $2)`, [
      TENANT,
      JSON.stringify({ goalSetting: { month: 10, day: 15 }, midYearReflection: { month: 2, day: 15 }, yearEndConference: { month: 8, day: 1 } }),
    ]);
    await client.query(
      `INSERT INTO review_sites (tenant_id, site_id, code, name, parent_site_id)
       SELECT $1, md5('site' || i)::uuid, 'S' || i, 'Site ' || i, CASE WHEN i = 0 THEN NULL ELSE md5('site' || (i / 10))::uuid END FROM generate_series(0, 199) AS i`,
      [TENANT],
    );
    await client.query(
      `INSERT INTO review_people (tenant_id, person_id, staff_number, first_name, last_name, job_classification, site_id, employment_status, start_date, supervisor_id)
       SELECT $1, md5('person' || i)::uuid, 'E' || i, 'First', 'Last' || i, ($3::text[])[1 + i % 6], md5('site' || (i % 200))::uuid, 'ACTIVE', '2020-01-01',
              CASE WHEN i = 0 THEN NULL ELSE md5('person' || (i / 8))::uuid END
       FROM generate_series(0, $2 - 1) AS i`,
      [TENANT, people, JOBS],
    );
    await client.query(
      `INSERT INTO framework_versions (tenant_id, framework_id, version, name, kind, definition, published_at) VALUES ($1, $2, 1, 'Bench framework', 'COMPETENCY_FRAMEWORK', $3, now())`,
      [TENANT, frameworkId, JSON.stringify({ kind: 'COMPETENCY_FRAMEWORK', name: 'Bench framework', purpose: '', clusters: [] })],
    );
    await client.query(`ANALYZE`);
  });

/** The least an opening must write: an event row and a list row per person, each in one set-based statement. */
const rawBaseline = (ownerUrl: string, people: number): Promise<number> =>
  withAdmin(ownerUrl, async (client) => {
    await client.query(`CREATE TABLE raw_events (stream_id text NOT NULL, stream_version int NOT NULL, type text NOT NULL, data jsonb NOT NULL, PRIMARY KEY (stream_id, stream_version))`);
    await client.query(`CREATE TABLE raw_list (review_id uuid PRIMARY KEY, person_id uuid NOT NULL, supervisor_id uuid, process text NOT NULL, status text NOT NULL)`);
    const started = process.hrtime.bigint();
    await client.query(
      `INSERT INTO raw_events SELECT 'review-bench:' || md5('r' || i), 0, 'ReviewStarted', jsonb_build_object('reviewId', md5('r' || i)::uuid, 'personId', md5('person' || i)::uuid, 'process', 'FULL')
       FROM generate_series(0, $1 - 1) AS i`,
      [people],
    );
    await client.query(`INSERT INTO raw_list SELECT md5('r' || i)::uuid, md5('person' || i)::uuid, md5('person' || (i / 8))::uuid, 'FULL', 'OPEN' FROM generate_series(0, $1 - 1) AS i`, [people]);
    return Number(process.hrtime.bigint() - started) / 1e9;
  });

const runOnce = async (adminUrl: string, people: number): Promise<CycleOpeningRun> => {
  const suffix = randomBytes(3).toString('hex');
  const [serviceDb, busDb] = [`bench_reviews_${people}_${suffix}`, `bench_reviews_bus_${people}_${suffix}`];
  const ownerUrl = await createDatabase(adminUrl, serviceDb);
  await createDatabase(adminUrl, busDb);
  let bus: DataSource | undefined;
  let transport: InProcessTransport | undefined;
  let service: Awaited<ReturnType<typeof startReviewsService>> | undefined;
  try {
    bus = await openServiceDataSource({ url: databaseUrl(adminUrl, busDb), migrations: [InProcessTransportSchema1732300000001] });
    transport = new InProcessTransport(bus, { pollIntervalMs: 200 });
    const gatewaySecret = randomBytes(32).toString('base64url');
    service = await startReviewsService({ port: 0, databaseUrl: urlForRole(ownerUrl, BENCH_APP_ROLE), migrationDatabaseUrl: ownerUrl, transport, gatewaySecret, shutdownHooks: false });
    const frameworkId = randomUUID();
    await seed(ownerUrl, people, frameworkId);
    const rawSeconds = await rawBaseline(ownerUrl, people);

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = process.hrtime.bigint();
    const headers = signIdentity({ tenantId: TENANT, actorId: 'bench-hr', roles: ['hr'], requestId: suffix }, gatewaySecret);
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        query: 'mutation($input: OpenCycleInput!) { openCycle(input: $input) { cycleId } }',
        variables: { input: { name: '2026-27', startsOn: '2026-08-02', framework: { frameworkId, version: 1 } } },
      }),
    });
    const body = (await response.json()) as { data?: { openCycle: { cycleId: string } }; errors?: unknown[] };
    if (!body.data) throw new Error(`openCycle failed: ${JSON.stringify(body.errors)}`);
    const reviews = await withAdmin(ownerUrl, async (client) => {
      await client.query(`SELECT set_config('app.tenant_id', $1, false)`, [TENANT]);
      for (;;) {
        const { rows } = await client.query(`SELECT status, reviews FROM review_cycles WHERE cycle_id = $1`, [body.data!.openCycle.cycleId]);
        if (rows[0]?.status === 'OPEN') return rows[0].reviews as number;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    return { people, seconds, reviewsPerSecond: reviews / seconds, rawSeconds, ratio: seconds / rawSeconds, rssGrowthMb: (peak - baseline) / 2 ** 20, reviews };
  } finally {
    await service?.close();
    await transport?.close();
    await bus?.destroy();
    await dropDatabases(adminUrl, [serviceDb, busDb]);
  }
};

export const benchCycleOpening = async ({ adminDatabaseUrl, people = 100_000, smallPeople = 10_000 }: CycleOpeningBenchOptions): Promise<CycleOpeningBenchResult> => {
  await ensureApplicationRole(adminDatabaseUrl, BENCH_APP_ROLE);
  const small = await runOnce(adminDatabaseUrl, smallPeople);
  const large = await runOnce(adminDatabaseUrl, people);
  return { small, large };
};

const TARGET_SECONDS = 30;

export const renderCycleOpeningMarkdown = (result: CycleOpeningBenchResult, measuredAt: Date): string => {
  const row = (label: string, r: CycleOpeningRun) =>
    `| ${label} | ${r.people.toLocaleString('en-US')} | ${r.reviews.toLocaleString('en-US')} | ${r.seconds.toFixed(2)} s | ${Math.round(r.reviewsPerSecond).toLocaleString('en-US')} | ${r.rawSeconds.toFixed(3)} s | ${r.ratio.toFixed(1)}x | ${r.rssGrowthMb.toFixed(0)} MB |`;
  const met = result.large.seconds <= TARGET_SECONDS;
  return [
    '### 7. Opening a review cycle (reviews service, 100,000 people)',
    '',
    `Measured ${measuredAt.toISOString().replace('T', ' ').slice(0, 19)} UTC. HR opens a cycle through the reviews service's GraphQL API; the time runs until the cycle`,
    'is OPEN: every review exists, with its row in the team-review read model (written in the same transactions). The raw',
    'baseline writes one event row and one list row per person with two `INSERT … SELECT generate_series` statements, in the',
    'same database and run. Memory: growth of the resident set during the opening (the service runs in the benchmark process).',
    '',
    '| Run | People | Reviews | Time | Reviews/s | Raw baseline | Ratio | RSS growth |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row('small', result.small),
    row('large', result.large),
    '',
    `Target: the large opening within ${TARGET_SECONDS} s: ${met ? 'met' : 'not met'} (${result.large.seconds.toFixed(1)} s). Resumability (killed after a batch, restarted: exactly one review per person) is tested in \`services/reviews/src/cycle/open-cycle/cycle-opening.spec.ts\`.`,
    '',
  ].join('\n');
};
