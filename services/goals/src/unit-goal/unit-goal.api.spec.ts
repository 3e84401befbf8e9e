import { randomUUID } from 'node:crypto';
import { ALL_TOPICS } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { callsAs, cycleOpened, dataOf, directoryEvents, errorOf, personJoined, startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { eventually } from '@growth/testing';
import { startGoalsService } from '../goals.service';

const TENANT = 'county';
// Responses are checked field by field below; typing every query's shape would only repeat the queries.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

describe('unit goals through the goals subgraph', () => {
  let fixture: ServiceFixture;
  // The site tree: the service (district office) above a school and a second school; the school has a department.
  const [district, school, otherSchool, department, cycleId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const [supervisor, atDistrict, atSchool1, atSchool2, atDepartment, atOther] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const directory = directoryEvents(TENANT);
  const as = callsAs(() => fixture, TENANT);
  const hr = as(randomUUID(), ['hr']);
  const ok = dataOf;
  const siteOpened = (siteId: string, code: string, parentSiteId: string | null) =>
    directory.site(siteId, 'SiteOpened', { siteId, code, name: code, kind: parentSiteId ? 'SCHOOL' : 'SERVICE', parentSiteId });
  const person = (id: string, n: string, siteId: string) => personJoined(directory, id, { staffNumber: n, lastName: n, siteId });
  const content = (unitGoalId: string) => ({
    statement: 'Close routine work orders within two days',
    measure: { what: 'work orders closed within 48 hours', baseline: 70, target: 90, unit: '%' },
    actions: ['Triage every morning'],
    unitGoalId,
    dueOn: '2027-06-30',
  });
  const draft = async (personId: string, unitGoalId: string, kind = 'PERFORMANCE'): Promise<string> => {
    const goalId = randomUUID();
    await ok(as(personId)(`mutation($input: DraftGoalInput!) { draftGoal(input: $input) { id } }`, { input: { goalId, cycleId, kind, content: content(unitGoalId) } }));
    return goalId;
  };
  const submit = (personId: string, goalId: string) => as(personId)(`mutation($input: GoalOnlyInput!) { submitGoal(input: $input) { version } }`, { input: { goalId } });
  const record = async (statement: string, siteId: string | null): Promise<string> =>
    (await ok(hr(`mutation($input: RecordUnitGoalInput!) { recordUnitGoal(input: $input) { id } }`, { input: { cycleId, siteId, statement } }))).recordUnitGoal.id;
  const UNIT = `query($id: ID!) { unitGoal(id: $id) { statement status revision retiredReason alignedGoalCount rollUp { siteId parentSiteId atSite { status count } rolledUp { status count } } version } }`;

  beforeAll(async () => {
    fixture = await startServiceFixture(startGoalsService);
    await fixture.transport.ensureTopics([...ALL_TOPICS]);
    const people: Array<[string, string, string]> = [
      [supervisor, 'S0', district],
      [atDistrict, 'E1', district],
      [atSchool1, 'E2', school],
      [atSchool2, 'E3', school],
      [atDepartment, 'E4', department],
      [atOther, 'E5', otherSchool],
    ];
    await fixture.transport.publish([
      siteOpened(district, 'CO', null),
      siteOpened(school, 'HS', district),
      siteOpened(otherSchool, 'MS', district),
      siteOpened(department, 'HS-SCI', school),
      ...people.map(([id, n, siteId]) => person(id, n, siteId)),
      ...people.slice(1).map(([id]) => directory.person(id, 'SupervisorAssigned', { personId: id, supervisorId: supervisor, effectiveFrom: '2020-01-01' })),
      cycleOpened(TENANT, cycleId),
    ]);
    await eventually(async () => {
      const [row]: Array<Record<string, number>> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
        m.query(`SELECT (SELECT count(supervisor_id)::int FROM goal_people) AS lines, (SELECT count(parent_site_id)::int FROM goal_sites) AS children, (SELECT count(*)::int FROM goal_cycles) AS cycles`),
      );
      expect(row).toEqual({ lines: 5, children: 3, cycles: 1 });
    });
  });
  afterAll(async () => fixture?.close());

  it("rolls a unit goal's aligned goals up the site tree, by status, at each site and below it", async () => {
    const districtGoal = await record('Faster repairs across the county', district);
    await draft(atDistrict, districtGoal);
    await ok(submit(atSchool1, await draft(atSchool1, districtGoal)));
    // A withdrawn goal is not counted; the goal drafted in its place is.
    const withdrawn = await draft(atSchool2, districtGoal);
    await ok(hr(`mutation($input: WithdrawGoalInput!) { withdrawGoal(input: $input) { version } }`, { input: { goalId: withdrawn, reason: 'Written against the wrong goal' } }));
    await draft(atSchool2, districtGoal);
    await ok(submit(atDepartment, await draft(atDepartment, districtGoal)));
    await draft(atOther, districtGoal);

    // Worked out by hand: district: E1 draft; school: E2 submitted, E3 draft; department: E4 submitted; other school: E5 draft.
    const { unitGoal } = await ok(as(supervisor)(UNIT, { id: districtGoal }));
    expect(unitGoal.alignedGoalCount).toBe(5);
    const [draft1, submitted1, submitted2] = [{ status: 'DRAFT', count: 1 }, { status: 'SUBMITTED', count: 1 }, { status: 'SUBMITTED', count: 2 }];
    const schoolRows = [
      { siteId: school, parentSiteId: district, atSite: [draft1, submitted1], rolledUp: [draft1, submitted2] },
      { siteId: department, parentSiteId: school, atSite: [submitted1], rolledUp: [submitted1] },
    ];
    const otherRows = [{ siteId: otherSchool, parentSiteId: district, atSite: [draft1], rolledUp: [draft1] }];
    // Parents before children; sibling schools by id.
    expect(unitGoal.rollUp).toEqual([
      { siteId: district, parentSiteId: null, atSite: [draft1], rolledUp: [{ status: 'DRAFT', count: 3 }, submitted2] },
      ...(school < otherSchool ? [...schoolRows, ...otherRows] : [...otherRows, ...schoolRows]),
    ]);

    // A school's goal rolls up only its own subtree, and a tenant goal covers every site.
    const schoolGoal = await record('Safer science labs', school);
    await draft(atDepartment, schoolGoal, 'DEVELOPMENT');
    const tenantGoal = await record('Every site inspected', null);
    const { unitGoals } = await ok(as(supervisor)(`query($c: ID!) { unitGoals(cycleId: $c) { id siteId alignedGoals { id } rollUp { siteId atSite { count } rolledUp { status count } } } }`, { c: cycleId }));
    const schoolView = unitGoals.find((u: Data) => u.id === schoolGoal);
    expect(schoolView.rollUp).toEqual([
      { siteId: school, atSite: [], rolledUp: [draft1] },
      { siteId: department, atSite: [{ count: 1 }], rolledUp: [draft1] },
    ]);
    const tenantView = unitGoals.find((u: Data) => u.id === tenantGoal);
    expect(tenantView.siteId).toBeNull();
    expect(tenantView.rollUp.map((r: Data) => r.siteId).sort()).toEqual([district, school, otherSchool, department].sort());
    expect(tenantView.rollUp.every((r: Data) => r.rolledUp.length === 0)).toBe(true);
    expect(unitGoals.find((u: Data) => u.id === districtGoal).alignedGoals).toHaveLength(5);
    // HR counts everyone, as the supervisor of everyone here does.
    expect((await ok(hr(UNIT, { id: districtGoal }))).unitGoal.rollUp).toEqual(unitGoal.rollUp);

    // An employee alone at their site learns nobody else's status: their roll-up counts their own goal only.
    const { unitGoal: seenByOther } = await ok(as(atOther)(UNIT, { id: districtGoal }));
    expect(seenByOther.rollUp.map((r: Data) => [r.siteId, r.atSite, r.rolledUp])).toEqual(
      unitGoal.rollUp.map((r: Data) => [r.siteId, r.siteId === otherSchool ? [draft1] : [], r.siteId === otherSchool || r.siteId === district ? [draft1] : []]),
    );
    const { unitGoal: seenByDepartment } = await ok(as(atDepartment)(UNIT, { id: districtGoal }));
    expect(seenByDepartment.rollUp.find((r: Data) => r.siteId === school).rolledUp).toEqual([submitted1]);
  });

  it('is revised and retired by HR only; a retired unit goal takes no new aligned goals', async () => {
    const unitGoalId = await record('Cleaner corridors', department);
    const REVISE = `mutation($input: ReviseUnitGoalInput!) { reviseUnitGoal(input: $input) { version } }`;
    const RETIRE = `mutation($input: RetireUnitGoalInput!) { retireUnitGoal(input: $input) { version } }`;
    expect((await errorOf(as(supervisor)(REVISE, { input: { unitGoalId, statement: 'Spotless corridors' } }))).extensions?.code).toBe('FORBIDDEN');
    expect((await errorOf(hr(REVISE, { input: { unitGoalId, expectedVersion: 5, statement: 'Spotless corridors' } }))).extensions?.code).toBe('CONCURRENCY_CONFLICT');
    expect((await errorOf(hr(REVISE, { input: { unitGoalId, statement: ' ' } }))).extensions?.code).toBe('VALIDATION_FAILED');
    const measure = { what: 'corridors passing inspection', baseline: 60, target: 95, unit: '%' };
    expect((await ok(hr(REVISE, { input: { unitGoalId, expectedVersion: 0, statement: 'Spotless corridors', measure } }))).reviseUnitGoal.version).toBe(1);
    expect((await ok(as(atDepartment)(UNIT, { id: unitGoalId }))).unitGoal).toMatchObject({ statement: 'Spotless corridors', revision: 2, status: 'ACTIVE', version: 1 });

    await ok(hr(RETIRE, { input: { unitGoalId, expectedVersion: 1, reason: 'Merged into the school plan' } }));
    expect((await ok(hr(UNIT, { id: unitGoalId }))).unitGoal).toMatchObject({ status: 'RETIRED', retiredReason: 'Merged into the school plan', version: 2 });
    expect((await errorOf(hr(REVISE, { input: { unitGoalId, statement: 'Anything else' } }))).extensions?.code).toBe('INVALID_STATE');
    expect((await errorOf(hr(RETIRE, { input: { unitGoalId: randomUUID(), reason: 'Gone' } }))).extensions?.code).toBe('NOT_FOUND');
    expect((await errorOf(hr(UNIT, { id: randomUUID() }))).extensions?.code).toBe('NOT_FOUND');

    // A supervisor's objective aligned to the retired unit goal fails the Relevant criterion when submitted.
    const objective = await draft(supervisor, unitGoalId, 'OBJECTIVE');
    expect((await errorOf(submit(supervisor, objective))).message).toContain('Relevant');
  });
});
