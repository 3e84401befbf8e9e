import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import type { AuthConfig } from './authentication';

export const DEV_ISSUER = 'urn:growth:dev';
export const DEV_AUDIENCE = 'growth-api';

export interface DevTokenClaims {
  tenantId: string;
  actorId: string;
  roles: string[];
  /** Seconds until expiry; negative gives an already expired token. Default one hour. */
  ttl?: number;
  /** Override to get a token meant for another API. */
  audience?: string;
}

export interface DevIssuerOptions {
  issuer?: string;
  audience?: string;
  /**
   * Keep the signing key in this file (a private JWK, created when absent with mode 0600, in a directory of its own
   * with 0700; read back on the next start), so tokens it signed stay valid across restarts. Default: a fresh key in
   * memory.
   */
  keyFile?: string;
}

export interface DevIssuer {
  issuer: string;
  audience: string;
  /** The public half, as an identity provider would publish it. */
  jwks: JSONWebKeySet;
  /** Ready to hand to startGateway. */
  auth: AuthConfig;
  issueToken(claims: DevTokenClaims): Promise<string>;
}

/**
 * A stand-in identity provider for development and tests: an ES256 key pair, fresh per process, or kept in
 * `keyFile` (development only: anyone who can read that file can sign in as anyone).
 */
export async function createDevIssuer({ issuer = DEV_ISSUER, audience = DEV_AUDIENCE, keyFile }: DevIssuerOptions = {}): Promise<DevIssuer> {
  const { publicJwk, privateKey } = keyFile ? await persistedKeyPair(keyFile) : await freshKeyPair(false);
  const kid = await calculateJwkThumbprint(publicJwk);
  const jwks: JSONWebKeySet = { keys: [{ ...publicJwk, kid, alg: 'ES256', use: 'sig' }] };

  return {
    issuer,
    audience,
    jwks,
    auth: { issuer, audience, jwks },
    issueToken: ({ tenantId, actorId, roles, ttl = 3600, audience: tokenAudience = audience }) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ tid: tenantId, roles })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuer(issuer)
        .setAudience(tokenAudience)
        .setSubject(actorId)
        .setIssuedAt(now)
        .setExpirationTime(now + ttl)
        .sign(privateKey);
    },
  };
}

interface KeyPair {
  publicJwk: JWK;
  privateKey: CryptoKey;
  privateJwk?: JWK;
}

const publicPart = ({ kty, crv, x, y }: JWK): JWK => ({ kty, crv, x, y });
const privatePart = ({ kty, crv, x, y, d }: JWK): JWK => ({ kty, crv, x, y, d });

async function freshKeyPair(extractable: boolean): Promise<KeyPair> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable });
  return { publicJwk: await exportJWK(publicKey), privateKey, ...(extractable && { privateJwk: await exportJWK(privateKey) }) };
}

async function fromPrivateJwk(jwk: unknown, keyFile: string): Promise<KeyPair> {
  const candidate = jwk as JWK;
  if (typeof jwk !== 'object' || jwk === null || candidate.kty !== 'EC' || candidate.crv !== 'P-256' || typeof candidate.d !== 'string') {
    throw new Error(`${keyFile} is not an ES256 (P-256) private JWK; delete it to get a new key (tokens signed with the old one then stop working)`);
  }
  const privateKey = (await importJWK(privatePart(candidate), 'ES256')) as CryptoKey;
  return { publicJwk: publicPart(candidate), privateKey };
}

/** Reads the key, or creates it without ever overwriting one another process wrote first. */
async function persistedKeyPair(keyFile: string): Promise<KeyPair> {
  const existing = await readKeyFile(keyFile);
  if (existing !== undefined) return fromPrivateJwk(existing, keyFile);

  const created = await freshKeyPair(true);
  await ensureOwnerOnlyDirectory(path.dirname(keyFile));
  const temporary = `${keyFile}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(created.privateJwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    // link fails if the file exists: the first writer wins, and a reader never sees a half-written file.
    await link(temporary, keyFile);
    return created;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return fromPrivateJwk(await readKeyFile(keyFile), keyFile);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** The key's own directory is 0700; directories above it are created with the usual mode (others may need them). */
async function ensureOwnerOnlyDirectory(directory: string): Promise<void> {
  await mkdir(path.dirname(directory), { recursive: true });
  await mkdir(directory, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

async function readKeyFile(keyFile: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // A private key readable by others is tightened back to the owner only.
  if (((await stat(keyFile)).mode & 0o077) !== 0) await chmod(keyFile, 0o600);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
