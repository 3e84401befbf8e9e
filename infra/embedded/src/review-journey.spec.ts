import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Webhook } from 'standardwebhooks';
import { Topics, Headers } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { randomBytes, randomUUID } from 'node:crypto';
import { DEV_ADMIN_ACTOR, DEV_TENANT } from './dev-environment';
import { loadSampleDistrict, loadSampleFrameworks, peoplePages, registerDevTenant, type PersonSummary } from './dev-samples';
import { GraphQLCallError, graphqlCaller, type GraphQLCall } from './graphql-client';
import { startPlatform, type RunningPlatform } from './platform';
import { eventually, pdfText, testDatabaseAdminUrl, testKafkaBrokers } from '@growth/testing';

interface Received {
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly value: string;
}

/**
 * A review cycle of the sample district through the gateway, over the real broker: HR opens it, a custodian's job
 * chat and their supervisor's full review run from the first step to filing with the tokens of the people
 * concerned, the year-end summary PDFs name them, and an outside system's own consumer group reads the filing from
 * the documented topic without a word of what anyone wrote.
 */
describe('a review cycle of the sample district, end to end', () => {
  let platform: RunningPlatform;
  let hr: GraphQLCall;
  let people: Map<string, PersonSummary>;
  let consumer: Consumer;
  const received: Received[] = [];
  const as = async (staffNumber: string): Promise<GraphQLCall> =>
    graphqlCaller(platform.gatewayUrl, await platform.issuer.issueToken({ tenantId: DEV_TENANT, actorId: people.get(staffNumber)!.id, roles: ['employee'] }));
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
  let cycleId: string;
  let frameworkId: string;
  let jobChatId: string;
  // A district's integration: a webhook receiver on loopback (allowed here, refused in production).
  let receiver: Server;
  let webhookSecret: string;
  const deliveries: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    platform = await startPlatform({
      adminDatabaseUrl: testDatabaseAdminUrl(),
      kafkaBrokers: testKafkaBrokers(),
      gatewayPort: 0,
      databasePrefix: `journey_${randomBytes(3).toString('hex')}`,
      rateLimit: false,
      notifications: { webhooks: { allowPrivateTargets: true }, jobs: { pollIntervalMs: 200 } },
    });
    const adminToken = await platform.issuer.issueToken({ tenantId: DEV_TENANT, actorId: DEV_ADMIN_ACTOR, roles: ['hr', 'tenant_admin'] });
    hr = graphqlCaller(platform.gatewayUrl, adminToken);
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { registerWebhookEndpoint } = await hr<{ registerWebhookEndpoint: { secret: string } }>(
      `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { id secret } }`,
      { input: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`, eventTypes: ['ReviewFiled'] } },
    );
    webhookSecret = registerWebhookEndpoint.secret;
    await registerDevTenant(platform.gatewayUrl, adminToken);
    const loaded = await loadSampleFrameworks(platform.gatewayUrl, adminToken);
    frameworkId = loaded.find((f) => f.file === 'lausd-classified.yaml')!.frameworkId!;
    await loadSampleDistrict(platform.gatewayUrl, adminToken);
    people = new Map();
    for await (const page of peoplePages(hr)) for (const p of page) people.set(p.staffNumber, p);

    const kafka = new Kafka({ clientId: 'payroll-example', brokers: testKafkaBrokers()!, logLevel: logLevel.NOTHING });
    consumer = kafka.consumer({ groupId: `payroll-example-${randomBytes(4).toString('hex')}` });
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.reviewEvents.name, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push({
          key: message.key?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          value: message.value?.toString() ?? '',
        });
      },
    });
  }, 240_000);
  afterAll(async () => {
    await consumer?.disconnect();
    await platform?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  }, 60_000);

  it('opens the cycle and ends with one review for each of the 297 staff', async () => {
    // The directory's events reach the reviews service over Kafka: wait until it knows everyone and every reporting line.
    const reviewsDb = platform.services.find((s) => s.name === 'reviews')!.infrastructure.dataSource;
    const expectedLines = [...people.values()].length - 1;
    await eventually(
      async () => {
        const [copy]: Array<{ people: number; lines: number }> = await withTenant(reviewsDb, DEV_TENANT, (m) =>
          m.query(`SELECT count(*)::int AS people, count(supervisor_id)::int AS lines FROM review_people`),
        );
        expect(copy).toEqual({ people: people.size, lines: expectedLines });
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const opened = await eventually(
      async () => {
        const { frameworkCatalog } = await hr<{ frameworkCatalog: Array<{ frameworkId: string; latestPublishedVersion: number | null }> }>(`{ frameworkCatalog { frameworkId latestPublishedVersion } }`);
        expect(frameworkCatalog.find((f) => f.frameworkId === frameworkId)?.latestPublishedVersion).toBe(1);
        return hr<{ openCycle: { cycleId: string } }>(`mutation($input: OpenCycleInput!) { openCycle(input: $input) { cycleId } }`, {
          input: { name: '2026-27', startsOn: '2026-08-02', framework: { frameworkId, version: 1 } },
        });
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    cycleId = opened.openCycle.cycleId;
    await eventually(
      async () => {
        const { cycle } = await hr<{ cycle: { status: string } }>(`query($id: ID!) { cycle(id: $id) { status } }`, { id: cycleId });
        expect(cycle.status).toBe('OPEN');
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    // Whoever the reviews service had not heard of yet when the cycle opened gets a review as their event arrives.
    const reviewed = await eventually(
      async () => {
        const items: Array<{ employee: { id: string } }> = [];
        for (let after: string | null = null; ; ) {
          const { reviews }: { reviews: { items: Array<{ employee: { id: string } }>; endCursor: string | null; hasNextPage: boolean } } = await hr(
            `query($c: ID!, $after: String) { reviews(cycleId: $c, first: 200, after: $after) { items { employee { id } } endCursor hasNextPage } }`,
            { c: cycleId, after },
          );
          items.push(...reviews.items);
          if (!reviews.hasNextPage) break;
          after = reviews.endCursor;
        }
        expect(items).toHaveLength(people.size);
        return items;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(new Set(reviewed.map((r) => r.employee.id))).toEqual(new Set([...people.values()].map((p) => p.id)));
  });

  const REVIEW = `id process status reviewer { id } employee { id firstName lastName } nextSteps { step by }`;

  it("runs the custodian's job chat and their supervisor's full review to filing, each PDF naming who signed", async () => {
    const custodian = await as('E10064');
    const supervisor = await as('E10032');
    const { myReview: chat } = await custodian<{ myReview: { id: string; process: string; reviewer: { id: string }; employee: { firstName: string; lastName: string } } }>(`{ myReview { ${REVIEW} } }`);
    expect(chat.process).toBe('JOB_CHAT');
    jobChatId = chat.id;
    expect(chat.reviewer.id).toBe(people.get('E10032')!.id);
    // The employee resolves through the directory subgraph: names are not copied into reviews' API.
    expect(`${chat.employee.firstName} ${chat.employee.lastName}`).toBe(`${people.get('E10064')!.firstName} ${people.get('E10064')!.lastName}`);
    const step = (call: GraphQLCall, mutation: string, type: string, input: object) => call(`mutation($input: ${type}!) { ${mutation}(input: $input) { version } }`, { input });

    await step(supervisor, 'recordJobChatAnswers', 'JobChatAnswersInput', { reviewId: chat.id, likes: 'The team at Roosevelt', needsToDoTheJob: 'A new floor scrubber', developmentNeeds: 'Floor care course' });
    await step(supervisor, 'recordJobChatOutcome', 'JobChatOutcomeInput', { reviewId: chat.id, trainingAgreed: 'Floor care course in January' });
    await step(supervisor, 'recordMeeting', 'RecordMeetingInput', { reviewId: chat.id, kind: 'YEAR_END_CONFERENCE', heldOn: today, attendeeIds: [people.get('E10064')!.id, people.get('E10032')!.id] });
    await step(custodian, 'signReviewAsEmployee', 'SignReviewInput', { reviewId: chat.id });
    await step(supervisor, 'signReviewAsSupervisor', 'ReviewOnlyInput', { reviewId: chat.id });
    await step(supervisor, 'submitReviewToHr', 'ReviewOnlyInput', { reviewId: chat.id });
    const chatPdf = await custodian<{ yearEndSummary: { base64: string } }>(`query($r: ID!) { yearEndSummary(reviewId: $r) { base64 } }`, { r: chat.id });
    const chatText = await pdfText(Buffer.from(chatPdf.yearEndSummary.base64, 'base64'));
    for (const name of ['E10064', 'E10032']) expect(chatText).toContain(`${people.get(name)!.firstName} ${people.get(name)!.lastName}`);
    expect(chatText).toContain('A new floor scrubber');

    // The supervisor's own review, with his manager as reviewer.
    const { myReview: full } = await supervisor<{ myReview: { id: string; process: string; reviewer: { id: string } } }>(`{ myReview { ${REVIEW} } }`);
    expect(full.process).toBe('FULL');
    const manager = people.get([...people.values()].find((p) => p.id === full.reviewer.id)!.staffNumber)!;
    const reviewer = await as(manager.staffNumber);
    const { publishedFrameworkVersion } = await supervisor<{ publishedFrameworkVersion: { definition: { clusters: Array<{ id: string; competencies: Array<{ id: string }> }> } } }>(
      `query($f: ID!) { publishedFrameworkVersion(frameworkId: $f, version: 1) { definition } }`,
      { f: frameworkId },
    );
    // One competency from each cluster that has any (Leadership included: he supervises custodians), then more up to 8.
    const clusters = publishedFrameworkVersion.definition.clusters.filter((c) => c.competencies.length > 0);
    const chosen = clusters.map((c) => c.competencies[0].id);
    for (const c of clusters.flatMap((k) => k.competencies.slice(1))) if (chosen.length < 8) chosen.push(c.id);
    const { checkCompetencySelection } = await supervisor<{ checkCompetencySelection: unknown[] }>(`query($r: ID!, $c: [ID!]!) { checkCompetencySelection(reviewId: $r, competencyIds: $c) { rule message } }`, { r: full.id, c: chosen });
    expect(checkCompetencySelection).toEqual([]);
    await step(supervisor, 'selectCompetencies', 'SelectCompetenciesInput', { reviewId: full.id, competencyIds: chosen });
    await step(reviewer, 'agreeCompetencySelection', 'ReviewOnlyInput', { reviewId: full.id });
    const attendees = [people.get('E10032')!.id, manager.id];
    await step(reviewer, 'recordMeeting', 'RecordMeetingInput', { reviewId: full.id, kind: 'GOAL_SETTING', heldOn: '2026-10-01', attendeeIds: attendees });
    await step(reviewer, 'recordMeeting', 'RecordMeetingInput', { reviewId: full.id, kind: 'MID_YEAR_REFLECTION', heldOn: '2026-11-16', attendeeIds: attendees });
    await step(supervisor, 'submitSelfAssessment', 'RatingsInput', { reviewId: full.id, ratings: chosen.map((c) => ({ competencyId: c, ratingLevelId: 'EFFECTIVE', text: 'Evidence' })) });
    await step(reviewer, 'recordSupervisorRatings', 'RatingsInput', { reviewId: full.id, ratings: chosen.map((c, i) => ({ competencyId: c, ratingLevelId: i === 0 ? 'EFFECTIVE_PLUS' : 'EFFECTIVE', text: 'Seen it' })) });
    await step(reviewer, 'recordMeeting', 'RecordMeetingInput', { reviewId: full.id, kind: 'YEAR_END_CONFERENCE', heldOn: today, attendeeIds: attendees });
    await step(reviewer, 'recordOverallAssessment', 'OverallAssessmentInput', { reviewId: full.id, assessmentId: 'EXCEEDED' });
    await step(supervisor, 'addEmployeeComments', 'EmployeeCommentsInput', { reviewId: full.id, comments: 'A private remark about the boiler' });
    // His performance goal, agreed and closed in the goals service through the gateway, reaches the summary over the broker.
    const { recordUnitGoal } = await eventually(() => hr<{ recordUnitGoal: { id: string } }>(`mutation($input: RecordUnitGoalInput!) { recordUnitGoal(input: $input) { id } }`, { input: { cycleId, statement: 'Cleaner schools' } }), {
      timeoutMs: 30_000,
    });
    const goalId = randomUUID();
    await supervisor(`mutation($input: DraftGoalInput!) { draftGoal(input: $input) { version } }`, {
      input: {
        goalId,
        cycleId,
        kind: 'PERFORMANCE',
        content: {
          statement: 'Raise the share of classrooms passing the weekly inspection',
          measure: { what: 'rooms passing inspection', baseline: 80, target: 95, unit: '%' },
          actions: ['Weekly walk-through with the crew'],
          unitGoalId: recordUnitGoal.id,
          dueOn: '2027-06-30',
        },
      },
    });
    await supervisor(`mutation($input: GoalOnlyInput!) { submitGoal(input: $input) { version } }`, { input: { goalId } });
    await supervisor(`mutation($input: ApproveGoalInput!) { approveGoal(input: $input) { version } }`, { input: { goalId } });
    await reviewer(`mutation($input: ApproveGoalInput!) { approveGoal(input: $input) { version } }`, { input: { goalId } });
    await reviewer(`mutation($input: RecordGoalProgressInput!) { recordGoalProgress(input: $input) { version } }`, { input: { goalId, value: 88, status: 'NOT_ACHIEVED', recordedOn: today } });
    const reviewsDb = platform.services.find((s) => s.name === 'reviews')!.infrastructure.dataSource;
    await eventually(
      async () => {
        const rows: unknown[] = await withTenant(reviewsDb, DEV_TENANT, (m) => m.query(`SELECT 1 FROM review_goals WHERE goal_id = $1 AND status = 'NOT_ACHIEVED'`, [goalId]));
        expect(rows).toHaveLength(1);
      },
      { timeoutMs: 30_000 },
    );
    await step(supervisor, 'signReviewAsEmployee', 'SignReviewInput', { reviewId: full.id });
    await step(reviewer, 'signReviewAsSupervisor', 'ReviewOnlyInput', { reviewId: full.id });
    await step(reviewer, 'submitReviewToHr', 'ReviewOnlyInput', { reviewId: full.id });
    const fullPdf = await hr<{ yearEndSummary: { base64: string } }>(`query($r: ID!) { yearEndSummary(reviewId: $r) { base64 } }`, { r: full.id });
    const fullText = await pdfText(Buffer.from(fullPdf.yearEndSummary.base64, 'base64'));
    for (const expected of [`${people.get('E10032')!.firstName} ${people.get('E10032')!.lastName}`, `${manager.firstName} ${manager.lastName}`, 'Effective+', 'Exceeded', 'Eligible for the pay-progression point: Yes']) {
      expect(fullText).toContain(expected);
    }
    expect(fullText.replace(/\s+/g, ' ')).toContain('Performance goal: rooms passing inspection, from 80 to 95 %, due 2027-06-30');
    expect(fullText).toContain('Not achieved');
    const signedOn = new Date(`${today}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(fullText).toContain(signedOn);

    // An outside system's consumer group gets the filing, keyed by the review's stream, with the tenant in its headers and no free text.
    const filed = await eventually(
      () => {
        const message = received.find((m) => m.value.includes('"ReviewFiled"') && m.value.includes(full.id));
        expect(message).toBeDefined();
        return message!;
      },
      { timeoutMs: 30_000 },
    );
    expect(filed.headers[Headers.tenantId]).toBe(DEV_TENANT);
    expect(filed.headers[Headers.eventType]).toBe('ReviewFiled');
    expect(filed.key).toBe(`review-${DEV_TENANT}:${full.id}`);
    expect(JSON.parse(filed.value).data).toEqual({ reviewId: full.id, filing: 1, filedOn: today });
    const everything = received.map((m) => m.value).join('\n');
    for (const written of ['A private remark about the boiler', 'Evidence', 'Seen it', 'A new floor scrubber', 'Floor care course']) expect(everything).not.toContain(written);
  });

  it("tells the custodian in the inbox through the gateway, and signs the filing to the district's webhook", async () => {
    const custodian = await as('E10064');
    const { myInbox } = await eventually(
      async () => {
        const inbox = await custodian<{ myInbox: { items: Array<{ kind: string; subjectId: string }> } }>(`{ myInbox(first: 20) { items { kind subjectId } } }`);
        expect(inbox.myInbox.items.filter((m) => m.subjectId === jobChatId).map((m) => m.kind)).toEqual(['REVIEW_FILED', 'SIGNATURE_AWAITED']);
        return inbox;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(myInbox.items.every((m) => m.subjectId === jobChatId)).toBe(true);
    const filed = await eventually(
      () => {
        const found = deliveries.map((d) => ({ ...d, event: JSON.parse(d.body) })).filter((d) => d.event.data.reviewId === jobChatId);
        expect(found).toHaveLength(1);
        return found[0];
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(new Webhook(webhookSecret).verify(filed.body, filed.headers as Record<string, string>)).toMatchObject({ type: 'ReviewFiled', tenantId: DEV_TENANT });
    // Ids, statuses and dates only: nothing the supervisor wrote in the job chat travels.
    expect(filed.body).not.toContain('floor');
  });

  it('moves an open review when the supervisor changes, and the old supervisor loses it', async () => {
    const movedPerson = [...people.values()].find((p) => p.jobClassification === 'Custodian' && p.staffNumber !== 'E10064')!;
    const mover = await as(movedPerson.staffNumber);
    const { myReview } = await mover<{ myReview: { id: string; reviewer: { id: string } } }>(`{ myReview { id reviewer { id } } }`);
    const oldSupervisor = [...people.values()].find((p) => p.id === myReview.reviewer.id)!;
    const newSupervisor = [...people.values()].find((p) => p.jobClassification === 'Custodian Supervisor' && p.id !== oldSupervisor.id)!;
    const { person } = await hr<{ person: { version: number } }>(`query($id: ID!) { person(id: $id) { version } }`, { id: movedPerson.id });
    await hr(`mutation($input: AssignSupervisorInput!) { assignSupervisor(input: $input) { version } }`, {
      input: { personId: movedPerson.id, supervisorId: newSupervisor.id, effectiveFrom: today, expectedVersion: person.version },
    });
    await eventually(async () => expect((await mover<{ myReview: { reviewer: { id: string } } }>(`{ myReview { reviewer { id } } }`)).myReview.reviewer.id).toBe(newSupervisor.id), { timeoutMs: 30_000 });
    const read = (staffNumber: string) => as(staffNumber).then((call) => call(`query($id: ID!) { review(id: $id) { id } }`, { id: myReview.id }));
    await expect(read(newSupervisor.staffNumber)).resolves.toEqual({ review: { id: myReview.id } });
    const refused = await read(oldSupervisor.staffNumber).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphQLCallError);
    expect((refused as GraphQLCallError).code).toBe('NOT_FOUND');
  });
});
