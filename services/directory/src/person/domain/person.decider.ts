import { assertNever, InvalidStateError, NotFoundError, type Decider, type ValidationIssue } from '@growth/es';
import { laterOf } from '../../shared/domain/dates';
import { changesBetween, check, rejectIfAny } from '../../shared/domain/validation';
import type { AddPerson, AssignSupervisor, ChangeEmploymentStatus, ChangePersonDetails, MovePersonToSite, PersonCommand, RecordPersonLeft } from './person.commands';
import type { EmploymentStatus, PersonDetails, PersonEvent } from './person.events';
import { normalizeEmail, personRules } from './person.rules';

export interface PersonRecord extends PersonDetails {
  readonly personId: string;
  readonly staffNumber: string;
  readonly siteId: string;
  readonly employmentStatus: EmploymentStatus;
  readonly leftOn: string | null;
  readonly supervisorId: string | null;
  /** When the current reporting line began; null without a supervisor. */
  readonly supervisorSince: string | null;
}

export type PersonState = { readonly status: 'none' } | ({ readonly status: 'present' } & PersonRecord);
type Present = Extract<PersonState, { status: 'present' }>;

const present = (state: PersonState, personId: string): Present => {
  if (state.status === 'none') throw new NotFoundError(`Person ${personId} was not found`);
  return state;
};

const detailIssues = (details: Partial<PersonDetails>): ValidationIssue[] =>
  check(
    ['firstName', details.firstName === undefined ? undefined : personRules.name(details.firstName)],
    ['lastName', details.lastName === undefined ? undefined : personRules.name(details.lastName)],
    ['workEmail', details.workEmail === undefined ? undefined : personRules.workEmail(normalizeEmail(details.workEmail))],
    ['jobClassification', details.jobClassification === undefined ? undefined : personRules.jobClassification(details.jobClassification)],
    ['startDate', details.startDate === undefined ? undefined : personRules.date(details.startDate)],
  );

/** Trimmed and normalised, only for the fields given. */
const normalized = (details: Partial<PersonDetails>): Partial<PersonDetails> => ({
  ...(details.firstName !== undefined && { firstName: details.firstName.trim() }),
  ...(details.lastName !== undefined && { lastName: details.lastName.trim() }),
  ...(details.workEmail !== undefined && { workEmail: normalizeEmail(details.workEmail) }),
  ...(details.jobClassification !== undefined && { jobClassification: details.jobClassification.trim() }),
  ...(details.startDate !== undefined && { startDate: details.startDate }),
});

const add = (command: Omit<AddPerson, 'type'>, state: PersonState): PersonEvent[] => {
  rejectIfAny([
    ...check(
      ['staffNumber', personRules.staffNumber(command.staffNumber)],
      ['staffNumber', command.facts.staffNumberUsedBy && command.facts.staffNumberUsedBy !== command.personId ? `is already used by person ${command.facts.staffNumberUsedBy}` : undefined],
      ['siteId', command.facts.siteKnown ? undefined : 'no such site'],
      ['employmentStatus', personRules.employedStatus(command.employmentStatus)],
    ),
    ...detailIssues(command),
  ]);
  if (state.status !== 'none') throw new InvalidStateError(`Person ${command.personId} already exists`);
  const details = normalized(command) as PersonDetails;
  return [
    {
      type: 'PersonJoined',
      data: { personId: command.personId, staffNumber: command.staffNumber, ...details, siteId: command.siteId, employmentStatus: command.employmentStatus },
    },
  ];
};

const changeDetails = (command: Omit<ChangePersonDetails, 'type'>, state: PersonState): PersonEvent[] => {
  const { personId, ...details } = command;
  rejectIfAny(detailIssues(details));
  const person = present(state, personId);
  const changes = changesBetween<PersonDetails>(person, normalized(details));
  return Object.keys(changes).length === 0 ? [] : [{ type: 'PersonDetailsChanged', data: { personId, changes } }];
};

