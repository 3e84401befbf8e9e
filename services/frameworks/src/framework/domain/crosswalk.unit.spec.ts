import {
  agree,
  alignmentIssues,
  alignmentsOf,
  ALIGNMENT_RELATIONS,
  contradictions,
  inverseRelation,
  invertAlignment,
  type AlignmentRelation,
  type CompetencyAlignment,
} from './crosswalk';

// Seed 001: aligning the classified framework with the teacher and school-leader frameworks.
const classified = (competencyId: string) => ({ frameworkId: 'lausd-classified', competencyId });
const teacher = (competencyId: string) => ({ frameworkId: 'lausd-teacher', competencyId });
const schoolLeader = (competencyId: string) => ({ frameworkId: 'lausd-school-leader', competencyId });

const integrityEquivalent: CompetencyAlignment = { source: classified('integrity'), target: teacher('professional-conduct'), relation: 'EQUIVALENT' };
const leadershipBroader: CompetencyAlignment = { source: schoolLeader('people-management'), target: classified('people-management'), relation: 'BROADER', note: 'covers managing managers too' };

describe('inverseRelation', () => {
  it('swaps BROADER and NARROWER and keeps the symmetric relations', () => {
    expect(ALIGNMENT_RELATIONS.map((r) => [r, inverseRelation(r)])).toEqual([
      ['EQUIVALENT', 'EQUIVALENT'],
      ['BROADER', 'NARROWER'],
      ['NARROWER', 'BROADER'],
      ['RELATED', 'RELATED'],
    ]);
  });

  it('is its own inverse', () => {
    for (const r of ALIGNMENT_RELATIONS) expect(inverseRelation(inverseRelation(r))).toBe(r);
  });

  it('fails loudly on a value outside the union', () => {
    expect(() => inverseRelation('OPPOSITE' as AlignmentRelation)).toThrow('Unexpected alignment relation');
  });
});

describe('invertAlignment', () => {
  it('states the alignment from the target side, keeping the note', () => {
    expect(invertAlignment(leadershipBroader)).toEqual({ source: classified('people-management'), target: schoolLeader('people-management'), relation: 'NARROWER', note: 'covers managing managers too' });
  });

  it('round-trips', () => {
    expect(invertAlignment(invertAlignment(leadershipBroader))).toEqual(leadershipBroader);
  });
});

describe('alignmentIssues', () => {
  it('accepts an alignment across frameworks', () => {
    expect(alignmentIssues(integrityEquivalent)).toEqual([]);
  });

  it('names every problem', () => {
    const bad: CompetencyAlignment = { source: classified('integrity'), target: { frameworkId: 'lausd-classified', competencyId: 'not an id' }, relation: 'SAME' as AlignmentRelation, note: '' };
    expect(alignmentIssues(bad).map((i) => i.path)).toEqual(['target.competencyId', 'relation', 'target.frameworkId', 'note']);
  });
});

describe('sets of alignments', () => {
  it('treats an alignment and its inverse as agreeing', () => {
    expect(agree(leadershipBroader, invertAlignment(leadershipBroader))).toBe(true);
    expect(contradictions([leadershipBroader, invertAlignment(leadershipBroader), integrityEquivalent])).toEqual([]);
  });

  it('finds contradictions whichever side they are stated from', () => {
    const alsoBroader: CompetencyAlignment = { source: classified('people-management'), target: schoolLeader('people-management'), relation: 'BROADER' };
    const related: CompetencyAlignment = { ...integrityEquivalent, relation: 'RELATED' };
    expect(contradictions([leadershipBroader, integrityEquivalent, alsoBroader, related])).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('does not compare alignments of different pairs', () => {
    expect(agree(leadershipBroader, integrityEquivalent)).toBe(false);
  });

  it('lists the alignments of one competency, each restated with it as the source', () => {
    expect(alignmentsOf([leadershipBroader, integrityEquivalent], classified('people-management'))).toEqual([invertAlignment(leadershipBroader)]);
    expect(alignmentsOf([leadershipBroader, integrityEquivalent], classified('integrity'))).toEqual([integrityEquivalent]);
  });
});
