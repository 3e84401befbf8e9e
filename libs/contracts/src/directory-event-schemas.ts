/*
 * The JSON Schema of each directory event's data, as docs/asyncapi.yaml must document them (contracts.spec.ts
 * compares the two, ignoring `description`s and `$ref` sharing), each checked at compile time against its
 * TypeScript type (directory-events.ts).
 */
import { date, eventDataSchemas, schemaOf, uuid } from './event-schemas';
import type { DirectoryCycleCalendar, DirectoryMonthDay, PersonStreamEvent, SiteStreamEvent, TenantStreamEvent } from './directory-events';

const employedStatus = { type: 'string', enum: ['ACTIVE', 'ON_LEAVE'] } as const;
const personName = { type: 'string', minLength: 1, maxLength: 100 } as const;
const jobClassification = { type: 'string', minLength: 1, maxLength: 100 } as const;
const workEmail = { type: ['string', 'null'], format: 'email', maxLength: 254 } as const;
const staffNumber = { type: 'string', minLength: 1, maxLength: 32 } as const;
const siteCode = { type: 'string', minLength: 1, maxLength: 32 } as const;
const siteKind = { enum: ['SCHOOL', 'DEPARTMENT', 'SERVICE', null] } as const;
const siteName = { type: 'string', minLength: 1, maxLength: 200 } as const;
const parentSiteId = { type: ['string', 'null'], format: 'uuid' } as const;
const tenantName = { type: 'string', minLength: 1, maxLength: 200 } as const;
const text = { type: 'string', minLength: 1 } as const;

/** `components.schemas.MonthDay`. */
export const MONTH_DAY_SCHEMA = schemaOf<DirectoryMonthDay>()({
  type: 'object',
  required: ['month', 'day'],
  properties: { month: { type: 'integer', minimum: 1, maximum: 12 }, day: { type: 'integer', minimum: 1, maximum: 31 } },
});

/** `components.schemas.CycleCalendar`. */
export const CYCLE_CALENDAR_SCHEMA = schemaOf<DirectoryCycleCalendar>()({
  type: 'object',
  required: ['goalSetting', 'midYearReflection', 'yearEndConference'],
  properties: { goalSetting: MONTH_DAY_SCHEMA, midYearReflection: MONTH_DAY_SCHEMA, yearEndConference: MONTH_DAY_SCHEMA },
});

/** The schema of each person event's data (`directory.person.v1`). */
export const PERSON_EVENT_DATA_SCHEMAS = eventDataSchemas<PersonStreamEvent>()({
  PersonJoined: {
    type: 'object',
    required: ['personId', 'staffNumber', 'firstName', 'lastName', 'workEmail', 'jobClassification', 'siteId', 'employmentStatus', 'startDate'],
    properties: {
      personId: uuid,
      staffNumber,
      firstName: personName,
      lastName: personName,
      workEmail,
      jobClassification,
      siteId: uuid,
      employmentStatus: employedStatus,
      startDate: date,
    },
  },
  PersonDetailsChanged: {
    type: 'object',
    required: ['personId', 'changes'],
    properties: {
      personId: uuid,
      changes: { type: 'object', properties: { firstName: personName, lastName: personName, workEmail, jobClassification, startDate: date } },
    },
  },
  PersonMovedSite: { type: 'object', required: ['personId', 'fromSiteId', 'toSiteId'], properties: { personId: uuid, fromSiteId: uuid, toSiteId: uuid } },
  PersonEmploymentStatusChanged: { type: 'object', required: ['personId', 'from', 'to'], properties: { personId: uuid, from: employedStatus, to: employedStatus } },
  PersonLeft: { type: 'object', required: ['personId', 'leftOn'], properties: { personId: uuid, leftOn: date } },
  PersonRejoined: { type: 'object', required: ['personId', 'employmentStatus'], properties: { personId: uuid, employmentStatus: employedStatus } },
  SupervisorAssigned: { type: 'object', required: ['personId', 'supervisorId', 'effectiveFrom'], properties: { personId: uuid, supervisorId: uuid, effectiveFrom: date } },
  SupervisorChanged: {
    type: 'object',
    required: ['personId', 'fromSupervisorId', 'toSupervisorId', 'effectiveFrom'],
    properties: { personId: uuid, fromSupervisorId: uuid, toSupervisorId: uuid, effectiveFrom: date },
  },
  SupervisorUnassigned: {
    type: 'object',
    required: ['personId', 'supervisorId', 'effectiveFrom', 'reason'],
    properties: { personId: uuid, supervisorId: uuid, effectiveFrom: date, reason: { type: 'string', enum: ['UNASSIGNED', 'PERSON_LEFT', 'SUPERVISOR_LEFT'] } },
  },
});

