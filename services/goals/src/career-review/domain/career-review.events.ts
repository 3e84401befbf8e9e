import type { DomainEvent } from '@growth/es';
import type { LocalDate } from '@growth/calendar';

/** Recorded again for the same cycle until agreed, each time replacing that cycle's entry; other cycles are kept. */
export type CareerReviewRecorded = DomainEvent<
  'CareerReviewRecorded',
  {
    personId: string;
    cycleId: string;
    supervisorId: string | null;
    whereNow: string;
    in5Years: string;
    in10Years: string;
    options: readonly string[];
    agreedActions: readonly { actionId: string; description: string; dueOn: LocalDate | null }[];
    recordedBy: string;
  }
>;
export type CareerReviewAgreed = DomainEvent<'CareerReviewAgreed', { personId: string; cycleId: string; agreedBy: string; agreedOn: LocalDate }>;
export type CareerActionCompleted = DomainEvent<'CareerActionCompleted', { personId: string; cycleId: string; actionId: string; completedOn: LocalDate; completedBy: string }>;

export type CareerReviewEvent = CareerReviewRecorded | CareerReviewAgreed | CareerActionCompleted;
