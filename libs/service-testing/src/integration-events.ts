import { randomUUID } from 'node:crypto';
import { Topics, integrationHeaders, type CycleOpened, type DirectoryIntegrationEvent, type GoalStreamEvent, type IntegrationEvent, type PersonJoined } from '@growth/contracts';
import type { OutgoingMessage } from '@growth/messaging';

const TOPIC_OF: Record<string, string> = { person: Topics.directoryPersonEvents.name, site: Topics.directorySiteEvents.name, tenant: Topics.directoryTenantEvents.name };

/**
 * Directory events as the directory would publish them, numbering each stream's versions, for the specs of services
 * that keep a copy of the directory: `directory.person('p-1', 'PersonJoined', {...})`.
 */
export const directoryEvents = (tenantId: string) => {
  const versions = new Map<string, number>();
  const event = (category: 'person' | 'site' | 'tenant', id: string, type: string, data: object): OutgoingMessage => {
    const streamId = `${category}-${tenantId}:${id}`;
    const streamVersion = (versions.get(streamId) ?? -1) + 1;
    versions.set(streamId, streamVersion);
    const e = { eventId: randomUUID(), type, schemaVersion: 1, streamId, streamVersion, tenantId, occurredAt: new Date().toISOString(), correlationId: 'corr', causationId: 'cmd', actorId: 'hr-1', data } as DirectoryIntegrationEvent;
    return { topic: TOPIC_OF[category], key: streamId, headers: integrationHeaders(e), value: JSON.stringify(e) };
  };
  return {
    person: <T extends DirectoryIntegrationEvent['type']>(id: string, type: T, data: Extract<DirectoryIntegrationEvent, { type: T }>['data']) => event('person', id, type, data),
    site: <T extends DirectoryIntegrationEvent['type']>(id: string, type: T, data: Extract<DirectoryIntegrationEvent, { type: T }>['data']) => event('site', id, type, data),
    tenant: <T extends DirectoryIntegrationEvent['type']>(type: T, data: Extract<DirectoryIntegrationEvent, { type: T }>['data']) => event('tenant', tenantId, type, data),
  };
};

/** A goal's events as the goals service would publish them on goals.goal.v1. */
export const goalEvents = (tenantId: string, goalId: string) => {
  let version = -1;
  return <T extends GoalStreamEvent['type']>(type: T, data: Extract<GoalStreamEvent, { type: T }>['data']): OutgoingMessage => {
    version += 1;
    const streamId = `goal-${tenantId}:${goalId}`;
    const e = { eventId: randomUUID(), type, schemaVersion: 1, streamId, streamVersion: version, tenantId, occurredAt: new Date().toISOString(), correlationId: 'corr', causationId: 'cmd', actorId: 'p', data } as GoalStreamEvent;
    return { topic: Topics.goalEvents.name, key: streamId, headers: integrationHeaders(e), value: JSON.stringify(e) };
  };
};

/** Any public event of a stream as its owner would publish it, numbering the stream's versions from 0. */
export const streamEvents = <E extends IntegrationEvent>(tenantId: string, topic: string, streamId: string) => {
  let version = -1;
  return <T extends E['type']>(type: T, data: Extract<E, { type: T }>['data']): OutgoingMessage => {
    version += 1;
    const e = { eventId: randomUUID(), type, schemaVersion: 1, streamId, streamVersion: version, tenantId, occurredAt: new Date().toISOString(), correlationId: 'corr', causationId: 'cmd', actorId: 'system', data } as IntegrationEvent;
    return { topic, key: streamId, headers: integrationHeaders(e), value: JSON.stringify(e) };
  };
};

/**
 * A PersonJoined for `id` on the directory's stream, active since 2020 with no work email unless `fields` says
 * otherwise; only the site has no sensible default.
 */
export const personJoined = (directory: ReturnType<typeof directoryEvents>, id: string, fields: Pick<PersonJoined['data'], 'siteId'> & Partial<PersonJoined['data']>): OutgoingMessage =>
  directory.person(id, 'PersonJoined', {
    personId: id,
    staffNumber: id.slice(0, 8),
    firstName: 'F',
    lastName: 'L',
    workEmail: null,
    jobClassification: 'Custodian',
    employmentStatus: 'ACTIVE',
    startDate: '2020-01-01',
    ...fields,
  });

/** A CycleOpened as the reviews service publishes it: the 2026-27 cycle in Los Angeles on a fresh framework unless `fields` says otherwise. */
export const cycleOpened = (tenantId: string, cycleId: string, fields: Partial<CycleOpened['data']> = {}): OutgoingMessage =>
  streamEvents<CycleOpened>(tenantId, Topics.reviewCycleEvents.name, `cycle-${tenantId}:${cycleId}`)('CycleOpened', {
    cycleId,
    name: '2026-27',
    startsOn: '2026-08-02',
    endsOn: '2027-08-01',
    timeZone: 'America/Los_Angeles',
    deadlines: { goalSetting: '2026-10-15', midYearReflection: '2027-02-15', yearEndConference: '2027-08-01' },
    framework: { frameworkId: randomUUID(), version: 1 },
    leadershipFramework: null,
    ...fields,
  });
