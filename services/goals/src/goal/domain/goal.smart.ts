import type { ValidationIssue } from '@growth/es';
import { compareLocalDates, isLocalDate } from '@growth/calendar';
import type { CycleDates, GoalContent, GoalKind, WordingWarning } from './goal.model';

/*
 * SMART (seed 002, 1.3) checked as structure: each criterion is a question about the goal's fields, so a submission
 * is refused with every criterion it misses, by name.
 */
export type SmartCriterion = 'SPECIFIC' | 'MEASURABLE' | 'ATTAINABLE' | 'RELEVANT' | 'TIME_BOUND';

export interface SmartIssue extends ValidationIssue {
  readonly criterion: SmartCriterion;
}

/** What the goal is checked against, looked up by the caller. */
export interface SmartFacts {
  readonly cycle: CycleDates;
  /** The unit goal the content is aligned to exists in this cycle and is not retired. */
  readonly unitGoalKnown: boolean;
  /** The competencies of the framework the person's review uses. */
  readonly competencyIds: readonly string[];
}

/** "Precise and accurate without generalities": a phrase of a word or two says too little. */
export const MIN_STATEMENT_WORDS = 5;

const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+(?:['’][a-z]+)?/g) ?? [];

/** Time-bound on its own: drafts are held to it too when they carry a due date. */
export const timeBoundIssues = (dueOn: string, cycle: CycleDates): SmartIssue[] => {
  const issue = (message: string): SmartIssue[] => [{ criterion: 'TIME_BOUND', path: 'dueOn', message: `Time-bound: ${message}` }];
  if (dueOn.trim() === '') return issue('no due date given');
  if (!isLocalDate(dueOn)) return issue('the due date must be a date, YYYY-MM-DD');
  if (compareLocalDates(dueOn, cycle.startsOn) < 0 || compareLocalDates(dueOn, cycle.endsOn) > 0) {
    return issue(`due on ${dueOn}, outside the cycle (${cycle.startsOn} to ${cycle.endsOn})`);
  }
  return [];
};

const specific = (c: GoalContent): SmartIssue[] => {
  const count = words(c.statement).length;
  if (count === 0) return [{ criterion: 'SPECIFIC', path: 'statement', message: 'Specific: no statement given' }];
  if (count < MIN_STATEMENT_WORDS) return [{ criterion: 'SPECIFIC', path: 'statement', message: `Specific: say precisely what will change, in at least ${MIN_STATEMENT_WORDS} words` }];
  return [];
};

const measurable = (c: GoalContent): SmartIssue[] => {
  const m = c.measure;
  if (m === null) return [{ criterion: 'MEASURABLE', path: 'measure', message: 'Measurable: no measure given' }];
  const issues: SmartIssue[] = [];
  if (m.what.trim() === '') issues.push({ criterion: 'MEASURABLE', path: 'measure.what', message: 'Measurable: say what is measured' });
  if (m.target === null) issues.push({ criterion: 'MEASURABLE', path: 'measure.target', message: 'Measurable: no target given' });
  if (m.unit.trim() === '') issues.push({ criterion: 'MEASURABLE', path: 'measure.unit', message: 'Measurable: say the unit the target is counted in' });
  return issues;
};

const attainable = (c: GoalContent): SmartIssue[] =>
  c.actions.some((a) => a.trim() !== '') ? [] : [{ criterion: 'ATTAINABLE', path: 'actions', message: 'Attainable: name at least one action or strategy' }];

/** Performance goals and objectives serve a unit's goal; a development goal grows competencies of the framework. */
const relevant = (c: GoalContent, kind: GoalKind, facts: SmartFacts): SmartIssue[] => {
  if (kind !== 'DEVELOPMENT') {
    const id = c.alignment.unitGoalId;
    if (id === null || id.trim() === '') return [{ criterion: 'RELEVANT', path: 'alignment.unitGoalId', message: 'Relevant: align the goal with a goal of the tenant, site or department' }];
    return facts.unitGoalKnown ? [] : [{ criterion: 'RELEVANT', path: 'alignment.unitGoalId', message: `Relevant: unit goal "${id}" does not exist in this cycle` }];
  }
  const ids = c.alignment.competencyIds;
  if (ids.length === 0) return [{ criterion: 'RELEVANT', path: 'alignment.competencyIds', message: 'Relevant: link at least one competency the goal develops' }];
  return ids.flatMap((id, i): SmartIssue[] =>
    facts.competencyIds.includes(id) ? [] : [{ criterion: 'RELEVANT', path: `alignment.competencyIds.${i}`, message: `Relevant: "${id}" is not a competency of the framework this review uses` }],
  );
};

/** Every SMART criterion the content misses, in S-M-A-R-T order; empty when the goal is SMART. */
export const smartIssues = (content: GoalContent, kind: GoalKind, facts: SmartFacts): SmartIssue[] => [
  ...specific(content),
  ...measurable(content),
  ...attainable(content),
  ...relevant(content, kind, facts),
  ...timeBoundIssues(content.dueOn, facts.cycle),
];

/** Words of direction without an amount: fine with a measure, vague without one. */
const DIRECTIONAL: readonly { word: string; match: RegExp }[] = [
  { word: 'improve', match: /^improv(e|es|ed|ing|ement|ements)$/ },
  { word: 'better', match: /^better$/ },
  { word: 'more', match: /^more$/ },
  { word: 'less', match: /^(less|fewer)$/ },
  { word: 'increase', match: /^increas(e|es|ed|ing)$/ },
  { word: 'reduce', match: /^reduc(e|es|ed|ing|tion)$/ },
  { word: 'enhance', match: /^enhanc(e|es|ed|ing|ement)$/ },
  { word: 'maximise', match: /^maximi[sz](e|es|ed|ing)$/ },
  { word: 'minimise', match: /^minimi[sz](e|es|ed|ing)$/ },
];

/** Generalities whatever the measure: they leave open what will actually be done. */
const VAGUE: readonly { word: string; match: RegExp }[] = [
  { word: 'try', match: /^(try|tries|trying)$/ },
  { word: 'hopefully', match: /^hopefully$/ },
  { word: 'various', match: /^various$/ },
  { word: 'appropriate', match: /^appropriate(ly)?$/ },
  { word: 'properly', match: /^properly$/ },
  { word: 'etc', match: /^etc$/ },
  { word: 'as needed', match: /^as needed$/ },
  { word: 'where possible', match: /^where possible$/ },
];

/**
 * A lint, not a rule: wording that often hides a generality. Warnings are recorded at submission, and the
 * supervisor must override them knowingly to approve.
 */
export const vagueWording = (content: GoalContent): WordingWarning[] => {
  const tokens = words(content.statement);
  const pairs = tokens.slice(1).map((t, i) => `${tokens[i]} ${t}`);
  const found = (list: readonly { word: string; match: RegExp }[]) => list.filter(({ match }) => tokens.some((t) => match.test(t)) || pairs.some((p) => match.test(p)));
  // A direction needs an amount (a measure) and a point to count from (its baseline).
  const m = content.measure;
  const directional: WordingWarning[] =
    m === null || m.baseline === null
      ? found(DIRECTIONAL).map(({ word }) => ({
          code: 'VAGUE_WORDING',
          word,
          message: m === null ? `"${word}" gives a direction without an amount: add a measure with a target` : `"${word}" needs a baseline to count from: give the measure's baseline`,
        }))
      : [];
  const vague: WordingWarning[] = found(VAGUE).map(({ word }) => ({ code: 'VAGUE_WORDING', word, message: `"${word}" is a generality: say exactly what will be done` }));
  return [...directional, ...vague];
};
