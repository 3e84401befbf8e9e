import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
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

export interface DevIssuer {
  issuer: string;
  audience: string;
  /** The public half, as an identity provider would publish it. */
  jwks: JSONWebKeySet;
  /** Ready to hand to startGateway. */
  auth: AuthConfig;
  issueToken(claims: DevTokenClaims): Promise<string>;
}

/** A stand-in identity provider for development and tests: a fresh ES256 key pair per process, never persisted. */
export async function createDevIssuer({ issuer = DEV_ISSUER, audience = DEV_AUDIENCE } = {}): Promise<DevIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const publicJwk = await exportJWK(publicKey);
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
