import { AlreadyExistsError, assertNever, ForbiddenError, InvalidStateError, ValidationFailedError, type Decider, type ValidationIssue } from '@growth/es';
import { compareLocalDates, isLocalDate } from '@growth/calendar';
import { DEFAULT_GOAL_POLICY, type ApproveGoal, type DraftGoal, type GoalCommand, type RecordProgress, type ReviseGoal, type SubmitGoal } from './goal.commands';
import type { GoalEvent } from './goal.events';
import {
  actorId,
  copyContent,
  GOAL_KINDS,
  initialGoalState,
  isFinalStatus,
  measureShapeIssues,
  PROGRESS_STATUSES,
  REFLECTION_PHASES,
  rolesOf,
  sameContent,
  textIssues,
  type CycleDates,
  type GoalContent,
  type GoalKind,
  type GoalState,
  type Party,
  type ReflectionPhase,
} from './goal.model';
import { smartIssues, timeBoundIssues, vagueWording } from './goal.smart';
import { checkStep, type GoalStep } from './goal.steps';

const refuse = (issues: readonly ValidationIssue[]): void => {
  if (issues.length > 0) throw new ValidationFailedError(issues.map(({ path, message }) => ({ path, message })));
};

/** What any draft must get right; SMART completeness waits for submission. */
const contentIssues = (c: GoalContent, cycle: CycleDates): ValidationIssue[] => {
  const issues: ValidationIssue[] = [
    ...textIssues({ statement: c.statement, support: c.support }, { required: false }),
    ...c.actions.flatMap((a, i) => textIssues({ [`actions.${i}`]: a }, { required: false })),
    ...measureShapeIssues(c.measure),
  ];
  c.alignment.competencyIds.forEach((id, i) => {
    if (c.alignment.competencyIds.indexOf(id) !== i) issues.push({ path: `alignment.competencyIds.${i}`, message: `"${id}" is linked more than once` });
  });
  // A due date, once given, must already fall within the cycle.
  if (c.dueOn.trim() !== '') issues.push(...timeBoundIssues(c.dueOn, cycle));
  return issues;
};

const KIND_NAMES: Readonly<Record<GoalKind, string>> = { PERFORMANCE: 'performance goal', DEVELOPMENT: 'development goal', OBJECTIVE: 'objective' };

const draft = (command: DraftGoal, state: GoalState): GoalEvent[] => {
  if (state.status !== 'NONE') throw new AlreadyExistsError('this goal already exists');
  const { goalId, cycleId, personId, supervisorId, kind, content, facts } = command;
  const roles = rolesOf({ personId, supervisorId }, command.actor);
  if (!roles.includes('EMPLOYEE') && !roles.includes('SUPERVISOR')) throw new ForbiddenError('Only the employee or their supervisor may draft the goal');
  const issues = textIssues({ goalId, cycleId, personId }, { required: true });
  if (!GOAL_KINDS.includes(kind)) issues.push({ path: 'kind', message: `must be one of ${GOAL_KINDS.join(', ')}` });
  else if (kind === 'OBJECTIVE' && !facts.supervises) issues.push({ path: 'kind', message: 'only people who supervise staff have objectives' });
  if (supervisorId === personId) issues.push({ path: 'supervisorId', message: "a person cannot be their own supervisor: both parties agree a goal" });
  refuse([...issues, ...contentIssues(content, facts.cycle)]);
  const policy = { ...DEFAULT_GOAL_POLICY, ...facts.policy };
  const limit = kind === 'OBJECTIVE' ? policy.objectivesCap : kind === 'PERFORMANCE' ? policy.performanceGoals : policy.developmentGoals;
  const existing = facts.existing[kind];
  if (existing >= limit) {
    const cap = kind === 'OBJECTIVE' ? `the cap is ${limit} objectives per person per cycle` : `the policy allows ${limit} ${KIND_NAMES[kind]}${limit === 1 ? '' : 's'} per person per cycle`;
    throw new InvalidStateError(`Cannot draft another ${KIND_NAMES[kind]}: ${cap}, and ${existing} ${existing === 1 ? 'is' : 'are'} set`);
  }
  return [{ type: 'GoalDrafted', data: { goalId, cycleId, personId, supervisorId, kind, version: 1, content: copyContent(content), draftedBy: actorId(command.actor) } }];
};

const revise = (command: ReviseGoal, state: GoalState): GoalEvent[] => {
  refuse(contentIssues(command.content, command.facts.cycle));
  if (sameContent(command.content, state.content)) return [];
  // What both parties agreed stays as it was: the change is a new version that needs their agreement again.
  const newVersion = state.status === 'AGREED' || state.status === 'DEFERRED';
  return [{ type: 'GoalRevised', data: { goalId: state.goalId, version: newVersion ? state.version + 1 : state.version, content: copyContent(command.content), revisedBy: actorId(command.actor) } }];
};

