import { diffFrameworkVersions, type FrameworkChange } from './framework.diff';
import type { Competency, FrameworkDefinition } from './framework.model';

const competency = (id: string, name: string, extra: Partial<Competency> = {}): Competency => ({
  id,
  name,
  definition: name.toLowerCase(),
  indicators: [],
  descriptors: { DEVELOPING: `inconsistent ${name}`, EFFECTIVE: `consistent ${name}`, EFFECTIVE_PLUS: `${name}, PLUS builds capacity` },
  ...extra,
});

const v1: FrameworkDefinition = {
  kind: 'COMPETENCY_FRAMEWORK',
  name: 'Classified Performance Framework',
  purpose: 'Clear expectations for effective performance in the classified service',
  ratingScale: {
    id: 'lausd',
    name: 'Ratings',
    levels: [
      { id: 'DEVELOPING', label: 'Developing', definition: 'Inconsistent practice and outcomes', benchmark: false },
      { id: 'EFFECTIVE', label: 'Effective', definition: 'Consistent practice and outcomes', benchmark: true },
      { id: 'EFFECTIVE_PLUS', label: 'Effective +', definition: 'Exceptional practice and outcomes + builds capacity of co-workers', benchmark: false },
    ],
  },
  clusters: [
    {
      id: 'work-attributes',
      name: 'Work Attributes',
      definition: '',
      competencies: [competency('attendance', 'Attendance'), competency('resource-management', 'Resource Management'), competency('quality-of-work', 'Quality of Work')],
    },
    { id: 'behavior-conduct', name: 'Behavior/Conduct', definition: 'appropriate behavior for the work setting', competencies: [competency('integrity', 'Integrity', { indicators: ['honesty'] })] },
    { id: 'leadership', name: 'Leadership', definition: 'management and/or supervision of staff', competencies: [competency('decision-making', 'Decision Making')] },
  ],
  selectionRules: { minCompetencies: 8, maxCompetencies: 12, atLeastOnePerCluster: true, clustersRequiredOnlyForSupervisors: ['leadership'], positionSpecificCompetencies: [] },
};

const summaries = (changes: FrameworkChange[]) => changes.map((c) => c.summary);

