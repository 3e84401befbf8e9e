import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { evaluateSelection } from '@growth/contracts';
import { frameworkDecider, type FrameworkState } from '../domain/framework.decider';
import type { FrameworkCommand } from '../domain/framework.commands';
import type { FrameworkEvent, FrameworkPublished } from '../domain/framework.events';
import { applicableResponsibilityLevels } from '../domain/framework.model';
import { exportFrameworkDocument, formatDocumentIssues, importCommands, parseFrameworkDocument, serializeFrameworkDocument, type FrameworkDocument } from './framework-document';

const samples = path.join(__dirname, '../../../samples');
const read = (file: string): string => readFileSync(path.join(samples, file), 'utf8');

const load = (file: string): FrameworkDocument => {
  const result = parseFrameworkDocument(read(file), 'yaml');
  if (!result.ok) throw new Error(`${file}:\n${formatDocumentIssues(result.errors).join('\n')}`);
  return result.document;
};

/** Decides each command against the state the previous ones left, as the command handler would. */
const run = (commands: readonly FrameworkCommand[], state: FrameworkState = frameworkDecider.initialState()) =>
  commands.reduce(
    (acc, command) => {
      const events = frameworkDecider.decide(command, acc.state);
      return { state: events.reduce(frameworkDecider.evolve, acc.state), events: [...acc.events, ...events] };
    },
    { state, events: [] as FrameworkEvent[] },
  );

const frameworkId = '0192f3a0-2222-7000-8000-000000000001';
const now = new Date('2026-09-01T08:00:00.000Z');

describe.each(['lausd-classified.yaml', 'leicestershire-leadership.yaml', 'staffordshire-overall-assessment.yaml'])('sample %s', (file) => {
  const document = load(file);

  it('imports as a draft, publishes as version 1 carrying the whole document, and exports the same document', () => {
    const imported = run(importCommands(document, frameworkId));
    expect(imported.events.map((e) => e.type)).toEqual(['FrameworkDraftCreated', 'FrameworkDraftContentReplaced']);

    const published = run([{ type: 'PublishFramework', frameworkId, now }], imported.state);
    const { format: _format, ...definition } = document;
    expect(published.events).toEqual([{ type: 'FrameworkPublished', data: { frameworkId, version: 1, publishedAt: now.toISOString(), framework: definition } }]);
    expect(published.state.status).toBe('published');

    // Exact round trip: compared with the file's plain parse, so nothing was defaulted, dropped or reshaped.
    expect(exportFrameworkDocument(published.state)).toEqual(parse(read(file)));
  });

  it('round-trips through both syntaxes', () => {
    for (const syntax of ['yaml', 'json'] as const) {
      const again = parseFrameworkDocument(serializeFrameworkDocument(document, syntax), syntax);
      expect(again).toEqual({ ok: true, document });
    }
  });

  it('keeps events plain JSON', () => {
    const { events } = run([...importCommands(document, frameworkId), { type: 'PublishFramework', frameworkId, now }]);
    expect(JSON.parse(JSON.stringify(events))).toEqual(events);
  });
});

