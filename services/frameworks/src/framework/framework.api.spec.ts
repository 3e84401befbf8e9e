import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { Topics } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { startServiceFixture, type GraphQLResult, type ServiceFixture } from '@growth/service-testing';
import { startFrameworksService } from '../frameworks.service';

const sample = (name: string): string => readFileSync(path.join(__dirname, '../../samples', name), 'utf8');
const LAUSD = sample('lausd-classified.yaml');

interface Result {
  frameworkId: string;
  version: number;
}

const IMPORT = `mutation($input: ImportFrameworkDocumentInput!) { importFrameworkDocument(input: $input) { frameworkId version } }`;
const PUBLISH = `mutation($input: PublishFrameworkInput!) { publishFramework(input: $input) { frameworkId version } }`;
const START = `mutation($input: StartNewFrameworkDraftVersionInput!) { startNewFrameworkDraftVersion(input: $input) { frameworkId version } }`;
const PURPOSE = `mutation($input: ChangeFrameworkDraftPurposeInput!) { changeFrameworkDraftPurpose(input: $input) { frameworkId version } }`;
const REPLACE = `mutation($input: ReplaceFrameworkDraftContentFromDocumentInput!) { replaceFrameworkDraftContentFromDocument(input: $input) { frameworkId version } }`;
const RETIRE = `mutation($input: RetireFrameworkInput!) { retireFramework(input: $input) { frameworkId version } }`;
const FRAMEWORK = `query($id: ID!) { framework(id: $id) {
  id name kind status version frameworkVersion draftVersion latestPublishedVersion publishedVersions { version } retiredAt
  ratingScale { id levels { id label benchmark } }
  clusters { id name competencies { id name descriptors { levelId text } } }
  selectionRules { minCompetencies maxCompetencies clustersRequiredOnlyForSupervisors }
} }`;
const EXPORT = `query($id: ID!, $version: Int, $format: FrameworkDocumentFormat) { exportFrameworkDocument(id: $id, version: $version, format: $format) }`;

