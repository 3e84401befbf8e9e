import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testDatabaseAdminUrl } from '@growth/testing';

const MAIN = path.resolve(__dirname, '../dist/main.js');

/**
 * `npm start` as a user runs it: the built product (dist, not the TypeScript sources Jest loads), on a database
 * server given by DATABASE_URL and the in-process transport. Catches what only the build breaks (module
 * resolution, copied files) and checks the start-up banner's token really works, then a clean SIGTERM.
 */
describe('npm start (built)', () => {
  let child: ChildProcess;
  let output = '';

  beforeAll(async () => {
    child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, DATABASE_URL: testDatabaseAdminUrl(), PORT: '0', KAFKA_BROKERS: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner within 60 s:\n${output}`)), 60_000);
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      const check = setInterval(() => {
        if (/Development token[^\n]*\n\S+\n/.test(output)) {
          clearInterval(check);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
    });
  }, 70_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves the gateway with the printed development token, and stops cleanly on SIGTERM', async () => {
    const url = /GraphQL gateway:\s+(\S+)/.exec(output)![1];
    const token = /Development token[^\n]*\n(\S+)\n/.exec(output)![1];
    const call = async (query: string) =>
      (await (
        await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) })
      ).json()) as { data?: Record<string, unknown>; errors?: unknown[] };

    const created = await call('mutation { createFrameworkDraft(input: { name: "Classified Performance Framework" }) { frameworkId version } }');
    expect(created.errors).toBeUndefined();
    expect(created.data?.createFrameworkDraft).toMatchObject({ version: 0 });

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
