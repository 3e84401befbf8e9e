import type { EmployedStatus, EmploymentStatus, PersonDetails } from './person.events';

/** Looked up by the handler (the decider does no I/O). */
export interface PlacementFacts {
  readonly siteKnown: boolean;
  /** The person who already has the staff number, if any. */
  readonly staffNumberUsedBy: string | null;
}

export interface SupervisorFacts {
  /** The proposed supervisor's status; null when there is no such person. */
  readonly supervisorStatus: EmploymentStatus | null;
  /** The proposed supervisor's own supervisor, theirs, ... up to the top: the current reporting chain above them. */
  readonly supervisorAncestry: readonly string[];
}

export interface AddPerson extends PersonDetails {
  readonly type: 'AddPerson';
  readonly personId: string;
  readonly staffNumber: string;
  readonly siteId: string;
  readonly employmentStatus: EmployedStatus;
  readonly facts: PlacementFacts;
}

export interface ChangePersonDetails extends Partial<PersonDetails> {
  readonly type: 'ChangePersonDetails';
  readonly personId: string;
}

export interface MovePersonToSite {
  readonly type: 'MovePersonToSite';
  readonly personId: string;
  readonly siteId: string;
  readonly facts: Pick<PlacementFacts, 'siteKnown'>;
}

export interface ChangeEmploymentStatus {
  readonly type: 'ChangeEmploymentStatus';
  readonly personId: string;
  readonly employmentStatus: EmployedStatus;
}

export interface RecordPersonLeft {
  readonly type: 'RecordPersonLeft';
  readonly personId: string;
  readonly leftOn: string;
  /** The tenant's local date: leaving is recorded when it has happened, not in advance. */
  readonly today: string;
}

/** Assign, change or (with `supervisorId: null`) remove a person's supervisor from a date on. */
export interface AssignSupervisor {
  readonly type: 'AssignSupervisor';
  readonly personId: string;
  readonly supervisorId: string | null;
  readonly effectiveFrom: string;
  readonly today: string;
  readonly reason?: 'UNASSIGNED' | 'SUPERVISOR_LEFT';
  readonly facts: SupervisorFacts;
}

/**
 * The HRIS feed's view of a person: add them, or emit only what differs from what we know. A feed says LEFT without
 * a date; the leaving is then recorded as of `today`. (Their supervisor is a separate AssignSupervisor.)
 */
export interface SyncPersonFromHris extends PersonDetails {
  readonly type: 'SyncPersonFromHris';
  readonly personId: string;
  readonly staffNumber: string;
  readonly siteId: string;
  readonly employmentStatus: EmploymentStatus;
  readonly today: string;
  readonly facts: PlacementFacts;
}

export type PersonCommand = AddPerson | ChangePersonDetails | MovePersonToSite | ChangeEmploymentStatus | RecordPersonLeft | AssignSupervisor | SyncPersonFromHris;
