import { siteTrainingPlan, type Site, type TrainingNeedRecord } from './site-training-plan';

// Three levels: the authority, its schools, and a school's kitchen team.
const sites: Site[] = [
  { siteId: 'south', name: 'South Primary', parentId: 'la' },
  { siteId: 'north-kitchen', name: 'North High Kitchen', parentId: 'north' },
  { siteId: 'la', name: 'County Schools', parentId: null },
  { siteId: 'north', name: 'North High School', parentId: 'la' },
];
const gbp = (amount: number) => ({ amount, currency: 'GBP' });

const needs: TrainingNeedRecord[] = [
  { needId: 'n1', personId: 'p-ann', personName: 'Ann Baker', siteId: 'north-kitchen', description: 'Food hygiene level 2', groupKey: 'food hygiene level 2', neededBy: '2027-04-30', estimatedCost: gbp(12_500), source: 'JOB_CHAT', status: 'OPEN' },
  { needId: 'n2', personId: 'p-bob', personName: 'Bob Cole', siteId: 'north-kitchen', description: 'Food hygiene level 2', groupKey: 'food hygiene level 2', neededBy: '2027-03-31', estimatedCost: gbp(12_500), source: 'JOB_CHAT', status: 'OPEN' },
  { needId: 'n3', personId: 'p-cara', personName: 'Cara Dunn', siteId: 'north-kitchen', description: 'Manual handling', groupKey: 'manual handling', neededBy: '2027-05-31', estimatedCost: null, source: 'DEVELOPMENT_PLAN', status: 'OPEN' },
  { needId: 'n4', personId: 'p-dev', personName: 'Dev Ellis', siteId: 'north', description: 'Manual handling', groupKey: 'manual handling', neededBy: '2027-06-30', estimatedCost: gbp(4_000), source: 'DEVELOPMENT_PLAN', status: 'OPEN' },
  { needId: 'n5', personId: 'p-eve', personName: 'Eve Ford', siteId: 'north', description: 'First aid at work', groupKey: 'first aid at work', neededBy: '2027-09-01', estimatedCost: gbp(20_000), source: 'DEVELOPMENT_PLAN', status: 'OPEN' },
  { needId: 'n6', personId: 'p-finn', personName: 'Finn Gray', siteId: 'north', description: 'First aid at work', groupKey: 'first aid at work', neededBy: '2027-02-01', estimatedCost: gbp(20_000), source: 'DEVELOPMENT_PLAN', status: 'MET' },
  { needId: 'n7', personId: 'p-gus', personName: 'Gus Hall', siteId: 'south', description: 'Food hygiene level 2', groupKey: 'food hygiene level 2', neededBy: '2027-04-15', estimatedCost: { amount: 9_000, currency: 'EUR' }, source: 'JOB_CHAT', status: 'OPEN' },
  { needId: 'n8', personId: 'p-hana', personName: 'Hana Ives', siteId: 'south', description: 'First aid at work', groupKey: 'first aid at work', neededBy: '2027-09-01', estimatedCost: null, source: 'JOB_CHAT', status: 'DROPPED' },
  { needId: 'n9', personId: 'p-ivy', personName: 'Ivy Jones', siteId: 'la', description: 'Budget management', groupKey: 'budget management', neededBy: '2027-07-01', estimatedCost: gbp(30_000), source: 'DEVELOPMENT_PLAN', status: 'OPEN' },
  { needId: 'n10', personId: 'p-jo', personName: 'Jo King', siteId: 'closed-site', description: 'Manual handling', groupKey: 'manual handling', neededBy: '2027-01-01', estimatedCost: gbp(4_000), source: 'JOB_CHAT', status: 'OPEN' },
  { needId: 'n11', personId: 'p-ann', personName: 'Ann Baker', siteId: 'north-kitchen', description: 'Manual handling', groupKey: 'manual handling', neededBy: '2027-05-31', estimatedCost: gbp(4_000), source: 'DEVELOPMENT_PLAN', status: 'OPEN' },
];

