import { randomUUID } from 'node:crypto';
import { ALL_TOPICS, REVIEW_EVENT_DATA_SCHEMAS, schemaViolations, type FrameworkDefinitionData } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { callsAs, dataOf, directoryEvents, goalEvents, personJoined, startServiceFixture, type GraphQLResult, type ServiceFixture } from '@growth/service-testing';
import { JOB_CHAT_CLASSIFICATION_WORDS } from '../cycle/domain/cycle.model';
import { startReviewsService } from '../reviews.service';
import { asMessage, frameworkEvent } from '../testing/framework-event.spec-helper';
import { eventually, pdfText } from '@growth/testing';

const TENANT = 'lausd';
const framework: FrameworkDefinitionData = {
  kind: 'COMPETENCY_FRAMEWORK',
  name: 'Classified Competencies',
  purpose: 'Growth',
  ratingScale: {
    id: 'scale',
    name: 'Ratings',
    levels: [
      { id: 'DEVELOPING', label: 'Developing', definition: 'not yet', benchmark: false },
      { id: 'EFFECTIVE', label: 'Effective', definition: 'the standard', benchmark: true },
      { id: 'EFFECTIVE_PLUS', label: 'Effective+', definition: 'beyond', benchmark: false },
    ],
  },
  clusters: [
    { id: 'service', name: 'Service', definition: '', competencies: ['customer', 'quality'].map((id) => ({ id, name: `C ${id}`, definition: '', indicators: [], descriptors: {} })) },
    { id: 'work', name: 'Work Attributes', definition: '', competencies: ['safety', 'attendance'].map((id) => ({ id, name: `C ${id}`, definition: '', indicators: [], descriptors: {} })) },
    { id: 'lead', name: 'Leadership', definition: '', competencies: [{ id: 'coaching', name: 'C coaching', definition: '', indicators: [], descriptors: {} }] },
  ],
  selectionRules: { minCompetencies: 2, maxCompetencies: 4, atLeastOnePerCluster: true, clustersRequiredOnlyForSupervisors: ['lead'], positionSpecificCompetencies: [] },
};

