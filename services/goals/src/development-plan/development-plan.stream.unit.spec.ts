import type { EventEnvelope } from '@growth/es';
import type { DevelopmentPlanEvent } from './domain/development-plan.events';
import { developmentPlanAggregate } from './development-plan.stream';

const envelope = (event: DevelopmentPlanEvent): EventEnvelope<DevelopmentPlanEvent> => ({
  eventId: 'e-1',
  type: event.type,
  schemaVersion: 1,
  streamId: 'development-plan-lausd:pdp-1',
  streamVersion: 3,
  tenantId: 'lausd',
  occurredAt: '2027-03-09T10:00:00.000Z',
  correlationId: 'r-1',
  causationId: 'r-1',
  actorId: 'p-sup',
  data: event.data,
  metadata: {},
});
const completion = { planId: 'pdp-1', activityId: 'a-1', completedOn: '2027-03-09', outcome: 'Passed', completedBy: 'p-sup' };

describe('development plan public events', () => {
  it('publishes a completion with whose plan and what kind it was, without its outcome', () => {
    const [message] = developmentPlanAggregate.publish!(envelope({ type: 'DevelopmentActivityCompleted', data: { ...completion, personId: 'p-emp', cycleId: 'c-1', kind: 'TRAINING_COURSE' } }));
    expect(message.payload).toMatchObject({ type: 'DevelopmentActivityCompleted', data: { planId: 'pdp-1', activityId: 'a-1', personId: 'p-emp', cycleId: 'c-1', kind: 'TRAINING_COURSE', completedOn: '2027-03-09' } });
    expect((message.payload as { data: object }).data).not.toHaveProperty('outcome');
  });

  it('publishes nothing for a completion stored before it carried them: the contract requires all three', () => {
    expect(developmentPlanAggregate.publish!(envelope({ type: 'DevelopmentActivityCompleted', data: completion }))).toEqual([]);
    expect(developmentPlanAggregate.publish!(envelope({ type: 'DevelopmentActivityCompleted', data: { ...completion, personId: 'p-emp', cycleId: 'c-1' } }))).toEqual([]);
  });
});
