import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Topics } from '@growth/contracts';
import type { EventEnvelope, OutboxMessage } from '@growth/es';
import { envelopeOfRow, EVENT_COLUMNS, insertOutbox, runsByTenant, type EventRow } from '@growth/es-postgres';
import { PERSON_CATEGORY, publishPersonEvent } from '../person/person.stream';
import type { PersonEvent } from '../person/domain/person.events';
import { SITE_CATEGORY, publishSiteEvent } from '../site/site.stream';
import type { SiteEvent } from '../site/domain/site.events';
import { TENANT_CATEGORY, publishTenantEvent } from '../tenant/tenant.stream';
import type { TenantEvent } from '../tenant/domain/tenant.events';

const PUBLISHERS: Readonly<Record<string, (envelope: EventEnvelope) => readonly OutboxMessage[]>> = {
  [PERSON_CATEGORY]: (envelope) => publishPersonEvent(envelope as EventEnvelope<PersonEvent>),
  [SITE_CATEGORY]: (envelope) => publishSiteEvent(envelope as EventEnvelope<SiteEvent>),
  [TENANT_CATEGORY]: (envelope) => publishTenantEvent(envelope as EventEnvelope<TenantEvent>),
};
const TOPICS = [Topics.directoryPersonEvents.name, Topics.directorySiteEvents.name, Topics.directoryTenantEvents.name];
const BATCH = 2000;

/**
 * The directory publishes from now on; this puts what it stored before into the outbox, so subscribers get every
 * person, site and tenant from its first event. Each stored event becomes the messages its aggregate's `publish`
 * makes (same event id, topic, key, headers and payload), inserted stream by stream in version order: the relay
 * sends one transaction's rows in insert order, so each stream's events leave in sequence.
 *
 * Runs as the tables' owner with row-level security lifted for this one transaction (it reads and writes every
 * tenant's rows). Only new code writes directory messages, and no relay publishes them before this has run, so any
 * found are pending rows of events written in between (an HRIS import run from the command line before the service
 * was started): they are taken back and enqueued again in stream order with the rest, never sent twice.
 */
export class DirectoryIntegrationEvents1765000000100 implements MigrationInterface {
  name = 'DirectoryIntegrationEvents1765000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE es_events NO FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE es_outbox NO FORCE ROW LEVEL SECURITY`);
    await q.query(`DELETE FROM es_outbox WHERE published_at IS NULL AND topic = ANY($1::text[])`, [TOPICS]);
    const categories = Object.keys(PUBLISHERS).map((category) => `${category}-%`);
    let after: [string, number] = ['', -1];
    for (;;) {
      // Keyset pages in (stream_id, stream_version) order: the store's unique index, so each page is one range scan.
      const rows: EventRow[] = await q.query(
        `SELECT ${EVENT_COLUMNS}
         FROM es_events e
         WHERE (e.stream_id, e.stream_version) > ($1, $2) AND e.stream_id LIKE ANY($3::text[])
           AND NOT EXISTS (SELECT 1 FROM es_outbox o WHERE o.event_id = e.event_id)
         ORDER BY e.stream_id, e.stream_version
         LIMIT ${BATCH}`,
        [after[0], after[1], categories],
      );
      if (rows.length === 0) break;
      for (const run of runsByTenant(rows.map(envelopeOfRow))) {
        const messages = run.flatMap((envelope) => PUBLISHERS[envelope.streamId.slice(0, envelope.streamId.indexOf('-'))](envelope));
        await insertOutbox(q.manager, run[0].tenantId, messages);
      }
      const last = rows[rows.length - 1];
      after = [last.stream_id, last.stream_version];
    }
    await q.query(`ALTER TABLE es_outbox FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE es_events FORCE ROW LEVEL SECURITY`);
  }

  /** Messages handed to the outbox may already be on Kafka: there is nothing to take back. */
  async down(): Promise<void> {}
}
