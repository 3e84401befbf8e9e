import type { EntityManager } from 'typeorm';
import { toDomainEvent, type EventEnvelope } from '@growth/es';
import type { Projection } from '@growth/es-postgres';
import { rowStateProjection, type RowState } from '../shared/row-state.projection';
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
  // The rows as one JSON document: serialised in one call and parsed in one pass, however many people.
  await manager.query(
    `INSERT INTO directory_people (tenant_id, person_id, staff_number, first_name, last_name, work_email, job_classification, site_id,
       employment_status, start_date, left_on, supervisor_id, supervisor_since, version, updated_at)
     SELECT $1, p."personId", p."staffNumber", p."firstName", p."lastName", p."workEmail", p."jobClassification", p."siteId",
       p."employmentStatus", p."startDate", p."leftOn", p."supervisorId", p."supervisorSince", p.version, $3
     FROM jsonb_to_recordset($2::jsonb) AS p("personId" uuid, "staffNumber" text, "firstName" text, "lastName" text, "workEmail" text,
       "jobClassification" text, "siteId" uuid, "employmentStatus" text, "startDate" date, "leftOn" date, "supervisorId" uuid, "supervisorSince" date, version int)
     ON CONFLICT (tenant_id, person_id) DO UPDATE SET
       staff_number = EXCLUDED.staff_number, first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
       work_email = EXCLUDED.work_email, job_classification = EXCLUDED.job_classification, site_id = EXCLUDED.site_id,
       employment_status = EXCLUDED.employment_status, start_date = EXCLUDED.start_date, left_on = EXCLUDED.left_on,
       supervisor_id = EXCLUDED.supervisor_id, supervisor_since = EXCLUDED.supervisor_since, version = EXCLUDED.version,
       updated_at = EXCLUDED.updated_at`,
    [
      tenantId,
      JSON.stringify(
        people.map(({ state: p, version }) => ({
          personId: p.personId,
          staffNumber: p.staffNumber,
          firstName: p.firstName,
          lastName: p.lastName,
          workEmail: p.workEmail,
          jobClassification: p.jobClassification,
          siteId: p.siteId,
          employmentStatus: p.employmentStatus,
          startDate: p.startDate,
          leftOn: p.leftOn,
          supervisorId: p.supervisorId,
          supervisorSince: p.supervisorSince,
          version,
        })),
      ),
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

/** A row of directory_people as the person's state: the row holds every field of it. */
interface PersonStateRow {
  person_id: string;
  staff_number: string;
  first_name: string;
  last_name: string;
  work_email: string | null;
  job_classification: string;
  site_id: string;
  employment_status: PersonRecord['employmentStatus'];
  start_date: string;
  left_on: string | null;
  supervisor_id: string | null;
  supervisor_since: string | null;
  version: number;
}

const readPeople = async (manager: EntityManager, tenantId: string, ids: readonly string[]): Promise<Map<string, RowState<PersonState>>> => {
  const rows: PersonStateRow[] = await manager.query(
    `SELECT person_id, staff_number, first_name, last_name, work_email, job_classification, site_id, employment_status,
            start_date::text AS start_date, left_on::text AS left_on, supervisor_id, supervisor_since::text AS supervisor_since, version
     FROM directory_people WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])`,
    [tenantId, ids],
  );
  return new Map(
    rows.map((r) => {
      const record: PersonRecord = {
        personId: r.person_id,
        staffNumber: r.staff_number,
        firstName: r.first_name,
        lastName: r.last_name,
        workEmail: r.work_email,
        jobClassification: r.job_classification,
        siteId: r.site_id,
        employmentStatus: r.employment_status,
        startDate: r.start_date,
        leftOn: r.left_on,
        supervisorId: r.supervisor_id,
        supervisorSince: r.supervisor_since,
      };
      return [r.person_id, { state: { status: 'present', ...record }, version: r.version }];
    }),
  );
};

/** directory_people, inline: each person's latest state, folded onto their row and written set-based for every person a transaction changed. */
export const peopleProjection: Projection<EventEnvelope> = rowStateProjection<PersonState, PersonEvent>({
  name: 'directory.people',
  category: PERSON_CATEGORY,
  decider: personDecider,
  readRows: readPeople,
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
