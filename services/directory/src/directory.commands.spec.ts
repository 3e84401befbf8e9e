import { startServiceFixture, type GraphQLResult, type ServiceFixture } from '@growth/service-testing';
import { startDirectoryService } from './directory.service';
import { codeOf, eventTypes, sql } from './testing/directory.spec-helper';

/** Commands through the API: versions, validation, the site tree, reporting lines over time, leaving, audit. */
describe('directory commands', () => {
  let fixture: ServiceFixture;
  const admin = { actorId: 'admin-1', roles: ['tenant_admin'] };
  const run = async <T>(query: string, variables: object = {}, identity: object = {}): Promise<T> => {
    const result = await fixture.query<T>(query, variables, identity);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const issuesOf = (result: GraphQLResult<unknown>) => (result.errors?.[0]?.extensions as { issues?: Array<{ path: string }> } | undefined)?.issues?.map((i) => i.path);

  const OPEN_SITE = 'mutation($input: OpenSiteInput!) { openSite(input: $input) { siteId version } }';
  const ADD = 'mutation($input: AddPersonInput!) { addPerson(input: $input) { personId version } }';
  const ASSIGN = 'mutation($input: AssignSupervisorInput!) { assignSupervisor(input: $input) { version } }';
  const SUPERVISOR_ON = 'query($id: ID!, $on: Date) { supervisorOf(personId: $id, on: $on) { supervisor { id displayName } validFrom validTo } }';

  let district: string;
  let school: string;
  const addPerson = async (staffNumber: string, firstName: string, siteId = school) =>
    (await run<{ addPerson: { personId: string } }>(ADD, { input: { staffNumber, firstName, lastName: 'Doe', jobClassification: 'Custodian', siteId, startDate: '2019-08-12' } })).addPerson.personId;

  beforeAll(async () => {
    fixture = await startServiceFixture(startDirectoryService);
    district = (await run<{ openSite: { siteId: string } }>(OPEN_SITE, { input: { code: 'D1', name: 'District Office', kind: 'DEPARTMENT' } })).openSite.siteId;
    school = (await run<{ openSite: { siteId: string } }>(OPEN_SITE, { input: { code: 'S1', name: 'Roosevelt High', kind: 'SCHOOL', parentSiteId: district } })).openSite.siteId;
  });
  afterAll(async () => fixture?.close());

  describe('tenant', () => {
    it('registers with the default cycle calendar, which the tenant can change', async () => {
      await run('mutation { registerTenant(input: { name: "Los Angeles Unified", timeZone: "America/Los_Angeles", locale: "en-US" }) { version } }', {}, admin);
      const calendar = '{ goalSetting { month day } midYearReflection { month day } yearEndConference { month day } }';
      expect(await run(`{ tenant { name timeZone cycleCalendar ${calendar} version } }`, {}, admin)).toEqual({
        tenant: {
          name: 'Los Angeles Unified',
          timeZone: 'America/Los_Angeles',
          cycleCalendar: { goalSetting: { month: 10, day: 15 }, midYearReflection: { month: 2, day: 15 }, yearEndConference: { month: 8, day: 1 } },
          version: 0,
        },
      });
      const change = `mutation($input: ChangeCycleCalendarInput!) { changeCycleCalendar(input: $input) { version } }`;
      const cycleCalendar = { goalSetting: { month: 10, day: 31 }, midYearReflection: { month: 2, day: 15 }, yearEndConference: { month: 8, day: 1 } };
      expect(await run(change, { input: { cycleCalendar, expectedVersion: 0 } }, admin)).toEqual({ changeCycleCalendar: { version: 1 } });
      // The same calendar again is no change; a stale version is a conflict.
      expect(await run(change, { input: { cycleCalendar, expectedVersion: 1 } }, admin)).toEqual({ changeCycleCalendar: { version: 1 } });
      expect(codeOf(await fixture.query(change, { input: { cycleCalendar, expectedVersion: 0 } }, admin))).toBe('CONCURRENCY_CONFLICT');
      const bad = await fixture.query(change, { input: { cycleCalendar: { ...cycleCalendar, midYearReflection: { month: 2, day: 30 } }, expectedVersion: 1 } }, admin);
      expect([codeOf(bad), issuesOf(bad)]).toEqual(['VALIDATION_FAILED', ['cycleCalendar.midYearReflection']]);
      const trail = await run<{ auditTrail: Array<{ summary: string; actorId: string }> }>('{ auditTrail(subjectType: TENANT, subjectId: "lausd") { summary actorId } }', {}, admin);
      expect(trail.auditTrail.map((e) => e.summary)).toEqual(['Tenant "Los Angeles Unified" registered (America/Los_Angeles, en-US)', 'Cycle calendar changed: goal setting by 15 Oct → by 31 Oct']);
    });
  });

  describe('sites', () => {
    it('refuses to move a site under its own descendant, and writes nothing', async () => {
      const before = await eventTypes(fixture);
      const move = await fixture.query('mutation($input: MoveSiteInput!) { moveSite(input: $input) { version } }', { input: { siteId: district, parentSiteId: school, expectedVersion: 0 } });
      expect([codeOf(move), issuesOf(move)]).toEqual(['VALIDATION_FAILED', ['parentSiteId']]);
      expect(await eventTypes(fixture)).toEqual(before);
      expect(await run('query($id: ID!) { site(id: $id) { parentSiteId version } }', { id: district })).toEqual({ site: { parentSiteId: null, version: 0 } });
      const trail = await run<{ auditTrail: Array<{ summary: string }> }>('query($id: ID!) { auditTrail(subjectType: SITE, subjectId: $id) { summary } }', { id: school });
      expect(trail.auditTrail).toEqual([{ summary: 'Site S1 "Roosevelt High" opened under District Office' }]);
    });

    it('refuses a second site with the same code', async () => {
      const again = await fixture.query(OPEN_SITE, { input: { code: 'S1', name: 'Another' } });
      expect([codeOf(again), issuesOf(again)]).toEqual(['VALIDATION_FAILED', ['code']]);
    });
  });

  describe('people', () => {
    it('adds, changes and moves a person; a stale version changes nothing', async () => {
      const ana = await addPerson('E1', 'Ana');
      const CHANGE = 'mutation($input: ChangePersonDetailsInput!) { changePersonDetails(input: $input) { version } }';
      expect(await run(CHANGE, { input: { personId: ana, lastName: 'López', workEmail: 'Ana@LAUSD.net', expectedVersion: 0 } })).toEqual({ changePersonDetails: { version: 1 } });
      const before = await eventTypes(fixture);
      const stale = await fixture.query(CHANGE, { input: { personId: ana, lastName: 'Lopez', expectedVersion: 0 } });
      expect(codeOf(stale)).toBe('CONCURRENCY_CONFLICT');
      expect(await eventTypes(fixture)).toEqual(before);
      expect(await run('query($id: ID!) { person(id: $id) { lastName workEmail version } }', { id: ana })).toEqual({ person: { lastName: 'López', workEmail: 'ana@lausd.net', version: 1 } });
      const MOVE = 'mutation($input: MovePersonToSiteInput!) { movePersonToSite(input: $input) { version } }';
      expect(await run(MOVE, { input: { personId: ana, siteId: district, expectedVersion: 1 } })).toEqual({ movePersonToSite: { version: 2 } });
      expect((await eventTypes(fixture)).slice(-3)).toEqual(['PersonJoined', 'PersonDetailsChanged', 'PersonMovedSite']);
    });

    it('names every invalid field and writes nothing', async () => {
      const before = await eventTypes(fixture);
      const bad = await fixture.query(ADD, { input: { staffNumber: 'E 2', firstName: '', lastName: 'Doe', workEmail: 'not-mail', jobClassification: 'Custodian', siteId: district, startDate: '2019-02-30' } });
      expect([codeOf(bad), issuesOf(bad)]).toEqual(['VALIDATION_FAILED', ['staffNumber', 'firstName', 'workEmail', 'startDate']]);
      const duplicate = await fixture.query(ADD, { input: { staffNumber: 'E1', firstName: 'Dup', lastName: 'Doe', jobClassification: 'Custodian', siteId: school, startDate: '2019-08-12' } });
      expect([codeOf(duplicate), issuesOf(duplicate)]).toEqual(['VALIDATION_FAILED', ['staffNumber']]);
      expect(await eventTypes(fixture)).toEqual(before);
    });

    it("answers who someone's supervisor was on a date, from the dated history", async () => {
      const [eve, bea, cal] = [await addPerson('E10', 'Eve'), await addPerson('E11', 'Bea'), await addPerson('E12', 'Cal')];
      await run(ASSIGN, { input: { personId: eve, supervisorId: bea, effectiveFrom: '2024-09-01', expectedVersion: 0 } });
      await run(ASSIGN, { input: { personId: eve, supervisorId: cal, effectiveFrom: '2025-01-06', expectedVersion: 1 } });
      const on = async (date: string) => (await run<{ supervisorOf: { supervisor: { displayName: string } } | null }>(SUPERVISOR_ON, { id: eve, on: date })).supervisorOf;
      expect(await on('2024-08-31')).toBeNull();
      expect(await on('2024-09-01')).toEqual({ supervisor: { id: bea, displayName: 'Bea Doe' }, validFrom: '2024-09-01', validTo: '2025-01-06' });
      expect(await on('2025-01-05')).toMatchObject({ supervisor: { displayName: 'Bea Doe' } });
      expect(await on('2025-01-06')).toEqual({ supervisor: { id: cal, displayName: 'Cal Doe' }, validFrom: '2025-01-06', validTo: null });
      expect(await run(SUPERVISOR_ON, { id: eve })).toEqual({ supervisorOf: { supervisor: { id: cal, displayName: 'Cal Doe' }, validFrom: '2025-01-06', validTo: null } });
      // Not before the current line began, not in the future.
      const early = await fixture.query(ASSIGN, { input: { personId: eve, supervisorId: bea, effectiveFrom: '2025-01-01', expectedVersion: 2 } });
      expect([codeOf(early), issuesOf(early)]).toEqual(['VALIDATION_FAILED', ['effectiveFrom']]);
      const bad = await fixture.query(SUPERVISOR_ON, { id: eve, on: '2025-13-01' });
      expect([codeOf(bad), issuesOf(bad)]).toEqual(['VALIDATION_FAILED', ['on']]);
    });

    it('refuses a reporting cycle and writes nothing', async () => {
      const [top, mid, low] = [await addPerson('C1', 'Top'), await addPerson('C2', 'Mid'), await addPerson('C3', 'Low')];
      await run(ASSIGN, { input: { personId: mid, supervisorId: top, effectiveFrom: '2025-01-06', expectedVersion: 0 } });
      await run(ASSIGN, { input: { personId: low, supervisorId: mid, effectiveFrom: '2025-01-06', expectedVersion: 0 } });
      const before = await eventTypes(fixture);
      const cycle = await fixture.query(ASSIGN, { input: { personId: top, supervisorId: low, effectiveFrom: '2025-01-06', expectedVersion: 0 } });
      expect([codeOf(cycle), issuesOf(cycle)]).toEqual(['VALIDATION_FAILED', ['supervisorId']]);
      expect(cycle.errors?.[0].message).toMatch(/cycle/);
      const self = await fixture.query(ASSIGN, { input: { personId: top, supervisorId: top, effectiveFrom: '2025-01-06', expectedVersion: 0 } });
      expect(issuesOf(self)).toEqual(['supervisorId']);
      expect(await eventTypes(fixture)).toEqual(before);
      expect(await run('query($id: ID!) { lineManagementSpan(personId: $id) }', { id: top })).toEqual({ lineManagementSpan: 'MANAGER_OF_MANAGERS' });
    });

    it("records leaving: the leaver's line ends and their reports are left without a supervisor", async () => {
      const [boss, lead, worker] = [await addPerson('L1', 'Boss'), await addPerson('L2', 'Lead'), await addPerson('L3', 'Worker')];
      await run(ASSIGN, { input: { personId: lead, supervisorId: boss, effectiveFrom: '2025-01-06', expectedVersion: 0 } });
      await run(ASSIGN, { input: { personId: worker, supervisorId: lead, effectiveFrom: '2025-01-06', expectedVersion: 0 } });
      await run('mutation($input: RecordPersonLeftInput!) { recordPersonLeft(input: $input) { version } }', { input: { personId: lead, leftOn: '2025-06-30', expectedVersion: 1 } });
      expect(await run('query($id: ID!) { person(id: $id) { employmentStatus leftOn supervisorId } }', { id: lead })).toEqual({ person: { employmentStatus: 'LEFT', leftOn: '2025-06-30', supervisorId: null } });
      expect(await run('query($id: ID!) { person(id: $id) { supervisorId } }', { id: worker })).toEqual({ person: { supervisorId: null } });
      expect((await run<{ supervisorOf: unknown }>(SUPERVISOR_ON, { id: worker, on: '2025-06-29' })).supervisorOf).toMatchObject({ supervisor: { id: lead }, validTo: '2025-06-30' });
      // Nobody may report to someone who left.
      const toLeaver = await fixture.query(ASSIGN, { input: { personId: worker, supervisorId: lead, effectiveFrom: '2025-07-01', expectedVersion: 2 } });
      expect(issuesOf(toLeaver)).toEqual(['supervisorId']);

      const trail = await run<{ auditTrail: Array<{ type: string; summary: string; actorId: string; correlationId: string }> }>(
        'query($id: ID!) { auditTrail(subjectType: PERSON, subjectId: $id) { type summary actorId correlationId } }',
        { id: worker },
      );
      expect(trail.auditTrail.map((e) => e.summary)).toEqual([
        'Joined as Custodian at Roosevelt High, starting 2019-08-12 (staff number L3, ACTIVE)',
        'Supervisor Lead Doe from 2025-01-06',
        'No longer supervised by Lead Doe from 2025-06-30 (the supervisor left)',
      ]);
      expect(trail.auditTrail[2]).toMatchObject({ type: 'SupervisorUnassigned', actorId: 'hr-1', correlationId: expect.any(String) });
    });
  });

  it('keeps read models and events in step: every person row at the version of its stream', async () => {
    expect((await eventTypes(fixture)).length).toBeGreaterThan(20); // the tests above wrote, and this sees it
    const drift = await sql(
      fixture,
      'lausd',
      `SELECT p.person_id FROM directory_people p
       WHERE p.tenant_id = $1 AND p.version <> (SELECT max(stream_version) FROM es_events e WHERE e.stream_id = 'person-' || p.tenant_id || ':' || p.person_id)`,
    );
    expect(drift).toEqual([]);
  });
});
