import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { parse } from 'yaml';
import { eventually, testDatabaseAdminUrl, testKafkaBrokers } from '@growth/testing';
import { startPlatform, type RunningPlatform } from './platform';
import { loadSampleFrameworks } from './dev-samples';

interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}
interface CommandResult {
  frameworkId: string;
  version: number;
}

const LAUSD = readFileSync(path.resolve(__dirname, '../../../services/frameworks/samples/lausd-classified.yaml'), 'utf8');

const IMPORT = `mutation($input: ImportFrameworkDocumentInput!) { importFrameworkDocument(input: $input) { frameworkId version } }`;
const PUBLISH = `mutation($input: PublishFrameworkInput!) { publishFramework(input: $input) { frameworkId version } }`;
const FRAMEWORK = `query($id: ID!) { framework(id: $id) {
  id name status version frameworkVersion latestPublishedVersion
  ratingScale { levels { id benchmark } }
  clusters { id competencies { id name descriptors { levelId text } } }
} }`;
const EXPORT = `query($id: ID!, $version: Int, $format: FrameworkDocumentFormat) { exportFrameworkDocument(id: $id, version: $version, format: $format) }`;
const PUBLISHED_IN_REVIEWS = `query($id: ID!, $v: Int!) { publishedFrameworkVersion(frameworkId: $id, version: $v) { frameworkId version name kind definition } }`;

describe('the frameworks API end to end over Kafka', () => {
  let platform: RunningPlatform;
  let token: string;
  const prefix = `e2e_fw_${randomBytes(3).toString('hex')}`;

  const graphql = async <T>(query: string, variables: object = {}, bearer = token): Promise<GraphQLResponse<T>> => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
  const frameworkEventCount = async (): Promise<number> => {
    const url = new URL(testDatabaseAdminUrl());
    url.pathname = `/${prefix}_frameworks`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM es_events');
      return (rows[0] as { n: number }).n;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    platform = await startPlatform({ adminDatabaseUrl: testDatabaseAdminUrl(), kafkaBrokers: testKafkaBrokers(), gatewayPort: 0, databasePrefix: prefix });
    token = await platform.issuer.issueToken({ tenantId: 'lausd', actorId: 'hr-1', roles: ['hr'] });
  }, 120_000);
  afterAll(async () => platform?.close());

  it('imports the LAUSD sample, publishes it, reads it back, exports it equal to the document, and the reviews service holds the published version', async () => {
    const frameworkId = randomUUID();
    const imported = await graphql<{ importFrameworkDocument: CommandResult }>(IMPORT, { input: { frameworkId, document: LAUSD, format: 'YAML' } });
    expect(imported.errors).toBeUndefined();
    expect(imported.data?.importFrameworkDocument).toEqual({ frameworkId, version: 1 });

    const published = await graphql<{ publishFramework: CommandResult }>(PUBLISH, { input: { frameworkId, expectedVersion: 1 } });
    expect(published.errors).toBeUndefined();
    expect(published.data?.publishFramework).toEqual({ frameworkId, version: 2 });

    const read = await graphql<{ framework: { status: string; clusters: Array<{ competencies: Array<{ descriptors: unknown[] }> }> } & Record<string, unknown> }>(FRAMEWORK, { id: frameworkId });
    expect(read.errors).toBeUndefined();
    expect(read.data?.framework).toMatchObject({ id: frameworkId, name: 'Classified Performance Framework', status: 'PUBLISHED', version: 2, frameworkVersion: 1, latestPublishedVersion: 1 });
    expect(read.data?.framework.clusters).toHaveLength(7);
    expect(read.data?.framework.clusters.flatMap((c) => c.competencies)).toHaveLength(28);
    expect(read.data?.framework.clusters[0].competencies[0].descriptors).toHaveLength(3);

    const document = parse(LAUSD) as Record<string, unknown>;
    for (const format of ['YAML', 'JSON'] as const) {
      const exported = await graphql<{ exportFrameworkDocument: string }>(EXPORT, { id: frameworkId, version: 1, format });
      expect(exported.errors).toBeUndefined();
      const text = exported.data?.exportFrameworkDocument ?? '';
      expect(format === 'JSON' ? JSON.parse(text) : parse(text)).toEqual(document);
    }

    // The reviews service keeps its own copy of the published version, fed by FrameworkPublished over Kafka.
    const inReviews = await eventually(async () => {
      const { data, errors } = await graphql<{ publishedFrameworkVersion: { definition: Record<string, unknown> } & Record<string, unknown> }>(PUBLISHED_IN_REVIEWS, { id: frameworkId, v: 1 });
      expect(errors).toBeUndefined();
      expect(data?.publishedFrameworkVersion).not.toBeNull();
      return data!.publishedFrameworkVersion;
    });
    const { format: _format, ...definition } = document;
    expect(inReviews).toEqual({ frameworkId, version: 1, name: 'Classified Performance Framework', kind: 'COMPETENCY_FRAMEWORK', definition });
    await eventually(async () => {
      const { data } = await graphql<{ catalogFramework: Record<string, unknown> }>(`query($id: ID!) { catalogFramework(frameworkId: $id) { status latestPublishedVersion } }`, { id: frameworkId });
      expect(data?.catalogFramework).toEqual({ status: 'PUBLISHED', latestPublishedVersion: 1 });
    });
  });

  it('refuses a malformed document with path-precise errors and stores nothing', async () => {
    const before = await frameworkEventCount();
    const broken = LAUSD.replace('id: DEVELOPING', 'id: developing').replace('format: growth.framework/v1', 'format: growth.framework/v1\ncolour: red');
    const result = await graphql(IMPORT, { input: { frameworkId: randomUUID(), document: broken, format: 'YAML' } });
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    const issues = result.errors?.[0].extensions?.issues as Array<{ path: string; message: string }>;
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'colour', message: expect.stringContaining('unknown field') },
        { path: 'ratingScale.levels[0].id', message: expect.stringContaining('upper-case') },
      ]),
    );
    expect(await frameworkEventCount()).toBe(before);
  });

  it('refuses publishing with a stale expected version and writes nothing', async () => {
    const frameworkId = randomUUID();
    expect((await graphql(IMPORT, { input: { frameworkId, document: LAUSD } })).errors).toBeUndefined();
    const before = await frameworkEventCount();
    const stale = await graphql(PUBLISH, { input: { frameworkId, expectedVersion: 0 } });
    expect(stale.errors?.[0].extensions?.code).toBe('CONCURRENCY_CONFLICT');
    expect(await frameworkEventCount()).toBe(before);
  });

  it('loads the three samples into a tenant once (as npm start does for the development tenant)', async () => {
    const devToken = await platform.issuer.issueToken({ tenantId: 'dev-samples', actorId: 'dev-hr-admin', roles: ['hr', 'tenant_admin'] });
    const first = await loadSampleFrameworks(platform.gatewayUrl, devToken);
    expect(first.map((r) => r.outcome)).toEqual(['imported', 'imported', 'imported']);
    const again = await loadSampleFrameworks(platform.gatewayUrl, devToken);
    expect(again.map((r) => r.outcome)).toEqual(['skipped', 'skipped', 'skipped']);

    const { data, errors } = await graphql<{ frameworks: Array<{ name: string; status: string; frameworkVersion: number }> }>(`{ frameworks { name status frameworkVersion } }`, {}, devToken);
    expect(errors).toBeUndefined();
    expect(data?.frameworks).toEqual(
      expect.arrayContaining(first.map((r) => ({ name: r.name, status: 'PUBLISHED', frameworkVersion: 1 }))),
    );
    expect(data?.frameworks).toHaveLength(3);
  });
});
