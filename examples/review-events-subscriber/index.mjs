// A subscriber of the platform's public review and goal events, as another system (HRIS, payroll, a learning
// platform) would write one: its own consumer group, one tenant, the tenant header checked against the payload,
// events de-duplicated by id, one line printed per event. See docs/events.md for the contract it relies on.
//
//   KAFKA_BROKERS=127.0.0.1:9092 TENANT_ID=dev-district GROUP_ID=my-hris node examples/review-events-subscriber/index.mjs
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

const TOPICS = ['reviews.review.v1', 'goals.goal.v1'];
// The Kafka headers every message carries (`Headers` in libs/contracts/src/topics.ts).
const TENANT_HEADER = 'tenant-id';

const required = (name) => {
  const value = process.env[name]?.trim();
  if (!value) {
    process.stderr.write(`${name} is required (see README.md)\n`);
    process.exit(2);
  }
  return value;
};
const brokers = required('KAFKA_BROKERS').split(',').map((b) => b.trim()).filter(Boolean);
const tenantId = required('TENANT_ID');
const groupId = process.env.GROUP_ID?.trim() || 'review-events-subscriber';

const warn = (line) => process.stderr.write(`${line}\n`);

// In memory, for the example only: a restart forgets it, so an event redelivered after a restart prints again.
// Production records each processed event id durably, in the same transaction as whatever the event changes.
const MAX_REMEMBERED = 100_000;
const seen = new Set();
const remember = (eventId) => {
  seen.add(eventId);
  // A Set iterates in insertion order: forget the oldest first, so memory stays bounded.
  if (seen.size > MAX_REMEMBERED) seen.delete(seen.values().next().value);
};

const handle = ({ topic, partition, message }) => {
  const where = `${topic}[${partition}]@${message.offset}`;
  const headerTenant = message.headers?.[TENANT_HEADER]?.toString();
  // One topic carries every tenant: skip the others on the header alone, without parsing them.
  if (headerTenant !== tenantId) return;
  let event;
  try {
    event = JSON.parse(message.value?.toString() ?? '');
  } catch {
    warn(`unreadable ${where}: not JSON; skipped`);
    return;
  }
  if (typeof event !== 'object' || event === null || typeof event.eventId !== 'string') {
    warn(`unreadable ${where}: no eventId; skipped`);
    return;
  }
  // Never trust the header without the payload, nor the payload without the header.
  if (event.tenantId !== headerTenant) {
    warn(`rejected ${where}: tenant header ${JSON.stringify(headerTenant)} does not match payload tenant ${JSON.stringify(event.tenantId)}`);
    return;
  }
  // At-least-once delivery: a redelivered or republished event comes again with the same eventId.
  if (seen.has(event.eventId)) {
    warn(`duplicate ${event.eventId} at ${where}; skipped`);
    return;
  }
  remember(event.eventId);
  process.stdout.write(`${topic} ${event.type} ${event.streamId}@${event.streamVersion} event=${event.eventId} tenant=${event.tenantId} data=${JSON.stringify(event.data)}\n`);
};

const kafka = new Kafka({
  clientId: groupId,
  brokers,
  logLevel: logLevel.ERROR,
  // kafkajs logs to stdout by default; keep stdout for events.
  logCreator: () => ({ namespace, log }) => warn(`kafkajs ${namespace}: ${log.message}`),
});
const consumer = kafka.consumer({ groupId });

let stopping = false;
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  warn(`${signal}: leaving group ${groupId}`);
  // Disconnecting commits what was processed and leaves the group at once, so its partitions move without waiting for a timeout.
  await consumer.disconnect();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => warn(`joined group ${payload.groupId} as ${payload.memberId}`));

try {
  await consumer.connect();
  // A new group starts from the oldest retained message (a cycle's history); after that it resumes from its commits.
  await consumer.subscribe({ topics: TOPICS, fromBeginning: true });
  // The offset is committed after `eachMessage` returns: a crash before it means the message comes again.
  await consumer.run({ eachMessage: async (payload) => handle(payload) });
  warn(`subscribed to ${TOPICS.join(', ')} for tenant ${tenantId} as group ${groupId}`);
} catch (error) {
  warn(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  await consumer.disconnect().catch(() => undefined);
  process.exit(1);
}
