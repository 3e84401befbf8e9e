import { randomBytes } from 'node:crypto';
import { testDatabaseAdminUrl } from '@growth/testing';
import { startPlatform, type RunningPlatform } from './platform';

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}
interface Person {
  id: string;
  staffNumber: string;
}

const HEADER = 'staff_number,first_name,last_name,work_email,job_classification,site_code,site_name,parent_site_code,supervisor_staff_number,employment_status,start_date';
// Each tenant: a plant manager (1) over a custodian supervisor (2) over a custodian (3), and a cafeteria worker (4) under 1.
const csvFor = (p: string) =>
  [
    HEADER,
    `${p}1,Maria,Lopez,,Plant Manager,CENTRAL,Central Office,,,ACTIVE,2015-08-01`,
    `${p}2,James,Kim,,Custodian Supervisor,HS1,Roosevelt High,CENTRAL,${p}1,ACTIVE,2018-02-01`,
    `${p}3,Ana,Reyes,,Custodian,HS1,Roosevelt High,CENTRAL,${p}2,ACTIVE,2021-09-01`,
    `${p}4,Tom,Nguyen,,Cafeteria Worker,HS1,Roosevelt High,CENTRAL,${p}1,ACTIVE,2022-01-10`,
  ].join('\n');

/**
 * Tenants and roles through the gateway: the directory holds the most sensitive data (who works where, who
 * supervises whom), so this is where leaks between tenants or up the hierarchy would hurt most.
 */
