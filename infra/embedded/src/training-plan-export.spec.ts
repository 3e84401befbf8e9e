import { randomBytes } from 'node:crypto';
import { eventually, testDatabaseAdminUrl } from '@growth/testing';
import { loadSampleFrameworks, peoplePages, registerDevTenant } from './dev-samples';
import { graphqlCaller, type GraphQLCall } from './graphql-client';
import { startPlatform, type RunningPlatform } from './platform';

const PEOPLE_CSV = [
  'staff_number,first_name,last_name,work_email,job_classification,site_code,site_name,parent_site_code,supervisor_staff_number,employment_status,start_date',
  'S1,Maria,Lopez,,Plant Manager,CENTRAL,Central Office,,,ACTIVE,2015-08-01',
  'S2,James,Kim,,Custodian Supervisor,HS1,Roosevelt High,CENTRAL,S1,ACTIVE,2018-02-01',
  'S3,Ana,Reyes,,Custodian,HS1,Roosevelt High,CENTRAL,S2,ACTIVE,2021-09-01',
].join('\n');
const HEADER = 'Site,Training needed,Person,Staff number,Needed by,Source,Estimated cost,Currency';

/**
 * The School Training Plan download through the gateway, as a client fetches it: a bearer token, the gateway's
 * route, the goals service's streamed CSV behind it. Needs are recorded through GraphQL first, on the in-process
 * transport (the cheapest platform).
 */
describe('the training plan CSV through the gateway', () => {
  let platform: RunningPlatform;
  let hrToken = '';
  let employeeToken = '';
  let siteId = '';
  let cycleId = '';
  const tenantId = `export-${randomBytes(3).toString('hex')}`;

  const download = (path: string, token?: string): Promise<Response> =>
    fetch(new URL(path, platform.gatewayUrl), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const csvLines = async (response: Response): Promise<string[]> => Buffer.from(await response.arrayBuffer()).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');

  beforeAll(async () => {
    platform = await startPlatform({ adminDatabaseUrl: testDatabaseAdminUrl(), gatewayPort: 0, databasePrefix: `export_${randomBytes(3).toString('hex')}`, rateLimit: false });
    hrToken = await platform.issuer.issueToken({ tenantId, actorId: 'hr-admin', roles: ['hr', 'tenant_admin'] });
    const hr: GraphQLCall = graphqlCaller(platform.gatewayUrl, hrToken);
    await registerDevTenant(platform.gatewayUrl, hrToken, 'Export District');
    const frameworkId = (await loadSampleFrameworks(platform.gatewayUrl, hrToken)).find((f) => f.file === 'lausd-classified.yaml')!.frameworkId!;
    await hr('mutation($csv: String!) { importPeople(csv: $csv, mode: REJECT_ALL_ON_ERROR) { created } }', { csv: PEOPLE_CSV });
    const people = new Map<string, string>();
    for await (const page of peoplePages(hr)) for (const p of page) people.set(p.staffNumber, p.id);
    const { sites } = await hr<{ sites: Array<{ id: string; code: string }> }>('{ sites { id code } }');
    siteId = sites.find((s) => s.code === 'HS1')!.id;
    employeeToken = await platform.issuer.issueToken({ tenantId, actorId: people.get('S3')!, roles: ['employee'] });

    // The reviews service opens the cycle once the framework reaches its catalog; goals learns of it after.
    const { openCycle } = await eventually(
      () => hr<{ openCycle: { cycleId: string } }>('mutation($input: OpenCycleInput!) { openCycle(input: $input) { cycleId } }', { input: { name: '2026-27', startsOn: '2026-08-02', framework: { frameworkId, version: 1 } } }),
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    cycleId = openCycle.cycleId;
    const record = (staffNumber: string, description: string, estimatedCost: { amount: number; currency: string } | null) =>
      hr('mutation($input: RecordTrainingNeedInput!) { recordTrainingNeed(input: $input) { id } }', {
        input: { cycleId, personId: people.get(staffNumber), description, neededBy: '2027-03-31', estimatedCost },
      });
    await eventually(() => record('S3', 'Floor care machinery', { amount: 12_550, currency: 'USD' }), { timeoutMs: 60_000, intervalMs: 250 });
    await record('S2', 'First aid at work', null);
  }, 180_000);
  afterAll(async () => platform?.close(), 60_000);

  it("streams HR the site's plan: header, a row per need, totals, with the download's headers", async () => {
    const response = await download(`/exports/training-plans/${siteId}.csv?cycleId=${cycleId}&includeSubSites=true&ignored=1`, hrToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="training-plan-${siteId}.csv"`);
    // Relayed as it comes: no length known up front.
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(await csvLines(response)).toEqual([
      HEADER,
      'Roosevelt High,First aid at work,James Kim,S2,2027-03-31,DEVELOPMENT_PLAN,,',
      'Roosevelt High,Floor care machinery,Ana Reyes,S3,2027-03-31,DEVELOPMENT_PLAN,125.50,USD',
      'Total,"2 needs, 1 without a cost",2 people,,,,125.50,USD',
      '',
    ]);
  });

  it('gives an employee only their own needs', async () => {
    const response = await download(`/exports/training-plans/${siteId}.csv?cycleId=${cycleId}`, employeeToken);
    expect(response.status).toBe(200);
    expect(await csvLines(response)).toEqual([
      HEADER,
      'Roosevelt High,Floor care machinery,Ana Reyes,S3,2027-03-31,DEVELOPMENT_PLAN,125.50,USD',
      'Total,"1 needs, 0 without a cost",1 people,,,,125.50,USD',
      '',
    ]);
  });

  it('refuses a request without a valid token, and passes on the goals service\'s refusals', async () => {
    const anonymous = await download(`/exports/training-plans/${siteId}.csv`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.json()).toEqual({ errors: [{ message: 'Missing bearer token', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect((await download(`/exports/training-plans/${siteId}.csv`, `${hrToken.slice(0, -4)}AAAA`)).status).toBe(401);
    const otherTenant = await platform.issuer.issueToken({ tenantId: `other-${randomBytes(3).toString('hex')}`, actorId: 'hr-other', roles: ['hr'] });
    expect((await download(`/exports/training-plans/${siteId}.csv`, otherTenant)).status).toBe(404);
    expect((await download('/exports/training-plans/not-a-site.csv', hrToken)).status).toBe(400);
  });
});
