import { AlreadyExistsError, assertNever, ForbiddenError, InvalidStateError, NotFoundError, type Decider, type ValidationIssue } from '@growth/es';
import { compareLocalDates, isLocalDate } from '@growth/calendar';
import type { AddDevelopmentActivity, ChangeDevelopmentActivity, CompleteDevelopmentActivity, DevelopmentPlanCommand, ReassignDevelopmentPlan, RecordTrainingNeed } from './development-plan.commands';
import type { DevelopmentPlanEvent } from './development-plan.events';
import {
  ACTIVITY_KINDS,
  initialDevelopmentPlanState,
  rolesOf,
  TRAINING_NEED_SOURCES,
  type ActivityDetails,
  type Actor,
  type DevelopmentActivity,
  type DevelopmentPlanState,
  type PlanRole,
  type TrainingNeed,
} from './development-plan.model';
import { costIssues, dateIssues, idIssues, idListIssues, refuse, textIssues } from '../../shared/validation';

const actorId = (actor: Actor): string => (actor.kind === 'PERSON' ? actor.personId : 'system');

const requireRole = (roles: readonly PlanRole[], allowed: readonly PlanRole[], what: string): void => {
  if (!roles.some((r) => allowed.includes(r))) throw new ForbiddenError(`Only ${what}`);
};

const detailIssues = (d: ActivityDetails): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  if (!ACTIVITY_KINDS.includes(d.kind)) issues.push({ path: 'kind', message: `must be one of ${ACTIVITY_KINDS.join(', ')}` });
  issues.push(...textIssues('description', d.description, { required: true }), ...dateIssues('startsOn', d.startsOn), ...dateIssues('endsOn', d.endsOn));
  if (isLocalDate(d.startsOn) && isLocalDate(d.endsOn) && compareLocalDates(d.endsOn, d.startsOn) < 0) issues.push({ path: 'endsOn', message: 'must not be before startsOn' });
  issues.push(...idIssues('arrangedBy', d.arrangedBy), ...idListIssues('competencyIds', d.competencyIds), ...costIssues('estimatedCost', d.estimatedCost));
  return issues;
};

const detailsOf = (c: ActivityDetails): ActivityDetails => ({
  kind: c.kind,
  description: c.description.trim(),
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  arrangedBy: c.arrangedBy,
  competencyIds: [...c.competencyIds],
  estimatedCost: c.estimatedCost === null ? null : { amount: c.estimatedCost.amount, currency: c.estimatedCost.currency },
});

const sameDetails = (a: ActivityDetails, b: ActivityDetails): boolean =>
  a.kind === b.kind &&
  a.description === b.description &&
  a.startsOn === b.startsOn &&
  a.endsOn === b.endsOn &&
  a.arrangedBy === b.arrangedBy &&
  a.competencyIds.join('\u0000') === b.competencyIds.join('\u0000') &&
  a.estimatedCost?.amount === b.estimatedCost?.amount &&
  a.estimatedCost?.currency === b.estimatedCost?.currency;

const activityOf = (state: DevelopmentPlanState, activityId: string): DevelopmentActivity => {
  const activity = state.activities.find((a) => a.activityId === activityId);
  if (!activity) throw new NotFoundError(`This plan has no development activity "${activityId}"`);
  return activity;
};

const needOf = (state: DevelopmentPlanState, needId: string): TrainingNeed => {
  const need = state.trainingNeeds.find((n) => n.needId === needId);
  if (!need) throw new NotFoundError(`This plan has no training need "${needId}"`);
  return need;
};

const PLANNERS: readonly PlanRole[] = ['EMPLOYEE', 'SUPERVISOR', 'HR'];
const PLANNERS_TEXT = 'the employee, their supervisor or HR may plan development';

