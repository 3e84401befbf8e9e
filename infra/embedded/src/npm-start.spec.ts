import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testDatabaseAdminUrl } from '@growth/testing';
import { chainBelow, sampleDistrict } from './sample-district';

const MAIN = path.resolve(__dirname, '../dist/main.js');
const TOKEN_CLI = path.resolve(__dirname, '../dist/token-cli.js');

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
  token: string;
}

/**
 * `npm start` as a user runs it: the built product (dist, not the TypeScript sources Jest loads), on a database
 * server given by DATABASE_URL and the in-process transport, with its data directory (the development key) in a
 * temporary GROWTH_DATA_DIR. Catches what only the build breaks (module resolution, copied files), checks the
 * start-up banner's token, the development tenant and sample district, `npm run token`, a clean SIGTERM, and that
 * tokens survive a restart on the same data directory.
 */
describe('npm start (built)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'growth-npm-start-'));
  const district = sampleDistrict();
  const { custodian, custodianSupervisor } = district.examples;
  const env = (): NodeJS.ProcessEnv => {
    const base: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: testDatabaseAdminUrl(), PORT: '0', KAFKA_BROKERS: '', LOG_LEVEL: 'warn', GROWTH_DATA_DIR: dataDir };
    for (const name of ['JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE', 'NODE_ENV', 'HOST']) delete base[name];
    return base;
  };
  let running: Started | undefined;

  const start = async (): Promise<Started> => {
    const child = spawn(process.execPath, [MAIN], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner within 100 s:\n${output}`)), 100_000);
      const exited = (code: number | null) => reject(new Error(`exited with ${code}:\n${output}`));
      child.once('exit', exited);
      const check = setInterval(() => {
        if (/Development token[^\n]*\n\S+\n[\s\S]*Then: curl/.test(output)) {
          clearInterval(check);
          clearTimeout(timer);
          child.off('exit', exited);
          resolve();
        }
      }, 100);
    });
    running = {
      child,
      output: () => output,
      url: /GraphQL gateway:\s+(\S+)/.exec(output)![1],
      token: /Development token[^\n]*\n(\S+)\n/.exec(output)![1],
    };
    return running;
  };
  const stop = async ({ child }: Started): Promise<number | null> => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return exited;
  };
  const call = async <T = Record<string, unknown>>(url: string, token: string, query: string) =>
    (await (
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) })
    ).json()) as { data?: T; errors?: Array<{ extensions?: { code?: string } }> };
  const tokenCli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [TOKEN_CLI, ...args], { env: env() }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })),
    );
  const staffNumbersVisibleTo = async (url: string, token: string) => {
    const listed = await call<{ people: { items: Array<{ staffNumber: string }> } }>(url, token, '{ people(first: 200) { items { staffNumber } } }');
    expect(listed.errors).toBeUndefined();
    return listed.data!.people.items.map((p) => p.staffNumber).sort();
  };

  let first: Started;
  let printedToken: string;
  let supervisorToken: string;

  beforeAll(async () => {
    first = await start();
    printedToken = first.token;
  }, 110_000);

  afterAll(() => {
    if (running?.child.exitCode === null) running.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the gateway with the printed development token, kept under GROWTH_DATA_DIR with 0600', async () => {
    const created = await call<{ createFrameworkDraft: unknown }>(
      first.url,
      printedToken,
      'mutation { createFrameworkDraft(input: { name: "Classified Performance Framework" }) { frameworkId version } }',
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createFrameworkDraft).toMatchObject({ version: 0 });
    expect(statSync(path.join(dataDir, 'dev-issuer/private-jwk.json')).mode & 0o777).toBe(0o600);
  });

  it('registers the development tenant and loads the sample district', async () => {
    expect(first.output()).toMatch(/Development tenant: dev-district \((registered|already registered)\)/);
    expect(first.output()).toMatch(new RegExp(`Sample district:\\s+${district.sites.length} sites, ${district.people.length} people`));
    const tenant = await call<{ tenant: { id: string } }>(first.url, printedToken, '{ tenant { id } }');
    expect(tenant.data?.tenant).toEqual({ id: 'dev-district' });

    const sites = await call<{ sites: Array<{ code: string }> }>(first.url, printedToken, '{ sites { code } }');
    expect(sites.data?.sites.map((s) => s.code)).toEqual(expect.arrayContaining(district.sites.map((s) => s.code)));
    const seen = new Set<string>();
    let after: string | null = null;
    do {
      const page: { data?: { people: { items: Array<{ staffNumber: string }>; endCursor: string; hasNextPage: boolean } } } = await call(
        first.url,
        printedToken,
        `{ people(first: 200${after ? `, after: "${after}"` : ''}) { items { staffNumber } endCursor hasNextPage } }`,
      );
      for (const p of page.data!.people.items) seen.add(p.staffNumber);
      after = page.data!.people.hasNextPage ? page.data!.people.endCursor : null;
    } while (after);
    expect(district.people.filter((p) => !seen.has(p.staffNumber))).toEqual([]);
  });

  it('mints tokens with npm run token: by staff number, only the token on stdout; a supervisor sees their team only', async () => {
    const supervisor = await tokenCli(['--person', custodianSupervisor.staffNumber, '--roles', 'employee', '--url', first.url]);
    expect(supervisor).toMatchObject({ code: 0, stderr: expect.stringContaining(`${custodianSupervisor.firstName} ${custodianSupervisor.lastName}`) });
    expect(supervisor.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    supervisorToken = supervisor.stdout.trim();
    const team = [custodianSupervisor, ...chainBelow(district, custodianSupervisor.staffNumber)].map((p) => p.staffNumber).sort();
    expect(team).toHaveLength(12);
    expect(await staffNumbersVisibleTo(first.url, supervisorToken)).toEqual(team);

    const employee = await tokenCli(['--person', custodian.staffNumber, '--url', first.url]);
    expect(employee.code).toBe(0);
    expect(await staffNumbersVisibleTo(first.url, employee.stdout.trim())).toEqual([custodian.staffNumber]);

    const unknown = await tokenCli(['--person', 'E99999', '--url', first.url]);
    expect(unknown).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('No person with staff number E99999') });
    expect((await tokenCli(['--person', custodian.staffNumber, '--roles', 'superuser'])).code).toBe(2);
  });

  it('stops cleanly on SIGTERM; after a restart on the same data directory the tokens still work and nothing is loaded twice', async () => {
    expect(await stop(first)).toBe(0);

    const second = await start();
    expect(second.output()).toContain('Development tenant: dev-district (already registered)');
    expect(second.output()).toMatch(/Sample district:\s+\d+ sites, \d+ people \(already loaded\)/);
    const before = await call<{ tenant: { id: string } }>(second.url, printedToken, '{ tenant { id } }');
    expect(before.errors).toBeUndefined();
    expect(before.data?.tenant.id).toBe('dev-district');
    expect(await staffNumbersVisibleTo(second.url, supervisorToken)).toHaveLength(12);

    expect(await stop(second)).toBe(0);
  }, 120_000);
});