/** The schema of each site event's data (`directory.site.v1`). */
export const SITE_EVENT_DATA_SCHEMAS = eventDataSchemas<SiteStreamEvent>()({
  SiteOpened: {
    type: 'object',
    required: ['siteId', 'code', 'name', 'kind', 'parentSiteId'],
    properties: { siteId: uuid, code: siteCode, name: siteName, kind: siteKind, parentSiteId },
  },
  SiteDetailsChanged: {
    type: 'object',
    required: ['siteId', 'changes'],
    properties: {
      siteId: uuid,
      changes: {
        type: 'object',
        properties: {
          name: { type: 'object', required: ['from', 'to'], properties: { from: siteName, to: siteName } },
          kind: { type: 'object', required: ['from', 'to'], properties: { from: siteKind, to: siteKind } },
        },
      },
    },
  },
  SiteMoved: { type: 'object', required: ['siteId', 'fromParentSiteId', 'toParentSiteId'], properties: { siteId: uuid, fromParentSiteId: parentSiteId, toParentSiteId: parentSiteId } },
});

/** The schema of each tenant event's data (`directory.tenant.v1`). */
export const TENANT_EVENT_DATA_SCHEMAS = eventDataSchemas<TenantStreamEvent>()({
  TenantRegistered: {
    type: 'object',
    required: ['tenantId', 'name', 'timeZone', 'locale', 'cycleCalendar'],
    properties: { tenantId: text, name: tenantName, timeZone: text, locale: text, cycleCalendar: CYCLE_CALENDAR_SCHEMA },
  },
  TenantSettingsChanged: {
    type: 'object',
    required: ['tenantId', 'changes'],
    properties: {
      tenantId: text,
      changes: {
        type: 'object',
        properties: {
          name: { type: 'object', required: ['from', 'to'], properties: { from: tenantName, to: tenantName } },
          timeZone: { type: 'object', required: ['from', 'to'], properties: { from: text, to: text } },
          locale: { type: 'object', required: ['from', 'to'], properties: { from: text, to: text } },
        },
      },
    },
  },
  CycleCalendarChanged: { type: 'object', required: ['tenantId', 'from', 'to'], properties: { tenantId: text, from: CYCLE_CALENDAR_SCHEMA, to: CYCLE_CALENDAR_SCHEMA } },
});

/** Every event type published on `directory.person.v1`, in documentation order (complete: one per data schema). */
export const PERSON_INTEGRATION_EVENT_TYPES = Object.keys(PERSON_EVENT_DATA_SCHEMAS) as PersonStreamEvent['type'][];
/** Every event type published on `directory.site.v1`. */
export const SITE_INTEGRATION_EVENT_TYPES = Object.keys(SITE_EVENT_DATA_SCHEMAS) as SiteStreamEvent['type'][];
/** Every event type published on `directory.tenant.v1`. */
export const TENANT_INTEGRATION_EVENT_TYPES = Object.keys(TENANT_EVENT_DATA_SCHEMAS) as TenantStreamEvent['type'][];