describe('site training plan', () => {
  it("rolls each site's open needs up its tree, grouped by the training needed", () => {
    expect(siteTrainingPlan(needs, sites, { includeSitesBelow: true })).toEqual([
      {
        siteId: 'la',
        siteName: 'County Schools',
        groups: [
          {
            description: 'Food hygiene level 2',
            people: [
              { needId: 'n2', personId: 'p-bob', personName: 'Bob Cole', siteId: 'north-kitchen', neededBy: '2027-03-31', estimatedCost: { amount: 12_500, currency: 'GBP' }, source: 'JOB_CHAT' },
              { needId: 'n7', personId: 'p-gus', personName: 'Gus Hall', siteId: 'south', neededBy: '2027-04-15', estimatedCost: { amount: 9_000, currency: 'EUR' }, source: 'JOB_CHAT' },
              { needId: 'n1', personId: 'p-ann', personName: 'Ann Baker', siteId: 'north-kitchen', neededBy: '2027-04-30', estimatedCost: { amount: 12_500, currency: 'GBP' }, source: 'JOB_CHAT' },
            ],
            earliestNeededBy: '2027-03-31',
            estimatedCost: [{ currency: 'EUR', amount: 9_000 }, { currency: 'GBP', amount: 25_000 }],
            needsWithoutCost: 0,
          },
          {
            description: 'Manual handling',
            people: [
              { needId: 'n11', personId: 'p-ann', personName: 'Ann Baker', siteId: 'north-kitchen', neededBy: '2027-05-31', estimatedCost: { amount: 4_000, currency: 'GBP' }, source: 'DEVELOPMENT_PLAN' },
              { needId: 'n3', personId: 'p-cara', personName: 'Cara Dunn', siteId: 'north-kitchen', neededBy: '2027-05-31', estimatedCost: null, source: 'DEVELOPMENT_PLAN' },
              { needId: 'n4', personId: 'p-dev', personName: 'Dev Ellis', siteId: 'north', neededBy: '2027-06-30', estimatedCost: { amount: 4_000, currency: 'GBP' }, source: 'DEVELOPMENT_PLAN' },
            ],
            earliestNeededBy: '2027-05-31',
            estimatedCost: [{ currency: 'GBP', amount: 8_000 }],
            needsWithoutCost: 1,
          },
          {
            description: 'Budget management',
            people: [{ needId: 'n9', personId: 'p-ivy', personName: 'Ivy Jones', siteId: 'la', neededBy: '2027-07-01', estimatedCost: { amount: 30_000, currency: 'GBP' }, source: 'DEVELOPMENT_PLAN' }],
            earliestNeededBy: '2027-07-01',
            estimatedCost: [{ currency: 'GBP', amount: 30_000 }],
            needsWithoutCost: 0,
          },
          {
            description: 'First aid at work',
            people: [{ needId: 'n5', personId: 'p-eve', personName: 'Eve Ford', siteId: 'north', neededBy: '2027-09-01', estimatedCost: { amount: 20_000, currency: 'GBP' }, source: 'DEVELOPMENT_PLAN' }],
            earliestNeededBy: '2027-09-01',
            estimatedCost: [{ currency: 'GBP', amount: 20_000 }],
            needsWithoutCost: 0,
          },
        ],
        totals: { needs: 8, people: 7, estimatedCost: [{ currency: 'EUR', amount: 9_000 }, { currency: 'GBP', amount: 83_000 }], needsWithoutCost: 1 },
      },
      {
        siteId: 'north',
        siteName: 'North High School',
        groups: [
          {
            description: 'Food hygiene level 2',
            people: [
              { needId: 'n2', personId: 'p-bob', personName: 'Bob Cole', siteId: 'north-kitchen', neededBy: '2027-03-31', estimatedCost: { amount: 12_500, currency: 'GBP' }, source: 'JOB_CHAT' },
              { needId: 'n1', personId: 'p-ann', personName: 'Ann Baker', siteId: 'north-kitchen', neededBy: '2027-04-30', estimatedCost: { amount: 12_500, currency: 'GBP' }, source: 'JOB_CHAT' },
            ],
            earliestNeededBy: '2027-03-31',
            estimatedCost: [{ currency: 'GBP', amount: 25_000 }],
            needsWithoutCost: 0,
          },
          {
            description: 'Manual handling',
            people: [
              { needId: 'n11', personId: 'p-ann', personName: 'Ann Baker', siteId: 'north-kitchen', neededBy: '2027-05-31', estimatedCost: { amount: 4_000, currency: 'GBP' }, source: 'DEVELOPMENT_PLAN' },
              { needId: 'n3', personId: 'p-cara', personName: 'Cara Dunn', siteId: 'north-kitchen', neededBy: '2027-05-31', estimatedCost: null, source: 'DEVELOPMENT_PLAN' },
              { needId: 'n4', personId: 'p-dev', personName: 'Dev Ellis', siteId: 'north', neededBy: '2027-06-30', estimatedCost: { amount: 4_000, currency: 'GBP' }, source: 'DEVELOPMENT_PLAN' },
            ],
            earliestNeededBy: '2027-05-31',
            estimatedCost: [{ currency: 'GBP', amount: 8_000 }],
            needsWithoutCost: 1,
          },
          {
            description: 'First aid at work',
            people: [{ needId: 'n5', personId: 'p-eve', personName: 'Eve Ford', siteId: 'north', neededBy: '2027-09-01', estimatedCost: { amount: 20_000, currency: 'GBP' }, source: 'DEVELOPMENT_PLAN' }],
            earliestNeededBy: '2027-09-01',
            estimatedCost: [{ currency: 'GBP', amount: 20_000 }],
            needsWithoutCost: 0,
          },
        ],
        totals: { needs: 6, people: 5, estimatedCost: [{ currency: 'GBP', amount: 53_000 }], needsWithoutCost: 1 },
      },
      {
        siteId: 'north-kitchen',
        siteName: 'North High Kitchen',
        groups: [
          {
            description: 'Food hygiene level 2',
            people: [
              { needId: 'n2', personId: 'p-bob', personName: 'Bob Cole', siteId: 'north-kitchen', neededBy: '2027-03-31', estimatedCost: { amount: 12_500, currency: 'GBP' }, source: 'JOB_CHAT' },
              { needId: 'n1', personId: 'p-ann', personName: 'Ann Baker', siteId: 'north-kitchen', neededBy: '2027-04-30', estimatedCost: { amount: 12_500, currency: 'GBP' }, source: 'JOB_CHAT' },
            ],
            earliestNeededBy: '2027-03-31',
            estimatedCost: [{ currency: 'GBP', amount: 25_000 }],
            needsWithoutCost: 0,
          },
          {
            description: 'Manual handling',
            people: [
              { needId: 'n11', personId: 'p-ann', personName: 'Ann Baker', siteId: 'north-kitchen', neededBy: '2027-05-31', estimatedCost: { amount: 4_000, currency: 'GBP' }, source: 'DEVELOPMENT_PLAN' },
              { needId: 'n3', personId: 'p-cara', personName: 'Cara Dunn', siteId: 'north-kitchen', neededBy: '2027-05-31', estimatedCost: null, source: 'DEVELOPMENT_PLAN' },
            ],
            earliestNeededBy: '2027-05-31',
            estimatedCost: [{ currency: 'GBP', amount: 4_000 }],
            needsWithoutCost: 1,
          },
        ],
        totals: { needs: 4, people: 3, estimatedCost: [{ currency: 'GBP', amount: 29_000 }], needsWithoutCost: 1 },
      },
      {
        siteId: 'south',
        siteName: 'South Primary',
        groups: [
          {
            description: 'Food hygiene level 2',
            people: [{ needId: 'n7', personId: 'p-gus', personName: 'Gus Hall', siteId: 'south', neededBy: '2027-04-15', estimatedCost: { amount: 9_000, currency: 'EUR' }, source: 'JOB_CHAT' }],
            earliestNeededBy: '2027-04-15',
            estimatedCost: [{ currency: 'EUR', amount: 9_000 }],
            needsWithoutCost: 0,
          },
        ],
        totals: { needs: 1, people: 1, estimatedCost: [{ currency: 'EUR', amount: 9_000 }], needsWithoutCost: 0 },
      },
    ]);
  });

  it("holds only a site's own people without includeSitesBelow", () => {
    const plans = siteTrainingPlan(needs, sites, { includeSitesBelow: false });
    expect(plans.map((p) => [p.siteId, p.totals.needs, p.totals.people, p.groups.map((g) => g.description)])).toEqual([
      ['la', 1, 1, ['Budget management']],
      ['north', 2, 2, ['Manual handling', 'First aid at work']],
      ['north-kitchen', 4, 3, ['Food hygiene level 2', 'Manual handling']],
      ['south', 1, 1, ['Food hygiene level 2']],
    ]);
  });

  it('does not depend on the order of its input', () => {
    expect(siteTrainingPlan([...needs].reverse(), [...sites].reverse())).toEqual(siteTrainingPlan(needs, sites));
  });

  it('survives a site tree with a cycle in it, giving each site one plan', () => {
    const looped: Site[] = [
      { siteId: 'a', name: 'A', parentId: 'b' },
      { siteId: 'b', name: 'B', parentId: 'a' },
    ];
    const plans = siteTrainingPlan([{ ...needs[0], siteId: 'b' }], looped);
    expect(plans.map((p) => [p.siteId, p.totals.needs])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });
});
