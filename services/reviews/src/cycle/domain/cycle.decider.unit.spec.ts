import { AlreadyExistsError, DeciderSpecification, InvalidStateError, NotFoundError, ValidationFailedError } from '@growth/es';
import type { OpenCycle } from './cycle.commands';
import { cycleDecider } from './cycle.decider';
import type { CycleEvent } from './cycle.events';
import { DEFAULT_ASSESSMENT_SCALE, defaultProcessRules, processFor, type EligiblePerson } from './cycle.model';

const spec = DeciderSpecification.for(cycleDecider);
const deadlines = { goalSetting: '2026-10-15', midYearReflection: '2027-02-15', yearEndConference: '2027-08-01' };
const openCommand = (overrides: Partial<OpenCycle> = {}): OpenCycle => ({
  type: 'OpenCycle',
  cycleId: 'c-1',
  name: '2026-27',
  startsOn: '2026-08-02',
  endsOn: '2027-08-01',
  timeZone: 'America/Los_Angeles',
  deadlines,
  framework: { frameworkId: 'f-1', version: 2 },
  leadershipFramework: null,
  processRules: [{ process: 'JOB_CHAT', jobClassifications: ['Custodian'], managesStaff: false }],
  assessmentScale: DEFAULT_ASSESSMENT_SCALE,
  facts: { framework: { kind: 'COMPETENCY_FRAMEWORK' }, leadershipFramework: null, nameUsedBy: null, unknownSiteIds: [] },
  ...overrides,
});
const { type: _type, facts: _facts, ...openedData } = openCommand();
const opened: CycleEvent = { type: 'CycleOpened', data: openedData };
const created: CycleEvent = { type: 'CycleReviewsCreated', data: { cycleId: 'c-1', reviews: 297 } };

describe('cycle decider', () => {
  it('opens a cycle with its deadlines, pinned framework version and process rules', () => {
    spec.given([]).when(openCommand()).then([opened]);
  });

  it('reports every problem of an opening at once', () => {
    const error = spec
      .given([])
      .when(
        openCommand({
          name: ' ',
          timeZone: 'Nowhere/Else',
          deadlines: { goalSetting: '2027-03-01', midYearReflection: '2027-02-15', yearEndConference: '2027-09-01' },
          processRules: [{ process: 'LEADERSHIP', managesStaff: true, siteIds: ['s-x'] }],
          facts: { framework: { kind: null }, leadershipFramework: null, nameUsedBy: null, unknownSiteIds: ['s-x'] },
        }),
      )
      .thenThrows<ValidationFailedError>(ValidationFailedError);
    expect(error.issues.map((i) => i.path)).toEqual([
      'name',
      'timeZone',
      'deadlines.midYearReflection',
      'deadlines.yearEndConference',
      'framework',
      'processRules.0.process',
      'processRules.0.siteIds.0',
    ]);
  });

  it('pins a leadership framework only of that kind, and uses it only for line managers', () => {
    const leadership = { frameworkId: 'f-lead', version: 1 };
    spec
      .given([])
      .when(openCommand({ leadershipFramework: leadership, facts: { framework: { kind: 'COMPETENCY_FRAMEWORK' }, leadershipFramework: { kind: 'COMPETENCY_FRAMEWORK' }, nameUsedBy: null, unknownSiteIds: [] } }))
      .thenThrows(ValidationFailedError, (e) => e.message.includes('leadershipFramework: is not a leadership framework'));
    spec
      .given([])
      .when(openCommand({ leadershipFramework: leadership, processRules: [{ process: 'LEADERSHIP' }], facts: { framework: { kind: 'COMPETENCY_FRAMEWORK' }, leadershipFramework: { kind: 'LEADERSHIP_FRAMEWORK' }, nameUsedBy: null, unknownSiteIds: [] } }))
      .thenThrows(ValidationFailedError, (e) => e.message.includes('managesStaff'));
  });

  it('refuses a name another cycle has, and an id already used', () => {
    spec.given([]).when(openCommand({ facts: { framework: { kind: 'COMPETENCY_FRAMEWORK' }, leadershipFramework: null, nameUsedBy: 'c-0', unknownSiteIds: [] } })).thenThrows(ValidationFailedError, (e) => e.message.includes('already called'));
    spec.given([opened]).when(openCommand()).thenThrows(AlreadyExistsError);
  });

  it('records once that every review exists', () => {
    spec.given([opened]).when({ type: 'RecordCycleReviewsCreated', cycleId: 'c-1', reviews: 297 }).then([created]);
    spec.given([opened, created]).when({ type: 'RecordCycleReviewsCreated', cycleId: 'c-1', reviews: 297 }).thenNothingHappens();
    spec.given([]).when({ type: 'RecordCycleReviewsCreated', cycleId: 'c-1', reviews: 1 }).thenThrows(NotFoundError);
  });

  it('moves deadlines within the cycle, and not once closed', () => {
    const to = { ...deadlines, midYearReflection: '2027-02-28' };
    spec.given([opened, created]).when({ type: 'ChangeCycleDeadlines', cycleId: 'c-1', deadlines: to }).then([{ type: 'CycleDeadlinesChanged', data: { cycleId: 'c-1', from: deadlines, to } }]);
    spec.given([opened, created]).when({ type: 'ChangeCycleDeadlines', cycleId: 'c-1', deadlines }).thenNothingHappens();
    spec.given([opened, created]).when({ type: 'ChangeCycleDeadlines', cycleId: 'c-1', deadlines: { ...deadlines, yearEndConference: '2027-09-01' } }).thenThrows(ValidationFailedError);
    const closed: CycleEvent = { type: 'CycleClosed', data: { cycleId: 'c-1', closedOn: '2027-08-02' } };
    spec.given([opened, created]).when({ type: 'CloseCycle', cycleId: 'c-1', today: '2027-08-02' }).then([closed]);
    spec.given([opened, created, closed]).when({ type: 'ChangeCycleDeadlines', cycleId: 'c-1', deadlines: to }).thenThrows(InvalidStateError);
    spec.given([opened]).when({ type: 'CloseCycle', cycleId: 'c-1', today: '2027-08-02' }).thenThrows(InvalidStateError);
  });
});

