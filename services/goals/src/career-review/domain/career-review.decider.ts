import { assertNever, ForbiddenError, InvalidStateError, NotFoundError, type Decider, type ValidationIssue } from '@growth/es';
import { compareLocalDates } from '@growth/calendar';
import { dateIssues, idIssues, idListIssues, refuse, textIssues } from '../../shared/validation';
import type { CareerReviewCommand, RecordCareerReview } from './career-review.commands';
import type { CareerReviewEvent, CareerReviewRecorded } from './career-review.events';
import { initialCareerReviewState, type Actor, type CareerReviewEntry, type CareerReviewState } from './career-review.model';

const actorId = (actor: Actor): string => (actor.kind === 'PERSON' ? actor.personId : 'system');
const isPerson = (actor: Actor, personId: string | null): boolean => actor.kind === 'PERSON' && personId !== null && actor.personId === personId;
// HR does not act as HR on their own career review.
const isHrFor = (actor: Actor, personId: string): boolean => actor.kind === 'PERSON' && actor.hr && actor.personId !== personId;

const recordIssues = (c: RecordCareerReview): ValidationIssue[] => {
  const issues: ValidationIssue[] = [
    ...idIssues('cycleId', c.cycleId),
    ...textIssues('whereNow', c.whereNow, { required: true }),
    ...textIssues('in5Years', c.in5Years, { required: false }),
    ...textIssues('in10Years', c.in10Years, { required: false }),
  ];
  if (typeof c.in5Years === 'string' && typeof c.in10Years === 'string' && !c.in5Years.trim() && !c.in10Years.trim()) issues.push({ path: 'in5Years', message: 'say where you want to be in 5 or in 10 years' });
  c.options.forEach((option, i) => issues.push(...textIssues(`options.${i}`, option, { required: true })));
  issues.push(...idListIssues('agreedActions', c.agreedActions.map((a) => a.actionId)).map((i) => ({ ...i, path: `${i.path}.actionId` })));
  c.agreedActions.forEach((a, i) => {
    issues.push(...textIssues(`agreedActions.${i}.description`, a.description, { required: true }));
    if (a.dueOn !== null) issues.push(...dateIssues(`agreedActions.${i}.dueOn`, a.dueOn));
  });
  return issues;
};

const sameEntry = (entry: CareerReviewEntry | undefined, data: CareerReviewRecorded['data']): boolean =>
  entry !== undefined &&
  JSON.stringify([entry.supervisorId, entry.whereNow, entry.in5Years, entry.in10Years, entry.options, entry.agreedActions.map(({ actionId, description, dueOn }) => ({ actionId, description, dueOn }))]) ===
    JSON.stringify([data.supervisorId, data.whereNow, data.in5Years, data.in10Years, data.options, data.agreedActions]);

const entryOf = (state: CareerReviewState, cycleId: string): CareerReviewEntry => {
  const entry = state.entries.find((e) => e.cycleId === cycleId);
  if (!entry) throw new NotFoundError(`There is no career development review for cycle "${cycleId}"`);
  return entry;
};

const record = (command: RecordCareerReview, state: CareerReviewState): CareerReviewEvent[] => {
  const personId = state.personId ?? command.personId;
  if (!isPerson(command.actor, personId) && !isHrFor(command.actor, personId)) throw new ForbiddenError('Only the employee or HR may write the career development review');
  const existing = state.entries.find((e) => e.cycleId === command.cycleId);
  if (existing?.agreedBy) throw new InvalidStateError('Cannot change the career development review: it is already agreed for this cycle');
  refuse(recordIssues(command));
  const data: CareerReviewRecorded['data'] = {
    personId,
    cycleId: command.cycleId,
    supervisorId: command.facts.supervisorId,
    whereNow: command.whereNow.trim(),
    in5Years: command.in5Years.trim(),
    in10Years: command.in10Years.trim(),
    options: command.options.map((o) => o.trim()),
    agreedActions: command.agreedActions.map((a) => ({ actionId: a.actionId, description: a.description.trim(), dueOn: a.dueOn })),
    recordedBy: actorId(command.actor),
  };
  return sameEntry(existing, data) ? [] : [{ type: 'CareerReviewRecorded', data }];
};

