import { randomUUID } from 'node:crypto';
import { ALL_TOPICS } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { callsAs, cycleOpened, dataOf, directoryEvents, errorOf, personJoined, startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { eventually } from '@growth/testing';
import { startGoalsService } from '../goals.service';

describe("a tenant's goal policy through the goals subgraph", () => {
  let fixture: ServiceFixture;
  const tenants = { strict: 'strict-district', usual: 'usual-district' } as const;
  const setUp = (tenantId: string) => ({ tenantId, site: randomUUID(), cycleId: randomUUID(), supervisor: randomUUID(), report: randomUUID(), directory: directoryEvents(tenantId) });
  const [strict, usual] = [setUp(tenants.strict), setUp(tenants.usual)];
  const as = (tenantId: string, actorId: string, roles?: string[]) => callsAs(() => fixture, tenantId)(actorId, roles);
  const ok = dataOf;
  const POLICY = `{ goalPolicy { objectivesCap performanceGoals developmentGoals isSet version } }`;
  const SET = `mutation($input: SetGoalPolicyInput!) { setGoalPolicy(input: $input) { objectivesCap performanceGoals developmentGoals isSet version } }`;
  const objective = (t: typeof strict, n: number) =>
    as(t.tenantId, t.supervisor)(`mutation($input: DraftGoalInput!) { draftGoal(input: $input) { id } }`, { input: { cycleId: t.cycleId, kind: 'OBJECTIVE', content: { statement: `Objective ${n}` } } });
  const policyEvents = async (tenantId: string): Promise<number> => {
    const [row]: Array<{ n: number }> = await withTenant(fixture.service.infrastructure.dataSource, tenantId, (m) => m.query(`SELECT count(*)::int AS n FROM es_events WHERE stream_id LIKE 'tenant-goal-policy-%'`));
    return row.n;
  };

  beforeAll(async () => {
    fixture = await startServiceFixture(startGoalsService);
    await fixture.transport.ensureTopics([...ALL_TOPICS]);
    for (const t of [strict, usual]) {
      const person = (id: string, n: string) => personJoined(t.directory, id, { staffNumber: n, lastName: n, jobClassification: 'Site Manager', siteId: t.site });
      await fixture.transport.publish([
        t.directory.site(t.site, 'SiteOpened', { siteId: t.site, code: 'HS', name: 'High School', kind: 'SCHOOL', parentSiteId: null }),
        person(t.supervisor, 'S1'),
        person(t.report, 'E1'),
        t.directory.person(t.report, 'SupervisorAssigned', { personId: t.report, supervisorId: t.supervisor, effectiveFrom: '2020-01-01' }),
        cycleOpened(t.tenantId, t.cycleId),
      ]);
    }
    for (const t of [strict, usual]) {
      await eventually(async () => {
        const [row]: Array<Record<string, number>> = await withTenant(fixture.service.infrastructure.dataSource, t.tenantId, (m) =>
          m.query(`SELECT (SELECT count(supervisor_id)::int FROM goal_people) AS lines, (SELECT count(*)::int FROM goal_cycles) AS cycles`),
        );
        expect(row).toEqual({ lines: 1, cycles: 1 });
      });
    }
  });
  afterAll(async () => fixture?.close());

  it('is set by HR or a tenant admin, validated, and nothing is written on bad input', async () => {
    const hr = as(strict.tenantId, randomUUID(), ['hr']);
    expect((await ok(as(strict.tenantId, strict.report)(POLICY))).goalPolicy).toEqual({ objectivesCap: 5, performanceGoals: 1, developmentGoals: 1, isSet: false, version: -1 });
    // Refused by the goals policy before any command runs.
    for (const roles of [['employee'], ['analyst']]) {
      const forbidden = await errorOf(as(strict.tenantId, strict.supervisor, roles)(SET, { input: { objectivesCap: 3 } }));
      expect([forbidden.extensions?.code, forbidden.message]).toEqual(['FORBIDDEN', 'Not allowed to manage goal policy']);
    }
    const refused = await errorOf(hr(SET, { input: { objectivesCap: 0, developmentGoals: 40 } }));
    expect(refused.extensions).toEqual({
      code: 'VALIDATION_FAILED',
      issues: [
        { path: 'objectivesCap', message: 'must be a whole number from 1 to 5' },
        { path: 'developmentGoals', message: 'must be a whole number from 1 to 10' },
      ],
    });
    // Supervisors agree up to 5 objectives, no more: a tenant may lower the cap, not raise it.
    expect((await errorOf(hr(SET, { input: { objectivesCap: 6 } }))).extensions?.issues).toEqual([{ path: 'objectivesCap', message: 'must be a whole number from 1 to 5' }]);
    expect((await errorOf(hr(SET, { input: { objectivesCap: 2.5 } }))).extensions?.code).toBe('BAD_USER_INPUT');
    expect(await policyEvents(strict.tenantId)).toBe(0);

    expect((await ok(hr(SET, { input: { objectivesCap: 3, expectedVersion: -1 } }))).setGoalPolicy).toEqual({ objectivesCap: 3, performanceGoals: 1, developmentGoals: 1, isSet: true, version: 0 });
    // Acting on a read from before it was first set, or on an older version, changes nothing.
    expect((await errorOf(hr(SET, { input: { objectivesCap: 4, expectedVersion: -1 } }))).extensions?.code).toBe('ALREADY_EXISTS');
    expect((await errorOf(hr(SET, { input: { objectivesCap: 4, expectedVersion: 7 } }))).extensions?.code).toBe('CONCURRENCY_CONFLICT');
    const admin = as(strict.tenantId, randomUUID(), ['tenant_admin']);
    expect((await ok(admin(SET, { input: { developmentGoals: 2, expectedVersion: 0 } }))).setGoalPolicy).toMatchObject({ objectivesCap: 3, developmentGoals: 2, version: 1 });
    expect(await policyEvents(strict.tenantId)).toBe(2);
  });

  it("caps a supervisor's objectives by their own tenant's policy", async () => {
    for (const n of [1, 2, 3]) await ok(objective(strict, n));
    const fourth = await errorOf(objective(strict, 4));
    expect(fourth.extensions?.code).toBe('INVALID_STATE');
    expect(fourth.message).toContain('the cap is 3 objectives per person per cycle');

    // The other tenant never set a policy: it keeps the default of 5.
    expect((await ok(as(usual.tenantId, usual.supervisor)(POLICY))).goalPolicy).toMatchObject({ objectivesCap: 5, isSet: false });
    for (const n of [1, 2, 3, 4, 5]) await ok(objective(usual, n));
    expect((await errorOf(objective(usual, 6))).message).toContain('the cap is 5 objectives per person per cycle');
  });
});