const add = (command: AddDevelopmentActivity, state: DevelopmentPlanState): DevelopmentPlanEvent[] => {
  requireRole(rolesOf(state, command.actor), PLANNERS, PLANNERS_TEXT);
  const issues = [...idIssues('activityId', command.activityId), ...detailIssues(command)];
  if (state.activities.some((a) => a.activityId === command.activityId)) issues.unshift({ path: 'activityId', message: 'is already used by another activity of this plan' });
  refuse(issues);
  return [{ type: 'DevelopmentActivityAdded', data: { planId: state.planId, activityId: command.activityId, ...detailsOf(command), addedBy: actorId(command.actor) } }];
};

const change = (command: ChangeDevelopmentActivity, state: DevelopmentPlanState): DevelopmentPlanEvent[] => {
  requireRole(rolesOf(state, command.actor), PLANNERS, PLANNERS_TEXT);
  const activity = activityOf(state, command.activityId);
  if (activity.status !== 'PLANNED') throw new InvalidStateError(`Cannot change the activity: it is ${activity.status.toLowerCase()}`);
  refuse(detailIssues(command));
  const details = detailsOf(command);
  if (sameDetails(activity, details)) return [];
  return [{ type: 'DevelopmentActivityChanged', data: { planId: state.planId, activityId: command.activityId, ...details, changedBy: actorId(command.actor) } }];
};

/** Whoever arranges an activity, the supervisor or HR closes it: it is their duty to make it happen (seed 003). */
const requireCloser = (state: DevelopmentPlanState, activity: DevelopmentActivity, actor: Actor, what: string): void => {
  const arranger = actor.kind === 'PERSON' && actor.personId === activity.arrangedBy;
  if (!arranger) requireRole(rolesOf(state, actor), ['SUPERVISOR', 'HR'], `whoever arranges the activity, the supervisor or HR may ${what} it`);
};

const complete = (command: CompleteDevelopmentActivity, state: DevelopmentPlanState): DevelopmentPlanEvent[] => {
  const activity = activityOf(state, command.activityId);
  requireCloser(state, activity, command.actor, 'complete');
  if (activity.status === 'CANCELLED') throw new InvalidStateError('Cannot complete the activity: it was cancelled');
  const issues = [...dateIssues('completedOn', command.completedOn), ...textIssues('outcome', command.outcome, { required: true })];
  if (isLocalDate(command.completedOn) && compareLocalDates(command.completedOn, command.today) > 0) issues.push({ path: 'completedOn', message: 'must not be after today' });
  refuse(issues);
  const outcome = command.outcome.trim();
  if (activity.status === 'COMPLETED') {
    if (activity.completedOn === command.completedOn && activity.outcome === outcome) return [];
    throw new InvalidStateError('Cannot complete the activity: it is already completed');
  }
  const { planId, personId, cycleId } = state;
  return [{ type: 'DevelopmentActivityCompleted', data: { planId, personId, cycleId, activityId: activity.activityId, kind: activity.kind, completedOn: command.completedOn, outcome, completedBy: actorId(command.actor) } }];
};

const recordNeed = (command: RecordTrainingNeed, state: DevelopmentPlanState): DevelopmentPlanEvent[] => {
  requireRole(rolesOf(state, command.actor), PLANNERS, 'the employee, their supervisor or HR may record training needs');
  const issues = [...idIssues('needId', command.needId), ...textIssues('description', command.description, { required: true }), ...dateIssues('neededBy', command.neededBy)];
  if (state.trainingNeeds.some((n) => n.needId === command.needId)) issues.unshift({ path: 'needId', message: 'is already used by another training need of this plan' });
  issues.push(...costIssues('estimatedCost', command.estimatedCost));
  if (!TRAINING_NEED_SOURCES.includes(command.source)) issues.push({ path: 'source', message: `must be one of ${TRAINING_NEED_SOURCES.join(', ')}` });
  issues.push(...idListIssues('competencyIds', command.competencyIds));
  refuse(issues);
  const { planId, personId, cycleId } = state;
  const { needId, neededBy, source } = command;
  const estimatedCost = command.estimatedCost === null ? null : { amount: command.estimatedCost.amount, currency: command.estimatedCost.currency };
  return [
    {
      type: 'TrainingNeedRecorded',
      data: { planId, personId, cycleId, needId, description: command.description.trim(), neededBy, estimatedCost, source, competencyIds: [...command.competencyIds], recordedBy: actorId(command.actor) },
    },
  ];
};