describe('diffFrameworkVersions', () => {
  it('finds nothing between a version and itself', () => {
    expect(diffFrameworkVersions(v1, structuredClone(v1))).toEqual([]);
  });

  it('lists added, removed, changed, moved and reordered entities, matched by id', () => {
    const [work, conduct, leadership] = v1.clusters;
    const v2: FrameworkDefinition = {
      ...v1,
      name: 'Classified Performance Framework 2027',
      ratingScale: {
        id: 'lausd',
        name: 'Ratings',
        levels: [
          v1.ratingScale!.levels[0],
          v1.ratingScale!.levels[1],
          { ...v1.ratingScale!.levels[2], label: 'Effective+' },
          { id: 'EXEMPLARY', label: 'Exemplary', definition: 'Hypothetical fourth level', benchmark: false },
        ],
      },
      clusters: [
        { ...leadership, name: 'Leadership & Supervision', competencies: [...leadership.competencies, competency('quality-of-work', 'Quality of Work')] },
        {
          ...work,
          competencies: [
            { ...work.competencies[1], descriptors: { ...work.competencies[1].descriptors, EFFECTIVE: 'Conserves supplies and equipment', EXEMPLARY: 'Teaches others to conserve' } },
            work.competencies[0],
            competency('results-oriented', 'Results Oriented'),
          ],
        },
      ],
      selectionRules: { ...v1.selectionRules!, minCompetencies: 6 },
    };
    const changes = diffFrameworkVersions(v1, v2);
    expect(summaries(changes)).toEqual([
      'framework: name changed',
      'rating level "Effective+" (EFFECTIVE_PLUS): label changed',
      'rating level "Exemplary" (EXEMPLARY) added',
      `cluster "${conduct.name}" (behavior-conduct) removed`,
      'cluster "Leadership & Supervision" (leadership): name changed',
      'clusters reordered',
      'competency "Integrity" (integrity) removed',
      'competency "Quality of Work" (quality-of-work) moved from cluster "Work Attributes" (work-attributes) to cluster "Leadership & Supervision" (leadership)',
      'competency "Resource Management" (resource-management): descriptor at EFFECTIVE changed',
      'competency "Resource Management" (resource-management): descriptor at EXEMPLARY added',
      'competency "Results Oriented" (results-oriented) added to cluster "Work Attributes" (work-attributes)',
      'competencies of cluster "Work Attributes" (work-attributes) reordered',
      'selection rules: minCompetencies changed',
    ]);
    expect(changes.find((c) => c.change === 'MOVED')).toEqual(expect.objectContaining({ entity: 'competency', competencyId: 'quality-of-work', before: 'work-attributes', after: 'leadership' }));
    expect(changes.find((c) => c.entity === 'descriptor' && c.change === 'CHANGED')).toEqual(
      expect.objectContaining({ clusterId: 'work-attributes', competencyId: 'resource-management', levelId: 'EFFECTIVE', before: 'consistent Resource Management', after: 'Conserves supplies and equipment' }),
    );
    expect(changes.find((c) => c.change === 'REORDERED' && c.entity === 'cluster')).toEqual(expect.objectContaining({ before: ['work-attributes', 'leadership'], after: ['leadership', 'work-attributes'] }));
    expect(changes.find((c) => c.entity === 'selectionRules')).toEqual(expect.objectContaining({ field: 'minCompetencies', before: 8, after: 6 }));
    expect(changes.find((c) => c.change === 'REMOVED' && c.entity === 'cluster')?.after).toBeNull();
  });

  it('does not report a reorder caused only by insertions or removals', () => {
    const [work] = v1.clusters;
    const v2: FrameworkDefinition = { ...v1, clusters: [{ ...work, competencies: [competency('new', 'New'), ...work.competencies.slice(1)] }, ...v1.clusters.slice(1)] };
    expect(summaries(diffFrameworkVersions(v1, v2))).toEqual(['competency "Attendance" (attendance) removed', 'competency "New" (new) added to cluster "Work Attributes" (work-attributes)']);
  });

  it('reports field changes with null for an absent value', () => {
    const v2: FrameworkDefinition = { ...v1, sourceNote: 'Cluster names partly missing from the source', clusters: v1.clusters.map((c) => (c.id === 'behavior-conduct' ? { ...c, competencies: [{ ...c.competencies[0], indicators: ['honesty', 'consistency'] }] } : c)) };
    expect(diffFrameworkVersions(v1, v2)).toEqual([
      { change: 'CHANGED', entity: 'framework', field: 'sourceNote', before: null, after: 'Cluster names partly missing from the source', summary: 'framework: sourceNote changed' },
      {
        change: 'CHANGED',
        entity: 'competency',
        clusterId: 'behavior-conduct',
        competencyId: 'integrity',
        field: 'indicators',
        before: ['honesty'],
        after: ['honesty', 'consistency'],
        summary: 'competency "Integrity" (integrity): indicators changed',
      },
    ]);
  });

  it('covers levels of responsibility, expectations per level, and scales and rules appearing or disappearing', () => {
    const themes: FrameworkDefinition = {
      kind: 'LEADERSHIP_FRAMEWORK',
      name: 'Leadership',
      purpose: '',
      responsibilityLevels: [{ id: 'SELF_MANAGEMENT', name: 'Self-management', definition: '', appliesTo: ['TEAM_MANAGER'] }],
      clusters: [{ id: 'drive', name: 'Drive', definition: 'Proactively managing the service', competencies: [], expectations: { SELF_MANAGEMENT: ['Complete all mandatory training'] } }],
    };
    const next: FrameworkDefinition = {
      ...themes,
      ratingScale: v1.ratingScale,
      responsibilityLevels: [
        { id: 'SELF_MANAGEMENT', name: 'Self-management', definition: '', appliesTo: ['TEAM_MANAGER', 'MANAGER_OF_MANAGERS'] },
        { id: 'MANAGING_PEOPLE_MANAGERS', name: 'Managing people managers', definition: '', appliesTo: ['MANAGER_OF_MANAGERS'] },
      ],
      clusters: [{ ...themes.clusters[0], expectations: { SELF_MANAGEMENT: ['Complete all mandatory and role-specific training'], MANAGING_PEOPLE_MANAGERS: ['Review performance across your span'] } }],
      selectionRules: { atLeastOnePerCluster: false, clustersRequiredOnlyForSupervisors: [], positionSpecificCompetencies: [] },
    };
    expect(summaries(diffFrameworkVersions(themes, next))).toEqual([
      'rating scale "Ratings" added',
      'level of responsibility "Self-management" (SELF_MANAGEMENT): appliesTo changed',
      'level of responsibility "Managing people managers" (MANAGING_PEOPLE_MANAGERS) added',
      'cluster "Drive" (drive): expectations at SELF_MANAGEMENT changed',
      'cluster "Drive" (drive): expectations at MANAGING_PEOPLE_MANAGERS added',
      'selection rules added',
    ]);
    expect(summaries(diffFrameworkVersions(next, themes))).toEqual([
      'rating scale "Ratings" removed',
      'level of responsibility "Managing people managers" (MANAGING_PEOPLE_MANAGERS) removed',
      'level of responsibility "Self-management" (SELF_MANAGEMENT): appliesTo changed',
      'cluster "Drive" (drive): expectations at SELF_MANAGEMENT changed',
      'cluster "Drive" (drive): expectations at MANAGING_PEOPLE_MANAGERS removed',
      'selection rules removed',
    ]);
  });

  it('is non-empty for any single edit of a field', () => {
    const edits: ((d: FrameworkDefinition) => FrameworkDefinition)[] = [
      (d) => ({ ...d, purpose: 'x' }),
      (d) => ({ ...d, clusterTerm: 'THEME' }),
      (d) => ({ ...d, ratingScale: { ...d.ratingScale!, sourceNote: 'copied from the tenant scale' } }),
      (d) => ({ ...d, ratingScale: { ...d.ratingScale!, levels: d.ratingScale!.levels.map((l) => ({ ...l, benchmark: !l.benchmark })) } }),
      (d) => ({ ...d, ratingScale: { ...d.ratingScale!, levels: [...d.ratingScale!.levels].reverse() } }),
      (d) => ({ ...d, clusters: d.clusters.map((c) => ({ ...c, definition: `${c.definition}!` })) }),
      (d) => ({ ...d, clusters: d.clusters.map((c) => ({ ...c, sourceNote: 'name missing from the source' })) }),
      (d) => ({ ...d, clusters: d.clusters.map((c) => ({ ...c, competencies: c.competencies.map((k) => ({ ...k, definition: 'changed' })) })) }),
      (d) => ({ ...d, clusters: d.clusters.map((c) => ({ ...c, competencies: c.competencies.map((k) => ({ ...k, sourceNote: 'descriptors written for this sample' })) })) }),
      (d) => ({ ...d, selectionRules: { ...d.selectionRules!, positionSpecificCompetencies: [{ competencyId: 'attendance', jobClassifications: ['Custodian'] }] } }),
      (d) => ({ ...d, selectionRules: { ...d.selectionRules!, clustersRequiredOnlyForSupervisors: [] } }),
      (d) => ({ ...d, selectionRules: { ...d.selectionRules!, atLeastOnePerCluster: false } }),
      (d) => ({ ...d, kind: 'BEHAVIOURAL_ATTRIBUTES' }),
    ];
    edits.forEach((edit, i) => expect({ edit: i, changed: diffFrameworkVersions(v1, edit(v1)).length > 0 }).toEqual({ edit: i, changed: true }));
  });
});