describe('which process applies', () => {
  const person = (jobClassification: string, span: EligiblePerson['span'] = 'NONE', siteAncestry = ['s-school', 's-area']): EligiblePerson => ({ personId: 'p', jobClassification, siteAncestry, span });
  const rules = [
    { process: 'LEADERSHIP' as const, managesStaff: true },
    { process: 'JOB_CHAT' as const, jobClassifications: ['Custodian', 'Cafeteria Worker'] },
    { process: 'JOB_CHAT' as const, siteIds: ['s-area'], jobClassifications: ['Lunchtime Supervisor'] },
  ];
  it('takes the first matching rule, else the full review', () => {
    expect(processFor(rules, person('Custodian Supervisor', 'TEAM_MANAGER'))).toBe('LEADERSHIP');
    expect(processFor(rules, person(' custodian '))).toBe('JOB_CHAT');
    expect(processFor(rules, person('Lunchtime Supervisor'))).toBe('JOB_CHAT');
    expect(processFor(rules, person('Lunchtime Supervisor', 'NONE', ['s-other']))).toBe('FULL');
    expect(processFor(rules, person('Office Technician'))).toBe('FULL');
  });
  it('by default gives the job chat to cleaning, catering and lunchtime staff who manage nobody, and leadership to line managers', () => {
    const chat = ['Custodian', 'Cafeteria Worker', 'Lead Cafeteria Worker', 'Lunchtime Supervisor', 'Cleaner', 'Catering Assistant'];
    expect(chat.map((c) => processFor(defaultProcessRules(false), person(c)))).toEqual(chat.map(() => 'JOB_CHAT'));
    expect(['Office Technician', 'Plant Manager', 'Building Engineer'].map((c) => processFor(defaultProcessRules(false), person(c)))).toEqual(['FULL', 'FULL', 'FULL']);
    expect(processFor(defaultProcessRules(false), person('Custodian Supervisor', 'TEAM_MANAGER'))).toBe('FULL');
    expect(processFor(defaultProcessRules(true), person('Custodian Supervisor', 'TEAM_MANAGER'))).toBe('LEADERSHIP');
    expect(processFor(defaultProcessRules(true), person('Custodian'))).toBe('JOB_CHAT');
  });
});
