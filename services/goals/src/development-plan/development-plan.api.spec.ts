import { randomUUID } from 'node:crypto';
import { ALL_TOPICS, ENVELOPE_SCHEMA, GOAL_EVENT_DATA_SCHEMAS, schemaViolations, Topics, type ReviewIntegrationEvent } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { callsAs, cycleOpened, dataOf, directoryEvents, errorCodeOf, personJoined, startServiceFixture, streamEvents, type ServiceFixture } from '@growth/service-testing';
import { eventually } from '@growth/testing';
import { startGoalsService } from '../goals.service';

const TENANT = 'lausd';
// Responses are checked field by field below; typing every query's shape would only repeat the queries.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

describe('development plans through the goals subgraph', () => {
  let fixture: ServiceFixture;
  const [site, cycleId] = [randomUUID(), randomUUID()];
  const [supervisor, newSupervisor, stranger] = [randomUUID(), randomUUID(), randomUUID()];
  const directory = directoryEvents(TENANT);
  const as = callsAs(() => fixture, TENANT);
  const hr = as(randomUUID(), ['hr']);
  const ok = dataOf;
  const codeOf = errorCodeOf;
  const person = (id: string, n: string) => personJoined(directory, id, { staffNumber: n, lastName: n, siteId: site });
  const db = <T>(sql: string, params: unknown[]): Promise<T[]> => withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) => m.query(sql, params));

  const PLAN = `query($c: ID!, $p: ID) { developmentPlan(cycleId: $c, personId: $p) { id version
    activities { activityId kind description endsOn status arrangedBy { id } estimatedCost { amount currency } }
    trainingNeeds { needId status } openActions { what id ownerId } } }`;
  const ADD = `mutation($input: AddDevelopmentActivityInput!) { addDevelopmentActivity(input: $input) { id version } }`;
  const CHANGE = `mutation($input: ChangeDevelopmentActivityInput!) { changeDevelopmentActivity(input: $input) { id version } }`;
  const CANCEL = `mutation($input: CancelDevelopmentActivityInput!) { cancelDevelopmentActivity(input: $input) { id version } }`;
  const COMPLETE = `mutation($input: CompleteDevelopmentActivityInput!) { completeDevelopmentActivity(input: $input) { id version } }`;
  const RECORD = `mutation($input: RecordTrainingNeedInput!) { recordTrainingNeed(input: $input) { id version } }`;
  const MEET = `mutation($input: MeetTrainingNeedInput!) { meetTrainingNeed(input: $input) { id version } }`;
  const DROP = `mutation($input: DropTrainingNeedInput!) { dropTrainingNeed(input: $input) { id version } }`;
  const course = { kind: 'TRAINING_COURSE', description: 'Boiler safety course', startsOn: '2026-11-20', endsOn: '2026-11-21' };

  /** Someone new for each test, reporting to `supervisor`, so each test starts from a plan of its own. */
  const newEmployee = async (): Promise<string> => {
    const id = randomUUID();
    await fixture.transport.publish([person(id, id.slice(0, 8)), directory.person(id, 'SupervisorAssigned', { personId: id, supervisorId: supervisor, effectiveFrom: '2020-01-01' })]);
    await eventually(async () => expect(await db(`SELECT 1 FROM goal_people WHERE person_id = $1 AND supervisor_id = $2`, [id, supervisor])).toHaveLength(1));
    return id;
  };

  beforeAll(async () => {
    fixture = await startServiceFixture(startGoalsService);
    await fixture.transport.ensureTopics([...ALL_TOPICS]);
    await fixture.transport.publish([
      directory.site(site, 'SiteOpened', { siteId: site, code: 'HS', name: 'High School', kind: 'SCHOOL', parentSiteId: null }),
      person(supervisor, 'S1'),
      person(newSupervisor, 'S2'),
      person(stranger, 'X1'),
      cycleOpened(TENANT, cycleId),
    ]);
    await eventually(async () => expect(await db(`SELECT (SELECT count(*)::int FROM goal_people) AS people, (SELECT count(*)::int FROM goal_cycles) AS cycles`, [])).toEqual([{ people: 3, cycles: 1 }]));
  });
  afterAll(async () => fixture?.close());

  it('changes a planned activity, then cancels it with a reason; neither once it is over, nor by anyone else', async () => {
    const employee = await newEmployee();
    const activityId = randomUUID();
    await ok(as(employee)(ADD, { input: { cycleId, activityId, ...course } }));
    const change = { cycleId, personId: employee, activityId, ...course, kind: 'WORKING_WITH_OTHERS', description: 'Shadow the site engineer', endsOn: '2026-12-15', arrangedBy: newSupervisor, estimatedCost: { amount: 0, currency: 'USD' } };
    await ok(as(employee)(CHANGE, { input: change }));
    const { developmentPlan } = await ok(as(supervisor)(PLAN, { c: cycleId, p: employee }));
    expect(developmentPlan.activities).toEqual([
      { activityId, kind: 'WORKING_WITH_OTHERS', description: 'Shadow the site engineer', endsOn: '2026-12-15', status: 'PLANNED', arrangedBy: { id: newSupervisor }, estimatedCost: { amount: 0, currency: 'USD' } },
    ]);
    expect(await codeOf(as(stranger)(CHANGE, { input: change }))).toBe('NOT_FOUND');
    // Only whoever arranges it, the supervisor or HR closes an activity.
    expect(await codeOf(as(employee)(CANCEL, { input: { cycleId, activityId, reason: 'No cover' } }))).toBe('FORBIDDEN');
    const cancelled = await ok(as(supervisor)(CANCEL, { input: { cycleId, personId: employee, activityId, reason: 'No cover on the site' } }));
    // A retried cancellation changes nothing.
    expect((await ok(as(supervisor)(CANCEL, { input: { cycleId, personId: employee, activityId, reason: 'No cover on the site' } }))).cancelDevelopmentActivity.version).toBe(cancelled.cancelDevelopmentActivity.version);
    expect((await ok(as(employee)(PLAN, { c: cycleId }))).developmentPlan).toMatchObject({ activities: [{ status: 'CANCELLED' }], openActions: [] });
    expect(await codeOf(as(employee)(CHANGE, { input: change }))).toBe('INVALID_STATE');
    expect(await codeOf(as(supervisor)(CANCEL, { input: { cycleId, personId: employee, activityId: randomUUID(), reason: 'x' } }))).toBe('NOT_FOUND');
  });

  it('meets one training need and drops another; the employee may do neither, and a met need is not dropped', async () => {
    const employee = await newEmployee();
    const [forklift, firstAid] = [randomUUID(), randomUUID()];
    await ok(as(employee)(RECORD, { input: { cycleId, needId: forklift, description: 'Forklift licence', neededBy: '2027-03-01' } }));
    await ok(as(employee)(RECORD, { input: { cycleId, needId: firstAid, description: 'First aid', neededBy: '2027-05-01' } }));
    expect(await codeOf(as(employee)(MEET, { input: { cycleId, needId: forklift, metOn: '2026-11-02' } }))).toBe('FORBIDDEN');
    await ok(as(supervisor)(MEET, { input: { cycleId, personId: employee, needId: forklift, metOn: '2026-11-02' } }));
    expect(await codeOf(as(supervisor)(DROP, { input: { cycleId, personId: employee, needId: forklift, reason: 'Changed jobs' } }))).toBe('INVALID_STATE');
    expect(await codeOf(as(supervisor)(DROP, { input: { cycleId, personId: employee, needId: firstAid, reason: ' ' } }))).toBe('VALIDATION_FAILED');
    await ok(hr(DROP, { input: { cycleId, personId: employee, needId: firstAid, reason: 'Already certified elsewhere' } }));
    const { developmentPlan } = await ok(as(employee)(PLAN, { c: cycleId }));
    expect(developmentPlan.trainingNeeds).toEqual([
      { needId: forklift, status: 'MET' },
      { needId: firstAid, status: 'DROPPED' },
    ]);
    expect(developmentPlan.openActions).toEqual([]);
  });

  it("records a training need agreed in the person's job chat as the job chat's, and refuses any other review", async () => {
    const employee = await newEmployee();
    const [jobChat, fullReview] = [randomUUID(), randomUUID()];
    const started = (reviewId: string, personId: string, process: 'JOB_CHAT' | 'FULL') =>
      streamEvents<ReviewIntegrationEvent>(TENANT, Topics.reviewEvents.name, `review-${TENANT}:${reviewId}`)('ReviewStarted', {
        reviewId,
        cycleId,
        personId,
        supervisorId: supervisor,
        process,
        framework: { frameworkId: randomUUID(), version: 1 },
        levels: [],
      });
    await fixture.transport.publish([started(jobChat, employee, 'JOB_CHAT'), started(fullReview, newSupervisor, 'FULL')]);
    await eventually(async () => expect(await db(`SELECT process FROM goal_review_frameworks WHERE review_id = ANY($1::uuid[]) ORDER BY process`, [[jobChat, fullReview]])).toEqual([{ process: 'FULL' }, { process: 'JOB_CHAT' }]));
    const need = (fromJobChat: string) => ({ cycleId, personId: employee, description: 'Floor care course', neededBy: '2027-01-31', fromJobChat });
    expect(await codeOf(as(supervisor)(RECORD, { input: need(fullReview) }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(as(supervisor)(RECORD, { input: need(randomUUID()) }))).toBe('VALIDATION_FAILED');
    // A review copied before goals kept each review's process might be any process: it is not taken for a job chat.
    const [unknownProcess, colleague] = [randomUUID(), await newEmployee()];
    await fixture.transport.publish([started(unknownProcess, colleague, 'JOB_CHAT')]);
    await eventually(async () => expect(await db(`SELECT 1 FROM goal_review_frameworks WHERE review_id = $1`, [unknownProcess])).toHaveLength(1));
    await db(`UPDATE goal_review_frameworks SET process = NULL WHERE review_id = $1`, [unknownProcess]);
    expect(await codeOf(as(supervisor)(RECORD, { input: { ...need(unknownProcess), personId: colleague } }))).toBe('VALIDATION_FAILED');
    // Whoever the person's goals do not concern learns nothing of their reviews, whichever review they name.
    for (const reviewId of [jobChat, fullReview, randomUUID()]) expect(await codeOf(as(stranger)(RECORD, { input: need(reviewId) }))).toBe('NOT_FOUND');
    expect(await codeOf(as(randomUUID(), ['analyst'])(RECORD, { input: need(fullReview) }))).toBe('FORBIDDEN');
    const { recordTrainingNeed } = await ok(as(supervisor)(RECORD, { input: need(jobChat) }));
    const [message] = await db<{ payload: { type: string; data: { source: string } } }>(`SELECT payload FROM es_outbox WHERE message_key = $1 ORDER BY position`, [`development-plan-${TENANT}:${recordTrainingNeed.id}`]);
    expect(message.payload).toMatchObject({ type: 'TrainingNeedRecorded', data: { source: 'JOB_CHAT' } });
  });

  it('publishes recorded training needs and completed activities on goals.goal.v1, without what anyone wrote', async () => {
    const employee = await newEmployee();
    const [needId, activityId] = [randomUUID(), randomUUID()];
    const { recordTrainingNeed } = await ok(
      as(supervisor)(RECORD, { input: { cycleId, personId: employee, needId, description: 'Boiler course (private note)', neededBy: '2027-03-01', estimatedCost: { amount: 25_000, currency: 'USD' }, competencyIds: ['safety'] } }),
    );
    const planId = recordTrainingNeed.id;
    await ok(as(employee)(ADD, { input: { cycleId, activityId, ...course } }));
    await ok(as(supervisor)(COMPLETE, { input: { cycleId, personId: employee, activityId, completedOn: '2026-11-21', outcome: 'Passed with distinction' } }));
    await ok(as(supervisor)(MEET, { input: { cycleId, personId: employee, needId, metOn: '2026-11-21' } }));
    const messages = await db<{ topic: string; payload: { type: keyof typeof GOAL_EVENT_DATA_SCHEMAS; data: object } }>(
      `SELECT topic, payload FROM es_outbox WHERE message_key = $1 ORDER BY position`,
      [`development-plan-${TENANT}:${planId}`],
    );
    expect(messages.map((m) => [m.topic, m.payload.type])).toEqual([
      [Topics.goalEvents.name, 'TrainingNeedRecorded'],
      [Topics.goalEvents.name, 'DevelopmentActivityCompleted'],
    ]);
    expect(messages.map((m) => m.payload.data)).toEqual([
      { planId, needId, cycleId, personId: employee, source: 'DEVELOPMENT_PLAN', competencyIds: ['safety'], neededBy: '2027-03-01', estimatedCost: { amount: 25_000, currency: 'USD' } },
      { planId, activityId, cycleId, personId: employee, kind: 'TRAINING_COURSE', completedOn: '2026-11-21' },
    ]);
    // Nothing beyond the contract travels: a field it does not name would be a violation.
    for (const { payload } of messages) {
      expect(schemaViolations(ENVELOPE_SCHEMA, payload)).toEqual([]);
      expect(schemaViolations(GOAL_EVENT_DATA_SCHEMAS[payload.type], payload.data)).toEqual([]);
    }
  });

  it("moves an open plan to a new supervisor, with the planned activities the old one arranged; the old one loses it", async () => {
    const employee = await newEmployee();
    const [arranged, byTrainer, needId] = [randomUUID(), randomUUID(), randomUUID()];
    await ok(as(employee)(ADD, { input: { cycleId, activityId: arranged, ...course } }));
    await ok(as(employee)(ADD, { input: { cycleId, activityId: byTrainer, ...course, endsOn: '2026-11-22', arrangedBy: stranger } }));
    const { recordTrainingNeed } = await ok(as(supervisor)(RECORD, { input: { cycleId, personId: employee, needId, description: 'Forklift licence', neededBy: '2027-03-01' } }));
    await fixture.transport.publish([directory.person(employee, 'SupervisorChanged', { personId: employee, fromSupervisorId: supervisor, toSupervisorId: newSupervisor, effectiveFrom: '2026-12-01' })]);
    await eventually(async () =>
      expect((await ok(hr(PLAN, { c: cycleId, p: employee }))).developmentPlan.openActions.map((a: Data) => [a.id, a.ownerId])).toEqual([
        [arranged, newSupervisor],
        [byTrainer, stranger],
        [needId, newSupervisor],
      ]),
    );
    expect(await codeOf(as(supervisor)(PLAN, { c: cycleId, p: employee }))).toBe('NOT_FOUND');
    expect(await codeOf(as(supervisor)(MEET, { input: { cycleId, personId: employee, needId, metOn: '2026-11-30' } }))).toBe('NOT_FOUND');
    // The new supervisor takes the reviewer's part: the plan itself names them now, not only the reporting line.
    await ok(as(newSupervisor)(COMPLETE, { input: { cycleId, personId: employee, activityId: arranged, completedOn: '2026-11-21', outcome: 'Passed' } }));
    await ok(as(newSupervisor)(MEET, { input: { cycleId, personId: employee, needId, metOn: '2026-11-30' } }));

    // The same reporting line seen again (a repeated assignment, then a marker on the same stream) moves nothing twice.
    await fixture.transport.publish([
      directory.person(employee, 'SupervisorAssigned', { personId: employee, supervisorId: newSupervisor, effectiveFrom: '2026-12-01' }),
      directory.person(employee, 'PersonDetailsChanged', { personId: employee, changes: { lastName: 'Marker' } }),
    ]);
    await eventually(async () => expect(await db(`SELECT last_name FROM goal_people WHERE person_id = $1`, [employee])).toEqual([{ last_name: 'Marker' }]));
    const reassignments = await db(`SELECT data FROM es_events WHERE stream_id = $1 AND type = 'DevelopmentPlanReassigned'`, [`development-plan-${TENANT}:${recordTrainingNeed.id}`]);
    expect(reassignments).toEqual([{ data: expect.objectContaining({ fromSupervisorId: supervisor, toSupervisorId: newSupervisor, movedActivityIds: [arranged] }) }]);
  });
});
