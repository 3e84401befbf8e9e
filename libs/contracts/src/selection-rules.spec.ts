import {
  availableCompetencies,
  evaluateSelection,
  NO_SELECTION_RULES,
  requiredClusterIds,
  rulesAreSatisfiable,
  selectionRulesProblems,
  type SelectableCluster,
  type SelectionRules,
} from './selection-rules';

// Seed 000: 7 clusters x 4 competencies. The extracted placemat lacks three cluster names and seven competencies, so
// the fixture marks them instead of inventing them.
const cluster = (id: string, name: string, competencies: string[]): SelectableCluster => ({
  id,
  name,
  competencies: competencies.map((n, i) => ({ id: `${id}-${i + 1}`, name: n })),
});
const lausd: SelectableCluster[] = [
  cluster('c1', '[name not in source] Cluster A', ['Openness to Innovation', 'Creativity', 'Flexibility', 'Attitude']),
  cluster('work', 'Work Attributes', ['Attendance', 'Resource Management', 'Project/Self-Management', 'Quality of Work']),
  cluster('c3', '[name not in source] Cluster C', ['Getting Along with Others', 'Relationship Building', 'Teamwork/Collaboration', 'Valuing Diversity']),
  cluster('expertise', 'Professional/Technical Expertise', ['Technology Savvy', 'Work Preparedness', 'Professional Growth', 'Sharing Knowledge/Expertise']),
  cluster('conduct', 'Behavior/Conduct', ['Integrity', '[not in source] b', '[not in source] c', '[not in source] d']),
  cluster('c6', '[name not in source] Cluster F', ['[not in source] a', '[not in source] b', '[not in source] c', '[not in source] d']),
  cluster('leadership', 'Leadership', ['Culture/Environment', 'Financial Management', 'People Management', 'Decision Making']),
];
const rules: SelectionRules = {
  minCompetencies: 8,
  maxCompetencies: 12,
  atLeastOnePerCluster: true,
  clustersRequiredOnlyForSupervisors: ['leadership'],
  positionSpecificCompetencies: [],
};
const custodian = { supervises: false, jobClassification: 'Custodian' };
const supervisor = { supervises: true, jobClassification: 'Plant Manager' };
const oneFromEachOfSix = ['c1-1', 'work-1', 'c3-1', 'expertise-1', 'conduct-1', 'c6-1'];

