import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const SAMPLE_FRAMEWORKS_DIR = path.resolve(__dirname, '../../../services/frameworks/samples');
export const SAMPLE_FRAMEWORK_FILES = ['lausd-classified.yaml', 'leicestershire-leadership.yaml', 'staffordshire-overall-assessment.yaml'] as const;

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

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
  const call = async <T>(query: string, variables: object = {}): Promise<T> => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<T>;
    if (body.errors?.length || !body.data) throw new Error(`GraphQL call failed: ${JSON.stringify(body.errors ?? body)}`);
    return body.data;
  };
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
