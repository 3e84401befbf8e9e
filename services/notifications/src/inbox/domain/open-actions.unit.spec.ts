import { openActionsOf, type ReviewFacts } from './open-actions';

const deadlines = { goalSetting: '2026-10-15', midYearReflection: '2027-02-15', yearEndConference: '2027-08-01' };
const review = (over: Partial<ReviewFacts> = {}): ReviewFacts => ({
  reviewId: 'r1',
  personId: 'emp',
  supervisorId: 'sup',
  status: 'OPEN',
  phasesCompleted: [],
  awaitingSignatures: [],
  selfAssessmentSubmitted: false,
  overallRecorded: false,
  deadlines,
  timeZone: 'Pacific/Kiritimati',
  ...over,
});

describe('open actions', () => {
  it("shows each party the review's next phase, overdue from the end of its day in the tenant's zone", () => {
    // 2026-10-15T10:00Z is already 16 October in Kiritimati (UTC+14): goal setting is overdue there.
    const [action] = openActionsOf('emp', [review()], [], new Date('2026-10-15T10:00:00Z'));
    expect(action).toEqual({ kind: 'COMPLETE_PHASE', subjectType: 'REVIEW', subjectId: 'r1', personId: 'emp', phase: 'GOAL_SETTING', dueOn: '2026-10-15', overdue: true });
    const [earlier] = openActionsOf('sup', [review()], [], new Date('2026-10-15T09:59:59Z'));
    expect(earlier.overdue).toBe(false);
    expect(openActionsOf('sup', [review({ phasesCompleted: ['GOAL_SETTING'] })], [], new Date('2026-10-15T10:00:00Z'))[0]).toMatchObject({ phase: 'MID_YEAR_REFLECTION', overdue: false });
  });

  it('asks the supervisor to rate after a self-assessment and each awaited party to sign; nothing for a filed review or a stranger', () => {
    const now = new Date('2027-07-01T00:00:00Z');
    const submitted = review({ phasesCompleted: ['GOAL_SETTING', 'MID_YEAR_REFLECTION', 'YEAR_END_CONFERENCE'], selfAssessmentSubmitted: true, awaitingSignatures: ['EMPLOYEE'] });
    expect(openActionsOf('sup', [submitted], [], now).map((a) => a.kind)).toEqual(['RATE_SELF_ASSESSMENT']);
    expect(openActionsOf('emp', [submitted], [], now).map((a) => a.kind)).toEqual(['SIGN_REVIEW']);
    expect(openActionsOf('emp', [review({ status: 'FILED' })], [], now)).toEqual([]);
    expect(openActionsOf('someone-else', [review()], [], now)).toEqual([]);
  });

  it('asks whoever must still agree a goal', () => {
    const goals = [{ goalId: 'g1', personId: 'emp', supervisorId: 'sup', awaiting: ['SUPERVISOR'] }];
    expect(openActionsOf('sup', [], goals, new Date()).map((a) => [a.kind, a.subjectId])).toEqual([['AGREE_GOAL', 'g1']]);
    expect(openActionsOf('emp', [], goals, new Date())).toEqual([]);
  });
});
