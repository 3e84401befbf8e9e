import { randomUUID } from 'node:crypto';
import { ALL_TOPICS, GOAL_EVENT_DATA_SCHEMAS, schemaViolations, Topics, type FrameworkIntegrationEvent, type GoalStreamEvent, type ReviewIntegrationEvent } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { callsAs, cycleOpened, dataOf, directoryEvents, errorOf, personJoined, startServiceFixture, streamEvents, type ServiceFixture } from '@growth/service-testing';
import { eventually } from '@growth/testing';
import { startGoalsService } from '../goals.service';

const TENANT = 'lausd';

describe('goals through the goals subgraph', () => {
  let fixture: ServiceFixture;
  const [site, cycleId, frameworkId] = [randomUUID(), randomUUID(), randomUUID()];
  const [supervisor, employee, stranger] = [randomUUID(), randomUUID(), randomUUID()];
  const directory = directoryEvents(TENANT);
  const as = callsAs(() => fixture, TENANT);
  const hr = as(randomUUID(), ['hr']);
  const ok = dataOf;
  const person = (id: string, n: string) => personJoined(directory, id, { staffNumber: n, lastName: n, jobClassification: 'Office Technician', siteId: site });
  const outboxTypes = async (goalId: string): Promise<string[]> => {
    const rows: Array<{ type: string }> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
      m.query(`SELECT payload->>'type' AS type FROM es_outbox WHERE message_key = $1 ORDER BY position`, [`goal-${TENANT}:${goalId}`]),
    );
    return rows.map((r) => r.type);
  };

  const DRAFT = `mutation($input: DraftGoalInput!) { draftGoal(input: $input) { id version } }`;
  const GOAL = `query($id: ID!) { goal(id: $id) { id status kind contentVersion employeeApproved supervisorApproved warnings { word } agreedVersions { contentVersion } progress { status } nextSteps { step } } }`;
  const content = (unitGoalId: string | null, extra: object = {}) => ({
    statement: 'Close routine work orders for the science wing within two days',
    measure: { what: 'work orders closed within 48 hours', baseline: 70, target: 90, unit: '%' },
    actions: ['Triage every morning', 'Stock common parts'],
    unitGoalId,
    dueOn: '2027-06-30',
    ...extra,
  });

  beforeAll(async () => {
    fixture = await startServiceFixture(startGoalsService);
    await fixture.transport.ensureTopics([...ALL_TOPICS]);
    const reviewId = randomUUID();
    await fixture.transport.publish([
      directory.site(site, 'SiteOpened', { siteId: site, code: 'HS', name: 'High School', kind: 'SCHOOL', parentSiteId: null }),
      person(supervisor, 'S1'),
      person(employee, 'E1'),
      person(stranger, 'X1'),
      directory.person(employee, 'SupervisorAssigned', { personId: employee, supervisorId: supervisor, effectiveFrom: '2020-01-01' }),
      cycleOpened(TENANT, cycleId, { framework: { frameworkId, version: 1 } }),
      streamEvents<ReviewIntegrationEvent>(TENANT, Topics.reviewEvents.name, `review-${TENANT}:${reviewId}`)('ReviewStarted', {
        reviewId,
        cycleId,
        personId: employee,
        supervisorId: supervisor,
        process: 'FULL',
        framework: { frameworkId, version: 1 },
        levels: [],
      }),
      streamEvents<FrameworkIntegrationEvent>(TENANT, Topics.frameworkEvents.name, `framework-${TENANT}:${frameworkId}`)('FrameworkPublished', {
        frameworkId,
        version: 1,
        publishedAt: '2026-06-01T00:00:00.000Z',
        framework: { kind: 'COMPETENCY_FRAMEWORK', name: 'F', purpose: '', clusters: [{ id: 'work', name: 'Work', definition: '', competencies: [{ id: 'safety', name: 'Safety', definition: '', indicators: [], descriptors: {} }] }] },
      }),
    ]);
    // Every copy holds what was published: each consumer has caught up.
    await eventually(async () => {
      const [row]: Array<Record<string, number>> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
        m.query(`SELECT (SELECT count(*)::int FROM goal_people) AS people, (SELECT count(supervisor_id)::int FROM goal_people) AS lines, (SELECT count(*)::int FROM goal_sites) AS sites,
                        (SELECT count(*)::int FROM goal_cycles) AS cycles, (SELECT count(*)::int FROM goal_review_frameworks) AS reviews, (SELECT count(*)::int FROM goal_framework_competencies) AS frameworks`),
      );
      expect(row).toEqual({ people: 3, lines: 1, sites: 1, cycles: 1, reviews: 1, frameworks: 1 });
    });
  });
  afterAll(async () => fixture?.close());

  it('agrees a SMART performance goal aligned to a unit goal, with both approvals, and publishes each step and whom it awaits without its statement', async () => {
    const { recordUnitGoal } = await ok(hr(`mutation($input: RecordUnitGoalInput!) { recordUnitGoal(input: $input) { id } }`, { input: { cycleId, siteId: site, statement: 'Faster repairs across the school' } }));
    const goalId = randomUUID();
    // Every missing SMART criterion is named when it is submitted.
    await ok(as(employee)(DRAFT, { input: { goalId, cycleId, kind: 'PERFORMANCE', content: { statement: 'Do better' } } }));
    const refused = await errorOf(as(employee)(`mutation($input: GoalOnlyInput!) { submitGoal(input: $input) { version } }`, { input: { goalId } }));
    expect(refused.extensions?.code).toBe('VALIDATION_FAILED');
    for (const criterion of ['Specific', 'Measurable', 'Attainable', 'Relevant', 'Time-bound']) expect(refused.message).toContain(criterion);

    await ok(as(employee)(`mutation($input: ReviseGoalInput!) { reviseGoal(input: $input) { version } }`, { input: { goalId, content: content(recordUnitGoal.id) } }));
    await ok(as(employee)(`mutation($input: GoalOnlyInput!) { submitGoal(input: $input) { version } }`, { input: { goalId } }));
    await ok(as(employee)(`mutation($input: ApproveGoalInput!) { approveGoal(input: $input) { version } }`, { input: { goalId } }));
    expect((await ok(as(employee)(GOAL, { id: goalId }))).goal).toMatchObject({ status: 'SUBMITTED', employeeApproved: true, supervisorApproved: false });
    await ok(as(supervisor)(`mutation($input: ApproveGoalInput!) { approveGoal(input: $input) { version } }`, { input: { goalId } }));
    expect((await ok(as(employee)(GOAL, { id: goalId }))).goal).toMatchObject({ status: 'AGREED', agreedVersions: [{ contentVersion: 1 }] });

    await ok(as(supervisor)(`mutation($input: RecordGoalProgressInput!) { recordGoalProgress(input: $input) { version } }`, { input: { goalId, value: 92, status: 'ACHIEVED', recordedOn: '2026-11-30' } }));
    expect((await ok(as(supervisor)(GOAL, { id: goalId }))).goal).toMatchObject({ status: 'ACHIEVED', progress: [{ status: 'ACHIEVED' }] });
    expect(await outboxTypes(goalId)).toEqual(['GoalSubmitted', 'GoalApprovalRecorded', 'GoalAgreed', 'GoalProgressRecorded', 'GoalClosed']);
    // Whose approval is awaited travels with each step, so the right party can be asked; nothing beyond the contract.
    const published: Array<{ payload: GoalStreamEvent }> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
      m.query(`SELECT payload FROM es_outbox WHERE message_key = $1 ORDER BY position`, [`goal-${TENANT}:${goalId}`]),
    );
    for (const { payload } of published) expect(schemaViolations(GOAL_EVENT_DATA_SCHEMAS[payload.type], payload.data)).toEqual([]);
    expect(published.slice(0, 2).map((p) => p.payload.data)).toEqual([
      { goalId, cycleId, personId: employee, kind: 'PERFORMANCE', contentVersion: 1, by: 'EMPLOYEE', awaiting: ['EMPLOYEE', 'SUPERVISOR'] },
      { goalId, contentVersion: 1, by: 'EMPLOYEE', awaiting: ['SUPERVISOR'] },
    ]);
    const [agreed]: Array<{ payload: { data: Record<string, unknown> } }> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
      m.query(`SELECT payload FROM es_outbox WHERE message_key = $1 AND payload->>'type' = 'GoalAgreed'`, [`goal-${TENANT}:${goalId}`]),
    );
    expect(agreed.payload.data).toEqual({
      goalId,
      cycleId,
      personId: employee,
      kind: 'PERFORMANCE',
      version: 1,
      measure: { what: 'work orders closed within 48 hours', baseline: 70, target: 90, unit: '%' },
      dueOn: '2027-06-30',
      unitGoalId: recordUnitGoal.id,
      competencyIds: [],
    });

    const { unitGoals } = await ok(as(supervisor)(`query($c: ID!) { unitGoals(cycleId: $c) { id alignedGoalCount alignedGoals { id } } }`, { c: cycleId }));
    expect(unitGoals).toEqual([{ id: recordUnitGoal.id, alignedGoalCount: 1, alignedGoals: [{ id: goalId }] }]);
    expect((await ok(as(stranger)(`query($c: ID!) { unitGoals(cycleId: $c) { alignedGoalCount alignedGoals { id } } }`, { c: cycleId }))).unitGoals).toEqual([{ alignedGoalCount: 1, alignedGoals: [] }]);
    expect((await ok(as(supervisor)(`query($c: ID!) { teamGoals(cycleId: $c) { id } }`, { c: cycleId }))).teamGoals).toEqual([{ id: goalId }]);
    expect((await ok(as(employee)(`query($c: ID!) { myGoals(cycleId: $c) { id } }`, { c: cycleId }))).myGoals).toEqual([{ id: goalId }]);
  });

  it('links a development goal to competencies of the framework the review uses, and nothing else', async () => {
    const goalId = randomUUID();
    await ok(as(employee)(DRAFT, { input: { goalId, cycleId, kind: 'DEVELOPMENT', content: content(null, { competencyIds: ['juggling'] }) } }));
    const refused = await errorOf(as(employee)(`mutation($input: GoalOnlyInput!) { submitGoal(input: $input) { version } }`, { input: { goalId } }));
    expect(refused.message).toContain('Relevant');
    await ok(as(employee)(`mutation($input: ReviseGoalInput!) { reviseGoal(input: $input) { version } }`, { input: { goalId, content: content(null, { competencyIds: ['safety'] }) } }));
    await ok(as(employee)(`mutation($input: GoalOnlyInput!) { submitGoal(input: $input) { version } }`, { input: { goalId } }));
  });

  it('keeps a person\'s goals from anyone else, and refuses a second performance goal', async () => {
    const { myGoals } = await ok(as(employee)(`query($c: ID!) { myGoals(cycleId: $c) { id kind } }`, { c: cycleId }));
    const performance = myGoals.find((g: { kind: string }) => g.kind === 'PERFORMANCE');
    expect((await errorOf(as(stranger)(GOAL, { id: performance.id }))).extensions?.code).toBe('NOT_FOUND');
    expect((await errorOf(as(stranger)(`mutation($input: GoalOnlyInput!) { submitGoal(input: $input) { version } }`, { input: { goalId: performance.id } }))).extensions?.code).toBe('NOT_FOUND');
    const second = await errorOf(as(employee)(DRAFT, { input: { cycleId, kind: 'PERFORMANCE', content: content(null) } }));
    expect(second.extensions?.code).toBe('INVALID_STATE');
    expect((await errorOf(as(employee)(DRAFT, { input: { cycleId, kind: 'OBJECTIVE', content: content(null) } }))).message).toContain('only people who supervise staff have objectives');
  });

  it("keeps a person's development plan: activities and training needs, and what the reviewer still has to make happen", async () => {
    const PLAN = `query($c: ID!, $p: ID) { developmentPlan(cycleId: $c, personId: $p) { id activities { activityId status arrangedBy { id } } trainingNeeds { description status } openActions { what ownerId overdue } } }`;
    expect((await ok(as(employee)(PLAN, { c: cycleId }))).developmentPlan).toBeNull();
    const activityId = randomUUID();
    await ok(
      as(employee)(`mutation($input: AddDevelopmentActivityInput!) { addDevelopmentActivity(input: $input) { id } }`, {
        input: { cycleId, activityId, kind: 'TRAINING_COURSE', description: 'Boiler safety course', startsOn: '2026-11-20', endsOn: '2026-11-21', estimatedCost: { amount: 25000, currency: 'USD' } },
      }),
    );
    await ok(as(supervisor)(`mutation($input: RecordTrainingNeedInput!) { recordTrainingNeed(input: $input) { id } }`, { input: { cycleId, personId: employee, description: 'Forklift licence', neededBy: '2027-03-01' } }));
    const { developmentPlan } = await ok(as(supervisor)(PLAN, { c: cycleId, p: employee }));
    expect(developmentPlan).toMatchObject({
      activities: [{ activityId, status: 'PLANNED', arrangedBy: { id: supervisor } }],
      trainingNeeds: [{ description: 'Forklift licence', status: 'OPEN' }],
    });
    expect(developmentPlan.openActions.map((a: { what: string; ownerId: string }) => [a.what, a.ownerId])).toEqual([
      ['ACTIVITY', supervisor],
      ['TRAINING_NEED', supervisor],
    ]);
    expect((await errorOf(as(stranger)(PLAN, { c: cycleId, p: employee }))).extensions?.code).toBe('NOT_FOUND');
    await ok(as(supervisor)(`mutation($input: CompleteDevelopmentActivityInput!) { completeDevelopmentActivity(input: $input) { id } }`, { input: { cycleId, personId: employee, activityId, completedOn: '2026-11-21', outcome: 'Passed' } }));
    expect((await ok(as(employee)(PLAN, { c: cycleId }))).developmentPlan.openActions.map((a: { what: string }) => a.what)).toEqual(['TRAINING_NEED']);
  });

  it('moves open goals to a new supervisor, who then takes the supervisor\'s part while the old one loses it', async () => {
    const newSupervisor = randomUUID();
    const { myGoals } = await ok(as(employee)(`query($c: ID!) { myGoals(cycleId: $c) { id kind status } }`, { c: cycleId }));
    const development = myGoals.find((g: { kind: string }) => g.kind === 'DEVELOPMENT');
    expect(development.status).toBe('SUBMITTED');
    await ok(as(supervisor)(`mutation($input: ApproveGoalInput!) { approveGoal(input: $input) { version } }`, { input: { goalId: development.id } }));
    await fixture.transport.publish([
      person(newSupervisor, 'S2'),
      directory.person(employee, 'SupervisorChanged', { personId: employee, fromSupervisorId: supervisor, toSupervisorId: newSupervisor, effectiveFrom: '2026-12-01' }),
    ]);
    await eventually(async () => expect((await ok(hr(`query($id: ID!) { goal(id: $id) { supervisor { id } } }`, { id: development.id }))).goal.supervisor).toEqual({ id: newSupervisor }));
    expect((await errorOf(as(supervisor)(GOAL, { id: development.id }))).extensions?.code).toBe('NOT_FOUND');
    expect((await ok(as(newSupervisor)(`query($c: ID!) { teamGoals(cycleId: $c) { id } }`, { c: cycleId }))).teamGoals.map((g: { id: string }) => g.id)).toContain(development.id);
    await ok(as(employee)(`mutation($input: ApproveGoalInput!) { approveGoal(input: $input) { version } }`, { input: { goalId: development.id } }));
    await ok(as(newSupervisor)(`mutation($input: ApproveGoalInput!) { approveGoal(input: $input) { version } }`, { input: { goalId: development.id } }));
    expect((await ok(as(employee)(GOAL, { id: development.id }))).goal.status).toBe('AGREED');
    // The old supervisor's approval stopped counting: subscribers were told the supervisor's was awaited again.
    const published: Array<{ payload: GoalStreamEvent }> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
      m.query(`SELECT payload FROM es_outbox WHERE message_key = $1 ORDER BY position`, [`goal-${TENANT}:${development.id}`]),
    );
    expect(published.map(({ payload: { type, data } }) => (type === 'GoalAgreed' ? type : { type, data }))).toEqual([
      { type: 'GoalSubmitted', data: { goalId: development.id, cycleId, personId: employee, kind: 'DEVELOPMENT', contentVersion: 1, by: 'EMPLOYEE', awaiting: ['EMPLOYEE', 'SUPERVISOR'] } },
      { type: 'GoalApprovalRecorded', data: { goalId: development.id, contentVersion: 1, by: 'SUPERVISOR', awaiting: ['EMPLOYEE'] } },
      { type: 'GoalApprovalDropped', data: { goalId: development.id, contentVersion: 1, by: 'SUPERVISOR', awaiting: ['EMPLOYEE', 'SUPERVISOR'] } },
      { type: 'GoalApprovalRecorded', data: { goalId: development.id, contentVersion: 1, by: 'EMPLOYEE', awaiting: ['SUPERVISOR'] } },
      'GoalAgreed',
    ]);
    for (const { payload } of published) expect(schemaViolations(GOAL_EVENT_DATA_SCHEMAS[payload.type], payload.data)).toEqual([]);
  });
});