describe('evaluateSelection with seed 000 rules (8-12, one per cluster, Leadership only for supervisors)', () => {
  it('accepts 8 competencies covering every cluster but Leadership from someone who does not supervise', () => {
    expect(evaluateSelection(rules, lausd, [...oneFromEachOfSix, 'work-2', 'c1-2'], custodian)).toEqual([]);
  });

  it('lets a non-supervisor choose from Leadership anyway', () => {
    expect(evaluateSelection(rules, lausd, [...oneFromEachOfSix, 'work-2', 'leadership-4'], custodian)).toEqual([]);
  });

  it('requires Leadership from someone who supervises', () => {
    expect(evaluateSelection(rules, lausd, [...oneFromEachOfSix, 'work-2', 'c1-2'], supervisor)).toEqual([
      { rule: 'CLUSTER_REQUIRED', message: 'choose at least one competency from "Leadership" (required for people who manage or supervise staff); none chosen', clusterId: 'leadership' },
    ]);
    expect(evaluateSelection(rules, lausd, [...oneFromEachOfSix, 'work-2', 'leadership-3'], supervisor)).toEqual([]);
  });

  it('says how many were chosen when too few', () => {
    expect(evaluateSelection(rules, lausd, [...oneFromEachOfSix, 'work-2'], custodian)).toEqual([{ rule: 'MIN_COMPETENCIES', message: 'choose at least 8 competencies; 7 chosen' }]);
  });

  it('says how many were chosen when too many', () => {
    const thirteen = [...oneFromEachOfSix, 'c1-2', 'c1-3', 'c1-4', 'work-2', 'work-3', 'work-4', 'c3-2'];
    expect(evaluateSelection(rules, lausd, thirteen, custodian)).toEqual([{ rule: 'MAX_COMPETENCIES', message: 'choose at most 12 competencies; 13 chosen' }]);
  });

  it('lists every broken rule, not just the first', () => {
    const violations = evaluateSelection(rules, lausd, ['work-1', 'work-1', 'nope', 'conduct-1'], supervisor);
    expect(violations.map((v) => v.rule)).toEqual([
      'DUPLICATE_COMPETENCY',
      'UNKNOWN_COMPETENCY',
      'MIN_COMPETENCIES',
      'CLUSTER_REQUIRED',
      'CLUSTER_REQUIRED',
      'CLUSTER_REQUIRED',
      'CLUSTER_REQUIRED',
      'CLUSTER_REQUIRED',
    ]);
    expect(violations.map((v) => v.message)).toEqual([
      '"Attendance" is chosen more than once; count it once',
      '"nope" is not a competency of this framework',
      'choose at least 8 competencies; 2 chosen',
      'choose at least one competency from "[name not in source] Cluster A"; none chosen',
      'choose at least one competency from "[name not in source] Cluster C"; none chosen',
      'choose at least one competency from "Professional/Technical Expertise"; none chosen',
      'choose at least one competency from "[name not in source] Cluster F"; none chosen',
      'choose at least one competency from "Leadership" (required for people who manage or supervise staff); none chosen',
    ]);
  });

  it('counts each competency once and reports an unknown id once', () => {
    const violations = evaluateSelection({ ...rules, minCompetencies: 1 }, lausd, [...oneFromEachOfSix, 'x', 'x', 'c1-1', 'c1-1'], custodian);
    expect(violations).toEqual([
      { rule: 'UNKNOWN_COMPETENCY', message: '"x" is not a competency of this framework', competencyId: 'x' },
      { rule: 'DUPLICATE_COMPETENCY', message: '"Openness to Innovation" is chosen more than once; count it once', competencyId: 'c1-1' },
    ]);
  });

  it('uses the singular for one', () => {
    expect(evaluateSelection({ ...NO_SELECTION_RULES, minCompetencies: 1 }, lausd, [], custodian)[0].message).toBe('choose at least 1 competency; 0 chosen');
  });

  it('asks nothing under NO_SELECTION_RULES', () => {
    expect(evaluateSelection(NO_SELECTION_RULES, lausd, [], supervisor)).toEqual([]);
  });

  it('requires supervisor-only clusters from supervisors even when not every cluster is required', () => {
    const looser: SelectionRules = { ...NO_SELECTION_RULES, clustersRequiredOnlyForSupervisors: ['leadership'] };
    expect(evaluateSelection(looser, lausd, ['work-1'], supervisor).map((v) => v.clusterId)).toEqual(['leadership']);
    expect(evaluateSelection(looser, lausd, ['work-1'], custodian)).toEqual([]);
  });
});

describe('position-specific competencies (seed 001: customisation per position)', () => {
  // "Results Oriented" was suggested (seed 001) for mid-level and senior management; here it is offered only to them.
  const withResults: SelectableCluster[] = lausd.map((c) => (c.id === 'work' ? { ...c, competencies: [...c.competencies, { id: 'results', name: 'Results Oriented' }] } : c));
  const positional: SelectionRules = { ...rules, positionSpecificCompetencies: [{ competencyId: 'results', jobClassifications: ['Senior Manager', 'Mid-level Manager'] }] };
  const eight = [...oneFromEachOfSix, 'work-2', 'leadership-1'];

  it('allows the competency for a listed job classification, matched regardless of case and spaces', () => {
    expect(evaluateSelection(positional, withResults, [...eight, 'results'], { supervises: true, jobClassification: ' senior manager ' })).toEqual([]);
  });

  it('refuses it for any other job classification, naming the allowed ones', () => {
    expect(evaluateSelection(positional, withResults, [...eight, 'results'], custodian)).toEqual([
      {
        rule: 'POSITION_SPECIFIC',
        message: '"Results Oriented" is only for job classifications "Senior Manager", "Mid-level Manager"; "Custodian" is not one of them',
        competencyId: 'results',
        clusterId: 'work',
      },
    ]);
  });

  it('offers it only to the listed classifications', () => {
    const offered = (jobClassification: string) => availableCompetencies(positional, withResults, { supervises: true, jobClassification }).find((c) => c.clusterId === 'work')?.competencyIds;
    expect(offered('Senior Manager')).toContain('results');
    expect(offered('Custodian')).not.toContain('results');
  });

  it('does not require a cluster that offers the person nothing', () => {
    const onlyForCatering: SelectableCluster[] = [...lausd, cluster('kitchen', 'Food Service', ['Food Safety'])];
    const kitchenRules: SelectionRules = { ...rules, positionSpecificCompetencies: [{ competencyId: 'kitchen-1', jobClassifications: ['Catering'] }] };
    expect(requiredClusterIds(kitchenRules, onlyForCatering, custodian)).not.toContain('kitchen');
    expect(requiredClusterIds(kitchenRules, onlyForCatering, { supervises: false, jobClassification: 'Catering' })).toContain('kitchen');
    expect(evaluateSelection(kitchenRules, onlyForCatering, [...oneFromEachOfSix, 'work-2', 'c1-2'], { supervises: false, jobClassification: 'catering' })).toEqual([
      { rule: 'CLUSTER_REQUIRED', message: 'choose at least one competency from "Food Service"; none chosen', clusterId: 'kitchen' },
    ]);
  });
});

