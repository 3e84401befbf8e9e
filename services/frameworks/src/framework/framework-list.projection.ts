import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@growth/es';
import { readStreams, type Projection } from '@growth/es-postgres';
import type { FrameworkEvent } from './domain/framework.events';
import { loadedFrameworkOf, type LoadedFramework } from './framework.reader';
import { statusOf } from './framework.view';

const FRAMEWORK_STREAM = /^framework-[^:]+:(.+)$/;

/** Writes the list rows of these frameworks (one per framework: its name, status and the whole loaded view). */
export const saveFrameworkList = async (manager: EntityManager, tenantId: string, frameworks: readonly LoadedFramework[]): Promise<void> => {
  if (frameworks.length === 0) return;
  await manager.query(
    `INSERT INTO framework_list (tenant_id, framework_id, name, status, stream_version, loaded)
     SELECT $1, f.framework_id, f.name, f.status, f.stream_version, f.loaded
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::jsonb[]) AS f(framework_id, name, status, stream_version, loaded)
     ON CONFLICT (tenant_id, framework_id) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status,
       stream_version = EXCLUDED.stream_version, loaded = EXCLUDED.loaded`,
    [
      tenantId,
      frameworks.map((f) => f.frameworkId),
      frameworks.map((f) => f.state.name),
      frameworks.map(statusOf),
      frameworks.map((f) => f.streamVersion),
      frameworks.map((f) => JSON.stringify(f)),
    ],
  );
};

/**
 * `framework_list`, inline: each framework the transaction changed, folded from its stream as the transaction sees
 * it, so lists read one row per framework instead of folding every stream of the tenant.
 */
export const frameworkListProjection: Projection<EventEnvelope> = {
  name: 'frameworks.framework-list',
  async apply(manager, events) {
    const ids = [...new Set(events.flatMap((e) => (FRAMEWORK_STREAM.test(e.streamId) ? [e.streamId] : [])))];
    if (ids.length === 0) return;
    const tenantId = events[0].tenantId;
    const streams = await readStreams<FrameworkEvent>(manager, tenantId, ids);
    const loaded = [...streams].flatMap(([streamId, stream]) => loadedFrameworkOf(FRAMEWORK_STREAM.exec(streamId)![1], stream.events, stream.currentVersion) ?? []);
    await saveFrameworkList(manager, tenantId, loaded);
  },
};