describe('the frameworks API', () => {
  let fixture: ServiceFixture;
  beforeAll(async () => {
    fixture = await startServiceFixture(startFrameworksService);
    await fixture.transport.ensureTopics([Topics.frameworkEvents]);
  });
  afterAll(async () => fixture?.close());

  const ok = <T>(result: GraphQLResult<T>): T => {
    expect(result.errors).toBeUndefined();
    return result.data as T;
  };
  const eventCount = async (frameworkId: string): Promise<number> => {
    const [{ n }] = await withTenant(fixture.service.infrastructure.dataSource, 'lausd', (m) =>
      m.query(`SELECT count(*)::int AS n FROM es_events WHERE stream_id = $1`, [`framework-lausd:${frameworkId}`]),
    );
    return n;
  };

  it('imports a document, publishes it, reads it back and exports it equal to the document', async () => {
    const frameworkId = randomUUID();
    const imported = ok(await fixture.query<{ importFrameworkDocument: Result }>(IMPORT, { input: { frameworkId, document: LAUSD, format: 'YAML' } })).importFrameworkDocument;
    expect(imported).toEqual({ frameworkId, version: 1 });

    const draft = ok(await fixture.query<{ framework: Record<string, unknown> }>(FRAMEWORK, { id: frameworkId })).framework;
    expect(draft).toMatchObject({ status: 'DRAFT', version: 1, frameworkVersion: 1, draftVersion: 1, latestPublishedVersion: null, publishedVersions: [] });

    const published = ok(await fixture.query<{ publishFramework: Result }>(PUBLISH, { input: { frameworkId, expectedVersion: 1 } })).publishFramework;
    expect(published.version).toBe(2);

    const view = ok(await fixture.query<{ framework: Record<string, unknown> & { clusters: Array<{ competencies: unknown[] }> } }>(FRAMEWORK, { id: frameworkId })).framework;
    expect(view).toMatchObject({
      name: 'Classified Performance Framework',
      status: 'PUBLISHED',
      frameworkVersion: 1,
      draftVersion: null,
      latestPublishedVersion: 1,
      publishedVersions: [{ version: 1 }],
      ratingScale: { levels: [{ id: 'DEVELOPING' }, { id: 'EFFECTIVE', benchmark: true }, { id: 'EFFECTIVE_PLUS' }] },
      selectionRules: { minCompetencies: 8, maxCompetencies: 12, clustersRequiredOnlyForSupervisors: ['leadership'] },
    });
    expect(view.clusters).toHaveLength(7);
    expect(view.clusters.flatMap((c) => c.competencies)).toHaveLength(28);

    for (const format of ['YAML', 'JSON'] as const) {
      const text = ok(await fixture.query<{ exportFrameworkDocument: string }>(EXPORT, { id: frameworkId, version: 1, format })).exportFrameworkDocument;
      expect(format === 'JSON' ? JSON.parse(text) : parse(text)).toEqual(parse(LAUSD));
    }

    const version = ok(await fixture.query<{ frameworkVersion: { version: number; name: string } | null }>(`query($id: ID!) { frameworkVersion(id: $id, version: 1) { version name } }`, { id: frameworkId }));
    expect(version.frameworkVersion).toEqual({ version: 1, name: 'Classified Performance Framework' });
    expect(ok(await fixture.query(`query($id: ID!) { frameworkVersion(id: $id, version: 2) { version } }`, { id: frameworkId }))).toEqual({ frameworkVersion: null });

    // Analysts may read.
    const asAnalyst = await fixture.query<{ framework: { status: string } }>(`query($id: ID!) { framework(id: $id) { status } }`, { id: frameworkId }, { roles: ['analyst'] });
    expect(asAnalyst.data?.framework).toEqual({ status: 'PUBLISHED' });
    // ...but not edit.
    const denied = await fixture.query(START, { input: { frameworkId, expectedVersion: 2 } }, { roles: ['analyst'] });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Another tenant sees nothing.
    expect((await fixture.query(`query($id: ID!) { framework(id: $id) { id } }`, { id: frameworkId }, { tenantId: 'leics' })).data).toEqual({ framework: null });
  });

  it('refuses a malformed document with path-precise issues and stores nothing', async () => {
    const frameworkId = randomUUID();
    const broken = LAUSD.replace('name: Attendance', 'nom: Attendance').replace('format: growth.framework/v1', 'format: growth.framework/v1\ncolour: red');
    const result = await fixture.query(IMPORT, { input: { frameworkId, document: broken, format: 'YAML' } });
    expect(result.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    const issues = result.errors?.[0].extensions?.issues as Array<{ path: string; message: string }>;
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'colour', message: expect.stringContaining('unknown field') },
        { path: expect.stringMatching(/^clusters\[\d+\]\.competencies\[\d+\]\.name$/), message: expect.stringContaining('required') },
      ]),
    );
    expect(await eventCount(frameworkId)).toBe(0);

    const syntax = await fixture.query(IMPORT, { input: { frameworkId, document: '{ "format": ', format: 'JSON' } });
    expect(syntax.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect(await eventCount(frameworkId)).toBe(0);
  });

  it('edits through new versions with expected versions, diffs them, lists and searches, and retires', async () => {
    const frameworkId = randomUUID();
    ok(await fixture.query(IMPORT, { input: { frameworkId, document: LAUSD } }));
    ok(await fixture.query(PUBLISH, { input: { frameworkId, expectedVersion: 1 } }));

    // Published: edits are refused until a new draft version is started.
    const refused = await fixture.query(PURPOSE, { input: { frameworkId, purpose: 'x', expectedVersion: 2 } });
    expect(refused.errors?.[0].extensions?.code).toBe('INVALID_STATE');

    const stale = await fixture.query(START, { input: { frameworkId, expectedVersion: 1 } });
    expect(stale.errors?.[0].extensions?.code).toBe('CONCURRENCY_CONFLICT');
    expect(await eventCount(frameworkId)).toBe(3);

    expect(ok(await fixture.query<{ startNewFrameworkDraftVersion: Result }>(START, { input: { frameworkId, expectedVersion: 2 } })).startNewFrameworkDraftVersion.version).toBe(3);
    expect(ok(await fixture.query<{ changeFrameworkDraftPurpose: Result }>(PURPOSE, { input: { frameworkId, purpose: 'Version two', expectedVersion: 3 } })).changeFrameworkDraftPurpose.version).toBe(4);

    const tooLong = await fixture.query(PURPOSE, { input: { frameworkId, purpose: 'x'.repeat(4001), expectedVersion: 4 } });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'purpose', message: expect.any(String) }] });

    const renamedDoc = LAUSD.replace('name: Attendance', 'name: Attendance and Punctuality');
    ok(await fixture.query(REPLACE, { input: { frameworkId, expectedVersion: 4, document: renamedDoc, format: 'YAML' } }));

    const diff = ok(await fixture.query<{ frameworkDiff: Array<{ change: string; entity: string; field: string | null; before: unknown; after: unknown }> }>(
      `query($id: ID!) { frameworkDiff(id: $id, fromVersion: 1, toVersion: 2) { change entity competencyId field before after summary } }`,
      { id: frameworkId },
    )).frameworkDiff;
    expect(diff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ change: 'CHANGED', entity: 'competency', competencyId: 'attendance', field: 'name', before: 'Attendance', after: 'Attendance and Punctuality' }),
      ]),
    );

    const search = ok(await fixture.query<{ searchCompetencies: Array<{ frameworkId: string; frameworkVersion: number; clusterId: string; competency: { id: string; name: string } }> }>(
      `{ searchCompetencies(name: "punctual") { frameworkId frameworkVersion frameworkStatus clusterId competency { id name } } }`,
    )).searchCompetencies;
    expect(search).toEqual([expect.objectContaining({ frameworkId, frameworkVersion: 2, frameworkStatus: 'DRAFT', competency: { id: 'attendance', name: 'Attendance and Punctuality' } })]);

    const COMPETENCY = `query($f: ID!, $c: String!) { competency(frameworkId: $f, competencyId: $c) { clusterId competency { id name } } }`;
    const one = ok(await fixture.query<{ competency: { clusterId: string; competency: { id: string; name: string } } }>(COMPETENCY, { f: frameworkId, c: 'attendance' })).competency;
    expect(one).toEqual({ clusterId: search[0].clusterId, competency: { id: 'attendance', name: 'Attendance and Punctuality' } });
    expect(ok(await fixture.query<{ competency: unknown }>(COMPETENCY, { f: frameworkId, c: 'no-such-competency' })).competency).toBeNull();

    const drafts = ok(await fixture.query<{ frameworks: Array<{ id: string }> }>(`{ frameworks(status: DRAFT) { id status } }`)).frameworks;
    expect(drafts.map((f) => f.id)).toContain(frameworkId);

    const current = ok(await fixture.query<{ framework: { version: number } }>(`query($id: ID!) { framework(id: $id) { version } }`, { id: frameworkId })).framework;
    ok(await fixture.query(RETIRE, { input: { frameworkId, reason: 'Replaced', expectedVersion: current.version } }));
    const retired = ok(await fixture.query<{ framework: Record<string, unknown> }>(`query($id: ID!) { framework(id: $id) { status frameworkVersion latestPublishedVersion draftVersion } }`, { id: frameworkId })).framework;
    expect(retired).toEqual({ status: 'RETIRED', frameworkVersion: 1, latestPublishedVersion: 1, draftVersion: null });
    expect(ok(await fixture.query<{ frameworks: Array<{ id: string }> }>(`{ frameworks(status: RETIRED) { id } }`)).frameworks.map((f) => f.id)).toContain(frameworkId);
    expect(ok(await fixture.query<{ frameworks: Array<{ id: string }> }>(`{ frameworks(status: DRAFT) { id } }`)).frameworks.map((f) => f.id)).not.toContain(frameworkId);
  });

  it('replaces a draft\'s content given as JSON, with issues at document paths and nothing stored when invalid', async () => {
    const frameworkId = randomUUID();
    ok(await fixture.query(`mutation($input: CreateFrameworkDraftInput!) { createFrameworkDraft(input: $input) { version } }`, { input: { frameworkId, name: 'Editor framework' } }));
    const REPLACE_JSON = `mutation($input: ReplaceFrameworkDraftContentInput!) { replaceFrameworkDraftContent(input: $input) { frameworkId version } }`;
    const content = contentOf(parse(LAUSD) as Record<string, unknown>);

    const invalid = structuredClone(content) as { clusters: Array<Record<string, unknown> & { competencies: Array<Record<string, unknown>> }>; name?: string };
    delete invalid.clusters[1].name;
    invalid.clusters[0].competencies[0].descriptors = { 'effective+': 'x' };
    invalid.name = 'Not here';
    const refused = await fixture.query(REPLACE_JSON, { input: { frameworkId, expectedVersion: 0, content: invalid } });
    expect(refused.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect(refused.errors?.[0].extensions?.issues).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'unknown field' },
        { path: 'clusters[1].name', message: expect.stringContaining('required') },
        { path: 'clusters[0].competencies[0].descriptors["effective+"]', message: expect.stringContaining('upper-case') },
      ]),
    );
    expect(await eventCount(frameworkId)).toBe(1);
    const notObject = await fixture.query(REPLACE_JSON, { input: { frameworkId, expectedVersion: 0, content: [1] } });
    expect(notObject.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'content', message: 'must be an object' }] });

    const replaced = ok(await fixture.query<{ replaceFrameworkDraftContent: Result }>(REPLACE_JSON, { input: { frameworkId, expectedVersion: 0, content } })).replaceFrameworkDraftContent;
    expect(replaced).toEqual({ frameworkId, version: 1 });
    const stale = await fixture.query(REPLACE_JSON, { input: { frameworkId, expectedVersion: 0, content } });
    expect(stale.errors?.[0].extensions?.code).toBe('CONCURRENCY_CONFLICT');
    const exported = ok(await fixture.query<{ exportFrameworkDocument: string }>(EXPORT, { id: frameworkId, format: 'JSON' })).exportFrameworkDocument;
    expect(JSON.parse(exported)).toEqual({ ...(parse(LAUSD) as object), name: 'Editor framework', purpose: '' });
  });
});

const contentOf = (document: Record<string, unknown>): Record<string, unknown> => {
  const { format: _format, kind: _kind, name: _name, purpose: _purpose, ...content } = document;
  return content;
};
