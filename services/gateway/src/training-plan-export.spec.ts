import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, verifyIdentity, type IdentityVerification } from '@growth/service-kit';
import { eventually } from '@growth/testing';
import { AuthenticationError, type Caller, type TokenVerifier } from './authentication';
import { rateLimitKey } from './rate-limit.plugin';
import { createRateLimiter } from './rate-limiter';
import { trainingPlanExportRoute } from './training-plan-export';

const gatewaySecret = 'gateway-test-secret-0123456789abcdefghij';
const caller: Caller = { tenantId: 'lausd', actorId: 'hr-1', roles: ['hr'] };
const verifyToken: TokenVerifier = async (authorization) => {
  if (authorization !== 'Bearer good') throw new AuthenticationError('Invalid token');
  return caller;
};

const listen = async (handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> => {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** The route mounted on a server of its own, in front of a stand-in goals service the test drives chunk by chunk. */
describe('the training plan export route', () => {
  let goals: { server: Server; url: string };
  let gateway: { server: Server; url: string };
  const received: Array<{ url: string; identity: IdentityVerification }> = [];
  let pending: ServerResponse | undefined;
  let upstreamClosedEarly = false;
  const limiter = createRateLimiter({ perMinute: 1, burst: 100 }, () => 0);

  beforeAll(async () => {
    goals = await listen((req, res) => {
      received.push({ url: req.url ?? '', identity: verifyIdentity(req.headers, gatewaySecret) });
      res.once('close', () => {
        if (!res.writableFinished) upstreamClosedEarly = true;
      });
      if (req.url?.startsWith('/training-plans/missing.csv')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return void res.end('{"code":"NOT_FOUND"}');
      }
      if (req.url?.startsWith('/training-plans/busy.csv')) {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '30' });
        return void res.end('{"code":"BUSY"}');
      }
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="plan.csv"', 'x-internal': 'yes' });
      res.write('Site,Training needed\r\n');
      pending = res;
    });
    const route = trainingPlanExportRoute({ verifyToken, limiter, gatewaySecret, goalsSubgraphUrl: `${goals.url}/graphql`, logger: createLogger({ service: 'gateway', level: 'silent' }) });
    gateway = await listen((req, res) => {
      if (route(req, res)) return;
      res.writeHead(404);
      res.end();
    });
  });
  afterAll(async () => {
    await close(gateway.server);
    goals.server.closeAllConnections();
    await close(goals.server);
  });
  beforeEach(() => {
    received.length = 0;
    upstreamClosedEarly = false;
  });

  const download = (path: string, init: RequestInit = {}) => fetch(`${gateway.url}${path}`, { ...init, headers: { authorization: 'Bearer good', ...init.headers } });

  it('signs the verified identity onto the goals request, passes only the known parameters, and relays the body as it is produced', async () => {
    const response = await download('/exports/training-plans/site-1.csv?cycleId=c-1&includeSubSites=false&siteId=other&x=1', { headers: { 'x-request-id': 'req-42' } });
    expect(response.status).toBe(200);
    expect(received).toEqual([{ url: '/training-plans/site-1.csv?cycleId=c-1&includeSubSites=false', identity: { ok: true, identity: { ...caller, requestId: 'req-42' } } }]);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="plan.csv"');
    expect(response.headers.get('x-internal')).toBeNull();
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('x-request-id')).toBe('req-42');
    // The first line reaches the client while the goals service has not finished: nothing is held back whole.
    const reader = response.body!.getReader();
    expect(Buffer.from((await reader.read()).value!).toString()).toBe('Site,Training needed\r\n');
    pending!.end('North High,First aid\r\n');
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += Buffer.from(chunk.value).toString();
    expect(rest).toBe('North High,First aid\r\n');
    expect(upstreamClosedEarly).toBe(false);
  });

  it('aborts the goals request when the client goes away', async () => {
    const abort = new AbortController();
    const response = await download('/exports/training-plans/site-1.csv', { signal: abort.signal });
    await response.body!.getReader().read();
    abort.abort();
    await eventually(() => expect(upstreamClosedEarly).toBe(true));
  });

  it("keeps the goals service's status and body when it refuses", async () => {
    const response = await download('/exports/training-plans/missing.csv');
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('{"code":"NOT_FOUND"}');
    const busy = await download('/exports/training-plans/busy.csv');
    expect([busy.status, busy.headers.get('retry-after'), await busy.text()]).toEqual([503, '30', '{"code":"BUSY"}']);
  });

  it('refuses a missing or bad token, another method and an id that is not one, without calling the goals service', async () => {
    const anonymous = await fetch(`${gateway.url}/exports/training-plans/site-1.csv`);
    expect([anonymous.status, anonymous.headers.get('www-authenticate'), await anonymous.json()]).toEqual([401, 'Bearer', { errors: [{ message: 'Invalid token', extensions: { code: 'UNAUTHENTICATED' } }] }]);
    expect((await download('/exports/training-plans/site-1.csv', { headers: { authorization: 'Bearer forged' } })).status).toBe(401);
    expect((await download('/exports/training-plans/site-1.csv', { method: 'POST' })).status).toBe(405);
    expect((await download('/exports/training-plans/a%2F..%2Fb.csv')).status).toBe(400);
    expect(received).toEqual([]);
  });

  it("charges the caller's GraphQL rate-limit bucket, and refuses with 429 once it is empty", async () => {
    // The clock stands still, so the bucket does not refill: empty it but for one request.
    const remaining = limiter.take(rateLimitKey({ ...caller, requestId: 'r' }), 0);
    expect(remaining.allowed).toBe(true);
    if (remaining.allowed) limiter.take(rateLimitKey({ ...caller, requestId: 'r' }), remaining.remaining - 1);
    const last = await download('/exports/training-plans/missing.csv');
    expect(last.status).toBe(404);
    const refused = await download('/exports/training-plans/missing.csv');
    expect([refused.status, refused.headers.get('retry-after'), ((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code]).toEqual([
      429,
      '60',
      'RATE_LIMITED',
    ]);
    expect(received).toHaveLength(1);
  });
});