describe('LAUSD classified sample (seed 000)', () => {
  const lausd = load('lausd-classified.yaml');
  const competencies = lausd.clusters.flatMap((c) => c.competencies);
  const notInSource = (name: string) => name.includes('not in source');

  it('has 7 clusters of 4 competencies, rated Developing / Effective / Effective+ with Effective the benchmark', () => {
    expect(lausd.clusters.map((c) => c.competencies.length)).toEqual([4, 4, 4, 4, 4, 4, 4]);
    expect(lausd.ratingScale?.levels.map((l) => [l.label, l.benchmark])).toEqual([
      ['Developing', false],
      ['Effective', true],
      ['Effective+', false],
    ]);
  });

  it('uses the source names, and marks the three cluster names and seven competencies the extracted text lacks', () => {
    expect(lausd.clusters.map((c) => c.name).filter((n) => !notInSource(n))).toEqual(['Work Attributes', 'Professional/Technical Expertise', 'Behavior/Conduct', 'Leadership']);
    expect(lausd.clusters.find((c) => c.id === 'work-attributes')?.competencies.map((c) => c.name)).toEqual(['Attendance', 'Resource Management', 'Project/Self-Management', 'Quality of Work']);
    expect(lausd.clusters.filter((c) => notInSource(c.name))).toHaveLength(3);
    expect(competencies.filter((c) => notInSource(c.name))).toHaveLength(7);
    for (const marked of [...lausd.clusters, ...competencies].filter((x) => notInSource(x.name))) expect(marked.sourceNote).toMatch(/not in|missing/i);
    const integrity = competencies.find((c) => c.id === 'integrity');
    expect(integrity?.indicators).toEqual(['honesty', 'consistency', 'doing what is right when no one is watching']);
  });

  it('asks for 8-12 competencies, one per cluster, Leadership only from people who supervise', () => {
    const rules = lausd.selectionRules;
    if (rules === undefined) throw new Error('the sample has selection rules');
    const firstOfEach = lausd.clusters.filter((c) => c.id !== 'leadership').map((c) => c.competencies[0].id);
    const eight = [...firstOfEach, 'quality-of-work', 'resource-management'];
    expect(evaluateSelection(rules, lausd.clusters, eight, { supervises: false, jobClassification: 'Custodian' })).toEqual([]);
    expect(evaluateSelection(rules, lausd.clusters, eight, { supervises: true, jobClassification: 'Plant Manager' }).map((v) => v.message)).toEqual([
      'choose at least one competency from "Leadership" (required for people who manage or supervise staff); none chosen',
    ]);
    expect(evaluateSelection(rules, lausd.clusters, eight.slice(1), { supervises: false, jobClassification: 'Custodian' }).map((v) => v.message)).toEqual([
      'choose at least 8 competencies; 7 chosen',
      'choose at least one competency from "[cluster name not in source] A"; none chosen',
    ]);
  });
});

describe('Leicestershire leadership sample (seed 004)', () => {
  const leicestershire = load('leicestershire-leadership.yaml');

  it('has the five themes, each with expectations at all three levels', () => {
    expect(leicestershire.clusterTerm).toBe('THEME');
    expect(leicestershire.clusters.map((t) => t.name)).toEqual(['Drive', 'Think', 'Feel', 'Connect', 'Inspire']);
    for (const theme of leicestershire.clusters) expect(Object.keys(theme.expectations ?? {})).toEqual(['SELF_MANAGEMENT', 'TEAM_MANAGEMENT', 'MANAGING_PEOPLE_MANAGERS']);
  });

  it('applies levels 1-2 to any line manager and 1-3 to a manager of people managers', () => {
    const names = (span: 'NONE' | 'TEAM_MANAGER' | 'MANAGER_OF_MANAGERS') => applicableResponsibilityLevels(leicestershire.responsibilityLevels, span).map((l) => l.name);
    expect(names('NONE')).toEqual([]);
    expect(names('TEAM_MANAGER')).toEqual(['Self-management', 'Team management']);
    expect(names('MANAGER_OF_MANAGERS')).toEqual(['Self-management', 'Team management', 'Managing people managers']);
  });

  it('marks its rating scale as not in the source', () => {
    expect(leicestershire.ratingScale?.name).toContain('[not in source]');
    expect(leicestershire.ratingScale?.sourceNote).toMatch(/^Not in source/);
  });
});

describe('Staffordshire overall assessment sample (seed 003)', () => {
  const staffordshire = load('staffordshire-overall-assessment.yaml');

  it('rates Underperformed, Progressing, Achieved (benchmark), Exceeded, with their pay-progression meaning', () => {
    const levels = staffordshire.ratingScale?.levels ?? [];
    expect(levels.map((l) => l.label)).toEqual(['Underperformed', 'Progressing', 'Achieved', 'Exceeded']);
    expect(levels.find((l) => l.benchmark)?.id).toBe('ACHIEVED');
    for (const level of levels) {
      const eligible = level.id === 'ACHIEVED' || level.id === 'EXCEEDED';
      expect(level.definition).toContain(eligible ? 'eligible to receive the CBP point' : 'not eligible to receive the CBP point');
    }
  });

  it('publishes each column of the source table as a competency with a descriptor per level', () => {
    const { events } = run([...importCommands(staffordshire, frameworkId), { type: 'PublishFramework', frameworkId, now }]);
    const published = events.at(-1) as FrameworkPublished;
    expect(published.data.framework.clusters[0].competencies.map((c) => [c.name, Object.keys(c.descriptors)])).toEqual([
      ['Objectives', ['UNDERPERFORMED', 'PROGRESSING', 'ACHIEVED', 'EXCEEDED']],
      ['Behaviours', ['UNDERPERFORMED', 'PROGRESSING', 'ACHIEVED', 'EXCEEDED']],
    ]);
  });
});
