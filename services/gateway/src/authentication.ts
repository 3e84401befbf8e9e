import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

interface TokenRules {
  issuer: string;
  audience: string;
  /** Accepted signing algorithms; asymmetric only, so a leaked verification key cannot mint tokens. */
  algorithms?: string[];
}

/** Production verifies against the identity provider's JWKS endpoint; development against a local key set. */
export type AuthConfig = TokenRules & ({ jwksUrl: string } | { jwks: JSONWebKeySet });

export interface Caller {
  tenantId: string;
  actorId: string;
  roles: string[];
}

/** The caller's fault: answered with 401. Anything else a verifier throws is the gateway's problem. */
export class AuthenticationError extends Error {}

export type TokenVerifier = (authorization: string | null) => Promise<Caller>;

const DEFAULT_ALGORITHMS = ['ES256', 'RS256'];
const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;
// Claims travel on to subgraphs as signed headers: printable ASCII without spaces, roles also without commas.
const HEADER_SAFE = /^[\x21-\x7e]{1,256}$/;

export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const keys = 'jwksUrl' in config ? createRemoteJWKSet(new URL(config.jwksUrl)) : createLocalJWKSet(config.jwks);
  const options = {
    issuer: config.issuer,
    audience: config.audience,
    algorithms: config.algorithms ?? DEFAULT_ALGORITHMS,
    requiredClaims: ['exp', 'sub', 'tid'],
  };

  return async (authorization) => {
    const token = BEARER.exec(authorization ?? '')?.[1];
    if (!token) throw new AuthenticationError('Missing bearer token');
    try {
      const { payload } = await jwtVerify(token, keys, options);
      return callerFrom(payload);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      if (error instanceof errors.JWTExpired) throw new AuthenticationError('Token expired');
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) throw new AuthenticationError('Invalid token');
      throw error;
    }
  };
}

function callerFrom({ sub, tid, roles = [] }: JWTPayload): Caller {
  const validRoles = Array.isArray(roles) && roles.every((role) => typeof role === 'string' && HEADER_SAFE.test(role) && !role.includes(','));
  if (typeof sub !== 'string' || !HEADER_SAFE.test(sub) || typeof tid !== 'string' || !HEADER_SAFE.test(tid) || !validRoles) {
    throw new AuthenticationError('Invalid token claims');
  }
  return { tenantId: tid, actorId: sub, roles: roles as string[] };
}
