import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { graphqlCaller, type GraphQLCall } from './graphql-client';
import { sampleDistrict, sampleDistrictCsv, type SampleDistrict } from './sample-district';

export const SAMPLE_FRAMEWORKS_DIR = path.resolve(__dirname, '../../../services/frameworks/samples');
export const SAMPLE_FRAMEWORK_FILES = ['lausd-classified.yaml', 'leicestershire-leadership.yaml', 'staffordshire-overall-assessment.yaml'] as const;

export interface SampleLoadResult {
  readonly file: string;
  readonly name: string;
  readonly outcome: 'imported' | 'skipped';
  readonly frameworkId?: string;
}

const documentName = (text: string): string => {
  const { name } = parse(text) as { name?: unknown };
  if (typeof name !== 'string') throw new Error('sample document has no name');
  return name;
};

/**
 * Loads the sample frameworks into the token's tenant through the public API (the same path as any client:
 * gateway, frameworks subgraph, command handlers): each is imported and published, unless a framework with the same
 * name already exists there, so running it again changes nothing.
 */
export const loadSampleFrameworks = async (gatewayUrl: string, token: string, dir = SAMPLE_FRAMEWORKS_DIR): Promise<SampleLoadResult[]> => {
  const call = graphqlCaller(gatewayUrl, token);
  const { frameworks } = await call<{ frameworks: Array<{ name: string }> }>('{ frameworks { name } }');
  const existing = new Set(frameworks.map((f) => f.name));
  const results: SampleLoadResult[] = [];
  for (const file of SAMPLE_FRAMEWORK_FILES) {
    const document = readFileSync(path.join(dir, file), 'utf8');
    const name = documentName(document);
    if (existing.has(name)) {
      results.push({ file, name, outcome: 'skipped' });
      continue;
    }
    const { importFrameworkDocument } = await call<{ importFrameworkDocument: { frameworkId: string; version: number } }>(
      'mutation($input: ImportFrameworkDocumentInput!) { importFrameworkDocument(input: $input) { frameworkId version } }',
      { input: { document, format: 'YAML' } },
    );
    await call('mutation($input: PublishFrameworkInput!) { publishFramework(input: $input) { version } }', {
      input: { frameworkId: importFrameworkDocument.frameworkId, expectedVersion: importFrameworkDocument.version },
    });
    existing.add(name);
    results.push({ file, name, outcome: 'imported', frameworkId: importFrameworkDocument.frameworkId });
  }
  return results;
};

export interface PersonSummary {
  readonly id: string;
  readonly staffNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly jobClassification: string;
}

/** Everyone the token may see, a page (at most 200, the directory's limit) at a time. */
export async function* peoplePages(call: GraphQLCall): AsyncGenerator<readonly PersonSummary[]> {
  let after: string | null = null;
  do {
    const { people }: { people: { items: PersonSummary[]; endCursor: string | null; hasNextPage: boolean } } = await call(
      'query($after: String) { people(first: 200, after: $after) { items { id staffNumber firstName lastName jobClassification } endCursor hasNextPage } }',
      { after },
    );
    yield people.items;
    after = people.hasNextPage ? people.endCursor : null;
  } while (after);
}

/** Registers the token's tenant (needs tenant_admin) unless it already is. */
export const registerDevTenant = async (gatewayUrl: string, token: string, name = 'Development District (sample)'): Promise<'registered' | 'already registered'> => {
  const call = graphqlCaller(gatewayUrl, token);
  const { tenant } = await call<{ tenant: { id: string } | null }>('{ tenant { id } }');
  if (tenant) return 'already registered';
  await call('mutation($input: RegisterTenantInput!) { registerTenant(input: $input) { tenantId } }', { input: { name, timeZone: 'America/Los_Angeles', locale: 'en-US' } });
  return 'registered';
};

export interface SampleDistrictLoadResult {
  readonly outcome: 'imported' | 'skipped';
  readonly sites: number;
  readonly people: number;
  /** What the import calls did (zero when skipped). */
  readonly calls: number;
  readonly created: number;
  readonly changed: number;
  readonly sitesCreated: number;
  readonly rejected: number;
  /** The first few rejected rows, for the log. */
  readonly errors: ReadonlyArray<{ row: number; field: string | null; message: string }>;
}

/**
 * Loads the sample district into the token's (registered) tenant through `importPeople`, as HRIS CSV files of at
 * most 512 KiB: once, i.e. skipped when every sample staff number is already there (the import itself is
 * idempotent by staff number too, and then repairs a partly loaded sample).
 */
export const loadSampleDistrict = async (gatewayUrl: string, token: string, district: SampleDistrict = sampleDistrict()): Promise<SampleDistrictLoadResult> => {
  const call = graphqlCaller(gatewayUrl, token);
  const present = new Set<string>();
  for await (const page of peoplePages(call)) for (const person of page) present.add(person.staffNumber);
  const summary = { sites: district.sites.length, people: district.people.length };
  if (district.people.every((p) => present.has(p.staffNumber))) {
    return { outcome: 'skipped', ...summary, calls: 0, created: 0, changed: 0, sitesCreated: 0, rejected: 0, errors: [] };
  }
  const totals = { calls: 0, created: 0, changed: 0, sitesCreated: 0, rejected: 0, errors: [] as Array<{ row: number; field: string | null; message: string }> };
  for (const csv of sampleDistrictCsv(district)) {
    const { importPeople: report } = await call<{
      importPeople: { created: number; changed: number; sitesCreated: number; rejected: number; errors: Array<{ row: number; field: string | null; message: string }> };
    }>('mutation($csv: String!) { importPeople(csv: $csv, mode: APPLY_VALID_ROWS) { created changed sitesCreated rejected errors { row field message } } }', { csv });
    totals.calls += 1;
    totals.created += report.created;
    totals.changed += report.changed;
    totals.sitesCreated += report.sitesCreated;
    totals.rejected += report.rejected;
    totals.errors.push(...report.errors.slice(0, 5 - totals.errors.length));
  }
  return { outcome: 'imported', ...summary, ...totals };
};
