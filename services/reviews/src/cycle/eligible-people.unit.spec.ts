import type { FrameworkDefinitionData } from '@growth/contracts';
import type { CycleOpened } from './domain/cycle.events';
import { DEFAULT_ASSESSMENT_SCALE, defaultProcessRules } from './domain/cycle.model';
import { levelsForSpan, startReviewCommand, type PersonForReview } from './eligible-people';
import { reviewIdOf } from '../review/review.stream';

// Seed 004: any line manager considers levels 1 and 2; a manager of managers 1, 2 and 3.
const leadership: FrameworkDefinitionData = {
  kind: 'LEADERSHIP_FRAMEWORK',
  name: 'Leadership',
  purpose: '',
  responsibilityLevels: [
    { id: 'level-1', name: 'Level 1', definition: '', appliesTo: ['TEAM_MANAGER', 'MANAGER_OF_MANAGERS'] },
    { id: 'level-2', name: 'Level 2', definition: '', appliesTo: ['TEAM_MANAGER', 'MANAGER_OF_MANAGERS'] },
    { id: 'level-3', name: 'Level 3', definition: '', appliesTo: ['MANAGER_OF_MANAGERS'] },
  ],
  clusters: [],
};
const cycle: CycleOpened['data'] = {
  cycleId: 'c-1',
  name: '2026-27',
  startsOn: '2026-08-02',
  endsOn: '2027-08-01',
  timeZone: 'Europe/London',
  deadlines: { goalSetting: '2026-10-15', midYearReflection: '2027-02-15', yearEndConference: '2027-08-01' },
  framework: { frameworkId: 'f-comp', version: 2 },
  leadershipFramework: { frameworkId: 'f-lead', version: 1 },
  processRules: defaultProcessRules(true),
  assessmentScale: DEFAULT_ASSESSMENT_SCALE,
};
const person = (jobClassification: string, span: PersonForReview['span']): PersonForReview => ({ personId: `p-${jobClassification}`, jobClassification, siteAncestry: ['s-1'], span, supervisorId: 'p-boss' });

describe('the review a cycle starts for a person', () => {
  it('considers the responsibility levels the line-management span requires', () => {
    expect(levelsForSpan(leadership, 'NONE')).toEqual([]);
    expect(levelsForSpan(leadership, 'TEAM_MANAGER')).toEqual(['level-1', 'level-2']);
    expect(levelsForSpan(leadership, 'MANAGER_OF_MANAGERS')).toEqual(['level-1', 'level-2', 'level-3']);
  });

  it('gives line managers a leadership review against the leadership framework, at their levels', () => {
    expect(startReviewCommand(cycle, leadership, person('Area Operations Manager', 'MANAGER_OF_MANAGERS'), '2026-08-02')).toMatchObject({
      reviewId: reviewIdOf('c-1', 'p-Area Operations Manager'),
      process: 'LEADERSHIP',
      framework: { frameworkId: 'f-lead', version: 1 },
      levels: ['level-1', 'level-2', 'level-3'],
      supervisorId: 'p-boss',
    });
    expect(startReviewCommand(cycle, leadership, person('Custodian Supervisor', 'TEAM_MANAGER'), '2026-08-02')).toMatchObject({ process: 'LEADERSHIP', levels: ['level-1', 'level-2'] });
  });

  it('gives everyone else the competency framework, as a job chat or a full review', () => {
    expect(startReviewCommand(cycle, leadership, person('Cafeteria Worker', 'NONE'), '2026-08-02')).toMatchObject({ process: 'JOB_CHAT', framework: { frameworkId: 'f-comp', version: 2 }, levels: [] });
    expect(startReviewCommand(cycle, leadership, person('Office Technician', 'NONE'), '2026-08-02')).toMatchObject({ process: 'FULL', framework: { frameworkId: 'f-comp', version: 2 }, levels: [] });
  });

  it('derives one review id per person and cycle', () => {
    expect(reviewIdOf('c-1', 'p-1')).toBe(reviewIdOf('c-1', 'p-1'));
    expect(reviewIdOf('c-1', 'p-1')).not.toBe(reviewIdOf('c-2', 'p-1'));
    expect(reviewIdOf('c-1', 'p-1')).not.toBe(reviewIdOf('c-1', 'p-2'));
  });
});
