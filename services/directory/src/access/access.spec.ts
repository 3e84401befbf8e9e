import { startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import type { Identity } from '@growth/service-kit';
import { startDirectoryService } from '../directory.service';
import { atDistrict, codeOf, csvOf, idOf, importCsv, person } from '../testing/directory.spec-helper';

/**
 * Who sees what, through the API, with real data in two tenants. lausd:
 *   Cal (district, manager of managers) <- Bea (S1) <- Ana, Eli
 *                                       <- Dan (S2) <- Fay
 * leics: Gil <- Hal
 */
describe('directory access through the API', () => {
  let fixture: ServiceFixture;
  const id: Record<string, string> = {};
  const as = (actor: string, roles: string[], tenantId = 'lausd'): Partial<Identity> => ({ tenantId, actorId: id[actor] ?? actor, roles });
  const hr = as('hr-1', ['hr']);
  const q = <T = Record<string, unknown>>(query: string, variables: object, identity: Partial<Identity>) => fixture.query<T>(query, variables, identity);
  const names = (page: { items: Array<{ firstName: string }> }) => page.items.map((p) => p.firstName).sort();

  const PERSON = 'query($id: ID!) { person(id: $id) { firstName } }';
  const PEOPLE = '{ people(first: 50) { items { firstName } } }';
  const REPORTS = 'query($id: ID!, $all: Boolean!) { reportsOf(personId: $id, includeIndirect: $all) { items { firstName } } }';

  beforeAll(async () => {
    fixture = await startServiceFixture(startDirectoryService);
    const s2 = { site_code: 'S2', site_name: 'School Two' };
    const lausd = await importCsv(
      fixture,
      csvOf([
        person('E100', 'Cal', '', { ...atDistrict, job_classification: 'Area Manager' }),
        person('E200', 'Bea', 'E100', { job_classification: 'Plant Manager' }),
        person('E201', 'Dan', 'E100', { ...s2, job_classification: 'Cafeteria Manager' }),
        person('E300', 'Ana', 'E200'),
        person('E301', 'Eli', 'E200'),
        person('E302', 'Fay', 'E201', s2),
      ]),
    );
    const leics = await importCsv(fixture, csvOf([person('P100', 'Gil', '', atDistrict), person('P200', 'Hal', 'P100')]), 'APPLY_VALID_ROWS', as('hr-9', ['hr'], 'leics'));
    expect([lausd.created, leics.created]).toEqual([6, 2]);
    for (const [name, staff] of Object.entries({ Cal: 'E100', Bea: 'E200', Dan: 'E201', Ana: 'E300', Eli: 'E301', Fay: 'E302' })) id[name] = await idOf(fixture, staff);
    for (const [name, staff] of Object.entries({ Gil: 'P100', Hal: 'P200' })) id[name] = await idOf(fixture, staff, 'leics');
  });
  afterAll(async () => fixture?.close());

  describe('tenant isolation', () => {
    it("never shows tenant B's people to tenant A: by id, by list, through reportsOf, supervisorOf or the audit trail", async () => {
      expect((await q(PERSON, { id: id.Gil }, hr)).data).toEqual({ person: null });
      expect(names((await q<{ people: { items: Array<{ firstName: string }> } }>(PEOPLE, {}, hr)).data!.people)).toEqual(['Ana', 'Bea', 'Cal', 'Dan', 'Eli', 'Fay']);
      expect((await q(REPORTS, { id: id.Gil, all: true }, hr)).data).toEqual({ reportsOf: { items: [] } });
      expect((await q('query($id: ID!) { supervisorOf(personId: $id) { personId } }', { id: id.Hal }, hr)).data).toEqual({ supervisorOf: null });
      expect((await q('query($id: ID!) { auditTrail(subjectType: PERSON, subjectId: $id) { type } }', { id: id.Gil }, hr)).data).toEqual({ auditTrail: [] });
      expect((await q('{ auditTrail(subjectType: TENANT, subjectId: "leics") { type } }', {}, as('a', ['tenant_admin']))).data).toEqual({ auditTrail: [] });
    });

    it("shows tenant B its own people, and none of tenant A's", async () => {
      const leicsHr = as('hr-9', ['hr'], 'leics');
      expect(names((await q<{ people: { items: Array<{ firstName: string }> } }>(PEOPLE, {}, leicsHr)).data!.people)).toEqual(['Gil', 'Hal']);
      expect((await q(PERSON, { id: id.Ana }, leicsHr)).data).toEqual({ person: null });
      expect((await q(REPORTS, { id: id.Cal, all: true }, leicsHr)).data).toEqual({ reportsOf: { items: [] } });
    });

    it("does not let a person id from another tenant act as a supervisor's chain", async () => {
      // Gil supervises Hal in leics; a lausd token naming Gil as actor finds no reports of Gil in lausd.
      const forged = as('Gil', ['employee']);
      expect(names((await q<{ people: { items: Array<{ firstName: string }> } }>(PEOPLE, {}, forged)).data!.people)).toEqual([]);
      expect(codeOf(await q(PERSON, { id: id.Hal }, forged))).toBe('FORBIDDEN');
    });
  });

  describe('paging', () => {
    it('pages through people in a stable order (last name, first name, id), optionally at one site', async () => {
      const PAGE = 'query($after: String, $site: ID) { people(first: 4, after: $after, siteId: $site) { items { firstName } endCursor hasNextPage } }';
      type Page = { people: { items: Array<{ firstName: string }>; endCursor: string | null; hasNextPage: boolean } };
      const first = (await q<Page>(PAGE, {}, hr)).data!.people;
      expect([first.items.map((p) => p.firstName), first.hasNextPage]).toEqual([['Ana', 'Bea', 'Cal', 'Dan'], true]);
      const second = (await q<Page>(PAGE, { after: first.endCursor }, hr)).data!.people;
      expect([second.items.map((p) => p.firstName), second.hasNextPage]).toEqual([['Eli', 'Fay'], false]);
      const [{ id: schoolTwo }] = (await q<{ sites: Array<{ id: string; code: string }> }>('{ sites { id code } }', {}, hr)).data!.sites.filter((s) => s.code === 'S2');
      expect((await q<Page>(PAGE, { site: schoolTwo }, hr)).data!.people.items.map((p) => p.firstName)).toEqual(['Dan', 'Fay']);
      // A cursor that is not ours is an empty page, never an error that echoes it.
      expect((await q<Page>(PAGE, { after: 'bm90LWEtY3Vyc29y' }, hr)).data!.people).toEqual({ items: [], endCursor: null, hasNextPage: false });
      expect(codeOf(await q('{ people(first: 1000) { items { firstName } } }', {}, hr))).toBe('VALIDATION_FAILED');
    });
  });

  describe('an employee', () => {
    const ana = () => as('Ana', ['employee']);

    it('reads their own record, reporting line, span and audit trail', async () => {
      expect((await q(PERSON, { id: id.Ana }, ana())).data).toEqual({ person: { firstName: 'Ana' } });
      expect((await q('query($id: ID!) { supervisorOf(personId: $id) { supervisor { displayName } } }', { id: id.Ana }, ana())).data).toEqual({
        supervisorOf: { supervisor: { displayName: 'Bea Beason' } },
      });
      expect((await q('query($id: ID!) { lineManagementSpan(personId: $id) }', { id: id.Ana }, ana())).data).toEqual({ lineManagementSpan: 'NONE' });
      expect((await q<{ auditTrail: unknown[] }>('query($id: ID!) { auditTrail(subjectType: PERSON, subjectId: $id) { type } }', { id: id.Ana }, ana())).data?.auditTrail).toHaveLength(2);
    });

    it('cannot read a colleague, their supervisor or anyone else: FORBIDDEN, existing or not', async () => {
      for (const other of [id.Eli, id.Bea, id.Cal, id.Gil, '0192f3a0-0000-7000-8000-000000000000']) {
        expect(codeOf(await q(PERSON, { id: other }, ana()))).toBe('FORBIDDEN');
      }
      expect(codeOf(await q(REPORTS, { id: id.Bea, all: false }, ana()))).toBe('FORBIDDEN');
      expect(codeOf(await q('query($id: ID!) { auditTrail(subjectType: PERSON, subjectId: $id) { type } }', { id: id.Eli }, ana()))).toBe('FORBIDDEN');
    });

    it('sees only themself in lists, and may read sites and the tenant but not aggregates', async () => {
      expect(names((await q<{ people: { items: Array<{ firstName: string }> } }>(PEOPLE, {}, ana())).data!.people)).toEqual(['Ana']);
      expect((await q<{ sites: unknown[] }>('{ sites { code } }', {}, ana())).data?.sites).toHaveLength(3);
      expect(codeOf(await q('{ headcountBySite { active } }', {}, ana()))).toBe('FORBIDDEN');
      expect(codeOf(await q('{ auditTrail(subjectType: SITE, subjectId: "0192f3a0-0000-7000-8000-000000000000") { type } }', {}, ana()))).toBe('FORBIDDEN');
    });

    it('cannot change anyone or import', async () => {
      const change = 'mutation($id: ID!) { changePersonDetails(input: { personId: $id, firstName: "Annie", expectedVersion: 1 }) { version } }';
      expect(codeOf(await q(change, { id: id.Ana }, ana()))).toBe('FORBIDDEN');
      expect(codeOf(await q('mutation { importPeople(csv: "", mode: APPLY_VALID_ROWS) { rowsRead } }', {}, ana()))).toBe('FORBIDDEN');
    });
  });

  describe('a supervisor', () => {
    it('reads their reports but nobody outside their chain', async () => {
      const bea = as('Bea', ['employee']);
      expect((await q(PERSON, { id: id.Ana }, bea)).data).toEqual({ person: { firstName: 'Ana' } });
      for (const other of [id.Cal, id.Dan, id.Fay]) expect(codeOf(await q(PERSON, { id: other }, bea))).toBe('FORBIDDEN');
      expect(names((await q<{ people: { items: Array<{ firstName: string }> } }>(PEOPLE, {}, bea)).data!.people)).toEqual(['Ana', 'Bea', 'Eli']);
      expect(names((await q<{ reportsOf: { items: Array<{ firstName: string }> } }>(REPORTS, { id: id.Bea, all: true }, bea)).data!.reportsOf)).toEqual(['Ana', 'Eli']);
      expect((await q('query($id: ID!) { lineManagementSpan(personId: $id) }', { id: id.Bea }, bea)).data).toEqual({ lineManagementSpan: 'TEAM_MANAGER' });
      // Supervisors see records, not the employee file's history.
      expect(codeOf(await q('query($id: ID!) { auditTrail(subjectType: PERSON, subjectId: $id) { type } }', { id: id.Ana }, bea))).toBe('FORBIDDEN');
    });

    it('as a manager of managers, reads the whole chain below', async () => {
      const cal = as('Cal', ['employee']);
      expect(names((await q<{ people: { items: Array<{ firstName: string }> } }>(PEOPLE, {}, cal)).data!.people)).toEqual(['Ana', 'Bea', 'Cal', 'Dan', 'Eli', 'Fay']);
      expect(names((await q<{ reportsOf: { items: Array<{ firstName: string }> } }>(REPORTS, { id: id.Cal, all: false }, cal)).data!.reportsOf)).toEqual(['Bea', 'Dan']);
      expect(names((await q<{ reportsOf: { items: Array<{ firstName: string }> } }>(REPORTS, { id: id.Cal, all: true }, cal)).data!.reportsOf)).toEqual(['Ana', 'Bea', 'Dan', 'Eli', 'Fay']);
      expect((await q(PERSON, { id: id.Fay }, cal)).data).toEqual({ person: { firstName: 'Fay' } });
      expect((await q('query($id: ID!) { lineManagementSpan(personId: $id) }', { id: id.Cal }, cal)).data).toEqual({ lineManagementSpan: 'MANAGER_OF_MANAGERS' });
    });
  });

  describe('an analyst', () => {
    const analyst = as('an-1', ['analyst']);

    it('gets FORBIDDEN for every individual record, list and history', async () => {
      expect(codeOf(await q(PERSON, { id: id.Ana }, analyst))).toBe('FORBIDDEN');
      expect(codeOf(await q(PEOPLE, {}, analyst))).toBe('FORBIDDEN');
      expect(codeOf(await q(REPORTS, { id: id.Cal, all: true }, analyst))).toBe('FORBIDDEN');
      expect(codeOf(await q('query($id: ID!) { supervisorOf(personId: $id) { personId } }', { id: id.Ana }, analyst))).toBe('FORBIDDEN');
      expect(codeOf(await q('query($id: ID!) { lineManagementSpan(personId: $id) }', { id: id.Ana }, analyst))).toBe('FORBIDDEN');
      expect(codeOf(await q('query($id: ID!) { auditTrail(subjectType: PERSON, subjectId: $id) { type } }', { id: id.Ana }, analyst))).toBe('FORBIDDEN');
      expect(codeOf(await q('{ auditTrail(subjectType: TENANT, subjectId: "lausd") { type } }', {}, analyst))).toBe('FORBIDDEN');
    });

    it('reads aggregates and sites', async () => {
      const { data } = await q<{ headcountBySite: Array<{ siteName: string; active: number }> }>('{ headcountBySite { siteName active onLeave } }', {}, analyst);
      expect(data?.headcountBySite).toEqual([
        { siteName: 'District Office', active: 1, onLeave: 0 },
        { siteName: 'School One', active: 3, onLeave: 0 },
        { siteName: 'School Two', active: 2, onLeave: 0 },
      ]);
      expect((await q<{ sites: unknown[] }>('{ sites { code } }', {}, analyst)).data?.sites).toHaveLength(3);
    });
  });

  describe('a platform operator', () => {
    it('sees no tenant data by default', async () => {
      const operator = as('op-1', ['platform_operator']);
      for (const query of [PEOPLE, '{ sites { code } }', '{ tenant { name } }', '{ headcountBySite { active } }']) {
        expect(codeOf(await q(query, {}, operator))).toBe('FORBIDDEN');
      }
      expect(codeOf(await q(PERSON, { id: id.Ana }, operator))).toBe('FORBIDDEN');
    });
  });

  describe('HR and tenant admins', () => {
    it('HR reads anyone in the tenant and changes people, but not tenant settings', async () => {
      expect((await q(PERSON, { id: id.Fay }, hr)).data).toEqual({ person: { firstName: 'Fay' } });
      expect(codeOf(await q('mutation { registerTenant(input: { name: "x", timeZone: "UTC", locale: "en" }) { version } }', {}, hr))).toBe('FORBIDDEN');
    });

    it('tenant admins configure the tenant and read people', async () => {
      const admin = as('admin-1', ['tenant_admin']);
      expect((await q('mutation { registerTenant(input: { name: "Los Angeles Unified", timeZone: "America/Los_Angeles", locale: "en-US" }) { version } }', {}, admin)).data).toEqual({
        registerTenant: { version: 0 },
      });
      expect((await q(PERSON, { id: id.Ana }, admin)).data).toEqual({ person: { firstName: 'Ana' } });
    });
  });
});
