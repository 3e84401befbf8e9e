import type { DomainEvent } from '@growth/es';
import type { LocalDate } from '@growth/calendar';
import type { GoalContent, GoalKind, Party, ProgressStatus, ReflectionPhase, WordingWarning } from './goal.model';

export type GoalDrafted = DomainEvent<
  'GoalDrafted',
  { goalId: string; cycleId: string; personId: string; supervisorId: string | null; kind: GoalKind; version: number; content: GoalContent; draftedBy: string }
>;
/** A draft edited (same version), or an agreed or deferred goal revised into a new version that needs agreement. */
export type GoalRevised = DomainEvent<'GoalRevised', { goalId: string; version: number; content: GoalContent; revisedBy: string }>;
/**
 * `cycleId` to `awaiting` are absent from submissions stored before goals published them: readers must not rely on
 * them (the state has the first three from the draft, and a submission always awaits both parties' approvals).
 */
export type GoalSubmitted = DomainEvent<
  'GoalSubmitted',
  {
    goalId: string;
    version: number;
    warnings: readonly WordingWarning[];
    submittedBy: string;
    cycleId?: string;
    personId?: string;
    kind?: GoalKind;
    /** The party the submitter acted as. */
    role?: Party;
    /** The parties whose approval this version still needs: submitting is not approving, so both. */
    awaiting?: readonly Party[];
  }
>;
/** `awaiting` (the parties still to approve this version; empty when it agrees it) is absent from approvals stored before it was. */
export type GoalApproved = DomainEvent<'GoalApproved', { goalId: string; version: number; role: Party; by: string; warningsOverridden: boolean; awaiting?: readonly Party[] }>;
/** Both parties agreed this version; it carries what was agreed, so the agreement is a fact subscribers can use alone. */
export type GoalAgreed = DomainEvent<'GoalAgreed', { goalId: string; version: number; agreedOn: LocalDate; cycleId: string; personId: string; kind: GoalKind; content: GoalContent }>;
export type ProgressRecorded = DomainEvent<
  'ProgressRecorded',
  {
    goalId: string;
    version: number;
    checkInId: string;
    value: number | null;
    status: ProgressStatus;
    notes: string;
    recordedOn: LocalDate;
    meetingId: string | null;
    /** Absent from check-ins recorded before they could name a review meeting: those reflect none. */
    reflection?: ReflectionPhase | null;
    recordedBy: string;
  }
>;
export type GoalAchieved = DomainEvent<'GoalAchieved', { goalId: string; version: number; on: LocalDate }>;
export type GoalNotAchieved = DomainEvent<'GoalNotAchieved', { goalId: string; version: number; on: LocalDate }>;
export type GoalDeferred = DomainEvent<'GoalDeferred', { goalId: string; version: number; on: LocalDate }>;
export type GoalWithdrawn = DomainEvent<'GoalWithdrawn', { goalId: string; reason: string; withdrawnBy: string; withdrawnOn: LocalDate }>;
export type GoalReassigned = DomainEvent<
  'GoalReassigned',
  {
    goalId: string;
    fromSupervisorId: string | null;
    toSupervisorId: string | null;
    effectiveFrom: LocalDate;
    /**
     * Set when the previous supervisor had approved the submitted version: that approval is not the new supervisor's,
     * so the version awaits these parties again. Absent from reassignments stored before it was recorded.
     */
    approvalDropped?: { version: number; awaiting: readonly Party[] };
  }
>;

export type GoalEvent =
  | GoalDrafted
  | GoalRevised
  | GoalSubmitted
  | GoalApproved
  | GoalAgreed
  | ProgressRecorded
  | GoalAchieved
  | GoalNotAchieved
  | GoalDeferred
  | GoalWithdrawn
  | GoalReassigned;