describe('directory access through the gateway', () => {
  let platform: RunningPlatform;
  const people: Record<string, Record<string, Person>> = {};
  const tokens: Record<string, string> = {};

  const graphql = async <T = Record<string, unknown>>(token: string, query: string, variables: object = {}): Promise<GraphQLResponse<T>> => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
  const token = (tenantId: string, actorId: string, roles: string[]) => platform.issuer.issueToken({ tenantId, actorId, roles });
  const PERSON = `query($id: ID!) { person(id: $id) { id staffNumber firstName } }`;
  const PEOPLE = `{ people(first: 100) { items { id staffNumber } } }`;

  beforeAll(async () => {
    platform = await startPlatform({ adminDatabaseUrl: testDatabaseAdminUrl(), gatewayPort: 0, databasePrefix: `dir_${randomBytes(3).toString('hex')}` });
    for (const [tenant, prefix] of [['lausd', 'L'], ['leics', 'C']] as const) {
      const admin = await token(tenant, `${tenant}-admin`, ['tenant_admin', 'hr']);
      const registered = await graphql(admin, `mutation { registerTenant(input: { name: "${tenant}", timeZone: "America/Los_Angeles", locale: "en-US" }) { version } }`);
      expect(registered.errors).toBeUndefined();
      const imported = await graphql<{ importPeople: { created: number; rejected: number } }>(admin, `mutation($csv: String!) { importPeople(csv: $csv, mode: REJECT_ALL_ON_ERROR) { created rejected } }`, {
        csv: csvFor(prefix),
      });
      expect(imported.errors).toBeUndefined();
      expect(imported.data?.importPeople).toEqual({ created: 4, rejected: 0 });
      const listed = await graphql<{ people: { items: Person[] } }>(admin, PEOPLE);
      people[tenant] = Object.fromEntries((listed.data?.people.items ?? []).map((p) => [p.staffNumber.slice(1), p]));
      tokens[`${tenant}:hr`] = admin;
    }
  }, 120_000);
  afterAll(async () => platform?.close());

  it('never shows tenant A another tenant’s people: by id, by list, through reporting lines, or with aliases', async () => {
    const hrA = tokens['lausd:hr'];
    const foreign = Object.values(people.leics);
    expect(foreign).toHaveLength(4);

    for (const person of foreign) {
      const byId = await graphql<{ person: unknown }>(hrA, PERSON, { id: person.id });
      expect(byId.data?.person ?? null).toBeNull();
      const reports = await graphql<{ reportsOf: { items: unknown[] } }>(hrA, `query($id: ID!) { reportsOf(personId: $id, includeIndirect: true) { items { id } } }`, { id: person.id });
      expect(reports.data?.reportsOf?.items ?? []).toEqual([]);
    }
    const list = await graphql<{ people: { items: Person[] } }>(hrA, PEOPLE);
    expect(list.data?.people.items.map((p) => p.staffNumber).sort()).toEqual(['L1', 'L2', 'L3', 'L4']);

    const aliased = await graphql<Record<string, unknown>>(hrA, `{ ${foreign.map((p, i) => `a${i}: person(id: "${p.id}") { id firstName }`).join(' ')} }`);
    expect(Object.values(aliased.data ?? {}).filter((v) => v !== null)).toEqual([]);

    // Entity references are not part of the public API.
    const entities = await graphql(hrA, `{ _entities(representations: [{ __typename: "PersonView", id: "${foreign[0].id}" }]) { __typename } }`);
    expect(entities.data ?? null).toBeNull();
    expect(entities.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('lets an employee read only themself', async () => {
    const custodian = await token('lausd', people.lausd['3'].id, ['employee']);
    expect((await graphql<{ person: Person }>(custodian, PERSON, { id: people.lausd['3'].id })).data?.person.staffNumber).toBe('L3');
    const colleague = await graphql(custodian, PERSON, { id: people.lausd['4'].id });
    expect(colleague.data?.person ?? null).toBeNull();
    expect(colleague.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await graphql<{ people: { items: Person[] } }>(custodian, PEOPLE)).data?.people.items.map((p) => p.staffNumber)).toEqual(['L3']);
  });

  it('lets a supervisor read their chain below and nobody else; a manager of managers the whole chain', async () => {
    const supervisor = await token('lausd', people.lausd['2'].id, ['employee']);
    expect((await graphql<{ person: Person }>(supervisor, PERSON, { id: people.lausd['3'].id })).data?.person.staffNumber).toBe('L3');
    expect((await graphql(supervisor, PERSON, { id: people.lausd['4'].id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await graphql(supervisor, PERSON, { id: people.lausd['1'].id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const manager = await token('lausd', people.lausd['1'].id, ['employee']);
    const chain = await graphql<{ people: { items: Person[] } }>(manager, PEOPLE);
    expect(chain.data?.people.items.map((p) => p.staffNumber).sort()).toEqual(['L1', 'L2', 'L3', 'L4']);
  });

  it('gives analysts aggregates and never an individual record or history', async () => {
    const analyst = await token('lausd', 'analyst-1', ['analyst']);
    expect((await graphql(analyst, PERSON, { id: people.lausd['3'].id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const history = await graphql(analyst, `query($id: ID!) { auditTrail(subjectType: PERSON, subjectId: $id) { type } }`, { id: people.lausd['3'].id });
    expect(history.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const headcount = await graphql<{ headcountBySite: Array<{ siteName: string; active: number }> }>(analyst, `{ headcountBySite { siteName active } }`);
    expect(headcount.errors).toBeUndefined();
    expect(headcount.data?.headcountBySite.find((s) => s.siteName === 'Roosevelt High')?.active).toBe(3);
  });

  it('shows HR who changed a person, when and in which request', async () => {
    const trail = await graphql<{ auditTrail: Array<{ type: string; actorId: string; correlationId: string }> }>(
      tokens['lausd:hr'],
      `query($id: ID!) { auditTrail(subjectType: PERSON, subjectId: $id) { type actorId correlationId } }`,
      { id: people.lausd['3'].id },
    );
    expect(trail.errors).toBeUndefined();
    expect(trail.data?.auditTrail[0]).toMatchObject({ type: 'PersonJoined', actorId: 'lausd-admin' });
    expect(trail.data?.auditTrail.every((e) => e.correlationId.length > 0)).toBe(true);
  });
});
