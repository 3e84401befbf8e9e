import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '@growth/es';
import { PostgresEventStore, type Projection } from '@growth/es-postgres';
import { peopleProjection, reportingLinesProjection } from './person/person.projection';
import { sitesProjection } from './site/site.projection';
import { tenantProjection } from './tenant/tenant.projection';

/** The directory's read models, written inline with its events; in this order: sites before the people at them. */
export const DIRECTORY_PROJECTIONS: readonly Projection<EventEnvelope>[] = [sitesProjection, peopleProjection, reportingLinesProjection, tenantProjection];

/** The directory's event store outside the service (the import CLI): the same inline read models. */
export const directoryEventStore = (dataSource: DataSource): PostgresEventStore => new PostgresEventStore(dataSource, { projections: DIRECTORY_PROJECTIONS });
