import type { EntityManager } from 'typeorm';
import { Topics, type DirectoryIntegrationEvent, type FrameworkIntegrationEvent, type IntegrationEvent, type ReviewIntegrationEvent } from '@growth/contracts';
import type { AsyncProjection } from '@growth/messaging';

type Copied = DirectoryIntegrationEvent | ReviewIntegrationEvent | FrameworkIntegrationEvent;

const copy = async (manager: EntityManager, event: Copied): Promise<void> => {
  const t = event.tenantId;
  switch (event.type) {
    case 'PersonJoined':
      await manager.query(`INSERT INTO goal_people (tenant_id, person_id, site_id, employment_status) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [t, event.data.personId, event.data.siteId, event.data.employmentStatus]);
      return;
    case 'PersonMovedSite':
      await manager.query(`UPDATE goal_people SET site_id = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, event.data.toSiteId]);
      return;
    case 'PersonEmploymentStatusChanged':
      await manager.query(`UPDATE goal_people SET employment_status = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, event.data.to]);
      return;
    case 'PersonLeft':
      await manager.query(`UPDATE goal_people SET employment_status = 'LEFT', supervisor_id = NULL WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId]);
      return;
    case 'PersonRejoined':
      await manager.query(`UPDATE goal_people SET employment_status = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, event.data.employmentStatus]);
      return;
    case 'SupervisorAssigned':
    case 'SupervisorChanged': {
      const to = event.type === 'SupervisorAssigned' ? event.data.supervisorId : event.data.toSupervisorId;
      await manager.query(`UPDATE goal_people SET supervisor_id = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, to]);
      return;
    }
    case 'SupervisorUnassigned':
      await manager.query(`UPDATE goal_people SET supervisor_id = NULL WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId]);
      return;
    case 'SiteOpened':
      await manager.query(`INSERT INTO goal_sites (tenant_id, site_id, parent_site_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [t, event.data.siteId, event.data.parentSiteId]);
      return;
    case 'SiteMoved':
      await manager.query(`UPDATE goal_sites SET parent_site_id = $3 WHERE tenant_id = $1 AND site_id = $2`, [t, event.data.siteId, event.data.toParentSiteId]);
      return;
    case 'CycleOpened':
      await manager.query(`INSERT INTO goal_cycles (tenant_id, cycle_id, starts_on, ends_on, time_zone) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
        t,
        event.data.cycleId,
        event.data.startsOn,
        event.data.endsOn,
        event.data.timeZone,
      ]);
      return;
    case 'CycleClosed':
      await manager.query(`UPDATE goal_cycles SET closed = true WHERE tenant_id = $1 AND cycle_id = $2`, [t, event.data.cycleId]);
      return;
    case 'ReviewStarted':
      // The framework a person's review uses in a cycle: development goals link to its competencies.
      await manager.query(
        `INSERT INTO goal_review_frameworks (tenant_id, review_id, cycle_id, person_id, framework_id, framework_version) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [t, event.data.reviewId, event.data.cycleId, event.data.personId, event.data.framework.frameworkId, event.data.framework.version],
      );
      return;
    case 'ReviewProcessChanged':
      await manager.query(`UPDATE goal_review_frameworks SET framework_id = $3, framework_version = $4 WHERE tenant_id = $1 AND review_id = $2`, [
        t,
        event.data.reviewId,
        event.data.framework.frameworkId,
        event.data.framework.version,
      ]);
      return;
    case 'FrameworkPublished': {
      const ids = event.data.framework.clusters.flatMap((c) => c.competencies.map((k) => k.id));
      await manager.query(`INSERT INTO goal_framework_competencies (tenant_id, framework_id, version, competency_ids) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
        t,
        event.data.frameworkId,
        event.data.version,
        ids,
      ]);
      return;
    }
    default:
      return; // events of these topics the goals service has no use for
  }
};

/** What goals need of other services: people and reporting lines, the site tree, cycles, each review's framework, its competencies. */
export const goalsCopiesProjection: AsyncProjection = {
  name: 'goals.copies',
  topics: [Topics.directoryPersonEvents.name, Topics.directorySiteEvents.name, Topics.reviewCycleEvents.name, Topics.reviewEvents.name, Topics.frameworkEvents.name],
  async apply(manager: EntityManager, events: readonly IntegrationEvent[]): Promise<void> {
    for (const event of events) await copy(manager, event as Copied);
  },
};
