import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDevIssuer, createTokenVerifier } from '@growth/gateway';
import { devKeyFile } from './dev-environment';
import { runTokenCli } from './token-cli';

/** The argument handling of `npm run token`; looking up staff numbers in a running gateway is in npm-start.spec.ts. */
describe('npm run token', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(path.join(tmpdir(), 'token-cli-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    let stdout = '';
    let stderr = '';
    const code = await runTokenCli(args, { GROWTH_DATA_DIR: dataDir, ...env }, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  };
  const PERSON = '01a2336a-5fa2-71fb-a019-33316a39ed7b';

  it('signs a person id as it is with the persisted key: the tenant, roles and ttl asked for, only the token on stdout', async () => {
    const issuer = await createDevIssuer({ keyFile: devKeyFile(dataDir) });
    const result = await run(['--person', PERSON, '--roles', 'employee, hr', '--tenant', 'lausd', '--ttl', '90m']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\S+\n$/);
    expect(await createTokenVerifier(issuer.auth)(`Bearer ${result.stdout.trim()}`)).toEqual({ tenantId: 'lausd', actorId: PERSON, roles: ['employee', 'hr'] });
    const { exp, iat } = JSON.parse(Buffer.from(result.stdout.split('.')[1], 'base64url').toString()) as { exp: number; iat: number };
    expect(exp - iat).toBe(90 * 60);
  });

  it('uses JWT_ISSUER and JWT_AUDIENCE like npm start', async () => {
    const issuer = await createDevIssuer({ issuer: 'https://id.example', audience: 'reviews', keyFile: devKeyFile(dataDir) });
    const result = await run(['--person', PERSON], { JWT_ISSUER: 'https://id.example', JWT_AUDIENCE: 'reviews' });
    expect(await createTokenVerifier(issuer.auth)(`Bearer ${result.stdout.trim()}`)).toMatchObject({ tenantId: 'dev-district', roles: ['employee'] });
  });

  it('explains what is wrong, on stderr, with nothing on stdout', async () => {
    expect(await run(['--person', PERSON])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('start the platform once with npm start') });
    await createDevIssuer({ keyFile: devKeyFile(dataDir) });
    expect(await run([])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--person is required') });
    expect(await run(['--person', PERSON, '--roles', 'employee,boss'])).toMatchObject({ code: 2, stderr: expect.stringContaining('not boss') });
    expect(await run(['--person', PERSON, '--ttl', 'forever'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--ttl must be') });
    expect(await run(['--person', PERSON, '--colour'])).toMatchObject({ code: 2, stdout: '' });
    expect(await run(['--person', PERSON], { JWT_JWKS_URL: 'https://id.example/jwks' })).toMatchObject({ code: 1, stderr: expect.stringContaining('JWT_JWKS_URL is set') });
    expect(await run(['--person', 'E10064', '--url', 'http://127.0.0.1:9/graphql'])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('is npm start running?') });
    expect((await run(['--help'])).stdout).toContain('Usage: npm run -s token');
  });
});
