import type { EntityManager } from 'typeorm';
import { Topics, type IntegrationEvent, type FrameworkPublished } from '@growth/contracts';
import type { AsyncProjection } from '@growth/messaging';

const isPublished = (event: IntegrationEvent): event is FrameworkPublished => event.type === 'FrameworkPublished';

const applyOne = async (manager: EntityManager, event: IntegrationEvent): Promise<void> => {
  if (!isPublished(event)) return;
  const { frameworkId, version, publishedAt, framework } = event.data;
  await manager.query(
    `INSERT INTO framework_versions (tenant_id, framework_id, version, name, kind, definition, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, framework_id, version) DO NOTHING`,
    [event.tenantId, frameworkId, version, framework.name, framework.kind, JSON.stringify(framework), publishedAt],
  );
};

/**
 * The reviews service's copy of every published framework version, in full, so a review can rate against the exact
 * version it uses without calling the frameworks service. A published version never changes: the first copy wins
 * and a redelivery or a replay changes nothing.
 */
export const frameworkVersionsProjection: AsyncProjection = {
  name: 'reviews.framework-versions',
  topics: [Topics.frameworkEvents.name],
  async apply(manager: EntityManager, events: readonly IntegrationEvent[]): Promise<void> {
    for (const event of events) await applyOne(manager, event);
  },
};
