import type { EntityManager } from 'typeorm';
import { Topics, type FrameworkIntegrationEvent, type IntegrationEvent, FRAMEWORK_INTEGRATION_EVENT_TYPES } from '@growth/contracts';
import type { AsyncProjection } from '@growth/messaging';

const isFrameworkEvent = (event: IntegrationEvent): event is FrameworkIntegrationEvent =>
  (FRAMEWORK_INTEGRATION_EVENT_TYPES as readonly string[]).includes(event.type);

const applyOne = async (manager: EntityManager, event: IntegrationEvent): Promise<void> => {
  if (!isFrameworkEvent(event)) return; // event types added later are not ours to know yet
  switch (event.type) {
    case 'FrameworkDraftCreated':
      await manager.query(
        `INSERT INTO framework_catalog (tenant_id, framework_id, name, purpose, kind, status, version, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'DRAFT', $6, $7)
         ON CONFLICT (tenant_id, framework_id) DO NOTHING`,
        [event.tenantId, event.data.frameworkId, event.data.name, event.data.purpose, event.data.kind, event.streamVersion, event.occurredAt],
      );
      return;
    case 'FrameworkDraftRenamed':
      await manager.query(
        `UPDATE framework_catalog SET name = $3, version = $4, updated_at = $5
         WHERE tenant_id = $1 AND framework_id = $2 AND version < $4`,
        [event.tenantId, event.data.frameworkId, event.data.name, event.streamVersion, event.occurredAt],
      );
      return;
    case 'FrameworkDraftPurposeChanged':
      await manager.query(
        `UPDATE framework_catalog SET purpose = $3, version = $4, updated_at = $5
         WHERE tenant_id = $1 AND framework_id = $2 AND version < $4`,
        [event.tenantId, event.data.frameworkId, event.data.purpose, event.streamVersion, event.occurredAt],
      );
      return;
    case 'FrameworkDraftContentReplaced':
      await manager.query(
        `UPDATE framework_catalog SET version = $3, updated_at = $4 WHERE tenant_id = $1 AND framework_id = $2 AND version < $3`,
        [event.tenantId, event.data.frameworkId, event.streamVersion, event.occurredAt],
      );
      return;
    case 'FrameworkPublished': {
      const { framework } = event.data;
      await manager.query(
        `UPDATE framework_catalog SET name = $3, purpose = $4, kind = $5, status = 'PUBLISHED', latest_published_version = $6, version = $7, updated_at = $8
         WHERE tenant_id = $1 AND framework_id = $2 AND version < $7`,
        [event.tenantId, event.data.frameworkId, framework.name, framework.purpose, framework.kind, event.data.version, event.streamVersion, event.occurredAt],
      );
      return;
    }
    case 'FrameworkDraftVersionStarted':
      await manager.query(
        `UPDATE framework_catalog SET status = 'DRAFT', version = $3, updated_at = $4 WHERE tenant_id = $1 AND framework_id = $2 AND version < $3`,
        [event.tenantId, event.data.frameworkId, event.streamVersion, event.occurredAt],
      );
      return;
    case 'FrameworkRetired':
      await manager.query(
        `UPDATE framework_catalog SET status = 'RETIRED', version = $3, updated_at = $4 WHERE tenant_id = $1 AND framework_id = $2 AND version < $3`,
        [event.tenantId, event.data.frameworkId, event.streamVersion, event.occurredAt],
      );
      return;
  }
};

/**
 * The reviews service's copy of each tenant's frameworks, so reviews can name and check the framework they use
 * without calling the frameworks service. A row only moves forward: an older stream version never overwrites a newer.
 * `status` is DRAFT while a version is open for edits (even if earlier versions are published), PUBLISHED when the
 * latest version is published, RETIRED at the end; `latest_published_version` is the newest published version number.
 */
export const frameworkCatalogProjection: AsyncProjection = {
  name: 'reviews.framework-catalog',
  topics: [Topics.frameworkEvents.name],
  async apply(manager: EntityManager, events: readonly IntegrationEvent[]): Promise<void> {
    for (const event of events) await applyOne(manager, event);
  },
};