describe('rulesAreSatisfiable', () => {
  it('holds for seed 000', () => {
    expect(selectionRulesProblems(rules, lausd)).toEqual([]);
    expect(rulesAreSatisfiable(rules, lausd)).toBe(true);
  });

  it('fails when supervisors must cover more clusters than they may choose', () => {
    expect(selectionRulesProblems({ ...rules, minCompetencies: 4, maxCompetencies: 6 }, lausd)).toEqual([
      { path: 'maxCompetencies', message: 'no valid selection for a person who supervises staff: 7 clusters each need a competency but at most 6 may be chosen' },
    ]);
  });

  it('fails when fewer competencies are offered than must be chosen', () => {
    const small = [lausd[0], lausd[6]];
    expect(rulesAreSatisfiable(rules, small)).toBe(true);
    expect(rulesAreSatisfiable({ ...rules, minCompetencies: 9 }, small)).toBe(false);
    expect(selectionRulesProblems({ ...rules, minCompetencies: 9 }, small)).toEqual([
      { path: 'minCompetencies', message: 'no valid selection for a person who does not supervise staff: at least 9 must be chosen but only 8 are offered' },
      { path: 'minCompetencies', message: 'no valid selection for a person who supervises staff: at least 9 must be chosen but only 8 are offered' },
    ]);
  });

  it('checks each job classification, since position-specific competencies are offered to some only', () => {
    const two: SelectableCluster[] = [cluster('a', 'A', ['one', 'two'])];
    const positional: SelectionRules = { ...NO_SELECTION_RULES, minCompetencies: 2, positionSpecificCompetencies: [{ competencyId: 'a-2', jobClassifications: ['Catering'] }] };
    expect(selectionRulesProblems(positional, two).map((p) => p.message)).toEqual([
      'no valid selection for a person who does not supervise staff in a job classification without position-specific competencies: at least 2 must be chosen but only 1 are offered',
      'no valid selection for a person who supervises staff in a job classification without position-specific competencies: at least 2 must be chosen but only 1 are offered',
    ]);
  });

  it('names malformed bounds and dangling references by path', () => {
    const broken: SelectionRules = {
      minCompetencies: 13,
      maxCompetencies: 12.5,
      atLeastOnePerCluster: true,
      clustersRequiredOnlyForSupervisors: ['leadership', 'leadership', 'gone'],
      positionSpecificCompetencies: [
        { competencyId: 'work-1', jobClassifications: [] },
        { competencyId: 'missing', jobClassifications: ['Catering'] },
        { competencyId: 'work-1', jobClassifications: ['Cleaning'] },
      ],
    };
    expect(selectionRulesProblems(broken, lausd)).toEqual([
      { path: 'maxCompetencies', message: 'must be a whole number, 0 or more' },
      { path: 'clustersRequiredOnlyForSupervisors[1]', message: '"leadership" is listed twice' },
      { path: 'clustersRequiredOnlyForSupervisors[2]', message: 'no cluster "gone" in this framework' },
      { path: 'positionSpecificCompetencies[0].jobClassifications', message: 'must list at least one job classification' },
      { path: 'positionSpecificCompetencies[1].competencyId', message: 'no competency "missing" in this framework' },
      { path: 'positionSpecificCompetencies[2].competencyId', message: '"work-1" is listed twice' },
    ]);
    expect(selectionRulesProblems({ ...rules, minCompetencies: 13 }, lausd)[0]).toEqual({ path: 'minCompetencies', message: 'must not exceed maxCompetencies; 13 > 12' });
  });
});
