import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTokenVerifier } from './authentication';
import { createDevIssuer } from './dev-issuer';

describe('createDevIssuer', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'dev-issuer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const claims = { tenantId: 'dev-district', actorId: 'person-1', roles: ['employee'] };

  it('uses a fresh in-memory key per issuer by default: one issuer’s tokens fail with another', async () => {
    const first = await createDevIssuer();
    const second = await createDevIssuer();
    expect(first.jwks.keys[0].kid).not.toBe(second.jwks.keys[0].kid);
    await expect(createTokenVerifier(second.auth)(`Bearer ${await first.issueToken(claims)}`)).rejects.toThrow('Invalid token');
  });

  it('keeps the key in keyFile (0600, in a 0700 directory of its own), so a token outlives the issuer that signed it', async () => {
    const keyFile = path.join(dir, 'nested', 'dev-issuer', 'private-jwk.json');
    const before = await createDevIssuer({ keyFile });
    const token = await before.issueToken(claims);

    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
    // Only the key's own directory: the data directory above it also holds what other users need (PostgreSQL's data).
    expect(statSync(path.join(dir, 'nested')).mode & 0o777).not.toBe(0o700);
    const stored = JSON.parse(readFileSync(keyFile, 'utf8'));
    expect(stored).toMatchObject({ kty: 'EC', crv: 'P-256', d: expect.any(String) });
    expect(before.jwks.keys[0]).not.toHaveProperty('d');

    const after = await createDevIssuer({ keyFile });
    expect(after.jwks).toEqual(before.jwks);
    await expect(createTokenVerifier(after.auth)(`Bearer ${token}`)).resolves.toEqual({ tenantId: 'dev-district', actorId: 'person-1', roles: ['employee'] });
  });

  it('creates one key when several processes start at once', async () => {
    const keyFile = path.join(dir, 'private-jwk.json');
    const issuers = await Promise.all([1, 2, 3, 4].map(() => createDevIssuer({ keyFile })));
    expect(new Set(issuers.map((i) => i.jwks.keys[0].kid)).size).toBe(1);
  });

  it('tightens a key file others may read, and refuses a file that is not an ES256 private key', async () => {
    const keyFile = path.join(dir, 'private-jwk.json');
    await createDevIssuer({ keyFile });
    chmodSync(keyFile, 0o644);
    await createDevIssuer({ keyFile });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    writeFileSync(keyFile, '{"kty":"EC","crv":"P-256","x":"abc","y":"def"}', { mode: 0o600 });
    await expect(createDevIssuer({ keyFile })).rejects.toThrow(/is not an ES256 \(P-256\) private JWK; delete it/);
    writeFileSync(keyFile, 'not json', { mode: 0o600 });
    await expect(createDevIssuer({ keyFile })).rejects.toThrow(/is not an ES256/);
  });

  it('signs with the configured issuer and audience', async () => {
    const issuer = await createDevIssuer({ issuer: 'https://id.example', audience: 'reviews', keyFile: path.join(dir, 'k.json') });
    const verify = createTokenVerifier({ issuer: 'https://id.example', audience: 'reviews', jwks: issuer.jwks });
    await expect(verify(`Bearer ${await issuer.issueToken(claims)}`)).resolves.toMatchObject({ actorId: 'person-1' });
    await expect(createTokenVerifier((await createDevIssuer({ keyFile: path.join(dir, 'k.json') })).auth)(`Bearer ${await issuer.issueToken(claims)}`)).rejects.toThrow(
      'Invalid token',
    );
  });
});
