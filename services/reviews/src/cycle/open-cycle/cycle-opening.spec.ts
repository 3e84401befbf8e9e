import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { runCommand, type CommandContext } from '@growth/es';
import { openServiceDataSource, PostgresEventStore, withTenant } from '@growth/es-postgres';
import { createTestDatabase, type TestDatabase } from '@growth/testing';
import { FrameworkCatalog1732300000100 } from '../../migrations/1732300000100-framework-catalog';
import { FrameworkVersions1732300000200 } from '../../migrations/1732300000200-framework-versions';
import { Reviews1764100000100 } from '../../migrations/1764100000100-reviews';
import { reviewListProjection } from '../../review/review-list.projection';
import { cycleListProjection } from '../cycle.projection';
import { cycleAggregate } from '../cycle.stream';
import { DEFAULT_ASSESSMENT_SCALE } from '../domain/cycle.model';
import { CycleOpener } from './cycle-opener';

const TENANT = 'resume-district';
const PEOPLE = 1_300; // two batches of 1,000

describe('opening a cycle, interrupted and resumed', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;
  const cycleId = randomUUID();
  const context = (): CommandContext => ({ tenantId: TENANT, actorId: 'hr-1', correlationId: randomUUID(), causationId: randomUUID(), now: new Date() });
  const count = async (sql: string): Promise<number> => {
    const [row]: Array<{ n: number }> = await withTenant(dataSource, TENANT, (m) => m.query(sql));
    return row.n;
  };

  beforeAll(async () => {
    db = await createTestDatabase('reviews_resume');
    dataSource = await openServiceDataSource({ url: db.url, migrations: [FrameworkCatalog1732300000100, FrameworkVersions1732300000200, Reviews1764100000100] });
    store = new PostgresEventStore(dataSource, { projections: [cycleListProjection, reviewListProjection] });
    const site = randomUUID();
    await withTenant(dataSource, TENANT, async (m) => {
      await m.query(`INSERT INTO review_sites (tenant_id, site_id, code, name) VALUES ($1, $2, 'S', 'School')`, [TENANT, site]);
      // A chain of supervisors: person i reports to person floor(i / 8), so the first 163 manage someone.
      await m.query(
        `INSERT INTO review_people (tenant_id, person_id, staff_number, first_name, last_name, job_classification, site_id, employment_status, start_date, supervisor_id)
         SELECT $1, md5('p' || i)::uuid, 'E' || i, 'First', 'Last' || i, CASE WHEN i % 3 = 0 THEN 'Custodian' ELSE 'Office Technician' END, $2, 'ACTIVE', '2020-01-01',
                CASE WHEN i = 0 THEN NULL ELSE md5('p' || (i / 8))::uuid END
         FROM generate_series(0, $3 - 1) AS i`,
        [TENANT, site, PEOPLE],
      );
      await m.query(`INSERT INTO review_people (tenant_id, person_id, staff_number, first_name, last_name, job_classification, site_id, employment_status, start_date, left_on)
                     VALUES ($1, $2, 'GONE', 'Left', 'Already', 'Custodian', $3, 'LEFT', '2019-01-01', '2026-01-01')`, [TENANT, randomUUID(), site]);
    });
    const frameworkId = randomUUID();
    await runCommand(store, context(), (unit) =>
      unit.decide(cycleAggregate, cycleId, {
        type: 'OpenCycle',
        cycleId,
        name: '2026-27',
        startsOn: '2026-08-02',
        endsOn: '2027-08-01',
        timeZone: 'Europe/London',
        deadlines: { goalSetting: '2026-10-15', midYearReflection: '2027-02-15', yearEndConference: '2027-08-01' },
        framework: { frameworkId, version: 1 },
        leadershipFramework: null,
        processRules: [{ process: 'JOB_CHAT', jobClassifications: ['Custodian'], managesStaff: false }],
        assessmentScale: DEFAULT_ASSESSMENT_SCALE,
        facts: { framework: { kind: 'COMPETENCY_FRAMEWORK' }, leadershipFramework: null, nameUsedBy: null, unknownSiteIds: [] },
      }),
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('finishes with exactly one review per person still employed', async () => {
    // The first process dies after its first batch has committed.
    const crash = new Error('killed');
    const first = new CycleOpener(dataSource, store, undefined, ({ started }) => {
      if (started >= 1_000) throw crash;
    });
    await expect(first.open(TENANT, cycleId)).rejects.toBe(crash);
    expect(await count(`SELECT count(*)::int AS n FROM review_list`)).toBe(1_000);
    expect(await count(`SELECT count(*)::int AS n FROM review_cycles WHERE status = 'OPENING'`)).toBe(1);

    // The next process finds the opening unfinished and completes it, starting only what is missing.
    let resumedWith = -1;
    const second = new CycleOpener(dataSource, store, undefined, ({ started }) => {
      resumedWith = started;
    });
    await second.resumeInterrupted();
    expect(resumedWith).toBe(PEOPLE - 1_000);
    expect(await count(`SELECT count(*)::int AS n FROM review_list`)).toBe(PEOPLE);
    expect(await count(`SELECT count(DISTINCT person_id)::int AS n FROM review_list`)).toBe(PEOPLE);
    expect(await count(`SELECT count(DISTINCT stream_id)::int AS n FROM es_events WHERE stream_id LIKE 'review-%'`)).toBe(PEOPLE);
    expect(await count(`SELECT reviews AS n FROM review_cycles WHERE status = 'OPEN'`)).toBe(PEOPLE);
    expect(await count(`SELECT count(*)::int AS n FROM review_list WHERE process = 'JOB_CHAT'`)).toBe(
      // Custodians (every third person) who manage nobody: person i manages someone when 8i + 1 < PEOPLE.
      Array.from({ length: PEOPLE }, (_, i) => i).filter((i) => i % 3 === 0 && !(8 * i + 1 < PEOPLE)).length,
    );

    // Running it again changes nothing.
    await second.open(TENANT, cycleId);
    expect(await count(`SELECT count(*)::int AS n FROM es_events WHERE stream_id LIKE 'review-%'`)).toBe(PEOPLE);
  });
});
