import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PostgresOutbox, tenantTableIsolation } from '@growth/es-postgres';
import { eventually, testDatabaseAdminUrl, testKafkaBrokers } from '@growth/testing';
import { startPlatform, type RunningPlatform } from './platform';

interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

const transports: Array<[string, () => string[] | undefined]> = [
  ['Kafka', () => testKafkaBrokers()],
  ['the in-process transport', () => undefined],
];

describe.each(transports)('the framework slice end to end over %s', (_name, brokers) => {
  let platform: RunningPlatform;
  let token: string;
  let otherTenantToken: string;
  const prefix = `e2e_${randomBytes(3).toString('hex')}`;

  const graphql = async <T>(query: string, variables: object = {}, bearer = token): Promise<{ status: number; body: GraphQLResponse<T> }> => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse<T> };
  };
  const frameworkEventCount = async () => {
    const url = new URL(testDatabaseAdminUrl());
    url.pathname = `/${prefix}_frameworks`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT (SELECT count(*) FROM es_events)::int AS events, (SELECT count(*) FROM es_outbox)::int AS outbox');
      return rows[0] as { events: number; outbox: number };
    } finally {
      await client.end();
    }
  };

  const CREATE = `mutation($input: CreateFrameworkDraftInput!) { createFrameworkDraft(input: $input) { frameworkId version } }`;
  const RENAME = `mutation($input: RenameFrameworkDraftInput!) { renameFrameworkDraft(input: $input) { frameworkId version } }`;
  const CATALOG = `{ frameworkCatalog { frameworkId name purpose kind status version } }`;

  beforeAll(async () => {
    platform = await startPlatform({ adminDatabaseUrl: testDatabaseAdminUrl(), kafkaBrokers: brokers(), gatewayPort: 0, databasePrefix: prefix });
    token = await platform.issuer.issueToken({ tenantId: 'lausd', actorId: 'hr-1', roles: ['hr'] });
    otherTenantToken = await platform.issuer.issueToken({ tenantId: 'leics', actorId: 'hr-9', roles: ['hr'] });
  }, 120_000);
  afterAll(async () => platform?.close());

  it('creates a draft through the gateway and reads it back from the reviews read model', async () => {
    const frameworkId = randomUUID();
    const created = await graphql<{ createFrameworkDraft: { frameworkId: string; version: number } }>(CREATE, {
      input: { frameworkId, name: 'Classified Performance Framework', purpose: 'Growth & development of classified staff' },
    });
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data?.createFrameworkDraft).toEqual({ frameworkId, version: 0 });

    const catalog = await eventually(async () => {
      const { body } = await graphql<{ frameworkCatalog: Array<Record<string, unknown>> }>(CATALOG);
      const row = body.data?.frameworkCatalog.find((f) => f.frameworkId === frameworkId);
      expect(row).toBeDefined();
      return row;
    });
    expect(catalog).toEqual({ frameworkId, name: 'Classified Performance Framework', purpose: 'Growth & development of classified staff', kind: 'COMPETENCY_FRAMEWORK', status: 'DRAFT', version: 0 });

    // The relay marked what it published: nothing is sent again and again.
    const frameworks = platform.services.find((s) => s.name === 'frameworks')!;
    await eventually(async () => expect(await new PostgresOutbox(frameworks.infrastructure.dataSource).countPending()).toBe(0));

    // The owner's view, from the frameworks subgraph, agrees.
    const owner = await graphql<{ framework: Record<string, unknown> }>(`query($id: ID!) { framework(id: $id) { id name status version } }`, { id: frameworkId });
    expect(owner.body.data?.framework).toEqual({ id: frameworkId, name: 'Classified Performance Framework', status: 'DRAFT', version: 0 });

    // Another tenant sees none of it.
    const other = await graphql<{ frameworkCatalog: unknown[] }>(CATALOG, {}, otherTenantToken);
    expect(other.body.data?.frameworkCatalog).toEqual([]);
    const otherOwner = await graphql<{ framework: unknown }>(`query($id: ID!) { framework(id: $id) { id } }`, { id: frameworkId }, otherTenantToken);
    expect(otherOwner.body.data?.framework).toBeNull();
  });

  it('rejects a stale expected version with CONCURRENCY_CONFLICT and writes nothing', async () => {
    const frameworkId = randomUUID();
    await graphql(CREATE, { input: { frameworkId, name: 'Leadership Performance Framework', kind: 'LEADERSHIP_FRAMEWORK' } });
    const renamed = await graphql<{ renameFrameworkDraft: { version: number } }>(RENAME, { input: { frameworkId, name: 'Leadership Framework', expectedVersion: 0 } });
    expect(renamed.body.data?.renameFrameworkDraft.version).toBe(1);
    const before = await frameworkEventCount();

    const stale = await graphql(RENAME, { input: { frameworkId, name: 'Someone else’s rename', expectedVersion: 0 } });
    expect(stale.body.errors?.[0].extensions?.code).toBe('CONCURRENCY_CONFLICT');
    expect(JSON.stringify(stale.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(await frameworkEventCount()).toEqual(before);

    await eventually(async () => {
      const { body } = await graphql<{ frameworkCatalog: Array<{ frameworkId: string; name: string; version: number }> }>(CATALOG);
      expect(body.data?.frameworkCatalog.find((f) => f.frameworkId === frameworkId)).toMatchObject({ name: 'Leadership Framework', version: 1 });
    });
  });

  it('rejects invalid input with VALIDATION_FAILED naming each field, and writes nothing', async () => {
    const before = await frameworkEventCount();
    const invalid = await graphql(CREATE, { input: { name: '   ', purpose: 'x'.repeat(4001) } });
    expect(invalid.body.errors?.[0].extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [
        { path: 'name', message: 'must not be empty' },
        { path: 'purpose', message: 'must be at most 4000 characters' },
      ],
    });
    const badId = await graphql(CREATE, { input: { frameworkId: 'not-a-uuid', name: 'Fine name' } });
    expect(badId.body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'frameworkId', message: 'must be a UUID' }] });
    expect(await frameworkEventCount()).toEqual(before);
  });

  it('runs every service as an application role with row-level security on every table holding tenant data', async () => {
    for (const service of platform.services) {
      const { dataSource } = service.infrastructure;
      expect(await dataSource.query(`SELECT current_user AS role, (SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user) AS bypass`)).toEqual([
        { role: `${prefix}_app`, bypass: false },
      ]);
      const tables = await tenantTableIsolation(dataSource);
      expect(tables.length).toBeGreaterThanOrEqual(3);
      expect(tables.filter((t) => !t.rowSecurity || !t.forced || t.policies < 1)).toEqual([]);
    }
  });

  it('lets HR shape frameworks and any tenant member read them; an employee cannot edit, a platform operator cannot read', async () => {
    const employee = await platform.issuer.issueToken({ tenantId: 'lausd', actorId: 'custodian-7', roles: ['employee'] });
    const operator = await platform.issuer.issueToken({ tenantId: 'lausd', actorId: 'ops-1', roles: ['platform_operator'] });
    const before = await frameworkEventCount();

    const refused = await graphql(CREATE, { input: { name: 'Custodial Competencies' } }, employee);
    expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.body.data ?? null).toBeNull();
    expect(await frameworkEventCount()).toEqual(before);

    const read = await graphql<{ frameworkCatalog: unknown[] }>(CATALOG, {}, employee);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.frameworkCatalog.length).toBeGreaterThan(0);

    const hidden = await graphql(CATALOG, {}, operator);
    expect(hidden.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(hidden.body.data ?? null).toBeNull();
  });

  it('refuses requests without a valid token', async () => {
    const { status, body } = await graphql(CATALOG, {}, 'not-a-token');
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
