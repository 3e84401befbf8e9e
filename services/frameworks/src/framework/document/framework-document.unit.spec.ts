import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { contentIssues, LIMITS, PATTERNS } from '../domain/framework.validation';
import { frameworkDecider } from '../domain/framework.decider';
import type { FrameworkContent } from '../domain/framework.model';
import {
  documentOf,
  exportFrameworkDocument,
  formatDocumentIssues,
  FRAMEWORK_DOCUMENT_SCHEMA,
  parseFrameworkDocument,
  schemaIssues,
  serializeFrameworkDocument,
  type FrameworkDocument,
} from './framework-document';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const sample = (file: string): { [key: string]: Json } => parse(readFileSync(path.join(__dirname, '../../../samples', file), 'utf8')) as { [key: string]: Json };
const clone = <T>(value: T): T => structuredClone(value);
const errorsOf = (text: string, syntax: 'json' | 'yaml' = 'json') => {
  const result = parseFrameworkDocument(text, syntax);
  if (result.ok) throw new Error('expected the document to be refused');
  return formatDocumentIssues(result.errors);
};

const minimal: FrameworkDocument = {
  format: 'growth.framework/v1',
  kind: 'COMPETENCY_FRAMEWORK',
  name: 'Minimal',
  purpose: '',
  clusters: [],
};

describe('parseFrameworkDocument', () => {
  it('accepts a minimal document in either syntax', () => {
    expect(parseFrameworkDocument(JSON.stringify(minimal), 'json')).toEqual({ ok: true, document: minimal });
    expect(parseFrameworkDocument('format: growth.framework/v1\nkind: COMPETENCY_FRAMEWORK\nname: Minimal\npurpose: ""\nclusters: []\n', 'yaml')).toEqual({ ok: true, document: minimal });
  });

  it('names the exact path of a missing field', () => {
    const lausd = sample('lausd-classified.yaml');
    const doc = clone(lausd) as { clusters: { competencies: Record<string, Json>[] }[] };
    delete doc.clusters[1].competencies[3].name;
    expect(errorsOf(JSON.stringify(doc))).toEqual(['clusters[1].competencies[3].name: required']);
  });

  it('lists every bad field at once, each with its path', () => {
    const doc = {
      format: 'growth.framework/v2',
      kind: 'HOBBIES',
      name: ' Padded',
      purpose: 'x'.repeat(LIMITS.purposeMax + 1),
      colour: 'blue',
      ratingScale: { id: 'scale', name: 'Scale', levels: [{ id: 'effective', label: 'Effective', definition: '', benchmark: 'yes' }] },
      responsibilityLevels: [{ id: 'SELF', name: 'Self', definition: '', appliesTo: ['BOSS', 'NONE', 'NONE'] }],
      clusters: [
        {
          id: 'a b',
          name: 'Cluster',
          definition: 7,
          competencies: [
            { id: 'c1', name: 'Two\nlines', definition: '', indicators: ['', 'ok'], descriptors: { EFFECTIVE: 'x', 'effective+': 'y' } },
            { id: 'c2', definition: '', indicators: [], descriptors: {} },
          ],
          expectations: { SELF: 'not a list' },
        },
      ],
      selectionRules: { minCompetencies: 1.5, maxCompetencies: -1, atLeastOnePerCluster: true, clustersRequiredOnlyForSupervisors: [], positionSpecificCompetencies: [{ competencyId: 'c1', jobClassifications: [] }] },
    };
    expect(errorsOf(JSON.stringify(doc))).toEqual([
      'colour: unknown field',
      'format: must be "growth.framework/v1"',
      'kind: must be one of COMPETENCY_FRAMEWORK, BEHAVIOURAL_ATTRIBUTES, LEADERSHIP_FRAMEWORK',
      'name: must not be empty, start or end with spaces, or span several lines',
      `purpose: must be at most ${LIMITS.purposeMax} characters; ${LIMITS.purposeMax + 1} given`,
      'ratingScale.levels[0].id: must be an upper-case code such as EFFECTIVE_PLUS',
      'ratingScale.levels[0].benchmark: must be true or false',
      'responsibilityLevels[0].appliesTo[0]: must be one of NONE, TEAM_MANAGER, MANAGER_OF_MANAGERS',
      'responsibilityLevels[0].appliesTo[2]: repeats an earlier item',
      'clusters[0].id: must be an id: letters, digits, ".", "_" or "-", starting with a letter or digit',
      'clusters[0].definition: must be a string',
      'clusters[0].competencies[0].name: must not be empty, start or end with spaces, or span several lines',
      'clusters[0].competencies[0].indicators[0]: must not be empty',
      'clusters[0].competencies[0].descriptors["effective+"]: must be an upper-case code such as EFFECTIVE_PLUS',
      'clusters[0].competencies[1].name: required',
      'clusters[0].expectations.SELF: must be a list',
      'selectionRules.minCompetencies: must be an integer',
      'selectionRules.maxCompetencies: must be at least 0',
      'selectionRules.positionSpecificCompetencies[0].jobClassifications: must have at least 1 item',
    ]);
  });

  it('reports repeated ids, which the schema cannot express, with the first use', () => {
    const doc = clone(sample('lausd-classified.yaml')) as { clusters: { id: string; competencies: { id: string }[] }[] };
    doc.clusters[2].id = 'work-attributes';
    doc.clusters[6].competencies[1].id = 'integrity';
    expect(errorsOf(JSON.stringify(doc))).toEqual([
      'clusters[2].id: cluster id "work-attributes" is already used by clusters[1].id',
      'clusters[6].competencies[1].id: competency id "integrity" is already used by clusters[4].competencies[0].id',
    ]);
  });

  it('refuses what is not a document', () => {
    expect(errorsOf('[1, 2]')).toEqual(['must be an object']);
    expect(errorsOf('{"format": ')[0]).toMatch(/^not valid JSON: /);
    expect(errorsOf('name: [unclosed', 'yaml')[0]).toMatch(/^not valid YAML: /);
    expect(errorsOf('name: a\nname: b\n', 'yaml')[0]).toMatch(/^not valid YAML: .*[Mm]ap keys must be unique/);
  });

  it('refuses YAML alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(errorsOf(bomb, 'yaml')[0]).toMatch(/^not valid YAML: /);
  });
});

