import { IDENTITY_HEADERS, signIdentity, verifyIdentity } from './identity-signature';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const identity = { tenantId: 'tenant-1', actorId: 'actor-1', roles: ['reviewer', 'admin'], requestId: 'req-1' };
const now = 1_700_000_000_000;

describe('identity signature', () => {
  it('verifies what it signed', () => {
    expect(verifyIdentity(signIdentity(identity, secret, now), secret, { now })).toEqual({ ok: true, identity });
  });

  it('round-trips an empty role list', () => {
    const signed = signIdentity({ ...identity, roles: [] }, secret, now);
    expect(verifyIdentity(signed, secret, { now })).toEqual({ ok: true, identity: { ...identity, roles: [] } });
  });

  it.each([
    ['a changed tenant', { [IDENTITY_HEADERS.tenant]: 'tenant-2' }],
    ['an added role', { [IDENTITY_HEADERS.roles]: 'reviewer,admin,owner' }],
    ['a changed request id', { [IDENTITY_HEADERS.requestId]: 'req-2' }],
    ['a moved timestamp', { [IDENTITY_HEADERS.timestamp]: String(now + 1) }],
  ])('rejects %s', (_case, change) => {
    const headers = { ...signIdentity(identity, secret, now), ...change };
    expect(verifyIdentity(headers, secret, { now })).toEqual({ ok: false, reason: 'Bad signature' });
  });

  it('rejects another secret', () => {
    expect(verifyIdentity(signIdentity(identity, secret, now), `${secret}x`, { now })).toMatchObject({ ok: false });
  });

  it('rejects a signature older than five minutes, and one from the future', () => {
    const headers = signIdentity(identity, secret, now);
    expect(verifyIdentity(headers, secret, { now: now + 5 * 60_000 })).toMatchObject({ ok: true });
    expect(verifyIdentity(headers, secret, { now: now + 5 * 60_000 + 1 })).toEqual({ ok: false, reason: 'Signature expired' });
    expect(verifyIdentity(headers, secret, { now: now - 5 * 60_000 - 1 })).toEqual({ ok: false, reason: 'Signature expired' });
  });

  it('rejects missing and repeated headers', () => {
    const { [IDENTITY_HEADERS.signature]: _signature, ...unsigned } = signIdentity(identity, secret, now);
    expect(verifyIdentity(unsigned, secret, { now })).toEqual({ ok: false, reason: 'Missing header x-growth-signature' });
    const repeated = { ...signIdentity(identity, secret, now), [IDENTITY_HEADERS.tenant]: ['tenant-1', 'tenant-2'] };
    expect(verifyIdentity(repeated, secret, { now })).toEqual({ ok: false, reason: 'Repeated header x-growth-tenant' });
  });

  it('refuses to sign values that would make the payload ambiguous', () => {
    expect(() => signIdentity({ ...identity, roles: ['a,b'] }, secret)).toThrow();
    expect(() => signIdentity({ ...identity, tenantId: 't\nx' }, secret)).toThrow();
    expect(() => signIdentity({ ...identity, actorId: '' }, secret)).toThrow();
  });
});