/** Authorised against the person's current supervisor (the command's facts), not the one stored with the entry. */
const decide = (command: CareerReviewCommand, state: CareerReviewState): CareerReviewEvent[] => {
  if (command.type === 'RecordCareerReview') return record(command, state);
  const entry = entryOf(state, command.cycleId);
  const personId = state.personId ?? command.personId;
  switch (command.type) {
    case 'AgreeCareerReview': {
      if (!isPerson(command.actor, command.facts.supervisorId) && !isHrFor(command.actor, personId)) throw new ForbiddenError('Only the supervisor or HR may agree the career development review');
      if (entry.agreedBy !== null) return [];
      return [{ type: 'CareerReviewAgreed', data: { personId, cycleId: entry.cycleId, agreedBy: actorId(command.actor), agreedOn: command.today } }];
    }
    case 'CompleteCareerAction': {
      if (!isPerson(command.actor, personId) && !isPerson(command.actor, command.facts.supervisorId) && !isHrFor(command.actor, personId)) {
        throw new ForbiddenError('Only the employee, their supervisor or HR may complete a career action');
      }
      const action = entry.agreedActions.find((a) => a.actionId === command.actionId);
      if (!action) throw new NotFoundError(`The career development review has no action "${command.actionId}"`);
      if (entry.agreedBy === null) throw new InvalidStateError('Cannot complete the action: the supervisor has not agreed the review yet');
      if (action.completedOn !== null) return [];
      refuse(dateIssues('completedOn', command.completedOn));
      if (compareLocalDates(command.completedOn, command.today) > 0) refuse([{ path: 'completedOn', message: 'must not be after today' }]);
      return [{ type: 'CareerActionCompleted', data: { personId, cycleId: entry.cycleId, actionId: action.actionId, completedOn: command.completedOn, completedBy: actorId(command.actor) } }];
    }
    default:
      return assertNever(command, 'career review command');
  }
};

const updateEntry = (state: CareerReviewState, cycleId: string, update: (e: CareerReviewEntry) => CareerReviewEntry): CareerReviewState => ({
  ...state,
  entries: state.entries.map((e) => (e.cycleId === cycleId ? update(e) : e)),
});

const evolve = (state: CareerReviewState, event: CareerReviewEvent): CareerReviewState => {
  switch (event.type) {
    case 'CareerReviewRecorded': {
      const { personId, cycleId, supervisorId, whereNow, in5Years, in10Years, options, agreedActions } = event.data;
      const entry: CareerReviewEntry = { cycleId, supervisorId, whereNow, in5Years, in10Years, options, agreedActions: agreedActions.map((a) => ({ ...a, completedOn: null })), agreedBy: null, agreedOn: null };
      const replaced = state.entries.some((e) => e.cycleId === cycleId);
      return { personId, entries: replaced ? state.entries.map((e) => (e.cycleId === cycleId ? entry : e)) : [...state.entries, entry] };
    }
    case 'CareerReviewAgreed':
      return updateEntry(state, event.data.cycleId, (e) => ({ ...e, agreedBy: event.data.agreedBy, agreedOn: event.data.agreedOn }));
    case 'CareerActionCompleted':
      return updateEntry(state, event.data.cycleId, (e) => ({ ...e, agreedActions: e.agreedActions.map((a) => (a.actionId === event.data.actionId ? { ...a, completedOn: event.data.completedOn } : a)) }));
    default:
      return assertNever(event, 'career review event');
  }
};

/** Actions agreed in any cycle that are not done yet: a career plan outlives the cycle it was written in. */
export const openCareerActions = (state: CareerReviewState): { cycleId: string; actionId: string; description: string; dueOn: string | null }[] =>
  state.entries.flatMap((e) => (e.agreedBy === null ? [] : e.agreedActions.filter((a) => a.completedOn === null).map((a) => ({ cycleId: e.cycleId, actionId: a.actionId, description: a.description, dueOn: a.dueOn }))));

export const careerReviewDecider: Decider<CareerReviewCommand, CareerReviewState, CareerReviewEvent> = { initialState: initialCareerReviewState, decide, evolve };