const PARTIES: readonly Party[] = ['EMPLOYEE', 'SUPERVISOR'];
/** The parties whose approval of the current version is still missing, so subscribers know whom to ask. */
const awaitingOf = (approvals: GoalState['approvals']): Party[] => PARTIES.filter((p) => approvals[p] === null);

const submit = (command: SubmitGoal, state: GoalState): GoalEvent[] => {
  refuse(smartIssues(state.content, state.kind, command.facts));
  const { goalId, version, cycleId, personId, kind } = state;
  const role: Party = rolesOf(state, command.actor).includes('EMPLOYEE') ? 'EMPLOYEE' : 'SUPERVISOR';
  const warnings = vagueWording(state.content);
  return [{ type: 'GoalSubmitted', data: { goalId, version, warnings, submittedBy: actorId(command.actor), cycleId, personId, kind, role, awaiting: awaitingOf(state.approvals) } }];
};

const approve = (command: ApproveGoal, state: GoalState): GoalEvent[] => {
  const roles = rolesOf(state, command.actor);
  const party = roles.includes('EMPLOYEE') ? 'EMPLOYEE' : roles.includes('SUPERVISOR') ? 'SUPERVISOR' : null;
  if (party === null && state.status !== 'NONE') throw new ForbiddenError('Only the employee or their supervisor may approve the goal');
  checkStep(state, party === 'SUPERVISOR' ? 'APPROVE_AS_SUPERVISOR' : 'APPROVE_AS_EMPLOYEE', command.actor);
  const warned = party === 'SUPERVISOR' && state.warnings.length > 0;
  if (warned && command.overrideWarnings !== true) {
    const words = state.warnings.map((w) => `"${w.word}"`).join(', ');
    throw new InvalidStateError(`Cannot approve the goal as the supervisor: its wording has warnings (${words}); approve with overrideWarnings to accept them`);
  }
  const { goalId, version } = state;
  const role = party ?? 'EMPLOYEE';
  const awaiting = awaitingOf({ ...state.approvals, [role]: { by: actorId(command.actor), warningsOverridden: warned } });
  const events: GoalEvent[] = [{ type: 'GoalApproved', data: { goalId, version, role, by: actorId(command.actor), warningsOverridden: warned, awaiting } }];
  if (awaiting.length === 0) events.push({ type: 'GoalAgreed', data: { goalId, version, agreedOn: command.today, cycleId: state.cycleId, personId: state.personId, kind: state.kind, content: state.content } });
  return events;
};

const REFLECTION_NAMES: Readonly<Record<ReflectionPhase, string>> = { MID_YEAR_REFLECTION: 'mid-year reflection', YEAR_END_CONFERENCE: 'year-end conference reflection' };

const recordProgress = (command: RecordProgress, state: GoalState): GoalEvent[] => {
  const issues = [...textIssues({ checkInId: command.checkInId }, { required: true }), ...textIssues({ notes: command.notes }, { required: false })];
  if (!PROGRESS_STATUSES.includes(command.status)) issues.push({ path: 'status', message: `must be one of ${PROGRESS_STATUSES.join(', ')}` });
  if (command.value !== null && !Number.isFinite(command.value)) issues.push({ path: 'value', message: 'must be a finite number' });
  if (!isLocalDate(command.recordedOn)) issues.push({ path: 'recordedOn', message: 'must be a date, YYYY-MM-DD' });
  else if (compareLocalDates(command.recordedOn, command.today) > 0) issues.push({ path: 'recordedOn', message: 'progress is recorded once it is seen; this date is in the future' });
  if (state.progress.some((p) => p.checkInId === command.checkInId)) issues.push({ path: 'checkInId', message: 'this check-in is already recorded' });
  if (command.reflection !== null && !REFLECTION_PHASES.includes(command.reflection)) issues.push({ path: 'reflection', message: `must be one of ${REFLECTION_PHASES.join(', ')}` });
  else if (command.reflection !== null && !command.facts.reviewKnown) issues.push({ path: 'reflection', message: 'the person has no review in this cycle whose meeting it could reflect' });
  refuse(issues);
  // The worksheet (seed 002) has one line per goal for each of these meetings.
  if (command.reflection !== null && state.progress.some((p) => p.reflection === command.reflection)) {
    throw new InvalidStateError(`Cannot record the ${REFLECTION_NAMES[command.reflection]}: this goal already has one; record an ordinary check-in instead`);
  }
  const { goalId, version } = state;
  const { checkInId, value, status, notes, recordedOn, meetingId, reflection } = command;
  const events: GoalEvent[] = [{ type: 'ProgressRecorded', data: { goalId, version, checkInId, value, status, notes, recordedOn, meetingId, reflection, recordedBy: actorId(command.actor) } }];
  if (isFinalStatus(status)) {
    const type = status === 'ACHIEVED' ? 'GoalAchieved' : status === 'NOT_ACHIEVED' ? 'GoalNotAchieved' : 'GoalDeferred';
    events.push({ type, data: { goalId, version, on: recordedOn } });
  }
  return events;
};

