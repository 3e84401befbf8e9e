import { randomUUID } from 'node:crypto';
import { get, type ClientRequest, type IncomingMessage } from 'node:http';
import { ALL_TOPICS } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { signIdentity } from '@growth/service-kit';
import { callsAs, cycleOpened, dataOf, directoryEvents, personJoined, startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { eventually } from '@growth/testing';
import { startGoalsService } from '../goals.service';
import { EXPORT_LIMITS } from './training-plan.export-limits';

const TENANT = 'lausd';
// Responses are checked field by field below; typing every query's shape would only repeat the queries.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

const range = (n: number): number[] => [...Array(n).keys()];
const pad = (i: number): string => String(i).padStart(2, '0');

/**
 * North High (20 people) with North Annex below it (12 people), and South (3 people) beside them. Supervisor S1 has
 * North's first ten and the Annex's first four; S2 has everyone else. Everyone needs first aid (a cost for even
 * numbers only); five need food hygiene, one a course whose name starts with '='; one need is met, one dropped, one
 * person has left, one need belongs to another cycle.
 */
describe('the School Training Plan through the goals subgraph and as a CSV download', () => {
  let fixture: ServiceFixture;
  let gatewaySecret = '';
  const [district, north, annex, south, cycleId, otherCycleId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const [s1, s2] = [randomUUID(), randomUUID()];
  // A site whose plan is far larger than every buffer between the cursor and a client that does not read.
  const [bulkSite, bulkPerson] = [randomUUID(), randomUUID()];
  const BULK_NEEDS = 40_000;
  const people = {
    A: range(20).map(() => randomUUID()),
    B: range(12).map(() => randomUUID()),
    C: range(3).map(() => randomUUID()),
  };
  const siteOf = { A: north, B: annex, C: south };
  const nameOf = (group: 'A' | 'B' | 'C', i: number): string => `Ann ${group}${pad(i)}`;
  const directory = directoryEvents(TENANT);
  const as = callsAs(() => fixture, TENANT);
  const hrId = randomUUID();
  const hr = as(hrId, ['hr']);
  const ok = dataOf;
  const download = (path: string, actorId: string, roles: string[]): Promise<Response> =>
    fetch(`${fixture.service.url}${path}`, { headers: signIdentity({ tenantId: TENANT, actorId, roles, requestId: randomUUID() }, gatewaySecret) });

  const RECORD = `mutation($input: RecordTrainingNeedInput!) { recordTrainingNeed(input: $input) { id } }`;
  const need = (personId: string, description: string, neededBy: string, estimatedCost: { amount: number; currency: string } | null, needId = randomUUID(), cycle = cycleId) =>
    ok(hr(RECORD, { input: { cycleId: cycle, personId, needId, description, neededBy, estimatedCost } })).then(() => needId);

  const PLAN = `query($s: ID!, $c: ID, $sub: Boolean) { siteTrainingPlan(siteId: $s, cycleId: $c, includeSubSites: $sub) {
    siteId siteName
    groups { description earliestNeededBy needsWithoutCost estimatedCost { amount currency } people { person { id } siteId neededBy estimatedCost { amount } } }
    totals { needs people needsWithoutCost estimatedCost { amount currency } } } }`;
  const gbp = (amount: number) => ({ amount, currency: 'GBP' });
  const FORMULA = '=HYPERLINK("http://evil.example","Boiler course")';

  beforeAll(async () => {
    fixture = await startServiceFixture((options) => {
      gatewaySecret = options.gatewaySecret;
      return startGoalsService(options);
    });
    await fixture.transport.ensureTopics([...ALL_TOPICS]);
    const cycle = (id: string, name: string) => cycleOpened(TENANT, id, { name, timeZone: 'Europe/London' });
    const join = (id: string, staffNumber: string, lastName: string, siteId: string) => personJoined(directory, id, { staffNumber, firstName: 'Ann', lastName, siteId });
    const groups = ['A', 'B', 'C'] as const;
    await fixture.transport.publish([
      directory.site(district, 'SiteOpened', { siteId: district, code: 'D', name: 'District', kind: 'SERVICE', parentSiteId: null }),
      directory.site(north, 'SiteOpened', { siteId: north, code: 'N', name: 'Old North', kind: 'SCHOOL', parentSiteId: district }),
      directory.site(north, 'SiteDetailsChanged', { siteId: north, changes: { name: { from: 'Old North', to: 'North High' } } }),
      directory.site(annex, 'SiteOpened', { siteId: annex, code: 'NA', name: 'North Annex', kind: 'SCHOOL', parentSiteId: north }),
      directory.site(south, 'SiteOpened', { siteId: south, code: 'S', name: 'South', kind: 'SCHOOL', parentSiteId: district }),
      directory.site(bulkSite, 'SiteOpened', { siteId: bulkSite, code: 'B', name: 'Bulk', kind: 'SERVICE', parentSiteId: null }),
      join(bulkPerson, 'BULK', 'Bulk', bulkSite),
      join(s1, 'S1', 'Supervisor', north),
      join(s2, 'S2', 'Supervisor', north),
      ...groups.flatMap((g) => people[g].map((id, i) => join(id, `N-${g}${pad(i)}`, g === 'A' && i === 0 ? 'Maiden' : `${g}${pad(i)}`, siteOf[g]))),
      directory.person(people.A[0], 'PersonDetailsChanged', { personId: people.A[0], changes: { lastName: 'A00' } }),
      ...groups.flatMap((g) =>
        people[g].map((id, i) => directory.person(id, 'SupervisorAssigned', { personId: id, supervisorId: (g === 'A' && i < 10) || (g === 'B' && i < 4) ? s1 : s2, effectiveFrom: '2020-01-01' })),
      ),
      cycle(cycleId, '2026-27'),
      cycle(otherCycleId, '2025-26'),
    ]);
    await eventually(async () => {
      const [row]: Array<Record<string, unknown>> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
        m.query(`SELECT (SELECT count(supervisor_id)::int FROM goal_people) AS lines, (SELECT count(*)::int FROM goal_sites) AS sites, (SELECT count(*)::int FROM goal_cycles) AS cycles,
                        (SELECT last_name FROM goal_people WHERE person_id = $1) AS renamed, (SELECT name FROM goal_sites WHERE site_id = $2) AS site`, [people.A[0], north]),
      );
      expect(row).toEqual({ lines: 35, sites: 5, cycles: 2, renamed: 'A00', site: 'North High' });
    });

    for (const g of groups) for (const [i, id] of people[g].entries()) await need(id, 'First aid at work', '2027-03-31', i % 2 === 0 ? gbp(9_500) : null);
    // The same training, however it is typed.
    for (const i of range(5)) await need(people.A[i], i === 3 ? 'food   hygiene' : 'Food hygiene', '2027-01-15', gbp(4_000));
    await need(people.B[0], FORMULA, '2027-06-30', { amount: 2_500, currency: 'EUR' });
    await need(people.A[0], 'Manual handling', '2027-09-01', null, randomUUID(), otherCycleId);
    const met = await need(people.A[5], 'Ladder safety', '2027-02-01', null);
    await ok(hr(`mutation($input: MeetTrainingNeedInput!) { meetTrainingNeed(input: $input) { id } }`, { input: { cycleId, personId: people.A[5], needId: met, metOn: '2026-11-01' } }));
    // A5's and B5's first aid needs leave the plan: one met, one no longer needed.
    const { developmentPlan: a5 } = await ok(hr(`query($c: ID!, $p: ID) { developmentPlan(cycleId: $c, personId: $p) { trainingNeeds { needId description } } }`, { c: cycleId, p: people.A[5] }));
    const a5FirstAid = a5.trainingNeeds.find((n: { description: string }) => n.description === 'First aid at work').needId;
    await ok(hr(`mutation($input: MeetTrainingNeedInput!) { meetTrainingNeed(input: $input) { id } }`, { input: { cycleId, personId: people.A[5], needId: a5FirstAid, metOn: '2026-11-01' } }));
    const { developmentPlan: b5 } = await ok(hr(`query($c: ID!, $p: ID) { developmentPlan(cycleId: $c, personId: $p) { trainingNeeds { needId } } }`, { c: cycleId, p: people.B[5] }));
    await ok(hr(`mutation($input: DropTrainingNeedInput!) { dropTrainingNeed(input: $input) { id } }`, { input: { cycleId, personId: people.B[5], needId: b5.trainingNeeds[0].needId, reason: 'Moved to the office' } }));
    // Written straight into the read model: forty thousand needs through the API would take minutes.
    await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
      m.query(
        `INSERT INTO training_need_list (tenant_id, plan_id, need_id, cycle_id, person_id, description, needed_by, cost_amount, cost_currency, source, status)
         SELECT $1, $2, 'bulk-' || i, $3, $4, 'Course ' || lpad(i::text, 6, '0') || ' ' || repeat('x', 200), DATE '2027-01-01' + (i % 300), 1000, 'GBP', 'DEVELOPMENT_PLAN', 'OPEN'
         FROM generate_series(1, $5::int) AS i`,
        [TENANT, randomUUID(), cycleId, bulkPerson, BULK_NEEDS],
      ),
    );
    await fixture.transport.publish([
      directory.person(people.A[19], 'SupervisorUnassigned', { personId: people.A[19], supervisorId: s2, effectiveFrom: '2026-11-30', reason: 'PERSON_LEFT' }),
      directory.person(people.A[19], 'PersonLeft', { personId: people.A[19], leftOn: '2026-11-30' }),
    ]);
    await eventually(async () => {
      const [row]: Array<{ status: string }> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) => m.query(`SELECT employment_status AS status FROM goal_people WHERE person_id = $1`, [people.A[19]]));
      expect(row.status).toBe('LEFT');
    });
  }, 120_000);
  afterAll(async () => fixture?.close());

  // Hand-counted from the description above. First aid: North's 20 less A05 (met) and A19 (left), the Annex's 12
  // less B05 (dropped): 29 people, 16 of them with an even number and a cost of 95.00.
  const firstAidNorth = range(19).filter((i) => i !== 5);
  const firstAidAnnex = range(12).filter((i) => i !== 5);

  it("rolls every open need of the site and the sites below it into the site's plan, grouped by the training needed", async () => {
    const { siteTrainingPlan: plan } = await ok(hr(PLAN, { s: north, c: cycleId }));
    expect(plan.siteName).toBe('North High');
    expect(plan.groups.map((g: Data) => [g.description, g.earliestNeededBy, g.people.length, g.estimatedCost, g.needsWithoutCost])).toEqual([
      ['Food hygiene', '2027-01-15', 5, [gbp(20_000)], 0],
      ['First aid at work', '2027-03-31', 29, [gbp(152_000)], 13],
      [FORMULA, '2027-06-30', 1, [{ amount: 2_500, currency: 'EUR' }], 0],
    ]);
    // People come as references for the directory to name; in the CSV's order (by name within a date).
    expect(plan.groups[0].people.map((p: Data) => p.person.id)).toEqual(range(5).map((i) => people.A[i]));
    expect(plan.groups[1].people.map((p: Data) => [p.person.id, p.siteId, p.estimatedCost?.amount ?? null])).toEqual([
      ...firstAidNorth.map((i) => [people.A[i], north, i % 2 === 0 ? 9_500 : null]),
      ...firstAidAnnex.map((i) => [people.B[i], annex, i % 2 === 0 ? 9_500 : null]),
    ]);
    expect(plan.totals).toEqual({ needs: 35, people: 29, needsWithoutCost: 13, estimatedCost: [{ amount: 2_500, currency: 'EUR' }, gbp(172_000)] });
  });

  it("keeps to the site itself when asked, and to every cycle's needs when no cycle is named", async () => {
    const { siteTrainingPlan: own } = await ok(hr(PLAN, { s: north, c: cycleId, sub: false }));
    expect(own.groups.map((g: Data) => [g.description, g.people.length, g.estimatedCost])).toEqual([
      ['Food hygiene', 5, [gbp(20_000)]],
      ['First aid at work', 18, [gbp(95_000)]],
    ]);
    expect(own.totals).toEqual({ needs: 23, people: 18, needsWithoutCost: 8, estimatedCost: [gbp(115_000)] });
    const { siteTrainingPlan: everyCycle } = await ok(hr(PLAN, { s: north }));
    expect(everyCycle.groups.map((g: Data) => g.description)).toEqual(['Food hygiene', 'First aid at work', FORMULA, 'Manual handling']);
    expect(everyCycle.totals).toMatchObject({ needs: 36, people: 29, needsWithoutCost: 14 });
  });

  it('shows a supervisor only the needs of the people they may see, and no site of another tree to anyone', async () => {
    const { siteTrainingPlan: plan } = await ok(as(s1)(PLAN, { s: north, c: cycleId }));
    expect(plan.groups.map((g: Data) => [g.description, g.people.length, g.estimatedCost, g.needsWithoutCost])).toEqual([
      ['Food hygiene', 5, [gbp(20_000)], 0],
      ['First aid at work', 13, [gbp(66_500)], 6],
      [FORMULA, 1, [{ amount: 2_500, currency: 'EUR' }], 0],
    ]);
    expect(plan.totals).toEqual({ needs: 19, people: 13, needsWithoutCost: 6, estimatedCost: [{ amount: 2_500, currency: 'EUR' }, gbp(86_500)] });
    // Someone with no reports sees their own need only.
    expect((await ok(as(people.A[10])(PLAN, { s: north, c: cycleId }))).siteTrainingPlan.totals).toEqual({ needs: 1, people: 1, needsWithoutCost: 0, estimatedCost: [gbp(9_500)] });
    expect((await hr(PLAN, { s: randomUUID() })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('streams the same plan as CSV: header, rows in plan order with formulas defused, totals', async () => {
    const response = await download(`/training-plans/${north}.csv?cycleId=${cycleId}`, hrId, ['hr']);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // Sent as it is produced: no length known up front.
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    const row = (site: string, training: string, g: 'A' | 'B', i: number, neededBy: string, cost: string, currency: string) => `${site},${training},${nameOf(g, i)},N-${g}${pad(i)},${neededBy},DEVELOPMENT_PLAN,${cost},${currency}`;
    expect(lines).toEqual([
      'Site,Training needed,Person,Staff number,Needed by,Source,Estimated cost,Currency',
      ...range(5).map((i) => row('North High', 'Food hygiene', 'A', i, '2027-01-15', '40.00', 'GBP')),
      ...firstAidNorth.map((i) => row('North High', 'First aid at work', 'A', i, '2027-03-31', i % 2 === 0 ? '95.00' : '', i % 2 === 0 ? 'GBP' : '')),
      ...firstAidAnnex.map((i) => row('North Annex', 'First aid at work', 'B', i, '2027-03-31', i % 2 === 0 ? '95.00' : '', i % 2 === 0 ? 'GBP' : '')),
      `North Annex,"'=HYPERLINK(""http://evil.example"",""Boiler course"")",Ann B00,N-B00,2027-06-30,DEVELOPMENT_PLAN,25.00,EUR`,
      'Total,"35 needs, 13 without a cost",29 people,,,,25.00,EUR',
      'Total,"35 needs, 13 without a cost",29 people,,,,1720.00,GBP',
      '',
    ]);
  });

  it('exports to a supervisor only what they may see, and refuses an unsigned or unknown request', async () => {
    const text = await (await download(`/training-plans/${north}.csv?cycleId=${cycleId}&includeSubSites=false`, s1, ['employee'])).text();
    expect(text.split('\r\n').slice(-2)).toEqual(['Total,"14 needs, 4 without a cost",9 people,,,,675.00,GBP', '']);
    expect((await fetch(`${fixture.service.url}/training-plans/${north}.csv`)).status).toBe(401);
    expect((await download(`/training-plans/${randomUUID()}.csv`, hrId, ['hr'])).status).toBe(404);
    expect((await download(`/training-plans/not-a-site.csv`, hrId, ['hr'])).status).toBe(400);
  });

  it('groups and orders alike in the query and the download, whatever spaces and capitals a description is typed with', async () => {
    // One training typed three ways (a no-break space pasted from a document, accented capitals), and one more.
    await need(people.C[0], 'École\u00a0sécurité ', '2027-02-01', null);
    await need(people.C[1], 'ÉCOLE  SÉCURITÉ', '2027-02-01', null);
    await need(people.C[2], 'école sécurité', '2027-02-01', null);
    await need(people.C[2], 'Zebra crossing duty', '2027-02-01', null);
    // The same date: groups by their key in code point order ("z" before "é"), named by their first spelling.
    const expected: Array<[string, number[]]> = [
      ['Zebra crossing duty', [2]],
      ['ÉCOLE SÉCURITÉ', [0, 1, 2]],
      ['First aid at work', [0, 1, 2]],
    ];
    const { siteTrainingPlan: plan } = await ok(hr(PLAN, { s: south, c: cycleId }));
    expect(plan.groups.map((g: Data) => [g.description, g.people.map((p: Data) => p.person.id)])).toEqual(expected.map(([d, is]) => [d, is.map((i) => people.C[i])]));
    const lines = (await (await download(`/training-plans/${south}.csv?cycleId=${cycleId}`, hrId, ['hr'])).text()).split('\r\n');
    expect(lines.at(-2)).toBe('Total,"7 needs, 5 without a cost",3 people,,,,190.00,GBP');
    expect(lines.slice(1, -2).map((line) => line.split(',').slice(0, 4))).toEqual(expected.flatMap(([d, is]) => is.map((i) => ['South', d, nameOf('C', i), `N-C${pad(i)}`])));
  });

  /** A download whose body is not read: it stops, under backpressure, at its cursor and holds its connection. */
  const open = (siteId: string): Promise<{ request: ClientRequest; response: IncomingMessage }> =>
    new Promise((resolve, reject) => {
      const request = get(`${fixture.service.url}/training-plans/${siteId}.csv`, { headers: signIdentity({ tenantId: TENANT, actorId: hrId, roles: ['hr'], requestId: randomUUID() }, gatewaySecret) }, (response) =>
        resolve({ request, response }),
      );
      request.once('error', reject);
    });
  const exportSessions = async (): Promise<string[]> => {
    const rows: Array<{ state: string }> = await fixture.service.infrastructure.dataSource.query(
      `SELECT state FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'FETCH % FROM training_plan' AND state <> 'idle'`,
    );
    return rows.map((r) => r.state);
  };

  it('runs only a few downloads at once, and a client that goes away mid-stream leaves no transaction behind', async () => {
    const held = await Promise.all(range(EXPORT_LIMITS.concurrent).map(() => open(bulkSite)));
    expect(held.map((h) => h.response.statusCode)).toEqual(range(EXPORT_LIMITS.concurrent).map(() => 200));
    // Each is mid-stream: its transaction sits between two FETCHes, waiting for the client to read.
    await eventually(async () => expect(await exportSessions()).toEqual(range(EXPORT_LIMITS.concurrent).map(() => 'idle in transaction')));

    const refused = await download(`/training-plans/${north}.csv`, hrId, ['hr']);
    expect([refused.status, refused.headers.get('retry-after'), await refused.json()]).toEqual([
      503,
      String(EXPORT_LIMITS.retryAfterSeconds),
      { code: 'BUSY', message: `Too many training plan downloads at once: retry in ${EXPORT_LIMITS.retryAfterSeconds} s` },
    ]);

    for (const { request } of held) request.destroy();
    await eventually(async () => expect(await exportSessions()).toEqual([]));
    const next = await download(`/training-plans/${north}.csv?cycleId=${cycleId}`, hrId, ['hr']);
    expect(next.status).toBe(200);
    expect((await next.text()).split('\r\n').slice(-2)).toEqual(['Total,"35 needs, 13 without a cost",29 people,,,,1720.00,GBP', '']);
    // The slots are free again: a whole bulk download goes through too.
    const bulk = (await (await download(`/training-plans/${bulkSite}.csv`, hrId, ['hr'])).text()).split('\r\n');
    expect(bulk.slice(-2)).toEqual([`Total,"${BULK_NEEDS} needs, 0 without a cost",1 people,,,,${BULK_NEEDS * 10}.00,GBP`, '']);
  }, 60_000);
});