const moveToSite = (command: Omit<MovePersonToSite, 'type'>, state: PersonState): PersonEvent[] => {
  rejectIfAny(check(['siteId', command.facts.siteKnown ? undefined : 'no such site']));
  const person = present(state, command.personId);
  return person.siteId === command.siteId ? [] : [{ type: 'PersonMovedSite', data: { personId: command.personId, fromSiteId: person.siteId, toSiteId: command.siteId } }];
};

const changeStatus = (command: Omit<ChangeEmploymentStatus, 'type'>, state: PersonState): PersonEvent[] => {
  rejectIfAny(check(['employmentStatus', personRules.employedStatus(command.employmentStatus)]));
  const person = present(state, command.personId);
  if (person.employmentStatus === command.employmentStatus) return [];
  if (person.employmentStatus === 'LEFT') return [{ type: 'PersonRejoined', data: { personId: command.personId, employmentStatus: command.employmentStatus } }];
  return [{ type: 'PersonEmploymentStatusChanged', data: { personId: command.personId, from: person.employmentStatus, to: command.employmentStatus } }];
};

const recordLeft = (command: RecordPersonLeft, state: PersonState): PersonEvent[] => {
  const dateProblem = personRules.date(command.leftOn);
  rejectIfAny(check(['leftOn', dateProblem ?? (command.leftOn > command.today ? `must not be after today (${command.today})` : undefined)]));
  const person = present(state, command.personId);
  if (person.employmentStatus === 'LEFT') throw new InvalidStateError(`Person ${command.personId} already left on ${person.leftOn}`);
  // Someone who has left reports to no one; a backdated leaving ends the line no earlier than it began.
  const endLine: PersonEvent[] =
    person.supervisorId === null
      ? []
      : [
          {
            type: 'SupervisorUnassigned',
            data: { personId: command.personId, supervisorId: person.supervisorId, effectiveFrom: laterOf(command.leftOn, person.supervisorSince as string), reason: 'PERSON_LEFT' },
          },
        ];
  return [...endLine, { type: 'PersonLeft', data: { personId: command.personId, leftOn: command.leftOn } }];
};

const assignSupervisor = (command: AssignSupervisor, state: PersonState): PersonEvent[] => {
  const { personId, supervisorId, effectiveFrom, today, facts } = command;
  const supervisorProblem = (): string | undefined => {
    if (supervisorId === null) return undefined;
    if (supervisorId === personId) return 'a person cannot supervise themself';
    if (facts.supervisorStatus === null) return 'no such person';
    if (facts.supervisorStatus === 'LEFT') return 'has left and cannot supervise anyone';
    // Reporting lines form a forest: the new supervisor may not already report (at any distance) to this person.
    if (facts.supervisorAncestry.includes(personId)) return 'would create a reporting cycle: this supervisor already reports, directly or indirectly, to the person';
    return undefined;
  };
  const since = state.status === 'present' ? state.supervisorSince : null;
  const dateProblem = (): string | undefined => {
    const invalid = personRules.date(effectiveFrom);
    if (invalid) return invalid;
    if (effectiveFrom > today) return `must not be after today (${today}): reporting lines are recorded when they take effect`;
    if (since !== null && effectiveFrom < since) return `must not be before the current reporting line began (${since})`;
    return undefined;
  };
  rejectIfAny(check(['supervisorId', supervisorProblem()], ['effectiveFrom', dateProblem()]));
  const person = present(state, personId);
  const current = person.supervisorId;
  if (current === supervisorId) return []; // also: removing the supervisor of someone who left and has none
  if (person.employmentStatus === 'LEFT') throw new InvalidStateError(`Person ${personId} has left; their reporting line ended`);
  if (current === null) return [{ type: 'SupervisorAssigned', data: { personId, supervisorId: supervisorId as string, effectiveFrom } }];
  if (supervisorId === null) return [{ type: 'SupervisorUnassigned', data: { personId, supervisorId: current, effectiveFrom, reason: command.reason ?? 'UNASSIGNED' } }];
  return [{ type: 'SupervisorChanged', data: { personId, fromSupervisorId: current, toSupervisorId: supervisorId, effectiveFrom } }];
};

