import { AlreadyExistsError, assertNever, InvalidStateError, NotFoundError, ValidationFailedError, type Decider, type ValidationIssue } from '@growth/es';
import { compareLocalDates, isLocalDate, isTimeZone } from '@growth/calendar';
import type { ChangeCycleDeadlines, CloseCycle, CycleCommand, OpenCycle, RecordCycleReviewsCreated } from './cycle.commands';
import type { CycleEvent, CycleOpened } from './cycle.events';
import { PHASES, phaseDeadline, REVIEW_PROCESSES, type CycleDeadlines, type LocalDate } from './cycle.model';

/**
 * A review cycle of a tenant (e.g. 2026-27): its dates, the framework versions it pins, who follows which process,
 * the overall assessment scale. Opening it is what creates everyone's review (see open-cycle); the cycle records
 * when all of them exist, so an opening that died part-way is finished on restart.
 */
export interface CycleState {
  readonly status: 'NONE' | 'OPENING' | 'OPEN' | 'CLOSED';
  readonly opened: CycleOpened['data'] | null;
}

const initialState = (): CycleState => ({ status: 'NONE', opened: null });

const deadlineIssues = (deadlines: CycleDeadlines, startsOn: LocalDate, endsOn: LocalDate, path: string): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  const field = { GOAL_SETTING: 'goalSetting', MID_YEAR_REFLECTION: 'midYearReflection', YEAR_END_CONFERENCE: 'yearEndConference' } as const;
  let previous: LocalDate | null = null;
  for (const phase of PHASES) {
    const due = phaseDeadline(deadlines, phase);
    const at = `${path}.${field[phase]}`;
    if (!isLocalDate(due)) {
      issues.push({ path: at, message: 'must be a date, YYYY-MM-DD' });
      continue;
    }
    if (isLocalDate(startsOn) && isLocalDate(endsOn) && (compareLocalDates(due, startsOn) < 0 || compareLocalDates(due, endsOn) > 0)) {
      issues.push({ path: at, message: `must fall within the cycle, ${startsOn} to ${endsOn}` });
    }
    if (previous !== null && compareLocalDates(due, previous) <= 0) issues.push({ path: at, message: 'must come after the previous phase\'s due date' });
    previous = due;
  }
  return issues;
};

const open = (command: OpenCycle, state: CycleState): CycleEvent[] => {
  const data: CycleOpened['data'] = {
    cycleId: command.cycleId,
    name: command.name.trim(),
    startsOn: command.startsOn,
    endsOn: command.endsOn,
    timeZone: command.timeZone,
    deadlines: command.deadlines,
    framework: command.framework,
    leadershipFramework: command.leadershipFramework,
    processRules: command.processRules,
    assessmentScale: command.assessmentScale,
  };
  if (state.status !== 'NONE') {
    // A retried opening with the same content is the unit of work's business; anything else reuses the id.
    throw new AlreadyExistsError('a cycle with this id is already open');
  }
  const issues: ValidationIssue[] = [];
  if (data.name.length === 0 || data.name.length > 40) issues.push({ path: 'name', message: 'must be 1 to 40 characters, e.g. "2026-27"' });
  if (command.facts.nameUsedBy !== null) issues.push({ path: 'name', message: `another cycle is already called "${data.name}"` });
  if (!isLocalDate(command.startsOn)) issues.push({ path: 'startsOn', message: 'must be a date, YYYY-MM-DD' });
  if (!isLocalDate(command.endsOn)) issues.push({ path: 'endsOn', message: 'must be a date, YYYY-MM-DD' });
  if (isLocalDate(command.startsOn) && isLocalDate(command.endsOn) && compareLocalDates(command.endsOn, command.startsOn) <= 0) {
    issues.push({ path: 'endsOn', message: 'must come after startsOn' });
  }
  if (!isTimeZone(command.timeZone)) issues.push({ path: 'timeZone', message: 'must be an IANA time zone, e.g. America/Los_Angeles' });
  issues.push(...deadlineIssues(command.deadlines, command.startsOn, command.endsOn, 'deadlines'));
  const { framework, leadershipFramework } = command.facts;
  if (framework.kind === null) issues.push({ path: 'framework', message: 'no such published framework version' });
  else if (framework.kind === 'LEADERSHIP_FRAMEWORK') issues.push({ path: 'framework', message: 'is a leadership framework; pin it as leadershipFramework' });
  if (command.leadershipFramework !== null) {
    if (!leadershipFramework || leadershipFramework.kind === null) issues.push({ path: 'leadershipFramework', message: 'no such published framework version' });
    else if (leadershipFramework.kind !== 'LEADERSHIP_FRAMEWORK') issues.push({ path: 'leadershipFramework', message: 'is not a leadership framework' });
  }
  command.processRules.forEach((rule, i) => {
    if (!REVIEW_PROCESSES.includes(rule.process)) issues.push({ path: `processRules.${i}.process`, message: `must be one of ${REVIEW_PROCESSES.join(', ')}` });
    if (rule.process === 'LEADERSHIP' && command.leadershipFramework === null) {
      issues.push({ path: `processRules.${i}.process`, message: 'a leadership review needs the cycle to pin a leadershipFramework' });
    }
    if (rule.process === 'LEADERSHIP' && rule.managesStaff !== true) {
      issues.push({ path: `processRules.${i}.managesStaff`, message: 'a leadership review is for line managers: set managesStaff to true' });
    }
    if (rule.jobClassifications !== undefined && rule.jobClassifications.length === 0) issues.push({ path: `processRules.${i}.jobClassifications`, message: 'list at least one, or leave it out' });
    if (rule.jobClassificationContains !== undefined && (rule.jobClassificationContains.length === 0 || rule.jobClassificationContains.some((w) => w.trim().length === 0))) {
      issues.push({ path: `processRules.${i}.jobClassificationContains`, message: 'list at least one word, none empty, or leave it out' });
    }
    if (rule.siteIds !== undefined && rule.siteIds.length === 0) issues.push({ path: `processRules.${i}.siteIds`, message: 'list at least one, or leave it out' });
    rule.siteIds?.forEach((siteId, j) => {
      if (command.facts.unknownSiteIds.includes(siteId)) issues.push({ path: `processRules.${i}.siteIds.${j}`, message: 'no such site' });
    });
  });
  if (command.assessmentScale.length < 2) issues.push({ path: 'assessmentScale', message: 'needs at least two levels' });
  const ids = new Set<string>();
  command.assessmentScale.forEach((level, i) => {
    if (ids.has(level.id)) issues.push({ path: `assessmentScale.${i}.id`, message: `"${level.id}" appears twice` });
    ids.add(level.id);
    if (level.label.trim().length === 0) issues.push({ path: `assessmentScale.${i}.label`, message: 'must not be empty' });
  });
  if (issues.length > 0) throw new ValidationFailedError(issues);
  return [{ type: 'CycleOpened', data }];
};