/**
 * The new supervisor becomes the reviewer, and takes over the planned activities the previous one arranged (their
 * duty to make happen, seed 003); activities others arrange stay theirs. Without a new supervisor nothing moves.
 * Reassigning to the supervisor the plan already has changes nothing: a redelivered reaction is harmless.
 */
const reassign = (command: ReassignDevelopmentPlan, state: DevelopmentPlanState): DevelopmentPlanEvent[] => {
  requireRole(rolesOf(state, command.actor), ['SYSTEM'], 'the platform reassigns a plan, when the reporting line changes');
  const { planId, personId, supervisorId: from } = state;
  const to = command.supervisorId;
  if (from === to) return [];
  if (to === personId) refuse([{ path: 'supervisorId', message: 'a person cannot be their own supervisor' }]);
  const moved = to === null || from === null ? [] : state.activities.filter((a) => a.status === 'PLANNED' && a.arrangedBy === from).map((a) => a.activityId);
  return [{ type: 'DevelopmentPlanReassigned', data: { planId, personId, fromSupervisorId: from, toSupervisorId: to, movedActivityIds: moved, effectiveFrom: command.today } }];
};

const decide = (command: DevelopmentPlanCommand, state: DevelopmentPlanState): DevelopmentPlanEvent[] => {
  if (command.type === 'StartDevelopmentPlan') {
    if (state.status !== 'NONE') throw new AlreadyExistsError('This person already has a development plan in this cycle');
    const { planId, cycleId, personId, supervisorId } = command;
    requireRole(rolesOf({ personId, supervisorId }, command.actor), ['SYSTEM', 'HR', 'EMPLOYEE', 'SUPERVISOR'], 'the platform, HR, the employee or their supervisor may start a plan');
    return [{ type: 'DevelopmentPlanStarted', data: { planId, cycleId, personId, supervisorId } }];
  }
  if (state.status === 'NONE') throw new NotFoundError('There is no such development plan');
  const { planId, personId } = state;
  const by = actorId(command.actor);
  switch (command.type) {
    case 'AddDevelopmentActivity':
      return add(command, state);
    case 'ChangeDevelopmentActivity':
      return change(command, state);
    case 'CompleteDevelopmentActivity':
      return complete(command, state);
    case 'CancelDevelopmentActivity': {
      const activity = activityOf(state, command.activityId);
      requireCloser(state, activity, command.actor, 'cancel');
      if (activity.status === 'CANCELLED') return [];
      if (activity.status === 'COMPLETED') throw new InvalidStateError('Cannot cancel the activity: it is already completed');
      refuse(textIssues('reason', command.reason, { required: true }));
      return [{ type: 'DevelopmentActivityCancelled', data: { planId, activityId: activity.activityId, reason: command.reason.trim(), cancelledBy: by, cancelledOn: command.today } }];
    }
    case 'RecordTrainingNeed':
      return recordNeed(command, state);
    case 'MeetTrainingNeed': {
      requireRole(rolesOf(state, command.actor), ['SUPERVISOR', 'HR'], 'the supervisor or HR may record that a training need was met');
      const need = needOf(state, command.needId);
      if (need.status === 'MET') return [];
      if (need.status === 'DROPPED') throw new InvalidStateError('Cannot meet the training need: it was dropped');
      refuse(dateIssues('metOn', command.metOn));
      if (compareLocalDates(command.metOn, command.today) > 0) refuse([{ path: 'metOn', message: 'must not be after today' }]);
      return [{ type: 'TrainingNeedMet', data: { planId, personId, needId: need.needId, metOn: command.metOn, recordedBy: by } }];
    }
    case 'DropTrainingNeed': {
      requireRole(rolesOf(state, command.actor), ['SUPERVISOR', 'HR'], 'the supervisor or HR may drop a training need');
      const need = needOf(state, command.needId);
      if (need.status === 'DROPPED') return [];
      if (need.status === 'MET') throw new InvalidStateError('Cannot drop the training need: it was already met');
      refuse(textIssues('reason', command.reason, { required: true }));
      return [{ type: 'TrainingNeedDropped', data: { planId, personId, needId: need.needId, reason: command.reason.trim(), droppedBy: by, droppedOn: command.today } }];
    }
    case 'ReassignDevelopmentPlan':
      return reassign(command, state);
    default:
      return assertNever(command, 'development plan command');
  }
};