describe('exportFrameworkDocument', () => {
  it('exports a new draft as a document that imports again', () => {
    const state = frameworkDecider.evolve(frameworkDecider.initialState(), {
      type: 'FrameworkDraftCreated',
      data: { frameworkId: 'f', name: 'New framework', purpose: '', kind: 'COMPETENCY_FRAMEWORK' },
    });
    const exported = exportFrameworkDocument(state);
    expect(exported).toEqual({ ...minimal, name: 'New framework' });
    expect(parseFrameworkDocument(serializeFrameworkDocument(exported, 'yaml'), 'yaml')).toEqual({ ok: true, document: exported });
  });

  it('refuses to export a framework that does not exist', () => {
    expect(() => exportFrameworkDocument(frameworkDecider.initialState())).toThrow('no framework');
  });

  it('writes keys in a canonical order: scale levels before descriptors, whatever order they came in', () => {
    const doc = parse(readFileSync(path.join(__dirname, '../../../samples/staffordshire-overall-assessment.yaml'), 'utf8')) as FrameworkDocument;
    const shuffled = { ...doc, clusters: doc.clusters.map((c) => ({ ...c, competencies: c.competencies.map((k) => ({ ...k, descriptors: Object.fromEntries(Object.entries(k.descriptors).reverse()) })) })) };
    expect(Object.keys(documentOf(shuffled).clusters[0].competencies[0].descriptors)).toEqual(['UNDERPERFORMED', 'PROGRESSING', 'ACHIEVED', 'EXCEEDED']);
    expect(Object.keys(documentOf(shuffled))).toEqual(['format', 'kind', 'name', 'purpose', 'clusterTerm', 'sourceNote', 'ratingScale', 'clusters']);
  });
});

