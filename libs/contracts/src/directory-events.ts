import type { IntegrationEvent } from './integration-event';

/*
 * The directory's public events: who works where, in which role and status, and who supervises whom from when.
 * Subscribers (reviews; goals and notifications later) keep their own copy from these and never call back.
 *
 * Personal data is limited to what a subscriber needs to act (see docs/security.md, "Personal data on Kafka"):
 * the staff number (the HRIS key other systems match people by), first and last name (the signed year-end summary
 * names employee and reviewer), the work email (notifications; without one, a person is reached through their
 * supervisor), job classification, site, employment status and the start and leaving dates. Every other reference
 * is an id. A change of details carries the new values only, never what they were.
 */

export type DirectoryEmployedStatus = 'ACTIVE' | 'ON_LEAVE';

/** Why a reporting line ended without a successor. */
export type SupervisorUnassignmentReason = 'UNASSIGNED' | 'PERSON_LEFT' | 'SUPERVISOR_LEFT';

/** Published on `directory.person.v1` (key `person-<tenantId>:<personId>`) when a person is added to the directory. */
export type PersonJoined = IntegrationEvent<
  'PersonJoined',
  {
    readonly personId: string;
    readonly staffNumber: string;
    readonly firstName: string;
    readonly lastName: string;
    /** Lower-case; null when the person has none (they are reached through their supervisor). */
    readonly workEmail: string | null;
    readonly jobClassification: string;
    readonly siteId: string;
    readonly employmentStatus: DirectoryEmployedStatus;
    /** YYYY-MM-DD. */
    readonly startDate: string;
  }
>;

/** The details a change may touch, each with its new value. */
export interface PersonDetailsUpdate {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly workEmail?: string | null;
  readonly jobClassification?: string;
  readonly startDate?: string;
}

/** Published when names, work email, job classification or start date change: only the fields that changed, with their new values. */
export type PersonDetailsChanged = IntegrationEvent<'PersonDetailsChanged', { readonly personId: string; readonly changes: PersonDetailsUpdate }>;

/** Published when a person moves to another site. */
export type PersonMovedSite = IntegrationEvent<'PersonMovedSite', { readonly personId: string; readonly fromSiteId: string; readonly toSiteId: string }>;

/** Published when someone still employed goes on leave or comes back from it. */
export type PersonEmploymentStatusChanged = IntegrationEvent<
  'PersonEmploymentStatusChanged',
  { readonly personId: string; readonly from: DirectoryEmployedStatus; readonly to: DirectoryEmployedStatus }
>;

/** Published when a person leaves (status LEFT from then on); their own reporting line has ended just before, in the same stream. */
export type PersonLeft = IntegrationEvent<'PersonLeft', { readonly personId: string; readonly leftOn: string }>;

/** Published when someone who had left is employed again, with the status they return with; they report to no one until assigned. */
export type PersonRejoined = IntegrationEvent<'PersonRejoined', { readonly personId: string; readonly employmentStatus: DirectoryEmployedStatus }>;

/*
 * Reporting lines are dated periods: each of these events closes the person's current period (if any) and opens the
 * next (if any) on `effectiveFrom`, so [effectiveFrom of one, effectiveFrom of the next) is whom they reported to.
 */

/** Published when a person without a supervisor gets one from `effectiveFrom` on. */
export type SupervisorAssigned = IntegrationEvent<'SupervisorAssigned', { readonly personId: string; readonly supervisorId: string; readonly effectiveFrom: string }>;

/** Published when a person's supervisor changes from `effectiveFrom` on. */
export type SupervisorChanged = IntegrationEvent<
  'SupervisorChanged',
  { readonly personId: string; readonly fromSupervisorId: string; readonly toSupervisorId: string; readonly effectiveFrom: string }
>;

