import { randomUUID } from 'node:crypto';
import { uniqueName, eventually } from '@growth/testing';
import { collect, transportFixtures, type TransportFixture } from './transport-fixtures.spec-helper';

describe.each(transportFixtures)('%s transport', (_name, makeFixture) => {
  let fixture: TransportFixture;
  beforeAll(async () => {
    fixture = await makeFixture();
  });
  afterAll(async () => fixture?.close());

  it('refuses to publish to a topic that was not declared', async () => {
    await expect(fixture.transport.publish([{ topic: uniqueName('undeclared'), key: 'k', headers: {}, value: '{}' }])).rejects.toThrow();
  });

  it('delivers every message with key and headers, in order per key', async () => {
    const topic = uniqueName('order');
    await fixture.transport.ensureTopics([{ name: topic, partitions: 3, retentionDays: 1 }]);
    const keys = ['s-1', 's-2', 's-3', 's-4'];
    const sent = Array.from({ length: 40 }, (_, i) => ({ topic, key: keys[i % 4], headers: { 'event-id': randomUUID() }, value: JSON.stringify({ i }) }));
    await fixture.transport.publish(sent.slice(0, 20));
    await fixture.transport.publish(sent.slice(20));

    const consumer = await collect(fixture.transport, uniqueName('group'), [topic]);
    await eventually(() => expect(consumer.received).toHaveLength(40));
    await consumer.stop();
    for (const key of keys) {
      const got = consumer.received.filter((m) => m.key === key).map((m) => JSON.parse(m.value).i);
      expect(got).toEqual(sent.filter((m) => m.key === key).map((m) => JSON.parse(m.value).i));
    }
    expect(consumer.received[0].headers['event-id']).toBe(sent.find((m) => m.key === consumer.received[0].key)?.headers['event-id']);
  });

  it('resumes a group from its committed offset after a restart, and redelivers a batch that failed', async () => {
    const topic = uniqueName('resume');
    const group = uniqueName('group');
    await fixture.transport.ensureTopics([{ name: topic, partitions: 1, retentionDays: 1 }]);
    const send = (from: number, to: number) => fixture.transport.publish(Array.from({ length: to - from }, (_, i) => ({ topic, key: 'k', headers: {}, value: String(from + i) })));

    // The first consumer handles 0..4, then fails on every batch holding 5 and goes away: 5 was never committed.
    const handled: string[] = [];
    let failures = 0;
    const first = fixture.reconnect();
    const failing = await first.subscribe({
      groupId: group,
      topics: [topic],
      handleBatch: async (batch) => {
        if (batch.some((m) => m.value === '5')) {
          failures += 1;
          throw new Error('crash while handling 5');
        }
        handled.push(...batch.map((m) => m.value));
      },
    });
    await send(0, 5);
    await eventually(() => expect(handled).toEqual(['0', '1', '2', '3', '4']));
    await send(5, 10);
    // Delivered (and failed) at least once: wait until the handler has seen 5.
    await eventually(() => expect(failures).toBeGreaterThan(0));
    await failing.stop();
    await first.close();

    const second = await collect(fixture.reconnect(), group, [topic]);
    await eventually(() => expect(second.received.map((m) => m.value)).toEqual(['5', '6', '7', '8', '9']));
    await second.stop();
  });
});
