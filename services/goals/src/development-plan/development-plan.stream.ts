import { v5 } from 'uuid';
import { streamId, type Aggregate, type EventEnvelope, type OutboxMessage } from '@growth/es';
import { Topics, integrationEventMapper, integrationMessage, type DevelopmentPlanStreamEvent } from '@growth/contracts';
import { latestStateProjection } from '@growth/es-postgres';
import type { DevelopmentPlanCommand } from './domain/development-plan.commands';
import { developmentPlanDecider } from './domain/development-plan.decider';
import type { DevelopmentPlanEvent } from './domain/development-plan.events';
import type { DevelopmentPlanState } from './domain/development-plan.model';

export const developmentPlanStreamId = (tenantId: string, planId: string): string => streamId('development-plan', tenantId, planId);

const PLAN_ID_NAMESPACE = '2b8f6a4c-5d1e-4f7a-9c3b-8e0d1a2f4b6c';

/** One plan per person per cycle, by construction, as reviews are. */
export const developmentPlanIdOf = (cycleId: string, personId: string): string => v5(`${cycleId}:${personId}`, PLAN_ID_NAMESPACE);

type CompletedEvent = Extract<DevelopmentPlanEvent, { type: 'DevelopmentActivityCompleted' }>;
/** A completion with whose plan and what kind it was: every one decided now, not those stored before. */
type CompleteCompletion = Omit<CompletedEvent, 'data'> & { data: Required<CompletedEvent['data']> };
type PublicPlanEvent = Exclude<Extract<DevelopmentPlanEvent, { type: DevelopmentPlanStreamEvent['type'] }>, CompletedEvent> | CompleteCompletion;
const PUBLIC_TYPES: ReadonlySet<string> = new Set<DevelopmentPlanStreamEvent['type']>(['TrainingNeedRecorded', 'DevelopmentActivityCompleted']);

/**
 * A plan's public milestones, for learning platforms and training budgets: ids, kinds, dates and costs. What people
 * wrote (a need's description, an activity's outcome) and who recorded it stay here; this does not compile unless
 * what it produces is exactly the contract's `DevelopmentPlanStreamEvent`.
 */
const toPublicPlanEvent = integrationEventMapper<PublicPlanEvent, DevelopmentPlanStreamEvent>()({
  TrainingNeedRecorded: ({ planId, needId, cycleId, personId, source, competencyIds, neededBy, estimatedCost }) => ({
    planId,
    needId,
    cycleId,
    personId,
    source,
    competencyIds: [...competencyIds],
    neededBy,
    estimatedCost: estimatedCost === null ? null : { amount: estimatedCost.amount, currency: estimatedCost.currency },
  }),
  DevelopmentActivityCompleted: ({ planId, activityId, cycleId, personId, kind, completedOn }) => ({ planId, activityId, cycleId, personId, kind, completedOn }),
});

/**
 * A completion stored before it carried the person, cycle and kind cannot be told as the contract requires, so it
 * is not published: every completion decided now carries them, and only stored events, replayed, lack them.
 */
const isPublishable = (envelope: EventEnvelope<DevelopmentPlanEvent>): envelope is EventEnvelope<PublicPlanEvent> => {
  if (!PUBLIC_TYPES.has(envelope.type)) return false;
  if (envelope.type !== 'DevelopmentActivityCompleted') return true;
  const { personId, cycleId, kind } = (envelope as EventEnvelope<CompletedEvent>).data;
  return personId !== undefined && cycleId !== undefined && kind !== undefined;
};

/** On goals.goal.v1 beside the goals, keyed by the plan's stream: one plan's events stay in order. */
const publishDevelopmentPlanEvent = (envelope: EventEnvelope<DevelopmentPlanEvent>): OutboxMessage[] =>
  isPublishable(envelope) ? [integrationMessage(Topics.goalEvents.name, toPublicPlanEvent(envelope))] : [];

export const developmentPlanAggregate: Aggregate<DevelopmentPlanCommand, DevelopmentPlanState, DevelopmentPlanEvent> = {
  name: 'Development plan',
  decider: developmentPlanDecider,
  streamId: developmentPlanStreamId,
  publish: publishDevelopmentPlanEvent,
};

/** `development_plan_list`, inline: each plan's latest state. */
export const developmentPlanListProjection = latestStateProjection<DevelopmentPlanState, DevelopmentPlanEvent>({
  name: 'goals.development-plan-list',
  category: 'development-plan',
  decider: developmentPlanDecider,
  async save(manager, tenantId, states) {
    await manager.query(
      `INSERT INTO development_plan_list (tenant_id, plan_id, cycle_id, person_id, supervisor_id, state, version)
       SELECT $1, p.plan_id, p.cycle_id, p.person_id, p.supervisor_id, p.state, p.version
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::jsonb[], $7::int[]) AS p(plan_id, cycle_id, person_id, supervisor_id, state, version)
       ON CONFLICT (tenant_id, plan_id) DO UPDATE SET supervisor_id = EXCLUDED.supervisor_id, state = EXCLUDED.state, version = EXCLUDED.version`,
      [
        tenantId,
        states.map((s) => s.state.planId),
        states.map((s) => s.state.cycleId),
        states.map((s) => s.state.personId),
        states.map((s) => s.state.supervisorId),
        states.map((s) => JSON.stringify(s.state)),
        states.map((s) => s.version),
      ],
    );
  },
});
