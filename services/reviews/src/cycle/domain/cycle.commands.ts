import type { FrameworkKind } from '@growth/contracts';
import type { AssessmentLevel, CycleDeadlines, FrameworkRef, LocalDate, ProcessRule } from './cycle.model';

/** What the handler found about a framework the cycle pins: its kind, or null when no such published version exists. */
export interface PinnedFrameworkFacts {
  readonly kind: FrameworkKind | null;
}

export interface OpenCycle {
  readonly type: 'OpenCycle';
  readonly cycleId: string;
  readonly name: string;
  readonly startsOn: LocalDate;
  readonly endsOn: LocalDate;
  readonly timeZone: string;
  readonly deadlines: CycleDeadlines;
  readonly framework: FrameworkRef;
  readonly leadershipFramework: FrameworkRef | null;
  readonly processRules: readonly ProcessRule[];
  readonly assessmentScale: readonly AssessmentLevel[];
  readonly facts: {
    readonly framework: PinnedFrameworkFacts;
    readonly leadershipFramework: PinnedFrameworkFacts | null;
    /** Another cycle of the tenant already uses this name. */
    readonly nameUsedBy: string | null;
    /** Sites the process rules name that the directory does not know. */
    readonly unknownSiteIds: readonly string[];
  };
}

export interface RecordCycleReviewsCreated {
  readonly type: 'RecordCycleReviewsCreated';
  readonly cycleId: string;
  readonly reviews: number;
}

export interface ChangeCycleDeadlines {
  readonly type: 'ChangeCycleDeadlines';
  readonly cycleId: string;
  readonly deadlines: CycleDeadlines;
}

export interface CloseCycle {
  readonly type: 'CloseCycle';
  readonly cycleId: string;
  readonly today: LocalDate;
}

export type CycleCommand = OpenCycle | RecordCycleReviewsCreated | ChangeCycleDeadlines | CloseCycle;