const opened = (state: CycleState): CycleOpened['data'] => {
  if (state.opened === null) throw new NotFoundError('no such cycle');
  return state.opened;
};

const recordCreated = (command: RecordCycleReviewsCreated, state: CycleState): CycleEvent[] => {
  opened(state);
  if (state.status !== 'OPENING') return []; // recorded already: a resumed opening finishing twice
  return [{ type: 'CycleReviewsCreated', data: { cycleId: command.cycleId, reviews: command.reviews } }];
};

const changeDeadlines = (command: ChangeCycleDeadlines, state: CycleState): CycleEvent[] => {
  const cycle = opened(state);
  if (state.status === 'CLOSED') throw new InvalidStateError('the cycle is closed; its deadlines no longer change');
  const issues = deadlineIssues(command.deadlines, cycle.startsOn, cycle.endsOn, 'deadlines');
  if (issues.length > 0) throw new ValidationFailedError(issues);
  const from = cycle.deadlines;
  if (PHASES.every((phase) => phaseDeadline(from, phase) === phaseDeadline(command.deadlines, phase))) return [];
  return [{ type: 'CycleDeadlinesChanged', data: { cycleId: command.cycleId, from, to: command.deadlines } }];
};

const close = (command: CloseCycle, state: CycleState): CycleEvent[] => {
  opened(state);
  if (state.status === 'CLOSED') return [];
  if (state.status === 'OPENING') throw new InvalidStateError('the cycle is still creating its reviews; close it once they exist');
  return [{ type: 'CycleClosed', data: { cycleId: command.cycleId, closedOn: command.today } }];
};

export const cycleDecider: Decider<CycleCommand, CycleState, CycleEvent> = {
  initialState,
  decide: (command, state) => {
    switch (command.type) {
      case 'OpenCycle':
        return open(command, state);
      case 'RecordCycleReviewsCreated':
        return recordCreated(command, state);
      case 'ChangeCycleDeadlines':
        return changeDeadlines(command, state);
      case 'CloseCycle':
        return close(command, state);
      default:
        return assertNever(command, 'cycle command');
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'CycleOpened':
        return { status: 'OPENING', opened: event.data };
      case 'CycleReviewsCreated':
        return { ...state, status: 'OPEN' };
      case 'CycleDeadlinesChanged':
        return state.opened ? { ...state, opened: { ...state.opened, deadlines: event.data.to } } : state;
      case 'CycleClosed':
        return { ...state, status: 'CLOSED' };
      default:
        return assertNever(event, 'cycle event');
    }
  },
};
