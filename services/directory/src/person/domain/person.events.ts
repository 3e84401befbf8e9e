import type { DomainEvent } from '@growth/es';
import type { Change } from '../../shared/domain/validation';

export const EMPLOYMENT_STATUSES = ['ACTIVE', 'ON_LEAVE', 'LEFT'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];
/** The statuses of someone still employed; leaving and rejoining are events of their own. */
export type EmployedStatus = Exclude<EmploymentStatus, 'LEFT'>;

/** What HR records about a person besides their key (staff number), site, status and reporting line. */
export interface PersonDetails {
  readonly firstName: string;
  readonly lastName: string;
  readonly workEmail: string | null;
  readonly jobClassification: string;
  readonly startDate: string;
}

export type UnassignmentReason = 'UNASSIGNED' | 'PERSON_LEFT' | 'SUPERVISOR_LEFT';

export type PersonJoined = DomainEvent<'PersonJoined', { personId: string; staffNumber: string; siteId: string; employmentStatus: EmployedStatus } & PersonDetails>;
export type PersonDetailsChanged = DomainEvent<'PersonDetailsChanged', { personId: string; changes: { [K in keyof PersonDetails]?: Change<PersonDetails[K]> } }>;
export type PersonMovedSite = DomainEvent<'PersonMovedSite', { personId: string; fromSiteId: string; toSiteId: string }>;
export type PersonEmploymentStatusChanged = DomainEvent<'PersonEmploymentStatusChanged', { personId: string; from: EmployedStatus; to: EmployedStatus }>;
export type PersonLeft = DomainEvent<'PersonLeft', { personId: string; leftOn: string }>;
export type PersonRejoined = DomainEvent<'PersonRejoined', { personId: string; employmentStatus: EmployedStatus }>;
/** Reporting lines are effective-dated: each event opens (and/or closes) a period starting on `effectiveFrom`. */
export type SupervisorAssigned = DomainEvent<'SupervisorAssigned', { personId: string; supervisorId: string; effectiveFrom: string }>;
export type SupervisorChanged = DomainEvent<'SupervisorChanged', { personId: string; fromSupervisorId: string; toSupervisorId: string; effectiveFrom: string }>;
export type SupervisorUnassigned = DomainEvent<'SupervisorUnassigned', { personId: string; supervisorId: string; effectiveFrom: string; reason: UnassignmentReason }>;

export type ReportingLineEvent = SupervisorAssigned | SupervisorChanged | SupervisorUnassigned;
export type PersonEvent = PersonJoined | PersonDetailsChanged | PersonMovedSite | PersonEmploymentStatusChanged | PersonLeft | PersonRejoined | ReportingLineEvent;

export const isReportingLineEvent = (event: PersonEvent): event is ReportingLineEvent =>
  event.type === 'SupervisorAssigned' || event.type === 'SupervisorChanged' || event.type === 'SupervisorUnassigned';
