import { randomUUID } from 'node:crypto';
import {
  ENVELOPE_SCHEMA,
  integrationHeaders,
  PERSON_EVENT_DATA_SCHEMAS,
  SITE_EVENT_DATA_SCHEMAS,
  TENANT_EVENT_DATA_SCHEMAS,
  schemaViolations,
  Topics,
  type IntegrationEvent,
  type JsonSchema,
} from '@growth/contracts';
import { runCommand, type CommandContext } from '@growth/es';
import { openServiceDataSource, PostgresEventStore } from '@growth/es-postgres';
import type { IncomingMessage, Subscription } from '@growth/messaging';
import { startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { createTestDatabase, eventually } from '@growth/testing';
import { startDirectoryService } from './directory.service';
import { DIRECTORY_MIGRATIONS } from './migrations/1732300000300-directory-read-models';
import { DirectoryIntegrationEvents1765000000100 } from './migrations/1765000000100-directory-integration-events';
import { personAggregate } from './person/person.stream';
import { siteAggregate } from './site/site.stream';
import { tenantAggregate } from './tenant/tenant.stream';
import { importCsv, csvOf, person as csvPerson, sql } from './testing/directory.spec-helper';

/** What each directory topic carries: the contract's data schema of every event type published on it. */
const CONTRACT: Record<string, { topic: string; schemas: Readonly<Record<string, JsonSchema>> }> = {
  person: { topic: Topics.directoryPersonEvents.name, schemas: PERSON_EVENT_DATA_SCHEMAS },
  site: { topic: Topics.directorySiteEvents.name, schemas: SITE_EVENT_DATA_SCHEMAS },
  tenant: { topic: Topics.directoryTenantEvents.name, schemas: TENANT_EVENT_DATA_SCHEMAS },
};
const ALL_TYPES = Object.values(CONTRACT).flatMap(({ schemas }) => Object.keys(schemas));

interface EventRow {
  event_id: string;
  stream_id: string;
  stream_version: number;
  tenant_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  occurred_at: Date;
  correlation_id: string;
  causation_id: string;
  actor_id: string;
}
interface OutboxRow {
  position: string;
  event_id: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: IntegrationEvent & { data: Record<string, unknown> };
}

const EVENTS = `SELECT event_id, stream_id, stream_version, tenant_id, type, schema_version, data, occurred_at, correlation_id, causation_id, actor_id
  FROM es_events WHERE tenant_id = $1 ORDER BY stream_id, stream_version`;
const OUTBOX = `SELECT position, event_id, topic, message_key, headers, payload FROM es_outbox WHERE tenant_id = $1 ORDER BY transaction_id, position`;

const categoryOf = (streamId: string): string => streamId.slice(0, streamId.indexOf('-'));

/**
 * Every stored event has exactly one outbox message: on its category's topic, keyed by its stream, with the
 * integration headers, the envelope of the stored event and data that conforms to the contract with no other field.
 * Each stream's messages are in version order. Returns the messages by event id.
 */
const expectPublishedAsContracted = (events: readonly EventRow[], outbox: readonly OutboxRow[]): Map<string, OutboxRow> => {
  expect(outbox.map((m) => m.event_id).sort()).toEqual(events.map((e) => e.event_id).sort());
  const byEvent = new Map(outbox.map((m) => [m.event_id, m]));
  for (const event of events) {
    const message = byEvent.get(event.event_id) as OutboxRow;
    const contract = CONTRACT[categoryOf(event.stream_id)];
    expect({ type: event.type, topic: message.topic, key: message.message_key }).toEqual({ type: event.type, topic: contract.topic, key: event.stream_id });
    const { data, ...envelope } = message.payload;
    expect(envelope).toEqual({
      eventId: event.event_id,
      type: event.type,
      schemaVersion: event.schema_version,
      streamId: event.stream_id,
      streamVersion: event.stream_version,
      tenantId: event.tenant_id,
      occurredAt: event.occurred_at.toISOString(),
      correlationId: event.correlation_id,
      causationId: event.causation_id,
      actorId: event.actor_id,
    });
    expect(schemaViolations(ENVELOPE_SCHEMA, message.payload)).toEqual([]);
    expect({ type: event.type, violations: schemaViolations(contract.schemas[event.type], data) }).toEqual({ type: event.type, violations: [] });
    expect(message.headers).toEqual(integrationHeaders(message.payload));
  }
  const eventById = new Map(events.map((e) => [e.event_id, e]));
  const inOutboxOrder = outbox.map((m) => eventById.get(m.event_id) as EventRow);
  for (const streamId of new Set(events.map((e) => e.stream_id))) {
    const versions = inOutboxOrder.filter((e) => e.stream_id === streamId).map((e) => e.stream_version);
    expect({ streamId, versions }).toEqual({ streamId, versions: [...versions].sort((a, b) => a - b) });
  }
  return byEvent;
};

describe('the directory publishes its events', () => {
  let fixture: ServiceFixture;
  const tenantId = 'lausd';
  const admin = { actorId: 'admin-1', roles: ['tenant_admin'] };
  const run = async <T = Record<string, unknown>>(query: string, variables: object = {}, identity: object = {}): Promise<T> => {
    const result = await fixture.query<T>(query, variables, identity);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };

  beforeAll(async () => {
    fixture = await startServiceFixture(startDirectoryService);
  });
  afterAll(async () => fixture?.close());

  it('puts every event in the outbox on its topic as the contract says, people with new values only, and the relay delivers them', async () => {
    const delivered: IncomingMessage[] = [];
    const subscription: Subscription = await fixture.transport.subscribe({
      groupId: `directory-subscriber-${randomUUID()}`,
      topics: Object.values(CONTRACT).map((c) => c.topic),
      handleBatch: async (messages) => void delivered.push(...messages),
    });
    try {
      const calendar = { goalSetting: { month: 10, day: 31 }, midYearReflection: { month: 2, day: 15 }, yearEndConference: { month: 8, day: 1 } };
      await run('mutation { registerTenant(input: { name: "Los Angeles Unified", timeZone: "America/Los_Angeles", locale: "en-US" }) { version } }', {}, admin);
      await run('mutation { changeTenantSettings(input: { name: "LAUSD", expectedVersion: 0 }) { version } }', {}, admin);
      await run('mutation($c: CycleCalendarInput!) { changeCycleCalendar(input: { cycleCalendar: $c, expectedVersion: 1 }) { version } }', { c: calendar }, admin);

      const OPEN = 'mutation($input: OpenSiteInput!) { openSite(input: $input) { siteId } }';
      const district = (await run<{ openSite: { siteId: string } }>(OPEN, { input: { code: 'D1', name: 'District Office', kind: 'DEPARTMENT' } })).openSite.siteId;
      const school = (await run<{ openSite: { siteId: string } }>(OPEN, { input: { code: 'S1', name: 'Roosevelt High', kind: 'SCHOOL', parentSiteId: district } })).openSite.siteId;
      const annex = (await run<{ openSite: { siteId: string } }>(OPEN, { input: { code: 'S2', name: 'Annex' } })).openSite.siteId;
      await run('mutation($input: ChangeSiteDetailsInput!) { changeSiteDetails(input: $input) { version } }', { input: { siteId: school, name: 'Roosevelt Senior High', expectedVersion: 0 } });
      await run('mutation($input: MoveSiteInput!) { moveSite(input: $input) { version } }', { input: { siteId: annex, parentSiteId: district, expectedVersion: 0 } });

      const ADD = 'mutation($input: AddPersonInput!) { addPerson(input: $input) { personId } }';
      const add = async (staffNumber: string, firstName: string, workEmail: string | null) =>
        (await run<{ addPerson: { personId: string } }>(ADD, { input: { staffNumber, firstName, lastName: 'Lopez', workEmail, jobClassification: 'Custodian', siteId: school, startDate: '2019-08-12' } }))
          .addPerson.personId;
      const boss = await add('E1', 'Bea', 'bea@lausd.net');
      const other = await add('E2', 'Cy', null);
      const ana = await add('E3', 'Ana', 'ana.lopez@lausd.net');
      const assign = (personId: string, supervisorId: string | null, effectiveFrom: string, expectedVersion: number) =>
        run('mutation($input: AssignSupervisorInput!) { assignSupervisor(input: $input) { version } }', { input: { personId, supervisorId, effectiveFrom, expectedVersion } });
      await run('mutation($input: ChangePersonDetailsInput!) { changePersonDetails(input: $input) { version } }', {
        input: { personId: ana, lastName: 'López-Ruiz', workEmail: 'ana.ruiz@lausd.net', expectedVersion: 0 },
      });
      await run('mutation($input: MovePersonToSiteInput!) { movePersonToSite(input: $input) { version } }', { input: { personId: ana, siteId: annex, expectedVersion: 1 } });
      await assign(ana, boss, '2024-01-01', 2);
      await run('mutation($input: ChangeEmploymentStatusInput!) { changeEmploymentStatus(input: $input) { version } }', { input: { personId: ana, employmentStatus: 'ON_LEAVE', expectedVersion: 3 } });
      await assign(ana, other, '2024-06-01', 4);
      await assign(ana, null, '2024-07-01', 5);
      await assign(ana, boss, '2024-08-01', 6);
      // Bea leaves: Ana's line ends (SUPERVISOR_LEFT); then Bea rejoins.
      await run('mutation($input: RecordPersonLeftInput!) { recordPersonLeft(input: $input) { version } }', { input: { personId: boss, leftOn: '2025-01-10', expectedVersion: 0 } });
      await run('mutation($input: ChangeEmploymentStatusInput!) { changeEmploymentStatus(input: $input) { version } }', { input: { personId: boss, employmentStatus: 'ACTIVE', expectedVersion: 1 } });
      // An HRIS import publishes through the same aggregates.
      const report = await importCsv(fixture, csvOf([csvPerson('E9', 'Imo', '', { site_code: 'S9', site_name: 'School Nine', parent_site_code: 'D1' })]));
      expect(report).toMatchObject({ applied: true, created: 1, sitesCreated: 1, errorCount: 0 });

      const events = await sql<EventRow>(fixture, tenantId, EVENTS);
      const outbox = await sql<OutboxRow>(fixture, tenantId, OUTBOX);
      expect([...new Set(events.map((e) => e.type))].sort()).toEqual([...ALL_TYPES].sort());
      const byEvent = expectPublishedAsContracted(events, outbox);

      // Published as stored, except a change of details: new values only; the corrected values travel nowhere.
      for (const event of events.filter((e) => e.type !== 'PersonDetailsChanged')) expect(byEvent.get(event.event_id)?.payload.data).toEqual(event.data);
      const [detailsChanged] = events.filter((e) => e.type === 'PersonDetailsChanged');
      expect(byEvent.get(detailsChanged.event_id)?.payload.data).toEqual({ personId: ana, changes: { lastName: 'López-Ruiz', workEmail: 'ana.ruiz@lausd.net' } });
      const personMessages = outbox.filter((m) => m.topic === Topics.directoryPersonEvents.name).map((m) => JSON.stringify(m.payload));
      expect(personMessages.filter((text) => text.includes('ana.lopez@lausd.net'))).toHaveLength(1); // PersonJoined, when it was the address
      expect(personMessages.filter((text) => text.includes('"from"') && text.includes('López'))).toEqual([]);
      const unassigned = outbox.filter((m) => m.payload.type === 'SupervisorUnassigned').map((m) => m.payload.data.reason);
      expect(unassigned.sort()).toEqual(['SUPERVISOR_LEFT', 'UNASSIGNED']);

      // The relay sends each message as it is in the outbox, each stream's in order, and marks it published.
      await eventually(async () => expect(delivered).toHaveLength(outbox.length));
      for (const message of delivered) {
        const row = outbox.find((m) => m.event_id === message.headers['event-id']) as OutboxRow;
        expect({ topic: message.topic, key: message.key, headers: message.headers, value: JSON.parse(message.value) }).toEqual({
          topic: row.topic,
          key: row.message_key,
          headers: row.headers,
          value: row.payload,
        });
      }
      for (const streamId of new Set(delivered.map((m) => m.key))) {
        const versions = delivered.filter((m) => m.key === streamId).map((m) => (JSON.parse(m.value) as IntegrationEvent).streamVersion);
        expect(versions).toEqual([...versions].sort((a, b) => a - b));
      }
      await eventually(async () => expect(await sql(fixture, tenantId, `SELECT 1 FROM es_outbox WHERE tenant_id = $1 AND published_at IS NULL`)).toEqual([]));
    } finally {
      await subscription.stop();
    }
  });
});

describe('the directory integration events migration', () => {
  const context = (tenantId: string): CommandContext => ({ tenantId, actorId: 'hr-1', correlationId: 'c-1', causationId: 'c-1', now: new Date('2026-10-01T09:00:00Z') });
  // The aggregates as they were before the directory published: events are stored, nothing enters the outbox.
  const unpublished = <A extends { publish?: unknown }>(aggregate: A): A => ({ ...aggregate, publish: undefined });

  it("enqueues every tenant's stored person, site and tenant events in stream order, as publish would have, once", async () => {
    const db = await createTestDatabase('dir_backfill');
    try {
      const before = await openServiceDataSource({ url: db.url, migrations: DIRECTORY_MIGRATIONS });
      const store = new PostgresEventStore(before);
      const people: Record<string, string[]> = {};
      for (const tenantId of ['lausd', 'leics']) {
        const siteId = randomUUID();
        const ids = [randomUUID(), randomUUID()];
        people[tenantId] = ids;
        await runCommand(store, context(tenantId), async (unit) => {
          await unit.decide(unpublished(tenantAggregate), tenantId, { type: 'RegisterTenant', tenantId, name: `${tenantId} council`, timeZone: 'Europe/London', locale: 'en-GB' });
          await unit.decide(unpublished(siteAggregate), siteId, { type: 'OpenSite', siteId, code: 'S1', name: 'School One', kind: 'SCHOOL', parentSiteId: null, facts: { parentKnown: true, parentAncestry: [], codeUsedBy: null } });
          for (const [i, personId] of ids.entries()) {
            await unit.decide(unpublished(personAggregate), personId, {
              type: 'AddPerson',
              personId,
              staffNumber: `E${i}`,
              firstName: `Person${i}`,
              lastName: 'Smith',
              workEmail: `p${i}@example.org`,
              jobClassification: 'Cleaner',
              siteId,
              startDate: '2020-01-06',
              employmentStatus: 'ACTIVE',
              facts: { siteKnown: true, staffNumberUsedBy: null },
            });
          }
        });
        await runCommand(store, context(tenantId), (unit) =>
          unit.decide(unpublished(personAggregate), ids[1], [
            { type: 'ChangePersonDetails', personId: ids[1], lastName: 'Jones' },
            { type: 'AssignSupervisor', personId: ids[1], supervisorId: ids[0], effectiveFrom: '2026-09-01', today: '2026-10-01', facts: { supervisorStatus: 'ACTIVE', supervisorAncestry: [] } },
          ]),
        );
      }
      // One event written by the new code before the migration ran (an import from the command line): its pending
      // message is taken back and enqueued again in its stream's order.
      await runCommand(store, context('lausd'), (unit) =>
        unit.decide(personAggregate, people.lausd[0], { type: 'ChangeEmploymentStatus', personId: people.lausd[0], employmentStatus: 'ON_LEAVE' }),
      );
      expect(await before.query(`SELECT count(*)::int AS n FROM es_outbox`)).toEqual([{ n: 1 }]);
      await before.destroy();

      const after = await openServiceDataSource({ url: db.url, migrations: [...DIRECTORY_MIGRATIONS, DirectoryIntegrationEvents1765000000100] });
      try {
        const events: EventRow[] = await after.query(EVENTS.replace('WHERE tenant_id = $1', ''));
        const outbox: OutboxRow[] = await after.query(OUTBOX.replace('WHERE tenant_id = $1', ''));
        expect(events).toHaveLength(2 * 6 + 1);
        const byEvent = expectPublishedAsContracted(events, outbox);
        // Exactly what the aggregates' publish makes of each event, the change of details with its new values only.
        for (const event of events.filter((e) => e.type === 'PersonDetailsChanged')) {
          expect(byEvent.get(event.event_id)?.payload.data).toEqual({ personId: event.data.personId, changes: { lastName: 'Jones' } });
        }
        for (const event of events.filter((e) => e.type !== 'PersonDetailsChanged')) expect(byEvent.get(event.event_id)?.payload.data).toEqual(event.data);
        // Each message carries its own tenant, and the migration leaves row-level security forced.
        for (const message of outbox) expect(message.headers['tenant-id']).toBe(message.payload.tenantId);
        const forced: Array<{ relname: string; forced: boolean }> = await after.query(
          `SELECT relname, relforcerowsecurity AS forced FROM pg_class WHERE relname IN ('es_events', 'es_outbox') ORDER BY relname`,
        );
        expect(forced).toEqual([
          { relname: 'es_events', forced: true },
          { relname: 'es_outbox', forced: true },
        ]);
      } finally {
        await after.destroy();
      }
      // Run again once the relay has sent one tenant's messages: nothing is enqueued twice, nothing sent is touched.
      const again = await openServiceDataSource({ url: db.url, migrations: DIRECTORY_MIGRATIONS });
      const runner = again.createQueryRunner();
      try {
        await again.query(`UPDATE es_outbox SET published_at = now() WHERE tenant_id = 'lausd'`);
        await new DirectoryIntegrationEvents1765000000100().up(runner);
        expect(await again.query(`SELECT tenant_id, count(*)::int AS n, count(DISTINCT event_id)::int AS events, count(published_at)::int AS sent FROM es_outbox GROUP BY tenant_id ORDER BY tenant_id`)).toEqual([
          { tenant_id: 'lausd', n: 7, events: 7, sent: 7 },
          { tenant_id: 'leics', n: 6, events: 6, sent: 0 },
        ]);
      } finally {
        await runner.release();
        await again.destroy();
      }
    } finally {
      await db.drop();
    }
  });
});
