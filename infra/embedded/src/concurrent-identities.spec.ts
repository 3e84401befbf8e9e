import { randomBytes, randomUUID } from 'node:crypto';
import { testDatabaseAdminUrl } from '@growth/testing';
import { startPlatform, type RunningPlatform } from './platform';

const ROUNDS = 20;
const REQUESTS_PER_IDENTITY = 6;

const FRAMEWORKS = '{ frameworks { id name status } }';
const PEOPLE = '{ people(first: 100) { items { id staffNumber } } }';
const HEADER = 'staff_number,first_name,last_name,work_email,job_classification,site_code,site_name,parent_site_code,supervisor_staff_number,employment_status,start_date';
const PEOPLE_CSV = [
  HEADER,
  'S1,Maria,Lopez,,Plant Manager,CENTRAL,Central Office,,,ACTIVE,2015-08-01',
  'S2,James,Kim,,Custodian Supervisor,HS1,Roosevelt High,CENTRAL,S1,ACTIVE,2018-02-01',
  'S3,Ana,Reyes,,Custodian,HS1,Roosevelt High,CENTRAL,S2,ACTIVE,2021-09-01',
].join('\n');

/**
 * Work the gateway reuses across requests (merged in-flight subgraph requests, caches, loaders) must never hand one
 * identity's answer to another. Identical queries are sent at the same moment by identities that must see different
 * answers; every response must equal what that identity gets when it asks alone.
 */
describe('identical queries sent at the same time by different identities', () => {
  let platform: RunningPlatform;
  // Node's listener-leak warning (e.g. many requests each adding an abort listener to one shared signal).
  const warnings: Error[] = [];
  const collectWarning = (warning: Error) => warnings.push(warning);
  const tokens: Record<'hrA' | 'hrB' | 'employeeA', string> = { hrA: '', hrB: '', employeeA: '' };

  const ask = async (token: string, query: string): Promise<string> => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return `${response.status} ${await response.text()}`;
  };

  /** Fires every identity's requests together, round after round; returns each answer that differs from the identity's own. */
  const raceIdenticalQueries = async (query: string, identities: Record<string, string>) => {
    // One at a time: what each identity sees when nobody else is asking.
    const alone: Record<string, string> = {};
    for (const [name, token] of Object.entries(identities)) alone[name] = await ask(token, query);
    const mismatches: Array<{ identity: string; round: number; got: string }> = [];
    let answered = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const requests = Object.entries(identities).flatMap(([name, token]) =>
        Array.from({ length: REQUESTS_PER_IDENTITY }, async () => {
          const got = await ask(token, query);
          answered++;
          if (got !== alone[name]) mismatches.push({ identity: name, round, got });
        }),
      );
      await Promise.all(requests);
    }
    return { alone, mismatches, answered };
  };

  beforeAll(async () => {
    process.on('warning', collectWarning);
    // The rate limit would refuse part of the burst, and a refusal is not the answer this test compares.
    platform = await startPlatform({ adminDatabaseUrl: testDatabaseAdminUrl(), gatewayPort: 0, databasePrefix: `race_${randomBytes(3).toString('hex')}`, rateLimit: false });
    const tenantA = `a-${randomBytes(3).toString('hex')}`;
    tokens.hrA = await platform.issuer.issueToken({ tenantId: tenantA, actorId: 'hr-a', roles: ['hr', 'tenant_admin'] });
    tokens.hrB = await platform.issuer.issueToken({ tenantId: `b-${randomBytes(3).toString('hex')}`, actorId: 'hr-b', roles: ['hr', 'tenant_admin'] });

    const post = async (token: string, query: string, variables: object) => {
      const response = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return body.data!;
    };
    await post(tokens.hrA, 'mutation($input: CreateFrameworkDraftInput!) { createFrameworkDraft(input: $input) { frameworkId } }', {
      input: { frameworkId: randomUUID(), name: 'Classified Performance Framework' },
    });
    await post(tokens.hrA, 'mutation { registerTenant(input: { name: "District A", timeZone: "America/Los_Angeles", locale: "en-US" }) { version } }', {});
    await post(tokens.hrA, 'mutation($csv: String!) { importPeople(csv: $csv, mode: REJECT_ALL_ON_ERROR) { created } }', { csv: PEOPLE_CSV });
    const listed = (await post(tokens.hrA, PEOPLE, {})) as { people: { items: Array<{ id: string; staffNumber: string }> } };
    const custodian = listed.people.items.find((p) => p.staffNumber === 'S3')!;
    tokens.employeeA = await platform.issuer.issueToken({ tenantId: tenantA, actorId: custodian.id, roles: ['employee'] });
  }, 120_000);
  afterAll(async () => {
    process.off('warning', collectWarning);
    await platform?.close();
  });

  it('gives each of two tenants only its own answer', async () => {
    const { alone, mismatches, answered } = await raceIdenticalQueries(FRAMEWORKS, { hrA: tokens.hrA, hrB: tokens.hrB });
    // The two answers differ, so a shared one would be caught.
    expect(alone.hrA).toContain('Classified Performance Framework');
    expect(alone.hrB).toBe('200 {"data":{"frameworks":[]}}');
    expect(answered).toBe(2 * ROUNDS * REQUESTS_PER_IDENTITY);
    expect({ mismatched: mismatches.length, first: mismatches[0] }).toEqual({ mismatched: 0, first: undefined });
  }, 120_000);

  it('gives an employee and HR of one tenant only what each may see', async () => {
    const { alone, mismatches, answered } = await raceIdenticalQueries(PEOPLE, { hrA: tokens.hrA, employeeA: tokens.employeeA });
    expect(JSON.parse(alone.hrA.slice(4)).data.people.items).toHaveLength(3);
    expect(JSON.parse(alone.employeeA.slice(4)).data.people.items.map((p: { staffNumber: string }) => p.staffNumber)).toEqual(['S3']);
    expect(answered).toBe(2 * ROUNDS * REQUESTS_PER_IDENTITY);
    expect({ mismatched: mismatches.length, first: mismatches[0] }).toEqual({ mismatched: 0, first: undefined });
  }, 120_000);

  it('raises no listener-leak warning under these bursts, nor under 50 clients at once', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => ask(i % 2 ? tokens.hrA : tokens.employeeA, i % 3 ? PEOPLE : FRAMEWORKS)));
    expect(answers.filter((a) => !a.startsWith('200 '))).toEqual([]);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message)).toEqual([]);
  });
});