const updateActivity = (state: DevelopmentPlanState, activityId: string, update: (a: DevelopmentActivity) => DevelopmentActivity): DevelopmentPlanState => ({
  ...state,
  activities: state.activities.map((a) => (a.activityId === activityId ? update(a) : a)),
});

const updateNeed = (state: DevelopmentPlanState, needId: string, status: TrainingNeed['status']): DevelopmentPlanState => ({
  ...state,
  trainingNeeds: state.trainingNeeds.map((n) => (n.needId === needId ? { ...n, status } : n)),
});

const evolve = (state: DevelopmentPlanState, event: DevelopmentPlanEvent): DevelopmentPlanState => {
  switch (event.type) {
    case 'DevelopmentPlanStarted': {
      const { planId, cycleId, personId, supervisorId } = event.data;
      return { ...initialDevelopmentPlanState(), status: 'OPEN', planId, cycleId, personId, supervisorId };
    }
    case 'DevelopmentActivityAdded': {
      const { activityId, kind, description, startsOn, endsOn, arrangedBy, competencyIds, estimatedCost } = event.data;
      const activity: DevelopmentActivity = { activityId, kind, description, startsOn, endsOn, arrangedBy, competencyIds, estimatedCost, status: 'PLANNED', completedOn: null, outcome: null, cancelReason: null };
      return { ...state, activities: [...state.activities, activity] };
    }
    case 'DevelopmentActivityChanged': {
      const { kind, description, startsOn, endsOn, arrangedBy, competencyIds, estimatedCost } = event.data;
      return updateActivity(state, event.data.activityId, (a) => ({ ...a, kind, description, startsOn, endsOn, arrangedBy, competencyIds, estimatedCost }));
    }
    case 'DevelopmentActivityCompleted':
      return updateActivity(state, event.data.activityId, (a) => ({ ...a, status: 'COMPLETED', completedOn: event.data.completedOn, outcome: event.data.outcome }));
    case 'DevelopmentActivityCancelled':
      return updateActivity(state, event.data.activityId, (a) => ({ ...a, status: 'CANCELLED', cancelReason: event.data.reason }));
    case 'TrainingNeedRecorded': {
      const { needId, description, neededBy, estimatedCost, source, competencyIds } = event.data;
      return { ...state, trainingNeeds: [...state.trainingNeeds, { needId, description, neededBy, estimatedCost, source, competencyIds, status: 'OPEN' }] };
    }
    case 'TrainingNeedMet':
      return updateNeed(state, event.data.needId, 'MET');
    case 'TrainingNeedDropped':
      return updateNeed(state, event.data.needId, 'DROPPED');
    case 'DevelopmentPlanReassigned': {
      const { toSupervisorId, movedActivityIds } = event.data;
      const moved = new Set(movedActivityIds);
      return {
        ...state,
        supervisorId: toSupervisorId,
        activities: toSupervisorId === null ? state.activities : state.activities.map((a) => (moved.has(a.activityId) ? { ...a, arrangedBy: toSupervisorId } : a)),
      };
    }
    default:
      return assertNever(event, 'development plan event');
  }
};

export const developmentPlanDecider: Decider<DevelopmentPlanCommand, DevelopmentPlanState, DevelopmentPlanEvent> = { initialState: initialDevelopmentPlanState, decide, evolve };
