/*
 * What the service tells people, and over which channels. A notification is about a subject (a review's phase, a
 * review, a goal), has a kind, and reaches a recipient; the reminder names which occasion it is (e.g. 14 days
 * before), so (subject, reminder, channel, recipient) identifies one send, ever.
 */

export const NOTIFICATION_KINDS = [
  /** A phase's deadline is coming (days before, or the day itself). */
  'DEADLINE_REMINDER',
  /** A phase's deadline has passed with the phase still open: to the supervisor's manager and HR. */
  'PHASE_OVERDUE',
  /** An agreed goal's due date is coming. */
  'GOAL_DUE_REMINDER',
  /** A review is ready to sign and still awaits my signature. */
  'SIGNATURE_AWAITED',
  /** A report submitted their self-assessment to me. */
  'SELF_ASSESSMENT_SUBMITTED',
  /** A goal awaits my agreement. */
  'GOAL_AWAITING_AGREEMENT',
  /** My review was filed with HR. */
  'REVIEW_FILED',
  /** HR reopened a review I take part in. */
  'REVIEW_REOPENED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CHANNELS = ['INBOX', 'EMAIL'] as const;
export type Channel = (typeof CHANNELS)[number];

export type ReviewPhase = 'GOAL_SETTING' | 'MID_YEAR_REFLECTION' | 'YEAR_END_CONFERENCE';

/**
 * What templates and the inbox show: ids, dates and names, never what anyone wrote in a review. Names are the
 * directory's; the recipient's own is there to greet them.
 */
export interface NotificationData {
  readonly recipientName: string;
  /** The person the subject is about (the employee of a review or goal); none for HR's digest of a cycle. */
  readonly personId?: string;
  readonly personName?: string;
  readonly reviewId?: string;
  readonly goalId?: string;
  readonly cycleName?: string;
  readonly phase?: ReviewPhase;
  readonly dueOn?: string;
  /** Days from the day it is sent to the due date: 14, 3, 0; negative once overdue. */
  readonly daysLeft?: number;
  /** HR's escalation of a missed deadline: how many reviews of the cycle are still open in the phase. */
  readonly overdueCount?: number;
  /** Set when the message reached a supervisor because the person has no work email. */
  readonly onBehalfOfName?: string;
}

/** Who receives: a person, or everyone holding a role in the tenant (HR's shared inbox). */
export type Recipient = { readonly personId: string } | { readonly role: 'hr' };
