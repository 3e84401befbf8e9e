import { randomUUID } from 'node:crypto';
import { ALL_TOPICS } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { callsAs, cycleOpened, dataOf, directoryEvents, errorCodeOf, personJoined, startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { eventually } from '@growth/testing';
import { startGoalsService } from '../goals.service';

const TENANT = 'leics';
// Responses are checked field by field below; typing every query's shape would only repeat the queries.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

describe('career development reviews through the goals subgraph', () => {
  let fixture: ServiceFixture;
  const [site, cycle1, cycle2] = [randomUUID(), randomUUID(), randomUUID()];
  const [headteacher, supervisor, newSupervisor, employee, stranger] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const directory = directoryEvents(TENANT);
  const as = callsAs(() => fixture, TENANT);
  const hr = as(randomUUID(), ['hr']);
  const ok = dataOf;
  const codeOf = errorCodeOf;
  const person = (id: string, n: string) => personJoined(directory, id, { staffNumber: n, lastName: n, jobClassification: 'Kitchen Assistant', siteId: site });
  const cycle = (cycleId: string, year: number) =>
    cycleOpened(TENANT, cycleId, {
      name: `${year}-${year + 1}`,
      startsOn: `${year}-04-01`,
      endsOn: `${year + 1}-03-31`,
      timeZone: 'Europe/London',
      deadlines: { goalSetting: `${year}-06-30`, midYearReflection: `${year}-10-31`, yearEndConference: `${year + 1}-03-31` },
    });

  const RECORD = `mutation($input: RecordCareerReviewInput!) { recordCareerReview(input: $input) { personId version } }`;
  const AGREE = `mutation($input: AgreeCareerReviewInput!) { agreeCareerReview(input: $input) { version } }`;
  const COMPLETE = `mutation($input: CompleteCareerActionInput!) { completeCareerAction(input: $input) { version } }`;
  const READ = `query($p: ID!) { careerReview(personId: $p) { person { id } entries { cycleId supervisor { id } whereNow in5Years in10Years options agreedActions { actionId description dueOn completedOn } agreedBy { id } agreedOn } openActions { cycleId actionId } version } }`;
  const [nvq, shadow] = [randomUUID(), randomUUID()];
  const entry = (cycleId: string, extra: object = {}) => ({
    cycleId,
    whereNow: 'Kitchen assistant, two years',
    in5Years: 'Cook in charge',
    options: ['NVQ level 3 in catering', 'Shadow the cook'],
    agreedActions: [{ actionId: nvq, description: 'Enrol on NVQ', dueOn: '2026-12-01' }],
    ...extra,
  });

  beforeAll(async () => {
    fixture = await startServiceFixture(startGoalsService);
    await fixture.transport.ensureTopics([...ALL_TOPICS]);
    await fixture.transport.publish([
      directory.site(site, 'SiteOpened', { siteId: site, code: 'PS', name: 'Primary School', kind: 'SCHOOL', parentSiteId: null }),
      ...[headteacher, supervisor, newSupervisor, employee, stranger].map((id, i) => person(id, `P${i}`)),
      directory.person(supervisor, 'SupervisorAssigned', { personId: supervisor, supervisorId: headteacher, effectiveFrom: '2020-01-01' }),
      directory.person(employee, 'SupervisorAssigned', { personId: employee, supervisorId: supervisor, effectiveFrom: '2020-01-01' }),
      cycle(cycle1, 2026),
      cycle(cycle2, 2027),
    ]);
    await eventually(async () => {
      const [row]: Array<Record<string, number>> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
        m.query(`SELECT (SELECT count(*)::int FROM goal_people) AS people, (SELECT count(supervisor_id)::int FROM goal_people) AS lines, (SELECT count(*)::int FROM goal_cycles) AS cycles`),
      );
      expect(row).toEqual({ people: 5, lines: 2, cycles: 2 });
    });
  });
  afterAll(async () => fixture?.close());

  it('is written by the employee, agreed by the supervisor, and hidden from anyone else', async () => {
    expect((await ok(as(employee)(`{ myCareerReview { version } }`))).myCareerReview).toBeNull();
    expect(await codeOf(as(supervisor)(RECORD, { input: { ...entry(cycle1), personId: employee } }))).toBe('FORBIDDEN');
    expect(await codeOf(as(employee)(RECORD, { input: entry(cycle1, { in5Years: ' ', in10Years: '' }) }))).toBe('VALIDATION_FAILED');
    expect((await ok(as(employee)(RECORD, { input: entry(cycle1) }))).recordCareerReview).toEqual({ personId: employee, version: 0 });

    expect(await codeOf(as(stranger)(READ, { p: employee }))).toBe('NOT_FOUND');
    expect(await codeOf(as(stranger)(AGREE, { input: { personId: employee, cycleId: cycle1 } }))).toBe('NOT_FOUND');
    expect(await codeOf(as(employee)(COMPLETE, { input: { cycleId: cycle1, actionId: nvq, completedOn: '2026-05-01' } }))).toBe('INVALID_STATE');
    expect(await codeOf(as(employee)(AGREE, { input: { cycleId: cycle1 } }))).toBe('FORBIDDEN');
    // The manager above the supervisor reads the review but does not act on it.
    expect((await ok(as(headteacher)(READ, { p: employee }))).careerReview.entries).toHaveLength(1);
    expect(await codeOf(as(headteacher)(AGREE, { input: { personId: employee, cycleId: cycle1 } }))).toBe('FORBIDDEN');

    await ok(as(supervisor)(AGREE, { input: { personId: employee, cycleId: cycle1, expectedVersion: 0 } }));
    expect(await codeOf(as(employee)(RECORD, { input: entry(cycle1, { in10Years: 'Catering manager' }) }))).toBe('INVALID_STATE');
    const { careerReview } = await ok(as(employee)(READ, { p: employee }));
    expect(careerReview).toEqual({
      person: { id: employee },
      entries: [
        {
          cycleId: cycle1,
          supervisor: { id: supervisor },
          whereNow: 'Kitchen assistant, two years',
          in5Years: 'Cook in charge',
          in10Years: '',
          options: ['NVQ level 3 in catering', 'Shadow the cook'],
          agreedActions: [{ actionId: nvq, description: 'Enrol on NVQ', dueOn: '2026-12-01', completedOn: null }],
          agreedBy: { id: supervisor },
          agreedOn: expect.any(String),
        },
      ],
      openActions: [{ cycleId: cycle1, actionId: nvq }],
      version: 1,
    });
  });

  it('moves with the reporting line: the new supervisor agrees what the previous one left open and closes earlier actions; the previous one can no longer act', async () => {
    // Written under the first supervisor, who moves on before agreeing it.
    await ok(as(employee)(RECORD, { input: entry(cycle2, { whereNow: 'Kitchen assistant, studying NVQ', agreedActions: [{ actionId: shadow, description: 'Shadow the cook for a term', dueOn: null }] }) }));
    await fixture.transport.publish([directory.person(employee, 'SupervisorChanged', { personId: employee, fromSupervisorId: supervisor, toSupervisorId: newSupervisor, effectiveFrom: '2027-04-01' })]);
    await eventually(async () => expect(await codeOf(as(supervisor)(READ, { p: employee }))).toBe('NOT_FOUND'));

    expect(await codeOf(as(supervisor)(AGREE, { input: { personId: employee, cycleId: cycle2 } }))).toBe('NOT_FOUND');
    expect(await codeOf(as(supervisor)(COMPLETE, { input: { personId: employee, cycleId: cycle1, actionId: nvq, completedOn: '2026-11-20' } }))).toBe('NOT_FOUND');
    await ok(as(newSupervisor)(AGREE, { input: { personId: employee, cycleId: cycle2 } }));
    // A career plan outlives its cycle: the earlier cycle's open action is the new supervisor's to see through.
    await ok(as(newSupervisor)(COMPLETE, { input: { personId: employee, cycleId: cycle1, actionId: nvq, completedOn: '2026-11-20' } }));

    const { careerReview } = await ok(hr(READ, { p: employee }));
    expect(careerReview.entries.map((e: Data) => [e.cycleId, e.supervisor.id, e.agreedBy.id, e.whereNow, e.agreedActions.map((a: Data) => [a.description, a.completedOn])])).toEqual([
      [cycle1, supervisor, supervisor, 'Kitchen assistant, two years', [['Enrol on NVQ', '2026-11-20']]],
      [cycle2, supervisor, newSupervisor, 'Kitchen assistant, studying NVQ', [['Shadow the cook for a term', null]]],
    ]);
    expect(careerReview.openActions).toEqual([{ cycleId: cycle2, actionId: shadow }]);
    expect(careerReview.version).toBe(4);
    expect((await ok(as(employee)(`{ myCareerReview { entries { cycleId } } }`))).myCareerReview.entries).toHaveLength(2);
  });
});
