import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { ALL_TOPICS, Topics, type ReviewIntegrationEvent } from '@growth/contracts';
import { goalEvents, startServiceFixture, streamEvents, type GraphQLResult, type ServiceFixture } from '@growth/service-testing';
import { withTenant } from '@growth/es-postgres';
import { eventually } from '@growth/testing';
import { addJob } from '../jobs/job-queue';
import { startNotificationsService } from '../notifications.service';
import { deliveryJob } from './deliver-webhook/deliver-webhook.job';
import { NO_SIGNING_SECRET } from './deliver-webhook/deliver-webhook.task';
import { REFUSED_TARGET } from './deliver-webhook/send-webhook';

const TENANT = 'county';
// Responses are checked field by field below; typing every query's shape would only repeat the queries.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A local receiver: `answer` decides each response from the number of requests before it; every request is kept. */
class Receiver {
  readonly requests: Received[] = [];
  connections = 0;
  private server!: Server;
  constructor(public answer: (index: number) => { status: number; headers?: Record<string, string> }) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const { status, headers } = this.answer(this.requests.length);
        this.requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(status, headers).end();
      });
    });
    this.server.on('connection', () => (this.connections += 1));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }
  /** The distinct webhook-ids received: what a receiver that de-duplicates processes. */
  get webhookIds(): string[] {
    return [...new Set(this.requests.map((r) => String(r.headers['webhook-id'])))];
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const verify = (secret: string, r: Received): unknown =>
  new Webhook(secret).verify(r.body, { 'webhook-id': String(r.headers['webhook-id']), 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']) });

const reviewFiled = (reviewId = randomUUID()) => streamEvents<ReviewIntegrationEvent>(TENANT, Topics.reviewEvents.name, `review-${TENANT}:${reviewId}`)('ReviewFiled', { reviewId, filing: 1, filedOn: '2027-07-20' });

const client = (fixture: () => ServiceFixture) => {
  const as =
    (roles: string[], tenantId = TENANT) =>
    <T = Data>(query: string, variables: object = {}): Promise<GraphQLResult<T>> =>
      fixture().query<T>(query, variables, { tenantId, actorId: randomUUID(), roles });
  const admin = as(['tenant_admin']);
  const ok = async <T = Data>(result: Promise<GraphQLResult<T>>): Promise<T> => {
    const { data, errors } = await result;
    if (errors) throw new Error(JSON.stringify(errors));
    return data as T;
  };
  const errorOf = async (result: Promise<GraphQLResult<unknown>>) => (await result).errors?.[0] ?? { message: '', extensions: {} };
  const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { id version secret } }`;
  const register = async (url: string, eventTypes: string[]): Promise<{ id: string; secret: string }> => (await ok(admin(REGISTER, { input: { url, eventTypes } }))).registerWebhookEndpoint;
  const DELIVERIES = `query($endpointId: ID!, $status: WebhookDeliveryStatus, $first: Int, $after: String) {
    webhookDeliveries(endpointId: $endpointId, status: $status, first: $first, after: $after) {
      items { id eventId eventType webhookId status sequence attempts { attempt sequence attemptedAt statusCode error } } endCursor hasNextPage } }`;
  const deliveries = async (endpointId: string, status?: string): Promise<Data[]> => (await ok(admin(DELIVERIES, { endpointId, status, first: 100 }))).webhookDeliveries.items;
  const endpoint = async (id: string): Promise<Data | undefined> =>
    (await ok(admin(`{ webhookEndpoints { id url eventTypes status disabledReason previousSecretValidUntil version } }`))).webhookEndpoints.find((e: Data) => e.id === id);
  return { as, admin, ok, errorOf, REGISTER, DELIVERIES, register, deliveries, endpoint };
};

describe('webhooks through the notifications subgraph', () => {
  let fixture: ServiceFixture;
  const api = client(() => fixture);
  const receivers: Receiver[] = [];
  const receiver = async (answer: (index: number) => { status: number; headers?: Record<string, string> }) => {
    const r = await new Receiver(answer).start();
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    fixture = await startServiceFixture((options) =>
      startNotificationsService({ ...options, notifications: { webhooks: { allowPrivateTargets: true, retrySchedule: [0, 50, 50, 50] }, jobs: { pollIntervalMs: 100 } } }),
    );
    await fixture.transport.ensureTopics([...ALL_TOPICS]);
  });
  afterAll(async () => {
    await fixture?.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  it('delivers every chosen event once, signed, through failures and redelivery', async () => {
    const flaky = await receiver((i) => ({ status: i < 3 ? 500 : 204 }));
    const { id, secret } = await api.register(flaky.url, ['ReviewFiled', 'GoalClosed']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const goalId = randomUUID();
    const events = [reviewFiled(), reviewFiled(), goalEvents(TENANT, goalId)('GoalClosed', { goalId, status: 'ACHIEVED', closedOn: '2027-07-01' })];
    const unchosen = streamEvents<ReviewIntegrationEvent>(TENANT, Topics.reviewCycleEvents.name, `cycle-${TENANT}:${randomUUID()}`)('CycleClosed', { cycleId: randomUUID(), closedOn: '2027-08-01' });
    // Every event published twice, as a broker may redeliver it.
    await fixture.transport.publish([...events, unchosen, ...events]);

    const delivered = await eventually(async () => {
      const rows = await api.deliveries(id);
      expect(rows.map((d) => d.status)).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED']);
      return rows;
    });
    const published = events.map((m) => JSON.parse(m.value as string));
    expect(delivered.map((d) => d.eventId).sort()).toEqual(published.map((e) => e.eventId).sort());
    // Three failures spread over the deliveries, then one success each; every attempt recorded.
    expect(delivered.flatMap((d) => d.attempts.map((a: Data) => a.statusCode)).sort()).toEqual([204, 204, 204, 500, 500, 500]);
    expect(flaky.requests).toHaveLength(6);
    expect(flaky.webhookIds.sort()).toEqual(delivered.map((d) => d.webhookId).sort());
    // What the receiver gets is the public event exactly as published, and it verifies with the endpoint's secret.
    for (const request of flaky.requests) expect(published).toContainEqual(verify(secret, request));
    expect(flaky.requests.every((r) => r.headers['content-type'] === 'application/json')).toBe(true);

    // Pages, newest first, that together hold each delivery once.
    const first = (await api.ok(api.admin(api.DELIVERIES, { endpointId: id, first: 2 }))).webhookDeliveries;
    expect([first.items.length, first.hasNextPage]).toEqual([2, true]);
    const rest = (await api.ok(api.admin(api.DELIVERIES, { endpointId: id, first: 2, after: first.endCursor }))).webhookDeliveries;
    expect([rest.items.length, rest.hasNextPage]).toEqual([1, false]);
    expect([...first.items, ...rest.items].map((d: Data) => d.id)).toEqual(delivered.map((d) => d.id));
    expect((await api.errorOf(api.admin(api.DELIVERIES, { endpointId: id, after: 'nonsense' }))).extensions?.code).toBe('VALIDATION_FAILED');
  });

  it('refuses bad input with every issue, writes nothing, and shows endpoints to tenant admins of the tenant only', async () => {
    const before = (await api.ok(api.admin(`{ webhookEndpoints { id } }`))).webhookEndpoints.length;
    const error = await api.errorOf(api.admin(api.REGISTER, { input: { url: 'ftp://example.org', eventTypes: ['PersonJoined'] } }));
    expect(error.extensions?.code).toBe('VALIDATION_FAILED');
    expect((error.extensions?.issues as Data[]).map((i) => i.path)).toEqual(['url', 'eventTypes.0']);
    expect((await api.ok(api.admin(`{ webhookEndpoints { id } }`))).webhookEndpoints).toHaveLength(before);

    const { id } = await api.register('https://hris.example.org/hooks', ['ReviewFiled']);
    expect((await api.errorOf(api.as(['hr'])(`{ webhookEndpoints { id } }`))).extensions?.code).toBe('FORBIDDEN');
    expect((await api.errorOf(api.as(['hr'])(api.REGISTER, { input: { url: 'https://a.example.org', eventTypes: ['ReviewFiled'] } }))).extensions?.code).toBe('FORBIDDEN');
    expect((await api.errorOf(api.as(['employee'])(api.DELIVERIES, { endpointId: id }))).extensions?.code).toBe('FORBIDDEN');
    expect((await api.ok(api.as(['tenant_admin'], 'other-tenant')(`{ webhookEndpoints { id } }`))).webhookEndpoints).toEqual([]);
    expect((await api.ok(api.as(['tenant_admin'], 'other-tenant')(api.DELIVERIES, { endpointId: id }))).webhookDeliveries.items).toEqual([]);

    const CHANGE = `mutation($input: ChangeWebhookEventTypesInput!) { changeWebhookEventTypes(input: $input) { version } }`;
    expect((await api.ok(api.admin(CHANGE, { input: { endpointId: id, expectedVersion: 0, eventTypes: ['GoalAgreed', 'ReviewSigned'] } }))).changeWebhookEventTypes.version).toBe(1);
    expect((await api.errorOf(api.admin(CHANGE, { input: { endpointId: id, expectedVersion: 0, eventTypes: ['GoalAgreed'] } }))).extensions?.code).toBe('CONCURRENCY_CONFLICT');
    expect(await api.endpoint(id)).toMatchObject({ eventTypes: ['GoalAgreed', 'ReviewSigned'], status: 'ENABLED', version: 1 });
  });

  it('disables an endpoint that answers 410 Gone, and sends it nothing more', async () => {
    const gone = await receiver(() => ({ status: 410 }));
    const canary = await receiver(() => ({ status: 200 }));
    const { id } = await api.register(gone.url, ['GoalWithdrawn', 'GoalProgressRecorded']);
    const watcher = await api.register(canary.url, ['GoalClosed']);
    const goalId = randomUUID();
    const goal = goalEvents(TENANT, goalId);
    await fixture.transport.publish([goal('GoalWithdrawn', { goalId })]);
    await eventually(async () => expect(await api.endpoint(id)).toMatchObject({ status: 'DISABLED', disabledReason: 'GONE' }));
    // Later events of the same stream: the canary's delivery shows they were consumed.
    await fixture.transport.publish([goal('GoalProgressRecorded', { goalId, checkInId: randomUUID(), value: null, status: 'ON_TRACK', recordedOn: '2027-01-10' }), goal('GoalClosed', { goalId, status: 'DEFERRED', closedOn: '2027-07-01' })]);
    await eventually(async () => expect((await api.deliveries(watcher.id)).map((d) => d.status)).toEqual(['DELIVERED']));

    const rows = await eventually(async () => {
      const all = await api.deliveries(id);
      expect(all.map((d) => d.status)).toEqual(['CANCELLED']);
      return all;
    });
    expect(rows[0].attempts).toEqual([{ attempt: 1, sequence: 1, attemptedAt: expect.any(String), statusCode: 410, error: 'HTTP 410' }]);
    expect(gone.requests).toHaveLength(1);
  });

  it('dead-letters a delivery after the last scheduled attempt, and replays it once the receiver recovers', async () => {
    let down = true;
    const outage = await receiver(() => ({ status: down ? 503 : 200 }));
    const { id } = await api.register(outage.url, ['ReviewFiled']);
    await fixture.transport.publish([reviewFiled(), reviewFiled()]);
    const dead = await eventually(async () => {
      const rows = await api.deliveries(id, 'DEAD');
      expect(rows).toHaveLength(2);
      return rows;
    });
    expect(dead.map((d) => d.attempts.map((a: Data) => [a.attempt, a.statusCode]))).toEqual([0, 1].map(() => [1, 2, 3, 4].map((n) => [n, 503])));
    expect(outage.requests).toHaveLength(8);

    down = false;
    const REPLAY = `mutation($id: ID!) { replayWebhookDelivery(deliveryId: $id) { status sequence } }`;
    expect((await api.ok(api.admin(REPLAY, { id: dead[0].id }))).replayWebhookDelivery).toEqual({ status: 'PENDING', sequence: 2 });
    await eventually(async () => expect((await api.deliveries(id, 'DELIVERED')).map((d) => d.id)).toEqual([dead[0].id]));
    expect((await api.errorOf(api.admin(REPLAY, { id: dead[0].id }))).extensions?.code).toBe('INVALID_STATE');

    expect((await api.ok(api.admin(`mutation($e: ID!) { replayDeadWebhookDeliveries(endpointId: $e) }`, { e: id }))).replayDeadWebhookDeliveries).toBe(1);
    const delivered = await eventually(async () => {
      const rows = await api.deliveries(id, 'DELIVERED');
      expect(rows).toHaveLength(2);
      return rows;
    });
    for (const d of delivered) expect(d.attempts.at(-1)).toMatchObject({ attempt: 5, sequence: 2, statusCode: 200, error: null });
    // Every attempt and replay of a delivery carries its one webhook-id.
    expect(outage.webhookIds.sort()).toEqual(delivered.map((d) => d.webhookId).sort());
    expect(outage.requests).toHaveLength(10);
  });

  it('sends nothing more when a job for an attempt already made runs again', async () => {
    const hris = await receiver(() => ({ status: 204 }));
    const { id } = await api.register(hris.url, ['ReviewFiled']);
    await fixture.transport.publish([reviewFiled()]);
    const [delivery] = await eventually(async () => {
      const rows = await api.deliveries(id, 'DELIVERED');
      expect(rows).toHaveLength(1);
      return rows;
    });
    // What a worker that died after sending leaves behind: the same attempt's job, run again.
    const jobKey = `again-${delivery.id}`;
    await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) => addJob(m, { ...deliveryJob({ tenantId: TENANT, deliveryId: delivery.id, sequence: 1, attempt: 1 }, new Date()), jobKey }));
    await eventually(async () => {
      const [{ waiting }]: Data[] = await fixture.service.infrastructure.dataSource.query(`SELECT count(*)::int AS waiting FROM graphile_worker.jobs WHERE key = $1`, [jobKey]);
      expect(waiting).toBe(0);
    });
    expect(hris.requests).toHaveLength(1);
    expect((await api.deliveries(id)).map((d) => [d.status, d.attempts.length])).toEqual([['DELIVERED', 1]]);
  });

  it("waits as long as a receiver's Retry-After asks when that is longer than the schedule's step", async () => {
    const busy = await receiver((i) => (i === 0 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 204 }));
    const { id } = await api.register(busy.url, ['ReviewFiled']);
    await fixture.transport.publish([reviewFiled()]);
    const [delivery] = await eventually(async () => {
      const rows = await api.deliveries(id, 'DELIVERED');
      expect(rows).toHaveLength(1);
      return rows;
    });
    const [first, second] = delivery.attempts.map((a: Data) => Date.parse(a.attemptedAt));
    expect(delivery.attempts.map((a: Data) => a.statusCode)).toEqual([503, 204]);
    // The schedule's step is 50 ms: only the Retry-After of 1 s explains the wait.
    expect(second - first).toBeGreaterThanOrEqual(1000);
  });

  it('never sends a delivery unsigned: with no secret to sign it, it is DEAD at once, saying why', async () => {
    const hris = await receiver(() => ({ status: 204 }));
    const { id } = await api.register(hris.url, ['ReviewFiled']);
    await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) => m.query(`DELETE FROM webhook_secrets WHERE tenant_id = $1 AND endpoint_id = $2`, [TENANT, id]));
    await fixture.transport.publish([reviewFiled()]);
    const [dead] = await eventually(async () => {
      const rows = await api.deliveries(id, 'DEAD');
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(dead.attempts).toEqual([{ attempt: 1, sequence: 1, attemptedAt: expect.any(String), statusCode: null, error: NO_SIGNING_SECRET }]);
    expect(hris.requests).toEqual([]);
  });

  it('replays a PENDING delivery whose attempt is over an hour overdue (its job gave up), and not one merely waiting', async () => {
    const hris = await receiver(() => ({ status: 204 }));
    const { id } = await api.register(hris.url, ['ReviewFiled']);
    // Deliveries whose jobs are gone, as after a database outage longer than the job's own retries.
    const stuck = randomUUID();
    const waiting = randomUUID();
    await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
      m.query(
        `INSERT INTO webhook_deliveries (tenant_id, delivery_id, endpoint_id, event_id, event_type, payload, status, sequence, attempts, next_attempt_at, created_at, updated_at)
         VALUES ($1, $3, $2, gen_random_uuid(), 'ReviewFiled', '{}', 'PENDING', 1, 2, now() - interval '2 hours', now(), now()),
                ($1, $4, $2, gen_random_uuid(), 'ReviewFiled', '{}', 'PENDING', 1, 2, now() - interval '10 minutes', now(), now())`,
        [TENANT, id, stuck, waiting],
      ),
    );
    const REPLAY = `mutation($id: ID!) { replayWebhookDelivery(deliveryId: $id) { status sequence } }`;
    expect((await api.errorOf(api.admin(REPLAY, { id: waiting }))).extensions?.code).toBe('INVALID_STATE');
    expect((await api.ok(api.admin(REPLAY, { id: stuck }))).replayWebhookDelivery).toEqual({ status: 'PENDING', sequence: 2 });
    await eventually(async () => expect((await api.deliveries(id, 'DELIVERED')).map((d) => d.id)).toEqual([stuck]));
    expect(hris.webhookIds).toEqual([`msg_${stuck}`]);
  });

  it('signs with the old and the new secret during the grace period after a rotation', async () => {
    const hris = await receiver(() => ({ status: 200 }));
    const { id, secret: old } = await api.register(hris.url, ['ReviewFiled']);
    const ROTATE = `mutation($input: WebhookEndpointInput!) { rotateWebhookSecret(input: $input) { version secret } }`;
    const { secret: current, version } = (await api.ok(api.admin(ROTATE, { input: { endpointId: id } }))).rotateWebhookSecret;
    expect([version, current === old, current.startsWith('whsec_')]).toEqual([1, false, true]);
    expect((await api.endpoint(id))?.previousSecretValidUntil).not.toBeNull();
    // A second rotation now would end the first one's grace period early.
    expect((await api.errorOf(api.admin(ROTATE, { input: { endpointId: id } }))).extensions?.code).toBe('INVALID_STATE');

    await fixture.transport.publish([reviewFiled()]);
    await eventually(() => expect(hris.requests).toHaveLength(1));
    const [request] = hris.requests;
    const signatures = String(request.headers['webhook-signature']).split(' ');
    expect(signatures.map((s) => s.slice(0, 3))).toEqual(['v1,', 'v1,']);
    // Each signature on its own verifies with its secret: the new one first.
    const only = (signature: string): Received => ({ ...request, headers: { ...request.headers, 'webhook-signature': signature } });
    expect(verify(current, only(signatures[0]))).toMatchObject({ type: 'ReviewFiled' });
    expect(verify(old, only(signatures[1]))).toMatchObject({ type: 'ReviewFiled' });
    expect(() => verify(old, only(signatures[0]))).toThrow();
  });
});

describe('webhook targets when private targets are not allowed', () => {
  let fixture: ServiceFixture;
  const api = client(() => fixture);
  let target: Receiver;

  beforeAll(async () => {
    target = await new Receiver(() => ({ status: 200 })).start();
    fixture = await startServiceFixture((options) => startNotificationsService({ ...options, notifications: { webhooks: { retrySchedule: [0, 50] }, jobs: { pollIntervalMs: 100 } } }));
    await fixture.transport.ensureTopics([...ALL_TOPICS]);
  });
  afterAll(async () => {
    await fixture?.close();
    await target?.close();
  });

  it('refuses to register plain http, loopback, private and link-local addresses', async () => {
    for (const url of [`http://127.0.0.1:${target.port}/hooks`, 'https://127.0.0.1/hooks', 'https://10.20.30.40/hooks', 'https://169.254.169.254/latest/meta-data', `https://[::1]:${target.port}/hooks`]) {
      const error = await api.errorOf(api.admin(api.REGISTER, { input: { url, eventTypes: ['ReviewFiled'] } }));
      expect([url, error.extensions?.code]).toEqual([url, 'VALIDATION_FAILED']);
    }
    expect((await api.ok(api.admin(`{ webhookEndpoints { id } }`))).webhookEndpoints).toEqual([]);
  });

  it('refuses at connect time a hostname that resolves to a loopback address, recording why', async () => {
    const { id } = await api.register(`https://localhost:${target.port}/hooks`, ['ReviewFiled']);
    await fixture.transport.publish([reviewFiled()]);
    const [dead] = await eventually(async () => {
      const rows = await api.deliveries(id, 'DEAD');
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(dead.attempts).toHaveLength(2);
    for (const attempt of dead.attempts) {
      expect(attempt.statusCode).toBeNull();
      // The same fixed text whatever the name resolved to: the log never shows the platform's internal addresses.
      expect(attempt.error).toBe(REFUSED_TARGET);
    }
    expect([target.connections, target.requests.length]).toEqual([0, 0]);
  });
});
