import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Identity } from './identity';

export const IDENTITY_HEADERS = {
  tenant: 'x-growth-tenant',
  actor: 'x-growth-actor',
  roles: 'x-growth-roles',
  requestId: 'x-request-id',
  timestamp: 'x-growth-timestamp',
  signature: 'x-growth-signature',
} as const;

export type IdentityHeaders = Record<(typeof IDENTITY_HEADERS)[keyof typeof IDENTITY_HEADERS], string>;

export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;
export const MIN_GATEWAY_SECRET_LENGTH = 32;

export type IdentityVerification = { ok: true; identity: Identity } | { ok: false; reason: string };

/** Incoming headers as Node gives them: lower-case names, repeated headers as arrays. */
export type IncomingHeaders = Record<string, string | string[] | undefined>;

export function assertGatewaySecret(secret: string | undefined): asserts secret is string {
  if (!secret || secret.length < MIN_GATEWAY_SECRET_LENGTH) {
    throw new Error(`The gateway secret must be at least ${MIN_GATEWAY_SECRET_LENGTH} characters long`);
  }
}

export function signIdentity(identity: Identity, secret: string, timestamp: number = Date.now()): IdentityHeaders {
  assertEncodable(identity);
  const roles = identity.roles.join(',');
  return {
    [IDENTITY_HEADERS.tenant]: identity.tenantId,
    [IDENTITY_HEADERS.actor]: identity.actorId,
    [IDENTITY_HEADERS.roles]: roles,
    [IDENTITY_HEADERS.requestId]: identity.requestId,
    [IDENTITY_HEADERS.timestamp]: String(timestamp),
    [IDENTITY_HEADERS.signature]: hmac(secret, [identity.tenantId, identity.actorId, roles, identity.requestId, String(timestamp)]),
  };
}

export function verifyIdentity(
  headers: IncomingHeaders,
  secret: string,
  { now = Date.now(), maxAgeMs = MAX_SIGNATURE_AGE_MS }: { now?: number; maxAgeMs?: number } = {},
): IdentityVerification {
  const values: Partial<Record<keyof typeof IDENTITY_HEADERS, string>> = {};
  for (const [key, name] of Object.entries(IDENTITY_HEADERS) as [keyof typeof IDENTITY_HEADERS, string][]) {
    const value = headers[name];
    // A repeated header would let a client smuggle a second value past whoever reads the first one.
    if (Array.isArray(value)) return { ok: false, reason: `Repeated header ${name}` };
    if (value === undefined) return { ok: false, reason: `Missing header ${name}` };
    values[key] = value;
  }
  const { tenant, actor, roles, requestId, timestamp, signature } = values as Record<keyof typeof IDENTITY_HEADERS, string>;

  const expected = hmac(secret, [tenant, actor, roles, requestId, timestamp]);
  if (!constantTimeEquals(signature, expected)) return { ok: false, reason: 'Bad signature' };

  const signedAt = Number(timestamp);
  if (!Number.isSafeInteger(signedAt) || Math.abs(now - signedAt) > maxAgeMs) {
    return { ok: false, reason: 'Signature expired' };
  }
  if (!tenant || !actor || !requestId) return { ok: false, reason: 'Incomplete identity' };

  return {
    ok: true,
    identity: { tenantId: tenant, actorId: actor, roles: roles ? roles.split(',') : [], requestId },
  };
}

function hmac(secret: string, fields: string[]): string {
  return createHmac('sha256', secret).update(fields.join('\n')).digest('base64url');
}

function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// The signed payload joins fields with newlines and roles with commas: values containing those would be ambiguous.
function assertEncodable({ tenantId, actorId, requestId, roles }: Identity): void {
  const fields = [tenantId, actorId, requestId, ...roles];
  if (fields.some((field) => field === '' || /[\r\n]/.test(field)) || roles.some((role) => role.includes(','))) {
    throw new Error('Identity fields must be non-empty and free of line breaks, and roles free of commas');
  }
}
