import { summarize, referencedIds } from './event-summary';

const names: Record<string, string> = { s1: 'Roosevelt High', s2: 'Central Kitchen', p1: 'Bea Ng', p2: 'Cal Diaz' };
const nameOf = (id: string) => names[id];

describe('audit summaries', () => {
  it.each([
    [{ type: 'PersonJoined', data: { personId: 'a', staffNumber: 'E1', firstName: 'Ana', lastName: 'Lopez', workEmail: null, jobClassification: 'Custodian', siteId: 's1', employmentStatus: 'ACTIVE', startDate: '2019-08-12' } }, 'Joined as Custodian at Roosevelt High, starting 2019-08-12 (staff number E1, ACTIVE)'],
    [{ type: 'PersonDetailsChanged', data: { personId: 'a', changes: { lastName: { from: 'Lopez', to: 'López' }, workEmail: { from: 'a@x.org', to: null } } } }, 'Details changed: last name "Lopez" → "López"; work email "a@x.org" → (none)'],
    [{ type: 'PersonMovedSite', data: { personId: 'a', fromSiteId: 's1', toSiteId: 's2' } }, 'Moved from Roosevelt High to Central Kitchen'],
    [{ type: 'SupervisorChanged', data: { personId: 'a', fromSupervisorId: 'p1', toSupervisorId: 'p2', effectiveFrom: '2025-02-01' } }, 'Supervisor changed from Bea Ng to Cal Diaz from 2025-02-01'],
    [{ type: 'SupervisorUnassigned', data: { personId: 'a', supervisorId: 'p1', effectiveFrom: '2025-02-01', reason: 'SUPERVISOR_LEFT' } }, 'No longer supervised by Bea Ng from 2025-02-01 (the supervisor left)'],
    [{ type: 'SiteMoved', data: { siteId: 's2', fromParentSiteId: null, toParentSiteId: 's1' } }, 'Site moved from under (none) to under Roosevelt High'],
    [
      { type: 'CycleCalendarChanged', data: { tenantId: 't', from: { goalSetting: { month: 10, day: 15 }, midYearReflection: { month: 2, day: 15 }, yearEndConference: { month: 8, day: 1 } }, to: { goalSetting: { month: 10, day: 31 }, midYearReflection: { month: 2, day: 15 }, yearEndConference: { month: 8, day: 1 } } } },
      'Cycle calendar changed: goal setting by 15 Oct → by 31 Oct',
    ],
  ] as const)('%#: %s', (event, summary) => {
    expect(summarize(event as Parameters<typeof summarize>[0], nameOf)).toBe(summary);
  });

  it('falls back to ids and lists the ids to look up', () => {
    const event = { type: 'SupervisorAssigned', data: { personId: 'a', supervisorId: 'p9', effectiveFrom: '2025-01-06' } } as const;
    expect(summarize(event)).toBe('Supervisor p9 from 2025-01-06');
    expect(referencedIds(event)).toEqual(['p9']);
  });
});