describe('the published JSON Schema and the validators agree', () => {
  const schema = FRAMEWORK_DOCUMENT_SCHEMA;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const rawSchemaValid = ajv.compile(schema);

  it('is a valid draft 2020-12 schema', () => {
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('is published unchanged as docs/framework-document.schema.json', () => {
    const file = path.join(__dirname, '../../../../../docs/framework-document.schema.json');
    const text = `${JSON.stringify(schema, null, 2)}\n`;
    if (process.env.UPDATE_FRAMEWORK_DOCUMENT_SCHEMA === '1') writeFileSync(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('declares the limits and patterns the domain validation uses', () => {
    const defs = schema.$defs;
    expect([defs.id.maxLength, defs.id.pattern]).toEqual([LIMITS.idMax, PATTERNS.id.source]);
    expect([defs.code.maxLength, defs.code.pattern]).toEqual([LIMITS.codeMax, PATTERNS.code.source]);
    expect([defs.name.maxLength, defs.name.pattern]).toEqual([LIMITS.nameMax, PATTERNS.name.source]);
    expect([schema.properties.purpose.maxLength, schema.properties.purpose.pattern]).toEqual([LIMITS.purposeMax, PATTERNS.trimmed.source]);
    expect([defs.text.maxLength, defs.item.maxLength, defs.note.maxLength]).toEqual([LIMITS.textMax, LIMITS.itemMax, LIMITS.noteMax]);
    expect(schema.properties.clusters.maxItems).toBe(LIMITS.clustersMax);
    expect(defs.cluster.properties.competencies.maxItems).toBe(LIMITS.competenciesPerClusterMax);
    expect(defs.ratingScale.properties.levels.maxItems).toBe(LIMITS.ratingLevelsMax);
    expect(defs.competency.properties.indicators.maxItems).toBe(LIMITS.indicatorsMax);
    expect(schema.properties.responsibilityLevels.maxItems).toBe(LIMITS.responsibilityLevelsMax);
    expect(defs.cluster.properties.expectations.additionalProperties.maxItems).toBe(LIMITS.expectationsPerLevelMax);
    expect(defs.selectionRules.properties.maxCompetencies.maximum).toBe(LIMITS.ruleCountMax);
    expect(defs.selectionRules.properties.positionSpecificCompetencies.maxItems).toBe(LIMITS.positionSpecificMax);
  });

  const samples = ['lausd-classified.yaml', 'leicestershire-leadership.yaml', 'staffordshire-overall-assessment.yaml'];

  it.each(samples)('both accept %s', (file) => {
    const doc = sample(file);
    expect(rawSchemaValid(doc)).toBe(true);
    expect(schemaIssues(doc)).toEqual([]);
    expect(contentIssues(doc as unknown as FrameworkContent)).toEqual([]);
  });

  /** Every string in the content (not the framework's own name and purpose, which the decider trims instead). */
  const stringLeaves = (value: Json, at: (string | number)[] = []): (string | number)[][] => {
    if (typeof value === 'string') return [at];
    if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...at, i]));
    if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...at, k]));
    return [];
  };
  const setAt = (doc: Json, at: readonly (string | number)[], value: Json): void => {
    const parent = at.slice(0, -1).reduce<Json>((v, k) => (v as Record<string, Json>)[k], doc) as Record<string | number, Json>;
    parent[at[at.length - 1]] = value;
  };
  const sorted = (issues: readonly { path: string; message: string }[]) => issues.map((i) => `${i.path}: ${i.message}`).sort();
  const badValues: Json[] = ['', ' padded ', 'two\nlines', 'x'.repeat(LIMITS.textMax + 1), 'lower case', 'OK_CODE'];

  it.each(samples)('both refuse, at the same path with the same message, every bad string put anywhere in %s', (file) => {
    const doc = sample(file);
    const leaves = stringLeaves(doc).filter((at) => !['format', 'kind', 'name', 'purpose'].includes(String(at[0])));
    let refused = 0;
    for (const at of leaves) {
      for (const bad of badValues) {
        const mutated = clone(doc);
        setAt(mutated, at, bad);
        const bySchema = schemaIssues(mutated);
        expect({ at, bad, issues: sorted(bySchema) }).toEqual({ at, bad, issues: sorted(contentIssues(mutated as unknown as FrameworkContent)) });
        expect(rawSchemaValid(mutated)).toBe(bySchema.length === 0);
        if (bySchema.length > 0) refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(leaves.length);
  });

  it('agree on sizes, counts, bounds and keys', () => {
    const lausd = sample('lausd-classified.yaml') as Record<string, Json> & { clusters: Record<string, Json>[]; ratingScale: Record<string, Json>; selectionRules: Record<string, Json> };
    const cases: [string, (doc: typeof lausd) => void][] = [
      ['too many clusters', (d) => d.clusters.push(...Array.from({ length: LIMITS.clustersMax }, (_, i) => ({ id: `extra-${i}`, name: `Extra ${i}`, definition: '', competencies: [] })))],
      ['too many levels', (d) => ((d.ratingScale.levels as Json[]).push(...Array.from({ length: LIMITS.ratingLevelsMax }, (_, i) => ({ id: `EXTRA_${i}`, label: `Extra ${i}`, definition: '', benchmark: false }))))],
      ['a lower-case descriptor key', (d) => (((d.clusters[0].competencies as Record<string, Json>[])[0].descriptors as Record<string, Json>).effective = 'x')],
      ['an over-long descriptor key', (d) => (((d.clusters[0].competencies as Record<string, Json>[])[0].descriptors as Record<string, Json>)[`X${'_'.repeat(LIMITS.codeMax)}`] = 'x')],
      ['a fractional minimum', (d) => (d.selectionRules.minCompetencies = 8.5)],
      ['a negative maximum', (d) => (d.selectionRules.maxCompetencies = -1)],
      ['a huge maximum', (d) => (d.selectionRules.maxCompetencies = LIMITS.ruleCountMax + 1)],
      ['a repeated job classification', (d) => (d.selectionRules.positionSpecificCompetencies = [{ competencyId: 'attendance', jobClassifications: ['Custodian', 'Custodian'] }])],
      ['no job classification', (d) => (d.selectionRules.positionSpecificCompetencies = [{ competencyId: 'attendance', jobClassifications: [] }])],
      ['an unknown cluster term', (d) => (d.clusterTerm = 'GROUP')],
    ];
    for (const [what, mutate] of cases) {
      const doc = clone(lausd);
      mutate(doc);
      const bySchema = sorted(schemaIssues(doc));
      expect({ what, refused: bySchema.length > 0 }).toEqual({ what, refused: true });
      expect({ what, issues: bySchema }).toEqual({ what, issues: sorted(contentIssues(doc as unknown as FrameworkContent)) });
    }
  });
});
