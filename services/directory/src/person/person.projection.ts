import type { EntityManager } from 'typeorm';
import { toDomainEvent, type EventEnvelope } from '@growth/es';
import { latestStateProjection, type Projection } from '@growth/es-postgres';
import { personDecider, type PersonRecord, type PersonState } from './domain/person.decider';
import type { PersonEvent } from './domain/person.events';
import { PERSON_CATEGORY } from './person.stream';

export interface PersonSnapshot {
  readonly state: PersonRecord;
  readonly version: number;
}

/**
 * directory_people mirrors each person's state after their latest event: written from the folded state (one
 * statement for a whole import batch) rather than event by event.
 */
export const savePeople = async (manager: EntityManager, tenantId: string, people: readonly PersonSnapshot[], at: Date): Promise<void> => {
  if (people.length === 0) return;
  const column = <T>(pick: (p: PersonRecord) => T) => people.map((p) => pick(p.state));
  await manager.query(
    `INSERT INTO directory_people (tenant_id, person_id, staff_number, first_name, last_name, work_email, job_classification, site_id,
       employment_status, start_date, left_on, supervisor_id, supervisor_since, version, updated_at)
     SELECT $1, p.person_id, p.staff_number, p.first_name, p.last_name, p.work_email, p.job_classification, p.site_id,
       p.employment_status, p.start_date, p.left_on, p.supervisor_id, p.supervisor_since, p.version, $15
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::date[], $11::date[],
       $12::uuid[], $13::date[], $14::int[])
       AS p(person_id, staff_number, first_name, last_name, work_email, job_classification, site_id, employment_status, start_date, left_on,
         supervisor_id, supervisor_since, version)
     ON CONFLICT (tenant_id, person_id) DO UPDATE SET
       staff_number = EXCLUDED.staff_number, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
       work_email = EXCLUDED.work_email, job_classification = EXCLUDED.job_classification, site_id = EXCLUDED.site_id,
       employment_status = EXCLUDED.employment_status, start_date = EXCLUDED.start_date, left_on = EXCLUDED.left_on,
       supervisor_id = EXCLUDED.supervisor_id, supervisor_since = EXCLUDED.supervisor_since, version = EXCLUDED.version,
       updated_at = EXCLUDED.updated_at`,
    [
      tenantId,
      column((p) => p.personId),
      column((p) => p.staffNumber),
      column((p) => p.firstName),
      column((p) => p.lastName),
      column((p) => p.workEmail),
      column((p) => p.jobClassification),
      column((p) => p.siteId),
      column((p) => p.employmentStatus),
      column((p) => p.startDate),
      column((p) => p.leftOn),
      column((p) => p.supervisorId),
      column((p) => p.supervisorSince),
      people.map((p) => p.version),
      at,
    ],
  );
};

interface Period {
  personId: string;
  startedVersion: number;
  supervisorId: string;
  validFrom: string;
  validTo: string | null;
}

/**
 * The dated history of reporting lines, from the reporting-line events in stream order: each event closes the
 * person's open period (if any) and opens the next (if there is a new supervisor). Periods opened and closed within
 * the same batch are written closed; periods opened earlier are closed with one UPDATE.
 */
export const saveReportingLines = async (manager: EntityManager, tenantId: string, envelopes: readonly EventEnvelope<PersonEvent>[]): Promise<void> => {
  const closeEarlier = new Map<string, string>();
  const periods: Period[] = [];
  const openHere = new Map<string, Period>();
  for (const envelope of envelopes) {
    const event = toDomainEvent(envelope);
    if (event.type !== 'SupervisorAssigned' && event.type !== 'SupervisorChanged' && event.type !== 'SupervisorUnassigned') continue;
    const { personId, effectiveFrom } = event.data;
    const open = openHere.get(personId);
    if (open) open.validTo = effectiveFrom;
    else if (event.type !== 'SupervisorAssigned') closeEarlier.set(personId, effectiveFrom);
    openHere.delete(personId);
    const next = event.type === 'SupervisorAssigned' ? event.data.supervisorId : event.type === 'SupervisorChanged' ? event.data.toSupervisorId : null;
    if (next) {
      const period = { personId, startedVersion: envelope.streamVersion, supervisorId: next, validFrom: effectiveFrom, validTo: null };
      periods.push(period);
      openHere.set(personId, period);
    }
  }
  if (closeEarlier.size > 0) {
    await manager.query(
      `UPDATE directory_reporting_lines l SET valid_to = c.valid_to
       FROM unnest($2::uuid[], $3::date[]) AS c(person_id, valid_to)
       WHERE l.tenant_id = $1 AND l.person_id = c.person_id AND l.valid_to IS NULL`,
      [tenantId, [...closeEarlier.keys()], [...closeEarlier.values()]],
    );
  }
  if (periods.length > 0) {
    await manager.query(
      `INSERT INTO directory_reporting_lines (tenant_id, person_id, started_version, supervisor_id, valid_from, valid_to)
       SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::uuid[], $5::date[], $6::date[])`,
      [tenantId, periods.map((p) => p.personId), periods.map((p) => p.startedVersion), periods.map((p) => p.supervisorId), periods.map((p) => p.validFrom), periods.map((p) => p.validTo)],
    );
  }
};

/** directory_people, inline: each person's latest state, written set-based for every person a transaction changed. */
export const peopleProjection: Projection<EventEnvelope> = latestStateProjection<PersonState, PersonEvent>({
  name: 'directory.people',
  category: PERSON_CATEGORY,
  decider: personDecider,
  save: (manager, tenantId, states, at) =>
    savePeople(manager, tenantId, states.flatMap(({ state, version }) => (state.status === 'present' ? [{ state, version }] : [])), at),
});

const isPersonEvent = (event: EventEnvelope): event is EventEnvelope<PersonEvent> => event.streamId.startsWith(`${PERSON_CATEGORY}-`);

/** directory_reporting_lines, inline: the dated periods, from the reporting-line events in stream order. */
export const reportingLinesProjection: Projection<EventEnvelope> = {
  name: 'directory.reporting-lines',
  async apply(manager, events) {
    const people = events.filter(isPersonEvent);
    if (people.length > 0) await saveReportingLines(manager, people[0].tenantId, people);
  },
};
