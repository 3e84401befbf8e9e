import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable, readStreams } from '@growth/es-postgres';
import type { FrameworkEvent } from '../framework/domain/framework.events';
import { saveFrameworkList } from '../framework/framework-list.projection';
import { loadedFrameworkOf } from '../framework/framework.reader';

/**
 * The frameworks' list read model, a row per framework, written inline from now on and filled here from the
 * frameworks that exist already. The fill runs as the tables' owner with row-level security lifted for this one
 * transaction (it reads every tenant's streams and writes each tenant's rows).
 */
export class FrameworkList1764000000200 implements MigrationInterface {
  name = 'FrameworkList1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE framework_list (
        tenant_id text NOT NULL,
        framework_id uuid NOT NULL,
        name text NOT NULL,
        status text NOT NULL,
        stream_version integer NOT NULL,
        loaded jsonb NOT NULL,
        PRIMARY KEY (tenant_id, framework_id)
      )`);
    // Pages by name, over all frameworks or one status.
    await q.query(`CREATE INDEX framework_list_by_name ON framework_list (tenant_id, name, framework_id)`);
    await q.query(`CREATE INDEX framework_list_by_status ON framework_list (tenant_id, status, name, framework_id)`);

    await q.query(`ALTER TABLE es_events NO FORCE ROW LEVEL SECURITY`);
    const tenants: Array<{ tenant_id: string }> = await q.query(`SELECT DISTINCT tenant_id FROM es_events WHERE stream_id LIKE 'framework-%'`);
    for (const { tenant_id: tenantId } of tenants) {
      const ids: Array<{ stream_id: string }> = await q.query(`SELECT DISTINCT stream_id FROM es_events WHERE tenant_id = $1 AND stream_id LIKE 'framework-%'`, [tenantId]);
      const streams = await readStreams<FrameworkEvent>(q.manager, tenantId, ids.map((r) => r.stream_id));
      const loaded = [...streams].flatMap(([streamId, stream]) => loadedFrameworkOf(streamId.slice(streamId.indexOf(':') + 1), stream.events, stream.currentVersion) ?? []);
      await saveFrameworkList(q.manager, tenantId, loaded);
    }
    await q.query(`ALTER TABLE es_events FORCE ROW LEVEL SECURITY`);
    await isolateTenantTable(q, 'framework_list');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE framework_list`);
  }
}
