import type { LocalDate } from '@growth/calendar';
import type { FrameworkLineManagementSpan } from '@growth/contracts';

/** The three depths of review a cycle offers (seed 003): the full review, the abbreviated job chat, and leadership. */
export const REVIEW_PROCESSES = ['FULL', 'JOB_CHAT', 'LEADERSHIP'] as const;
export type ReviewProcess = (typeof REVIEW_PROCESSES)[number];

/** The phases of a cycle (seed 002), each ending at a due date of the tenant's calendar. */
export const PHASES = ['GOAL_SETTING', 'MID_YEAR_REFLECTION', 'YEAR_END_CONFERENCE'] as const;
export type Phase = (typeof PHASES)[number];

/** A local date (YYYY-MM-DD) in the tenant's time zone; a due date ends at the end of that day there. */
export type { LocalDate };

export interface FrameworkRef {
  readonly frameworkId: string;
  readonly version: number;
}

/**
 * Which process applies to whom. Rules are tried in order and the first that matches decides; a rule matches a
 * person when every condition it states holds (job classification among those listed, trimmed and case-insensitive,
 * or containing one of the words listed; site at or below one of those listed; manages staff or not). A person no rule matches gets the full review.
 */
export interface ProcessRule {
  readonly process: ReviewProcess;
  readonly jobClassifications?: readonly string[];
  /** Matches a job classification containing any of these words (case-insensitive), e.g. "cater" for "Catering Assistant". */
  readonly jobClassificationContains?: readonly string[];
  readonly siteIds?: readonly string[];
  readonly managesStaff?: boolean;
}

/** One level of the tenant's overall assessment scale and what tenant policy derives from it. */
export interface AssessmentLevel {
  readonly id: string;
  readonly label: string;
  readonly eligibleForPayProgression: boolean;
  /** Progressing: a follow-up review is scheduled; Underperformed: formal procedures are recorded. */
  readonly consequence: 'NONE' | 'FOLLOW_UP_REVIEW' | 'FORMAL_PROCEDURES';
}

/** Seed 003's scale; eligibility for the pay-progression point follows Exceeded and Achieved. */
export const DEFAULT_ASSESSMENT_SCALE: readonly AssessmentLevel[] = [
  { id: 'EXCEEDED', label: 'Exceeded', eligibleForPayProgression: true, consequence: 'NONE' },
  { id: 'ACHIEVED', label: 'Achieved', eligibleForPayProgression: true, consequence: 'NONE' },
  { id: 'PROGRESSING', label: 'Progressing', eligibleForPayProgression: false, consequence: 'FOLLOW_UP_REVIEW' },
  { id: 'UNDERPERFORMED', label: 'Underperformed', eligibleForPayProgression: false, consequence: 'FORMAL_PROCEDURES' },
];

/** The job chat is the default for cleaning, catering and lunchtime staff (seed 003): matched by these words. */
export const JOB_CHAT_CLASSIFICATION_WORDS = ['clean', 'custodian', 'caretak', 'cater', 'cafeteria', 'kitchen', 'cook', 'lunchtime', 'midday'] as const;

export interface CycleDeadlines {
  readonly goalSetting: LocalDate;
  readonly midYearReflection: LocalDate;
  readonly yearEndConference: LocalDate;
}

export const phaseDeadline = (deadlines: CycleDeadlines, phase: Phase): LocalDate => {
  switch (phase) {
    case 'GOAL_SETTING':
      return deadlines.goalSetting;
    case 'MID_YEAR_REFLECTION':
      return deadlines.midYearReflection;
    case 'YEAR_END_CONFERENCE':
      return deadlines.yearEndConference;
  }
};

/** What the directory knows about a person that decides their review. */
export interface EligiblePerson {
  readonly personId: string;
  readonly jobClassification: string;
  /** The person's site and every site above it. */
  readonly siteAncestry: readonly string[];
  readonly span: FrameworkLineManagementSpan;
}

const normalised = (text: string): string => text.trim().toLowerCase();

export const ruleMatches = (rule: ProcessRule, person: EligiblePerson): boolean =>
  (rule.jobClassifications === undefined || rule.jobClassifications.some((c) => normalised(c) === normalised(person.jobClassification))) &&
  (rule.jobClassificationContains === undefined || rule.jobClassificationContains.some((word) => normalised(person.jobClassification).includes(normalised(word)))) &&
  (rule.siteIds === undefined || rule.siteIds.some((id) => person.siteAncestry.includes(id))) &&
  (rule.managesStaff === undefined || rule.managesStaff === (person.span !== 'NONE'));

/** The process a person's review follows: the first matching rule, else the full review. */
export const processFor = (rules: readonly ProcessRule[], person: EligiblePerson): ReviewProcess => rules.find((rule) => ruleMatches(rule, person))?.process ?? 'FULL';

/**
 * The rules a cycle gets when HR names none: line managers take the leadership review when the cycle pins a
 * leadership framework; cleaning, catering and lunchtime staff who manage nobody take the job chat (seed 003);
 * everyone else the full review. By words rather than a list, so they hold for classifications not seen yet.
 */
export const defaultProcessRules = (leadership: boolean): ProcessRule[] => [
  ...(leadership ? [{ process: 'LEADERSHIP' as const, managesStaff: true }] : []),
  { process: 'JOB_CHAT', jobClassificationContains: JOB_CHAT_CLASSIFICATION_WORDS, managesStaff: false },
];
