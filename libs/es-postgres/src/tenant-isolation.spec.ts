import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CommandContext, DomainEvent } from '@growth/es';
import { createTestDatabase, testDatabaseAdminUrl, type TestDatabase } from '@growth/testing';
import { ensureApplicationRole, urlForRole, type ApplicationRole } from './application-role';
import { openServiceDataSource } from './data-source';
import { PostgresOutbox } from './outbox';
import { PostgresEventStore } from './postgres-event-store';
import { tenantTableIsolation } from './tenant-isolation';
import { withTenant } from './tenant-transaction';

type Noted = DomainEvent<'Noted', { secret: string }>;
const context = (tenantId: string): CommandContext => ({ tenantId, actorId: 'hr', correlationId: 'c', causationId: 'c', now: new Date() });
const publish = (e: { eventId: string; streamId: string }) => [{ eventId: e.eventId, topic: 't', key: e.streamId, headers: {}, payload: {} }];

describe('tenant isolation in the database (row-level security, application role)', () => {
  let db: TestDatabase;
  let app: DataSource;
  let role: ApplicationRole;

  beforeAll(async () => {
    db = await createTestDatabase('rls');
    role = { name: `app_${randomBytes(4).toString('hex')}`, password: randomBytes(12).toString('hex') };
    await ensureApplicationRole(testDatabaseAdminUrl(), role);
    // One pooled connection, so every request below reuses the same session.
    app = await openServiceDataSource({ url: urlForRole(db.url, role), migrationUrl: db.url, poolSize: 1 });
    const store = new PostgresEventStore(app);
    await store.appendToStream<Noted>('note-lausd:1', [{ type: 'Noted', data: { secret: 'lausd only' } }], { expectedVersion: 'no_stream', context: context('lausd'), publish });
    await store.appendToStream<Noted>('note-leics:1', [{ type: 'Noted', data: { secret: 'leics only' } }], { expectedVersion: 'no_stream', context: context('leics'), publish });
  });
  afterAll(async () => {
    await app?.destroy();
    await db?.drop();
  });

  it('has row-level security enabled and forced, with a policy, on every table that holds tenant data', async () => {
    const tables = await tenantTableIsolation(app);
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(['es_events', 'es_outbox', 'es_projection_streams']));
    expect(tables.filter((t) => !t.rowSecurity || !t.forced || t.policies < 1)).toEqual([]);
  });

  it('shows each tenant only its own rows, even when a query forgets the tenant filter', async () => {
    const secrets = (tenant: string) => withTenant(app, tenant, (m) => m.query(`SELECT data->>'secret' AS secret FROM es_events`));
    expect(await secrets('lausd')).toEqual([{ secret: 'lausd only' }]);
    expect(await secrets('leics')).toEqual([{ secret: 'leics only' }]);
    expect((await new PostgresEventStore(app).readStream('note-leics:1', 'lausd')).events).toEqual([]);
  });

  it('fails closed on a pooled connection: after a tenant transaction, a query without a tenant sees and writes nothing', async () => {
    await withTenant(app, 'lausd', (m) => m.query('SELECT 1'));
    expect(await app.query(`SELECT count(*)::int AS n FROM es_events`)).toEqual([{ n: 0 }]);
    expect(await app.query(`SELECT current_setting('app.tenant_id', true) AS tenant`)).toEqual([{ tenant: '' }]);
    await expect(
      app.query(`INSERT INTO es_projection_streams (projection, tenant_id, stream_id, version) VALUES ('x', 'lausd', 'note-lausd:1', 0)`),
    ).rejects.toThrow(/row-level security/);
  });

  it('runs nothing when setting the tenant fails, and leaves nothing behind on the pooled connection', async () => {
    let ran = false;
    await expect(withTenant(app, '', async () => void (ran = true))).rejects.toThrow('tenant');
    await expect(
      app.transaction(async (m) => {
        await m.query(`SELECT set_config('app.tenant_id', $1::int::text, true)`, ['lausd']);
        ran = true;
      }),
    ).rejects.toThrow(/invalid input syntax/);
    expect(ran).toBe(false);
    expect(await app.query(`SELECT count(*)::int AS n FROM es_events`)).toEqual([{ n: 0 }]);
  });

  it('would leak through a session-level setting, which is why the tenant is only ever set per transaction', async () => {
    await app.query(`SELECT set_config('app.tenant_id', 'lausd', false)`);
    try {
      expect(await app.query(`SELECT count(*)::int AS n FROM es_events`)).toEqual([{ n: 1 }]);
    } finally {
      await app.query(`RESET app.tenant_id`);
    }
    expect(await app.query(`SELECT count(*)::int AS n FROM es_events`)).toEqual([{ n: 0 }]);
  });

  it('refuses rows written for another tenant than the transaction’s', async () => {
    await expect(
      withTenant(app, 'lausd', (m) => m.query(`INSERT INTO es_projection_streams (projection, tenant_id, stream_id, version) VALUES ('x', 'leics', 'note-leics:1', 0)`)),
    ).rejects.toThrow(/row-level security/);
  });

  it('gives the application role no way around it: it owns no table and cannot bypass or disable RLS', async () => {
    const [{ rolbypassrls, rolsuper }] = await app.query(`SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user`);
    expect({ rolbypassrls, rolsuper }).toEqual({ rolbypassrls: false, rolsuper: false });
    expect(await app.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`)).toEqual([{ n: 0 }]);
    await expect(app.query(`ALTER TABLE es_events DISABLE ROW LEVEL SECURITY`)).rejects.toThrow(/owner/);
    await expect(app.query(`SET row_security = off; SELECT count(*) FROM es_events`)).rejects.toThrow(/row-level security/);
  });

  it('lets only the relay read every tenant’s outbox and mark it published', async () => {
    expect(await app.query(`SELECT count(*)::int AS n FROM es_outbox`)).toEqual([{ n: 0 }]);
    const outbox = new PostgresOutbox(app);
    const pending = await outbox.pending(10);
    expect(pending.map((m) => m.tenantId).sort()).toEqual(['lausd', 'leics']);
    await outbox.markPublished(pending.map((m) => m.position));
    expect(await outbox.countPending()).toBe(0);
    await expect(app.query(`UPDATE es_outbox SET published_at = NULL`)).resolves.toEqual([[], 0]);
  });
});