/** Published when a person reports to no one from `effectiveFrom` on. */
export type SupervisorUnassigned = IntegrationEvent<
  'SupervisorUnassigned',
  { readonly personId: string; readonly supervisorId: string; readonly effectiveFrom: string; readonly reason: SupervisorUnassignmentReason }
>;

/** The public events of person streams (`person-<tenantId>:<personId>`), on `directory.person.v1`. */
export type PersonStreamEvent =
  | PersonJoined
  | PersonDetailsChanged
  | PersonMovedSite
  | PersonEmploymentStatusChanged
  | PersonLeft
  | PersonRejoined
  | SupervisorAssigned
  | SupervisorChanged
  | SupervisorUnassigned;

export type DirectorySiteKind = 'SCHOOL' | 'DEPARTMENT' | 'SERVICE';

/** A field whose value changed, with both values (sites and tenants only: neither holds personal data). */
export interface DirectoryValueChange<T> {
  readonly from: T;
  readonly to: T;
}

/** Published on `directory.site.v1` (key `site-<tenantId>:<siteId>`) when a school, department or service opens; `parentSiteId` null for a root. */
export type SiteOpened = IntegrationEvent<
  'SiteOpened',
  { readonly siteId: string; readonly code: string; readonly name: string; readonly kind: DirectorySiteKind | null; readonly parentSiteId: string | null }
>;

/** Published when a site's name or kind changes (the code, its HRIS key, never does). */
export type SiteDetailsChanged = IntegrationEvent<
  'SiteDetailsChanged',
  { readonly siteId: string; readonly changes: { readonly name?: DirectoryValueChange<string>; readonly kind?: DirectoryValueChange<DirectorySiteKind | null> } }
>;

/** Published when a site moves in the tree (never under itself or a descendant). */
export type SiteMoved = IntegrationEvent<'SiteMoved', { readonly siteId: string; readonly fromParentSiteId: string | null; readonly toParentSiteId: string | null }>;

/** The public events of site streams (`site-<tenantId>:<siteId>`), on `directory.site.v1`. */
export type SiteStreamEvent = SiteOpened | SiteDetailsChanged | SiteMoved;

export interface DirectoryMonthDay {
  readonly month: number;
  readonly day: number;
}

/** The three deadlines of a tenant's annual cycle, as month and day, the same every year until the tenant changes them. */
export interface DirectoryCycleCalendar {
  readonly goalSetting: DirectoryMonthDay;
  readonly midYearReflection: DirectoryMonthDay;
  readonly yearEndConference: DirectoryMonthDay;
}

/** Published on `directory.tenant.v1` (key `tenant-<tenantId>:<tenantId>`) when a tenant is registered. */
export type TenantRegistered = IntegrationEvent<
  'TenantRegistered',
  { readonly tenantId: string; readonly name: string; readonly timeZone: string; readonly locale: string; readonly cycleCalendar: DirectoryCycleCalendar }
>;

/** Published when the tenant's name, IANA time zone or BCP 47 locale changes. */
export type TenantSettingsChanged = IntegrationEvent<
  'TenantSettingsChanged',
  {
    readonly tenantId: string;
    readonly changes: { readonly name?: DirectoryValueChange<string>; readonly timeZone?: DirectoryValueChange<string>; readonly locale?: DirectoryValueChange<string> };
  }
>;

/** Published when the deadlines of the cycle move. */
export type CycleCalendarChanged = IntegrationEvent<'CycleCalendarChanged', { readonly tenantId: string; readonly from: DirectoryCycleCalendar; readonly to: DirectoryCycleCalendar }>;

/** The public events of each tenant's stream (`tenant-<tenantId>:<tenantId>`), on `directory.tenant.v1`. */
export type TenantStreamEvent = TenantRegistered | TenantSettingsChanged | CycleCalendarChanged;

/** Every event the directory publishes, on its three topics. */
export type DirectoryIntegrationEvent = PersonStreamEvent | SiteStreamEvent | TenantStreamEvent;