describe('reviews through the reviews subgraph', () => {
  let fixture: ServiceFixture;
  const frameworkId = randomUUID();
  const [school, area] = [randomUUID(), randomUUID()];
  const [manager, supervisor, employee, custodian, newSupervisor] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const directory = directoryEvents(TENANT);
  let cycleId: string;

  const as = callsAs(() => fixture, TENANT);
  const ok = dataOf;
  const codeOf = async (result: Promise<GraphQLResult<unknown>>): Promise<{ code: unknown; message: string }> => {
    const { errors } = await result;
    return { code: errors?.[0]?.extensions?.code, message: errors?.[0]?.message ?? '' };
  };
  const hr = as(randomUUID(), ['hr']);
  const person = (id: string, staffNumber: string, firstName: string, lastName: string, jobClassification: string) =>
    personJoined(directory, id, { staffNumber, firstName, lastName, jobClassification, siteId: school });
  const reports = (id: string, to: string) => directory.person(id, 'SupervisorAssigned', { personId: id, supervisorId: to, effectiveFrom: '2020-01-01' });
  /** Waits until the copy of the directory holds exactly this: every consumer of the three topics has caught up. */
  const directoryCopied = (expected: { people: number; lines: number; sites: number; tenants: number }) =>
    eventually(async () => {
      const [row]: Array<{ people: number; lines: number; sites: number; tenants: number }> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
        m.query(`SELECT (SELECT count(*)::int FROM review_people) AS people, (SELECT count(supervisor_id)::int FROM review_people) AS lines,
                        (SELECT count(*)::int FROM review_sites) AS sites, (SELECT count(*)::int FROM review_tenants) AS tenants`),
      );
      expect(row).toEqual(expected);
    });

  const REVIEW = `id process status version employee { id } reviewer { id } selectedCompetencyIds selectionAgreed filings
    phases { phase dueOn completedOn overdue } nextSteps { step by } timeline { type actorId }
    supervisorRatings { competencyId ratingLevelId developing } overallAssessment { assessmentId eligibleForPayProgression }`;
  const myReview = async (personId: string) => (await ok(as(personId)(`query { myReview { ${REVIEW} } }`))).myReview;

  beforeAll(async () => {
    fixture = await startServiceFixture(startReviewsService);
    await fixture.transport.ensureTopics([...ALL_TOPICS]);
    await fixture.transport.publish([
      asMessage(frameworkEvent(TENANT, frameworkId, 3, 'FrameworkPublished', { frameworkId, version: 1, publishedAt: '2026-06-01T00:00:00.000Z', framework })),
      directory.tenant('TenantRegistered', {
        tenantId: TENANT,
        name: 'Los Angeles Unified',
        timeZone: 'Pacific/Kiritimati',
        locale: 'en-US',
        cycleCalendar: { goalSetting: { month: 10, day: 15 }, midYearReflection: { month: 2, day: 15 }, yearEndConference: { month: 8, day: 1 } },
      }),
      directory.site(area, 'SiteOpened', { siteId: area, code: 'AREA-N', name: 'North Area', kind: null, parentSiteId: null }),
      directory.site(school, 'SiteOpened', { siteId: school, code: 'HS-R', name: 'Roosevelt High School', kind: 'SCHOOL', parentSiteId: area }),
      person(manager, 'E1', 'Maria', 'Manager', 'Plant Manager'),
      person(supervisor, 'E2', 'Sam', 'Supervisor', 'Senior Office Technician'),
      person(employee, 'E3', 'Erin', 'Employee', 'Office Technician'),
      person(custodian, 'E4', 'Carl', 'Custodian', 'Custodian'),
      person(newSupervisor, 'E5', 'Nora', 'Newman', 'Senior Office Technician'),
      reports(supervisor, manager),
      reports(employee, supervisor),
      reports(custodian, supervisor),
      reports(newSupervisor, manager),
    ]);
    await directoryCopied({ people: 5, lines: 4, sites: 2, tenants: 1 });
    await eventually(async () => {
      const [row]: Array<{ n: number }> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) => m.query(`SELECT count(*)::int AS n FROM framework_versions`));
      expect(row.n).toBe(1);
    });
  });
  afterAll(async () => fixture?.close());

  it('opens a cycle from tenant policy and creates one review per person, each with its process', async () => {
    const opened = await ok(
      hr(`mutation($input: OpenCycleInput!) { openCycle(input: $input) { cycleId version } }`, { input: { name: '2026-27', startsOn: '2026-08-02', framework: { frameworkId, version: 1 } } }),
    );
    cycleId = opened.openCycle.cycleId;
    const cycle = await eventually(async () => {
      const { cycle } = await ok(hr(`query($id: ID!) { cycle(id: $id) { status reviews timeZone deadlines { phase dueOn } processRules { process jobClassifications jobClassificationContains managesStaff } } }`, { id: cycleId }));
      expect(cycle.status).toBe('OPEN');
      return cycle;
    });
    expect(cycle.reviews).toBe(5);
    expect(cycle.timeZone).toBe('Pacific/Kiritimati');
    expect(cycle.deadlines).toEqual([
      { phase: 'GOAL_SETTING', dueOn: '2026-10-15' },
      { phase: 'MID_YEAR_REFLECTION', dueOn: '2027-02-15' },
      { phase: 'YEAR_END_CONFERENCE', dueOn: '2027-08-01' },
    ]);
    expect(cycle.processRules).toEqual([{ process: 'JOB_CHAT', jobClassifications: null, jobClassificationContains: [...JOB_CHAT_CLASSIFICATION_WORDS], managesStaff: false }]);
    expect((await myReview(employee)).process).toBe('FULL');
    expect((await myReview(custodian)).process).toBe('JOB_CHAT');
    // Retried with the same id and content: the same cycle, no second set of reviews.
    const again = await ok(hr(`mutation($input: OpenCycleInput!) { openCycle(input: $input) { cycleId version } }`, { input: { cycleId, name: '2026-27', startsOn: '2026-08-02', framework: { frameworkId, version: 1 } } }));
    expect(again.openCycle).toEqual(opened.openCycle);
  });

  it("shows the supervisor their team's reviews with overdue flags in the tenant's time zone", async () => {
    const { teamReviews } = await ok(as(supervisor)(`query($c: ID!) { teamReviews(cycleId: $c) { items { employee { id } overdue phases { phase overdue } } hasNextPage } }`, { c: cycleId }));
    expect(teamReviews.items.map((r: { employee: { id: string } }) => r.employee.id).sort()).toEqual([employee, custodian].sort());
    // Oct 15 has passed everywhere by now: goal setting is overdue for both, nothing else yet.
    for (const review of teamReviews.items) expect(review.phases.map((p: { overdue: boolean }) => p.overdue)).toEqual([true, false, false]);
  });

  it('drives a full review from selection to filing, with a PDF of the signed summary', async () => {
    const review = await myReview(employee);
    const input = (extra: object = {}) => ({ input: { reviewId: review.id, ...extra } });
    const bad = await as(employee)(`mutation($input: SelectCompetenciesInput!) { selectCompetencies(input: $input) { version } }`, input({ competencyIds: ['customer'] }));
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(bad.errors?.[0]?.message).toContain('choose at least 2 competencies');
    expect(bad.errors?.[0]?.message).toContain('"Work Attributes"');
    const { checkCompetencySelection } = await ok(as(employee)(`query($r: ID!, $c: [ID!]!) { checkCompetencySelection(reviewId: $r, competencyIds: $c) { rule } }`, { r: review.id, c: ['customer'] }));
    expect(checkCompetencySelection.map((v: { rule: string }) => v.rule)).toEqual(['MIN_COMPETENCIES', 'CLUSTER_REQUIRED']);

    await ok(as(employee)(`mutation($input: SelectCompetenciesInput!) { selectCompetencies(input: $input) { version } }`, input({ competencyIds: ['customer', 'safety'] })));
    expect(await codeOf(as(employee)(`mutation($input: ReviewOnlyInput!) { agreeCompetencySelection(input: $input) { version } }`, input()))).toMatchObject({ code: 'FORBIDDEN' });
    await ok(as(supervisor)(`mutation($input: ReviewOnlyInput!) { agreeCompetencySelection(input: $input) { version } }`, input()));
    const meeting = (kind: string, heldOn: string) =>
      ok(as(supervisor)(`mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { version } }`, input({ kind, heldOn, attendeeIds: [employee, supervisor], notes: 'Talked' })));
    await meeting('GOAL_SETTING', '2026-10-01');
    // The manager above the supervisor reads the review but may not act on it.
    expect((await ok(as(manager)(`query($id: ID!) { review(id: $id) { id } }`, { id: review.id }))).review.id).toBe(review.id);
    expect(await codeOf(as(manager)(`mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { version } }`, input({ kind: 'ONE_TO_ONE', heldOn: '2026-10-02', attendeeIds: [employee] }))))
      .toMatchObject({ code: 'FORBIDDEN' });
    // Signing names what must happen first.
    expect(await codeOf(as(employee)(`mutation($input: SignReviewInput!) { signReviewAsEmployee(input: $input) { version } }`, input()))).toEqual({
      code: 'INVALID_STATE',
      message: 'Cannot sign as the employee: the supervisor must record ratings first',
    });
    await meeting('MID_YEAR_REFLECTION', '2026-11-15');
    const ratings = [
      { competencyId: 'customer', ratingLevelId: 'EFFECTIVE_PLUS', text: 'Parents praise her' },
      { competencyId: 'safety', ratingLevelId: 'DEVELOPING', text: 'New to the building' },
    ];
    await ok(as(employee)(`mutation($input: RatingsInput!) { submitSelfAssessment(input: $input) { version } }`, input({ ratings: ratings.map((r) => ({ ...r, ratingLevelId: 'EFFECTIVE' })) })));
    await ok(as(supervisor)(`mutation($input: RatingsInput!) { recordSupervisorRatings(input: $input) { version } }`, input({ ratings })));
    await meeting('YEAR_END_CONFERENCE', '2026-11-30');
    await ok(as(supervisor)(`mutation($input: OverallAssessmentInput!) { recordOverallAssessment(input: $input) { version } }`, input({ assessmentId: 'ACHIEVED' })));
    await ok(as(employee)(`mutation($input: EmployeeCommentsInput!) { addEmployeeComments(input: $input) { version } }`, input({ comments: 'More training on safety, please' })));
    // Her goals, as the goals service publishes them: the summary lists each with its final status.
    const [performance, development] = [randomUUID(), randomUUID()];
    const goal = goalEvents(TENANT, performance);
    const devGoal = goalEvents(TENANT, development);
    const agreed = { cycleId, personId: employee, version: 1, unitGoalId: null, competencyIds: [] };
    await fixture.transport.publish([
      goal('GoalAgreed', { goalId: performance, kind: 'PERFORMANCE', measure: { what: 'work orders closed within 48 hours', baseline: 70, target: 90, unit: '%' }, dueOn: '2027-06-30', ...agreed }),
      goal('GoalClosed', { goalId: performance, status: 'ACHIEVED', closedOn: '2026-11-29' }),
      devGoal('GoalAgreed', { goalId: development, kind: 'DEVELOPMENT', measure: null, dueOn: '2027-06-30', ...agreed, competencyIds: ['safety'] }),
      devGoal('GoalProgressRecorded', { goalId: development, checkInId: randomUUID(), value: null, status: 'AT_RISK', recordedOn: '2026-11-29' }),
    ]);
    await eventually(async () => {
      const [row]: Array<{ n: number }> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) => m.query(`SELECT count(*)::int AS n FROM review_goals WHERE status IN ('ACHIEVED', 'AT_RISK')`));
      expect(row.n).toBe(2);
    });
    await ok(as(employee)(`mutation($input: SignReviewInput!) { signReviewAsEmployee(input: $input) { version } }`, input({ agreed: false })));
    expect(await codeOf(as(supervisor)(`mutation($input: ReviewOnlyInput!) { submitReviewToHr(input: $input) { version } }`, input()))).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('the supervisor must sign first') });
    await ok(as(supervisor)(`mutation($input: ReviewOnlyInput!) { signReviewAsSupervisor(input: $input) { version } }`, input()));
    await ok(as(supervisor)(`mutation($input: ReviewOnlyInput!) { submitReviewToHr(input: $input) { version } }`, input()));

    const filed = await myReview(employee);
    expect(filed).toMatchObject({ status: 'FILED', filings: 1, overallAssessment: { assessmentId: 'ACHIEVED', eligibleForPayProgression: true }, nextSteps: [{ step: 'REOPEN', by: ['HR'] }] });
    expect(filed.supervisorRatings).toEqual([
      { competencyId: 'customer', ratingLevelId: 'EFFECTIVE_PLUS', developing: false },
      { competencyId: 'safety', ratingLevelId: 'DEVELOPING', developing: true },
    ]);
    expect(filed.phases.map((p: { completedOn: string }) => p.completedOn)).toEqual(['2026-10-01', '2026-11-15', '2026-11-30']);
    expect(filed.timeline.at(-1)).toEqual({ type: 'ReviewFiled', actorId: supervisor });
    expect(await codeOf(as(employee)(`mutation($input: EmployeeCommentsInput!) { addEmployeeComments(input: $input) { version } }`, input({ comments: 'late' })))).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('filed and read-only') });

    const { yearEndSummary } = await ok(as(employee)(`query($r: ID!) { yearEndSummary(reviewId: $r) { filing contentType base64 } }`, { r: review.id }));
    expect(yearEndSummary).toMatchObject({ filing: 1, contentType: 'application/pdf' });
    const text = await pdfText(Buffer.from(yearEndSummary.base64, 'base64'));
    for (const expected of ['Erin Employee', 'Sam Supervisor', 'Los Angeles Unified', '2026-27', 'C customer', 'Effective+', 'Developing', 'Achieved', 'More training on safety, please', 'Seen, with comments']) expect(text).toContain(expected);
    for (const expected of ['Performance goal: work orders closed within 48 hours, from 70 to 90 %, due 2027-06-30', 'Development goal, due 2027-06-30', 'At risk']) expect(text.replace(/\s+/g, ' ')).toContain(expected);
    expect(await codeOf(as(custodian)(`query($r: ID!) { yearEndSummary(reviewId: $r) { filing } }`, { r: review.id }))).toMatchObject({ code: 'NOT_FOUND' });

    // HR reopens with a reason; the correction is signed and filed again, and both PDFs stay.
    expect(await codeOf(hr(`mutation($input: ReopenReviewInput!) { reopenReview(input: $input) { version } }`, input({ reason: ' ' })))).toMatchObject({ code: 'VALIDATION_FAILED' });
    await ok(hr(`mutation($input: ReopenReviewInput!) { reopenReview(input: $input) { version } }`, input({ reason: 'Safety rating entered wrongly' })));
    await ok(as(supervisor)(`mutation($input: RatingsInput!) { recordSupervisorRatings(input: $input) { version } }`, input({ ratings: [ratings[0], { ...ratings[1], ratingLevelId: 'EFFECTIVE' }] })));
    await ok(as(employee)(`mutation($input: SignReviewInput!) { signReviewAsEmployee(input: $input) { version } }`, input({ agreed: true })));
    await ok(as(supervisor)(`mutation($input: ReviewOnlyInput!) { signReviewAsSupervisor(input: $input) { version } }`, input()));
    await ok(as(supervisor)(`mutation($input: ReviewOnlyInput!) { submitReviewToHr(input: $input) { version } }`, input()));
    const second = await ok(hr(`query($r: ID!) { yearEndSummary(reviewId: $r) { filing base64 } }`, { r: review.id }));
    expect(second.yearEndSummary.filing).toBe(2);
    expect(await pdfText(Buffer.from(second.yearEndSummary.base64, 'base64'))).toContain('Safety rating entered wrongly');
    expect((await ok(hr(`query($r: ID!) { yearEndSummary(reviewId: $r, filing: 1) { filing } }`, { r: review.id }))).yearEndSummary.filing).toBe(1);

    // Ready for signatures once the overall assessment completed it, and again once reopened: in the timeline and on Kafka.
    const timeline: Array<{ type: string; actorId: string }> = (await ok(hr(`query($id: ID!) { review(id: $id) { timeline { type actorId } } }`, { id: review.id }))).review.timeline;
    const before = timeline.flatMap((entry, i) => (entry.type === 'ReviewReadyForSignatures' ? [timeline[i - 1].type] : []));
    expect(before).toEqual(['OverallAssessmentRecorded', 'ReviewReopened']);
    const published: Array<{ payload: { data: unknown } }> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
      m.query(`SELECT payload FROM es_outbox WHERE payload->>'type' = 'ReviewReadyForSignatures' AND payload->'data'->>'reviewId' = $1 ORDER BY transaction_id, position`, [review.id]),
    );
    const readyData = { reviewId: review.id, awaiting: ['EMPLOYEE', 'SUPERVISOR'] };
    expect(published.map((m) => m.payload.data)).toEqual([readyData, readyData]);
    expect(schemaViolations(REVIEW_EVENT_DATA_SCHEMAS.ReviewReadyForSignatures, published[0].payload.data)).toEqual([]);
  });

  it('runs a job chat without competency ratings', async () => {
    const review = await myReview(custodian);
    const input = (extra: object = {}) => ({ input: { reviewId: review.id, ...extra } });
    expect(await codeOf(as(custodian)(`mutation($input: RatingsInput!) { submitSelfAssessment(input: $input) { version } }`, input({ ratings: [{ competencyId: 'customer', ratingLevelId: 'EFFECTIVE' }] })))).toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('a job chat has no competency ratings'),
    });
    await ok(
      as(supervisor)(`mutation($input: JobChatAnswersInput!) { recordJobChatAnswers(input: $input) { version } }`, input({ likes: 'The team', dislikes: 'Early starts', needsToDoTheJob: 'A new floor machine', developmentNeeds: 'Chemical safety course' })),
    );
    await ok(as(supervisor)(`mutation($input: JobChatOutcomeInput!) { recordJobChatOutcome(input: $input) { version } }`, input({ trainingAgreed: 'COSHH course in March' })));
    await ok(as(supervisor)(`mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { version } }`, input({ kind: 'YEAR_END_CONFERENCE', heldOn: '2026-11-30', attendeeIds: [custodian, supervisor] })));
    const { review: ready } = await ok(as(custodian)(`query($id: ID!) { review(id: $id) { timeline { type } } }`, { id: review.id }));
    expect(ready.timeline.map((t: { type: string }) => t.type).slice(-3)).toEqual(['MeetingRecorded', 'PhaseCompleted', 'ReviewReadyForSignatures']);
    await ok(as(custodian)(`mutation($input: SignReviewInput!) { signReviewAsEmployee(input: $input) { version } }`, input()));
    await ok(as(supervisor)(`mutation($input: ReviewOnlyInput!) { signReviewAsSupervisor(input: $input) { version } }`, input()));
    await ok(as(supervisor)(`mutation($input: ReviewOnlyInput!) { submitReviewToHr(input: $input) { version } }`, input()));
    const { yearEndSummary } = await ok(as(custodian)(`query($r: ID!) { yearEndSummary(reviewId: $r) { base64 } }`, { r: review.id }));
    const text = await pdfText(Buffer.from(yearEndSummary.base64, 'base64'));
    for (const expected of ['Carl Custodian', 'A new floor machine', 'COSHH course in March']) expect(text).toContain(expected);
  });

  it('lists a cycle\'s reviews for HR by site (and every site below), by a phase still open, by status, page by page', async () => {
    const LIST = `query($c: ID!, $site: ID, $phase: ReviewPhase, $status: ReviewStatus, $first: Int, $after: String) {
      reviews(cycleId: $c, siteId: $site, openPhase: $phase, status: $status, first: $first, after: $after) { items { employee { id } status } endCursor hasNextPage } }`;
    const ids = async (vars: object) => (await ok(hr(LIST, { c: cycleId, ...vars }))).reviews.items.map((r: { employee: { id: string } }) => r.employee.id).sort();
    const everyone = [manager, supervisor, employee, custodian, newSupervisor].sort();
    expect(await ids({ site: area })).toEqual(everyone);
    expect(await ids({ site: school })).toEqual(everyone);
    expect(await ids({ site: randomUUID() })).toEqual([]);
    expect(await ids({ status: 'FILED' })).toEqual([employee, custodian].sort());
    expect(await ids({ phase: 'GOAL_SETTING' })).toEqual([manager, supervisor, custodian, newSupervisor].sort());
    const first = (await ok(hr(LIST, { c: cycleId, first: 3 }))).reviews;
    expect(first.hasNextPage).toBe(true);
    const rest = (await ok(hr(LIST, { c: cycleId, first: 3, after: first.endCursor }))).reviews;
    expect(rest.hasNextPage).toBe(false);
    expect([...first.items, ...rest.items].map((r: { employee: { id: string } }) => r.employee.id).sort()).toEqual(everyone);
    expect(await codeOf(as(supervisor)(LIST, { c: cycleId }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(hr(LIST, { c: cycleId, first: 201 }))).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('first') });
  });

  it('keeps reviews private to the employee, their supervisor chain and HR', async () => {
    const review = await myReview(newSupervisor);
    expect(await codeOf(as(employee)(`query($id: ID!) { review(id: $id) { id } }`, { id: review.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await codeOf(as(employee)(`mutation($input: EmployeeCommentsInput!) { addEmployeeComments(input: $input) { version } }`, { input: { reviewId: review.id, comments: 'not mine' } }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await codeOf(as(manager, ['analyst'])(`query($id: ID!) { review(id: $id) { id } }`, { id: review.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await codeOf(fixture.query(`query($id: ID!) { review(id: $id) { id } }`, { id: review.id }, { tenantId: 'other-district', actorId: manager, roles: ['hr'] }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await ok(hr(`query($id: ID!) { review(id: $id) { id } }`, { id: review.id }))).review.id).toBe(review.id);
  });

  it('moves an open review to a new supervisor, withdraws a leaver\'s, and starts a joiner\'s', async () => {
    const moving = randomUUID();
    await fixture.transport.publish([person(moving, 'E6', 'Mo', 'Mover', 'Clerical Assistant'), reports(moving, supervisor)]);
    const started = await eventually(async () => {
      const review = await myReview(moving);
      expect(review?.reviewer).toEqual({ id: supervisor });
      return review;
    });
    await fixture.transport.publish([directory.person(moving, 'SupervisorChanged', { personId: moving, fromSupervisorId: supervisor, toSupervisorId: newSupervisor, effectiveFrom: '2026-12-01' })]);
    await eventually(async () => expect((await myReview(moving)).reviewer).toEqual({ id: newSupervisor }));
    expect(await codeOf(as(supervisor)(`query($id: ID!) { review(id: $id) { id } }`, { id: started.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await ok(as(newSupervisor)(`query($id: ID!) { review(id: $id) { timeline { type } } }`, { id: started.id }))).review.timeline.map((t: { type: string }) => t.type)).toEqual(['ReviewStarted', 'ReviewReassigned']);

    await fixture.transport.publish([directory.person(moving, 'PersonLeft', { personId: moving, leftOn: '2026-12-01' })]);
    await eventually(async () => expect((await ok(hr(`query($id: ID!) { review(id: $id) { status } }`, { id: started.id }))).review.status).toBe('WITHDRAWN'));
  });
});
