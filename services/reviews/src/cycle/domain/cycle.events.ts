import type { DomainEvent } from '@growth/es';
import type { AssessmentLevel, CycleDeadlines, FrameworkRef, LocalDate, ProcessRule } from './cycle.model';

export type CycleOpened = DomainEvent<
  'CycleOpened',
  {
    cycleId: string;
    name: string;
    startsOn: LocalDate;
    endsOn: LocalDate;
    timeZone: string;
    deadlines: CycleDeadlines;
    framework: FrameworkRef;
    leadershipFramework: FrameworkRef | null;
    processRules: readonly ProcessRule[];
    assessmentScale: readonly AssessmentLevel[];
  }
>;
/** Every person eligible when the cycle opened has their review; later joiners get theirs as they join. */
export type CycleReviewsCreated = DomainEvent<'CycleReviewsCreated', { cycleId: string; reviews: number }>;
export type CycleDeadlinesChanged = DomainEvent<'CycleDeadlinesChanged', { cycleId: string; from: CycleDeadlines; to: CycleDeadlines }>;
export type CycleClosed = DomainEvent<'CycleClosed', { cycleId: string; closedOn: LocalDate }>;

export type CycleEvent = CycleOpened | CycleReviewsCreated | CycleDeadlinesChanged | CycleClosed;