/** Applies `decide` steps one after another, each seeing the state the previous ones produced. */
const inSequence = (state: PersonState, ...steps: Array<(state: PersonState) => PersonEvent[]>): PersonEvent[] => {
  const events: PersonEvent[] = [];
  for (const step of steps) {
    const produced = step(state);
    events.push(...produced);
    state = produced.reduce(personDecider.evolve, state);
  }
  return events;
};

/** A member of staff: who they are, where they work, whether they are employed, and whom they report to. */
export const personDecider: Decider<PersonCommand, PersonState, PersonEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'AddPerson':
        return add(command, state);
      case 'ChangePersonDetails':
        return changeDetails(command, state);
      case 'MovePersonToSite':
        return moveToSite(command, state);
      case 'ChangeEmploymentStatus':
        return changeStatus(command, state);
      case 'RecordPersonLeft':
        return recordLeft(command, state);
      case 'AssignSupervisor':
        return assignSupervisor(command, state);
      case 'SyncPersonFromHris': {
        const { personId, firstName, lastName, workEmail, jobClassification, startDate, siteId, employmentStatus, today, facts } = command;
        // The staff number is the key the feed matched the person by; it never changes.
        if (state.status === 'present' && state.staffNumber !== command.staffNumber) {
          throw new InvalidStateError(`Person ${personId} has staff number ${state.staffNumber}, not ${command.staffNumber}`);
        }
        const leaving = employmentStatus === 'LEFT';
        return inSequence(
          state,
          (s) => (s.status === 'none' ? add({ ...command, employmentStatus: leaving ? 'ACTIVE' : employmentStatus }, s) : []),
          (s) => changeDetails({ personId, firstName, lastName, workEmail, jobClassification, startDate }, s),
          (s) => moveToSite({ personId, siteId, facts }, s),
          (s) => {
            if (!leaving) return changeStatus({ personId, employmentStatus }, s);
            return s.status === 'present' && s.employmentStatus === 'LEFT' ? [] : recordLeft({ type: 'RecordPersonLeft', personId, leftOn: today, today }, s);
          },
        );
      }
      default:
        return assertNever(command, 'command');
    }
  },

  evolve(state, event) {
    if (event.type === 'PersonJoined') return { status: 'present', ...event.data, leftOn: null, supervisorId: null, supervisorSince: null };
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'PersonDetailsChanged': {
        const { firstName, lastName, workEmail, jobClassification, startDate } = event.data.changes;
        return {
          ...state,
          ...(firstName && { firstName: firstName.to }),
          ...(lastName && { lastName: lastName.to }),
          ...(workEmail && { workEmail: workEmail.to }),
          ...(jobClassification && { jobClassification: jobClassification.to }),
          ...(startDate && { startDate: startDate.to }),
        };
      }
      case 'PersonMovedSite':
        return { ...state, siteId: event.data.toSiteId };
      case 'PersonEmploymentStatusChanged':
        return { ...state, employmentStatus: event.data.to };
      case 'PersonLeft':
        return { ...state, employmentStatus: 'LEFT', leftOn: event.data.leftOn };
      case 'PersonRejoined':
        return { ...state, employmentStatus: event.data.employmentStatus, leftOn: null };
      case 'SupervisorAssigned':
        return { ...state, supervisorId: event.data.supervisorId, supervisorSince: event.data.effectiveFrom };
      case 'SupervisorChanged':
        return { ...state, supervisorId: event.data.toSupervisorId, supervisorSince: event.data.effectiveFrom };
      case 'SupervisorUnassigned':
        return { ...state, supervisorId: null, supervisorSince: null };
      default:
        return assertNever(event, 'event');
    }
  },
};
