import type { Actor } from '../../development-plan/domain/development-plan.model';
import type { LocalDate } from '@growth/calendar';

export type { Actor };

export interface CareerAction {
  readonly actionId: string;
  readonly description: string;
  readonly dueOn: LocalDate | null;
  readonly completedOn: LocalDate | null;
}

/** One cycle's career development review (seed 003's four steps), as the employee wrote it. */
export interface CareerReviewEntry {
  readonly cycleId: string;
  /** The person's supervisor when the entry was written; whoever supervises them now agrees it. */
  readonly supervisorId: string | null;
  readonly whereNow: string;
  readonly in5Years: string;
  readonly in10Years: string;
  readonly options: readonly string[];
  readonly agreedActions: readonly CareerAction[];
  readonly agreedBy: string | null;
  readonly agreedOn: LocalDate | null;
}

export interface CareerReviewState {
  readonly personId: string | null;
  /** Oldest cycle first; earlier cycles stay as they were agreed. */
  readonly entries: readonly CareerReviewEntry[];
}

export const initialCareerReviewState = (): CareerReviewState => ({ personId: null, entries: [] });
