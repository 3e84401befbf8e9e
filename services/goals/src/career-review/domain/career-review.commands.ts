import type { LocalDate } from '@growth/calendar';
import type { Actor } from './career-review.model';

/** One stream per person across cycles; `today` is the tenant's local date from the command's context. */
interface CareerCommandBase {
  readonly personId: string;
  readonly actor: Actor;
  readonly today: LocalDate;
  /**
   * The person's supervisor now, looked up by the handler: the one who agrees and completes actions, so a new
   * supervisor takes over an open review and the previous one no longer acts on it.
   */
  readonly facts: { readonly supervisorId: string | null };
}

export interface RecordCareerReview extends CareerCommandBase {
  readonly type: 'RecordCareerReview';
  readonly cycleId: string;
  readonly whereNow: string;
  readonly in5Years: string;
  readonly in10Years: string;
  readonly options: readonly string[];
  readonly agreedActions: readonly { readonly actionId: string; readonly description: string; readonly dueOn: LocalDate | null }[];
}

export interface AgreeCareerReview extends CareerCommandBase {
  readonly type: 'AgreeCareerReview';
  readonly cycleId: string;
}

export interface CompleteCareerAction extends CareerCommandBase {
  readonly type: 'CompleteCareerAction';
  readonly cycleId: string;
  readonly actionId: string;
  readonly completedOn: LocalDate;
}

export type CareerReviewCommand = RecordCareerReview | AgreeCareerReview | CompleteCareerAction;