const STEP_OF: Readonly<Record<Exclude<GoalCommand['type'], 'DraftGoal' | 'ApproveGoal'>, GoalStep>> = {
  ReviseGoal: 'REVISE',
  SubmitGoal: 'SUBMIT',
  RecordProgress: 'RECORD_PROGRESS',
  WithdrawGoal: 'WITHDRAW',
  ReassignGoal: 'REASSIGN',
};

const decide = (command: GoalCommand, state: GoalState): GoalEvent[] => {
  if (command.type === 'DraftGoal') return draft(command, state);
  if (command.type === 'ApproveGoal') return approve(command, state);
  // A reaction replayed after the goal was withdrawn or reassigned changes nothing.
  if (command.type === 'WithdrawGoal' && state.status === 'WITHDRAWN') return [];
  if (command.type === 'ReassignGoal' && state.status !== 'NONE' && state.supervisorId === command.supervisorId) return [];
  checkStep(state, STEP_OF[command.type], command.actor);
  const { goalId } = state;
  switch (command.type) {
    case 'ReviseGoal':
      return revise(command, state);
    case 'SubmitGoal':
      return submit(command, state);
    case 'RecordProgress':
      return recordProgress(command, state);
    case 'WithdrawGoal':
      refuse(textIssues({ reason: command.reason }, { required: true }));
      return [{ type: 'GoalWithdrawn', data: { goalId, reason: command.reason.trim(), withdrawnBy: actorId(command.actor), withdrawnOn: command.today } }];
    case 'ReassignGoal': {
      if (command.supervisorId === state.personId) refuse([{ path: 'supervisorId', message: 'a person cannot be their own supervisor' }]);
      const dropped = state.status === 'SUBMITTED' && state.approvals.SUPERVISOR !== null;
      const approvalDropped = dropped ? { approvalDropped: { version: state.version, awaiting: awaitingOf({ ...state.approvals, SUPERVISOR: null }) } } : {};
      return [{ type: 'GoalReassigned', data: { goalId, fromSupervisorId: state.supervisorId, toSupervisorId: command.supervisorId, effectiveFrom: command.today, ...approvalDropped } }];
    }
    default:
      return assertNever(command, 'goal command');
  }
};

const evolve = (state: GoalState, event: GoalEvent): GoalState => {
  switch (event.type) {
    case 'GoalDrafted': {
      const { goalId, cycleId, personId, supervisorId, kind, version, content } = event.data;
      return { ...initialGoalState(), status: 'DRAFT', goalId, cycleId, personId, supervisorId, kind, version, content };
    }
    case 'GoalRevised':
      // Any change needs submitting and approving again; agreed versions stay in `versions`.
      return { ...state, status: 'DRAFT', version: event.data.version, content: event.data.content, warnings: [], approvals: { EMPLOYEE: null, SUPERVISOR: null } };
    case 'GoalSubmitted':
      return { ...state, status: 'SUBMITTED', warnings: event.data.warnings };
    case 'GoalApproved':
      return { ...state, approvals: { ...state.approvals, [event.data.role]: { by: event.data.by, warningsOverridden: event.data.warningsOverridden } } };
    case 'GoalAgreed':
      return { ...state, status: 'AGREED', versions: [...state.versions, { version: event.data.version, content: state.content, agreedOn: event.data.agreedOn }] };
    case 'ProgressRecorded': {
      const { checkInId, version, value, status, notes, recordedOn, meetingId } = event.data;
      return { ...state, progress: [...state.progress, { checkInId, version, value, status, notes, recordedOn, meetingId, reflection: event.data.reflection ?? null }] };
    }
    case 'GoalAchieved':
      return { ...state, status: 'ACHIEVED' };
    case 'GoalNotAchieved':
      return { ...state, status: 'NOT_ACHIEVED' };
    case 'GoalDeferred':
      return { ...state, status: 'DEFERRED' };
    case 'GoalWithdrawn':
      return { ...state, status: 'WITHDRAWN' };
    case 'GoalReassigned': {
      // A pending approval by the previous supervisor is not the new supervisor's; an agreed goal stays agreed.
      const pending = state.status === 'SUBMITTED';
      return { ...state, supervisorId: event.data.toSupervisorId, approvals: pending ? { ...state.approvals, SUPERVISOR: null } : state.approvals };
    }
    default:
      return assertNever(event, 'goal event');
  }
};

export const goalDecider: Decider<GoalCommand, GoalState, GoalEvent> = { initialState: initialGoalState, decide, evolve };
