import { integrationHeaders } from '@growth/contracts';
import { parseStreamId, type EventEnvelope } from '@growth/es';
import { CATEGORY, eventBatch, freshStreamId, publishTo, skillAssessedData, TENANT } from './fixtures';

describe('benchmark events', () => {
  it('carry about 300 bytes of JSON data', () => {
    const sizes = Array.from({ length: 200 }, (_, i) => Buffer.byteLength(JSON.stringify(skillAssessedData(i))));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(270);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(330);
  });

  it('come in batches of distinct events', () => {
    const batch = eventBatch(100);
    expect(batch).toHaveLength(100);
    expect(new Set(batch.map((e) => e.data.reviewId)).size).toBe(100);
  });

  it('go to fresh, well-formed stream ids', () => {
    const id = freshStreamId();
    expect(parseStreamId(id, CATEGORY).tenantId).toBe(TENANT);
    expect(freshStreamId()).not.toBe(id);
  });

  it('publish one integration message per event: keyed by stream, the contract headers, no private metadata', () => {
    const envelope: EventEnvelope = {
      eventId: '0192f3a0-0000-7000-8000-000000000001',
      type: 'SkillAssessed',
      schemaVersion: 1,
      streamId: 'assessment-bench-district:x',
      streamVersion: 0,
      tenantId: TENANT,
      occurredAt: '2026-01-01T00:00:00.000Z',
      correlationId: 'c',
      causationId: 'c',
      actorId: 'a',
      data: { rating: 3 },
      metadata: { secret: true },
    };
    const [message, ...rest] = publishTo('bench.topic.v1')(envelope);
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ eventId: envelope.eventId, topic: 'bench.topic.v1', key: envelope.streamId });
    expect(message.payload).not.toHaveProperty('metadata');
    expect(message.headers).toEqual(integrationHeaders({ ...envelope }));
  });
});
