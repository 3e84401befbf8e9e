import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { integrationMessage, Topics, type GoalAgreed, type IntegrationEvent, type ReviewReadyForSignatures, type ReviewSigned } from '@growth/contracts';
import { KafkaTransport } from '@growth/messaging';
import { eventually, testKafkaBrokers } from '@growth/testing';

const SCRIPT = path.resolve(__dirname, '../../../examples/review-events-subscriber/index.mjs');

/**
 * The example subscriber of docs/events.md, run as its own process against the real broker: it joins its own
 * consumer group, prints each of its tenant's events once however often it is published, refuses a message whose
 * tenant header and payload disagree, and leaves its group when stopped.
 */
describe('the example subscriber, examples/review-events-subscriber', () => {
  const tenantId = `example-${randomBytes(4).toString('hex')}`;
  const otherTenant = `other-${randomBytes(4).toString('hex')}`;
  const groupId = `example-subscriber-${randomBytes(4).toString('hex')}`;
  const reviewId = randomUUID();
  const goalId = randomUUID();
  let kafka: Kafka;
  let producer: Producer;
  let admin: Admin;
  let child: ChildProcess;
  let exited: Promise<number | null>;
  let stdout = '';
  let stderr = '';
  const printed = () => stdout.split('\n').filter(Boolean);

  const envelope = (tenant: string, streamId: string, streamVersion: number) => ({
    eventId: randomUUID(),
    schemaVersion: 1,
    streamId,
    streamVersion,
    tenantId: tenant,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actorId: randomUUID(),
  });
  const review = (tenant: string) => `review-${tenant}:${reviewId}`;
  const ready: ReviewReadyForSignatures = { ...envelope(tenantId, review(tenantId), 7), type: 'ReviewReadyForSignatures', data: { reviewId, awaiting: ['EMPLOYEE', 'SUPERVISOR'] } };
  const signed: ReviewSigned = {
    ...envelope(tenantId, review(tenantId), 8),
    type: 'ReviewSigned',
    data: { reviewId, role: 'EMPLOYEE', signedBy: randomUUID(), signedOn: '2027-06-20', agreed: true },
  };
  const othersReady: ReviewReadyForSignatures = { ...ready, ...envelope(otherTenant, review(otherTenant), 7) };
  const forged: ReviewReadyForSignatures = { ...ready, ...envelope(otherTenant, review(otherTenant), 7) };
  const agreed: GoalAgreed = {
    ...envelope(tenantId, `goal-${tenantId}:${goalId}`, 2),
    type: 'GoalAgreed',
    data: { goalId, cycleId: randomUUID(), personId: randomUUID(), kind: 'DEVELOPMENT', version: 1, measure: null, dueOn: '2027-06-30', unitGoalId: null, competencyIds: ['safety'] },
  };

  /** As the outbox relay publishes it (key, headers, JSON value); all on one partition, so the last read proves every earlier one was. */
  const publish = (topic: string, events: readonly { event: IntegrationEvent; headers?: Record<string, string> }[]) =>
    producer.send({
      topic,
      messages: events.map(({ event, headers }) => {
        const message = integrationMessage(topic, event);
        return { partition: 0, key: message.key, headers: { ...message.headers, ...headers }, value: JSON.stringify(message.payload) };
      }),
    });

  beforeAll(async () => {
    const transport = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: 'example-subscriber-spec' });
    await transport.ensureTopics([Topics.reviewEvents, Topics.goalEvents]);
    await transport.close();
    kafka = new Kafka({ clientId: 'example-subscriber-spec', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
    producer = kafka.producer({ allowAutoTopicCreation: false });
    admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);

    child = spawn(process.execPath, [SCRIPT], { env: { ...process.env, KAFKA_BROKERS: testKafkaBrokers().join(','), GROUP_ID: groupId, TENANT_ID: tenantId }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }, 60_000);
  afterAll(async () => {
    if (child?.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await producer?.disconnect();
    await admin?.disconnect();
  }, 60_000);

  it('prints each event of its tenant once, however often it is published, and nothing of another tenant', async () => {
    await publish(Topics.reviewEvents.name, [
      { event: othersReady },
      // The header names this tenant, the payload another: neither is trusted.
      { event: forged, headers: { 'tenant-id': tenantId } },
      { event: ready },
      { event: ready }, // published again, as after a relay crash between publishing and marking: same event id
      { event: signed },
    ]);
    await publish(Topics.goalEvents.name, [{ event: agreed }]);

    await eventually(() => expect(printed().filter((line) => line.includes(signed.eventId))).toHaveLength(1), { timeoutMs: 60_000, intervalMs: 200 });
    await eventually(() => expect(printed().filter((line) => line.includes(agreed.eventId))).toHaveLength(1), { timeoutMs: 60_000, intervalMs: 200 });

    const mine = printed().filter((line) => line.includes(`tenant=${tenantId}`));
    expect(mine.filter((line) => line.startsWith(Topics.reviewEvents.name))).toEqual([
      `reviews.review.v1 ReviewReadyForSignatures ${review(tenantId)}@7 event=${ready.eventId} tenant=${tenantId} data={"reviewId":"${reviewId}","awaiting":["EMPLOYEE","SUPERVISOR"]}`,
      `reviews.review.v1 ReviewSigned ${review(tenantId)}@8 event=${signed.eventId} tenant=${tenantId} data=${JSON.stringify(signed.data)}`,
    ]);
    expect(mine.filter((line) => line.startsWith(Topics.goalEvents.name))).toEqual([
      `goals.goal.v1 GoalAgreed goal-${tenantId}:${goalId}@2 event=${agreed.eventId} tenant=${tenantId} data=${JSON.stringify(agreed.data)}`,
    ]);
    expect(stdout).not.toContain(othersReady.eventId);
    expect(stdout).not.toContain(forged.eventId);
    expect(stderr).toContain(`duplicate ${ready.eventId}`);
    expect(stderr).toContain(`tenant header "${tenantId}" does not match payload tenant "${otherTenant}"`);
    const [group] = (await admin.describeGroups([groupId])).groups;
    expect({ state: group.state, members: group.members.length }).toEqual({ state: 'Stable', members: 1 });
  });

  it('leaves its consumer group and exits cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const [group] = (await admin.describeGroups([groupId])).groups;
    expect({ state: group.state, members: group.members.length }).toEqual({ state: 'Empty', members: 0 });
  });
});
