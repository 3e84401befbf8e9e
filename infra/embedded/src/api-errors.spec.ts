import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { testDatabaseAdminUrl } from '@growth/testing';
import { startPlatform, type RunningPlatform } from './platform';

interface GraphQLError {
  message: string;
  extensions?: { code?: string; issues?: Array<{ path: string; message: string }>; requestId?: string };
}
interface Answer {
  status: number;
  errors: GraphQLError[];
  data: Record<string, unknown> | null | undefined;
  text: string;
}

const CREATE = 'mutation($input: CreateFrameworkDraftInput!) { createFrameworkDraft(input: $input) { frameworkId version } }';
const RENAME = 'mutation($input: RenameFrameworkDraftInput!) { renameFrameworkDraft(input: $input) { frameworkId version } }';
const INTERNAL_NAMES = [/framework-[a-z0-9-]+:/i, /person-[a-z0-9-]+:/i, /es_events|es_outbox|directory_people/, /\bSELECT\b|\bINSERT\b/, /\/work\/|\.ts:\d+|node_modules/];

/**
 * Every class of bad input, sent through the gateway as a client would: each answer names the problem with a
 * code the client can act on, shows no internal name, and nothing is written.
 */
describe('errors a client can act on, through the gateway', () => {
  let platform: RunningPlatform;
  let hr: string;
  const prefix = `err_${randomBytes(3).toString('hex')}`;

  const send = async (query: string, variables: object = {}, accept = 'application/graphql-response+json'): Promise<Answer> => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${hr}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: GraphQLError[] };
    return { status: response.status, errors: body.errors ?? [], data: body.data, text };
  };
  const frameworkEvents = async (): Promise<number> => {
    const url = new URL(testDatabaseAdminUrl());
    url.pathname = `/${prefix}_frameworks`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return (await client.query('SELECT count(*)::int AS n FROM es_events')).rows[0].n as number;
    } finally {
      await client.end();
    }
  };
  /** The one error of a refused request: its code and message, with no internal name anywhere in the answer. */
  const refusal = (answer: Answer) => {
    expect(answer.errors).toHaveLength(1);
    for (const pattern of INTERNAL_NAMES) expect(answer.text).not.toMatch(pattern);
    return { status: answer.status, code: answer.errors[0].extensions?.code, message: answer.errors[0].message };
  };

  beforeAll(async () => {
    platform = await startPlatform({ adminDatabaseUrl: testDatabaseAdminUrl(), gatewayPort: 0, databasePrefix: prefix, rateLimit: false });
    hr = await platform.issuer.issueToken({ tenantId: 'lausd', actorId: 'hr-1', roles: ['hr', 'tenant_admin'] });
  }, 120_000);
  afterAll(async () => platform?.close());

  it.each([
    ['a string for an Int', { input: { frameworkId: randomUUID(), name: 'X', expectedVersion: 'zero' } }, RENAME, /expectedVersion/],
    ['a missing required field', { input: { frameworkId: randomUUID() } }, RENAME, /name/],
    ['null for a required field', { input: { frameworkId: randomUUID(), name: null, expectedVersion: 0 } }, RENAME, /name/],
    ['an unknown field', { input: { name: 'X', colour: 'red' } }, CREATE, /colour/],
    ['an Int overflow', { input: { frameworkId: randomUUID(), name: 'X', expectedVersion: 2 ** 40 } }, RENAME, /expectedVersion/],
    ['a bad enum value', { input: { name: 'X', kind: 'NOT_A_KIND' } }, CREATE, /kind/],
    ['no variables at all', undefined, CREATE, /input/],
  ])('refuses %s in variables with BAD_USER_INPUT and HTTP 400, writing nothing', async (_case, variables, query, names) => {
    const before = await frameworkEvents();
    const answer = await send(query, variables as object | undefined);
    // graphql-js reports each wrong variable value on its own: every one is the client's to fix.
    expect(answer.status).toBe(400);
    expect(answer.errors.length).toBeGreaterThan(0);
    expect(answer.errors.every((e) => e.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
    expect(answer.errors.map((e) => e.message).join('\n')).toMatch(names);
    for (const pattern of INTERNAL_NAMES) expect(answer.text).not.toMatch(pattern);
    expect(await frameworkEvents()).toBe(before);
  });

  it('answers variable errors with HTTP 200 to a client that accepts only application/json, as GraphQL over HTTP says', async () => {
    const answer = refusal(await send(RENAME, { input: { frameworkId: randomUUID(), name: 'X', expectedVersion: 'zero' } }, 'application/json'));
    expect(answer).toMatchObject({ status: 200, code: 'BAD_USER_INPUT' });
  });

  it.each([
    ['a NUL byte', 'Custodial\u0000Competencies'],
    ['a lone surrogate', 'Custodial \ud800 Competencies'],
    ['a bidirectional override', 'Custodial \u202e Competencies'],
  ])('refuses text that cannot be stored or displayed faithfully (%s) as invalid input naming the field', async (_case, name) => {
    const before = await frameworkEvents();
    const answer = await send(CREATE, { input: { name } });
    const { code } = refusal(answer);
    expect(code).toBe('VALIDATION_FAILED');
    expect(answer.errors[0].extensions?.issues).toEqual([expect.objectContaining({ path: 'input.name' })]);
    expect(await frameworkEvents()).toBe(before);
  });

  it('answers NOT_FOUND for an unknown framework, on commands and queries alike', async () => {
    const unknown = randomUUID();
    expect(refusal(await send(RENAME, { input: { frameworkId: unknown, name: 'X', expectedVersion: 0 } })).code).toBe('NOT_FOUND');
    expect(refusal(await send('mutation($input: PublishFrameworkInput!) { publishFramework(input: $input) { version } }', { input: { frameworkId: unknown, expectedVersion: 3 } })).code).toBe('NOT_FOUND');
    expect(refusal(await send('query($id: ID!) { frameworkDiff(id: $id, fromVersion: 1, toVersion: 2) { summary } }', { id: unknown })).code).toBe('NOT_FOUND');
  });

  it('refuses a negative expected version as invalid input, and a stale one as a conflict without internal names', async () => {
    const frameworkId = randomUUID();
    const created = await send(CREATE, { input: { frameworkId, name: 'Leadership Framework' } });
    expect(created.errors).toEqual([]);
    const before = await frameworkEvents();
    const negative = refusal(await send(RENAME, { input: { frameworkId, name: 'Y', expectedVersion: -1 } }));
    expect(negative.code).toBe('VALIDATION_FAILED');
    expect(negative.message).toMatch(/expectedVersion/);
    const stale = refusal(await send(RENAME, { input: { frameworkId, name: 'Y', expectedVersion: 7 } }));
    expect(stale).toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
    expect(stale.message).toMatch(/version 0/);
    expect(await frameworkEvents()).toBe(before);
  });

  it('quotes at most a short excerpt of oversized input', async () => {
    const huge = 'x'.repeat(900_000);
    const answer = await send('mutation($input: RemoveCompetencyAlignmentInput!) { removeCompetencyAlignment(input: $input) { version } }', {
      input: { from: { frameworkId: randomUUID(), competencyId: huge }, to: { frameworkId: randomUUID(), competencyId: 'b' } },
    });
    refusal(answer);
    expect(answer.text.length).toBeLessThan(2_000);
  });

  it('names the argument of a list asked for out of range', async () => {
    const answer = refusal(await send('{ people(first: 1000) { items { id } } }'));
    expect(answer.code).toBe('VALIDATION_FAILED');
    expect(answer.message).toMatch(/first/);
  });

  it('answers a retried create with the original result, and a different create under the same id with ALREADY_EXISTS', async () => {
    const input = { frameworkId: randomUUID(), name: 'Catering Competencies', purpose: 'For kitchen staff' };
    const first = await send(CREATE, { input });
    expect(first.errors).toEqual([]);
    const before = await frameworkEvents();
    const retried = await send(CREATE, { input });
    expect(retried.errors).toEqual([]);
    expect(retried.data).toEqual(first.data);
    const other = refusal(await send(CREATE, { input: { ...input, name: 'Someone else’s framework' } }));
    expect(other.code).toBe('ALREADY_EXISTS');
    expect(await frameworkEvents()).toBe(before);
  });

  // Last: it stops a subgraph.
  it('masks an unexpected error, with a request id that finds it in the logs', async () => {
    await platform.services.find((s) => s.name === 'reviews')!.close();
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hr}`, 'x-request-id': 'trace-me-1' },
      body: JSON.stringify({ query: '{ frameworkCatalog { frameworkId } }' }),
    });
    const body = (await response.json()) as { errors: GraphQLError[] };
    expect(response.headers.get('x-request-id')).toBe('trace-me-1');
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'trace-me-1' } })]);
  });
});
