import { streamId, type Aggregate, type EventEnvelope, type OutboxMessage } from '@growth/es';
import { Topics, integrationMessage, type GoalStreamEvent } from '@growth/contracts';
import type { GoalCommand } from './domain/goal.commands';
import { goalDecider } from './domain/goal.decider';
import type { GoalEvent } from './domain/goal.events';
import type { GoalState } from './domain/goal.model';

export const goalStreamId = (tenantId: string, goalId: string): string => streamId('goal', tenantId, goalId);

type PublicData<T extends GoalStreamEvent['type']> = Extract<GoalStreamEvent, { type: T }>['data'];
type Published = { [T in GoalStreamEvent['type']]: { type: T; data: PublicData<T> } }[GoalStreamEvent['type']];
/** Each public event built through here, so its data is checked against the contract field by field. */
const as = <T extends GoalStreamEvent['type']>(type: T, data: PublicData<T>): Published => ({ type, data }) as Published;

/**
 * A goal's public milestones: a version submitted and whose approvals it awaits, an approval that leaves another
 * awaited or that stops counting when the supervisor changes, an agreed version with its measure, due date and
 * alignment (never the statement, actions or support), each check-in's value and status, how it ended, a
 * withdrawal. Drafts and wording warnings stay private.
 */
const publicDataOf = (event: GoalEvent): Published | null => {
  switch (event.type) {
    case 'GoalSubmitted': {
      const { goalId, version, cycleId, personId, kind, role, awaiting } = event.data;
      // Submissions stored before these fields existed are not republished: they cannot say whom they await.
      if (cycleId === undefined || personId === undefined || kind === undefined || role === undefined || awaiting === undefined) return null;
      return as('GoalSubmitted', { goalId, cycleId, personId, kind, contentVersion: version, by: role, awaiting: [...awaiting] });
    }
    case 'GoalApproved': {
      const { goalId, version, role, awaiting } = event.data;
      // The approval that agrees the version is told by GoalAgreed.
      if (awaiting === undefined || awaiting.length === 0) return null;
      return as('GoalApprovalRecorded', { goalId, contentVersion: version, by: role, awaiting: [...awaiting] });
    }
    case 'GoalReassigned': {
      const dropped = event.data.approvalDropped;
      // A reassignment that leaves every approval standing changes nothing a subscriber waits for.
      if (dropped === undefined) return null;
      return as('GoalApprovalDropped', { goalId: event.data.goalId, contentVersion: dropped.version, by: 'SUPERVISOR', awaiting: [...dropped.awaiting] });
    }
    case 'GoalAgreed': {
      const { goalId, cycleId, personId, kind, version, content } = event.data;
      const m = content.measure;
      return as('GoalAgreed', {
        goalId,
        cycleId,
        personId,
        kind,
        version,
        measure: m && m.target !== null ? { what: m.what, baseline: m.baseline, target: m.target, unit: m.unit } : null,
        dueOn: content.dueOn,
        unitGoalId: content.alignment.unitGoalId,
        competencyIds: [...content.alignment.competencyIds],
      });
    }
    case 'ProgressRecorded':
      return as('GoalProgressRecorded', { goalId: event.data.goalId, checkInId: event.data.checkInId, value: event.data.value, status: event.data.status, recordedOn: event.data.recordedOn });
    case 'GoalAchieved':
      return as('GoalClosed', { goalId: event.data.goalId, status: 'ACHIEVED', closedOn: event.data.on });
    case 'GoalNotAchieved':
      return as('GoalClosed', { goalId: event.data.goalId, status: 'NOT_ACHIEVED', closedOn: event.data.on });
    case 'GoalDeferred':
      return as('GoalClosed', { goalId: event.data.goalId, status: 'DEFERRED', closedOn: event.data.on });
    case 'GoalWithdrawn':
      return as('GoalWithdrawn', { goalId: event.data.goalId });
    default:
      return null;
  }
};

export const publishGoalEvent = (envelope: EventEnvelope<GoalEvent>): OutboxMessage[] => {
  const published = publicDataOf({ type: envelope.type, data: envelope.data } as GoalEvent);
  if (!published) return [];
  const { metadata: _metadata, ...rest } = envelope;
  const payload = { ...rest, type: published.type, data: published.data } as GoalStreamEvent;
  return [integrationMessage(Topics.goalEvents.name, payload)];
};

export const goalAggregate: Aggregate<GoalCommand, GoalState, GoalEvent> = {
  name: 'Goal',
  decider: goalDecider,
  streamId: goalStreamId,
  publish: publishGoalEvent,
};
