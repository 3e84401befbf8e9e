import { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import { deadLetterTopicOf, type TopicDeclaration } from '@growth/contracts';
import { DEFAULT_MAX_BATCH_SIZE, silentLog, type Log, type MessageTransport, type OutgoingMessage, type SubscribeOptions, type Subscription } from './transport';

/**
 * The embedded mode's broker: no Kafka, same contract. Messages go to a durable, ordered log in PostgreSQL (so a
 * restart loses nothing that was acknowledged), consumers of a group read it from their committed offset, run the
 * handler, then commit, so delivery is at-least-once and per-topic ordered, exactly what handlers must already
 * tolerate with Kafka. Publishers wake subscribers in the same process at once; a slow poll covers the rest.
 * Each topic is a single partition: per-key order is implied by total order.
 */
export class InProcessTransport implements MessageTransport {
  private readonly wake = new EventEmitter().setMaxListeners(0);
  private readonly subscriptions = new Set<Subscription>();
  private readonly log: Log;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { log?: Log; pollIntervalMs?: number } = {},
  ) {
    this.log = options.log ?? silentLog;
  }

  async ensureTopics(topics: readonly TopicDeclaration[]): Promise<void> {
    const names = topics.flatMap((t) => [t.name, deadLetterTopicOf(t.name)]);
    await this.dataSource.query(`INSERT INTO bus_topics (name, partitions) SELECT unnest($1::text[]), 1 ON CONFLICT DO NOTHING`, [names]);
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const topics = [...new Set(messages.map((m) => m.topic))].sort();
    await this.dataSource.transaction(async (manager) => {
      const known: Array<{ name: string }> = await manager.query(`SELECT name FROM bus_topics WHERE name = ANY($1)`, [topics]);
      const unknown = topics.filter((t) => !known.some((k) => k.name === t));
      if (unknown.length > 0) throw new Error(`Unknown topic(s): ${unknown.join(', ')} (declare them; topics are not auto-created)`);
      for (const topic of topics) {
        // One appender per topic at a time, so offsets are dense and commit in order.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('bus:' || $1))`, [topic]);
        const batch = messages.filter((m) => m.topic === topic);
        await manager.query(
          `INSERT INTO bus_messages (topic, "offset", message_key, headers, value)
           SELECT $1, base.next + m.ord - 1, m.key, m.headers, m.value
           FROM (SELECT coalesce(max("offset") + 1, 0) AS next FROM bus_messages WHERE topic = $1) base,
                unnest($2::text[], $3::jsonb[], $4::text[]) WITH ORDINALITY AS m(key, headers, value, ord)`,
          [topic, batch.map((m) => m.key), batch.map((m) => JSON.stringify(m.headers)), batch.map((m) => m.value)],
        );
      }
    });
    for (const topic of topics) this.wake.emit(topic);
  }

  async subscribe({ groupId, topics, handleBatch, maxBatchSize = DEFAULT_MAX_BATCH_SIZE }: SubscribeOptions): Promise<Subscription> {
    let running = true;
    let wakeUp: () => void = () => undefined;
    const onWake = () => wakeUp();
    topics.forEach((t) => this.wake.on(t, onWake));

    const consumeTopic = async (topic: string): Promise<number> => {
      const rows: Array<{ offset: string; message_key: string; headers: Record<string, string>; value: string }> = await this.dataSource.query(
        `SELECT m."offset", m.message_key, m.headers, m.value FROM bus_messages m
         WHERE m.topic = $1 AND m."offset" >= coalesce((SELECT next_offset FROM bus_group_offsets WHERE group_id = $2 AND topic = $1), 0)
         ORDER BY m."offset" LIMIT $3`,
        [topic, groupId, maxBatchSize],
      );
      if (rows.length === 0 || !running) return 0;
      await handleBatch(rows.map((row) => ({ topic, partition: 0, offset: row.offset, key: row.message_key, headers: row.headers, value: row.value })));
      await this.dataSource.query(
        `INSERT INTO bus_group_offsets (group_id, topic, next_offset) VALUES ($1, $2, $3 + 1)
         ON CONFLICT (group_id, topic) DO UPDATE SET next_offset = excluded.next_offset`,
        [groupId, topic, rows[rows.length - 1].offset],
      );
      return rows.length;
    };

    const loop = (async () => {
      while (running) {
        const woken = new Promise<void>((resolve) => {
          wakeUp = resolve;
          setTimeout(resolve, this.options.pollIntervalMs ?? 1000).unref();
        });
        let consumed = 0;
        try {
          for (const topic of topics) consumed += await consumeTopic(topic);
        } catch (error) {
          // The handler failed and did not commit: back off, then redeliver from the committed offset.
          this.log('warn', 'in-process consumer will redeliver after an error', { groupId, error: (error as Error).message });
        }
        if (consumed === 0 && running) await woken;
      }
    })();

    const subscription: Subscription = {
      stop: async () => {
        running = false;
        topics.forEach((t) => this.wake.off(t, onWake));
        wakeUp();
        await loop;
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
  }
}
