import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { getIntrospectionQuery } from 'graphql';
import { Args, Directive, Field, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import {
  ConcurrencyConflictError,
  CurrentIdentity,
  type Identity,
  type RunningService,
  SubgraphModule,
  ValidationFailedError,
  createLogger,
  startService,
} from '@growth/service-kit';
import { createDevIssuer, type DevIssuer } from './dev-issuer';
import { startGateway, type GatewayOptions, type RunningGateway } from './gateway';

const gatewaySecret = 'gateway-test-secret-0123456789abcdefghij';
const silent = (service: string) => createLogger({ service, level: 'silent' });
const seen: { subgraph: string; identity: Identity }[] = [];

// --- subgraph "things": owns the Thing entity -------------------------------------------------------------------
@ObjectType()
@Directive('@key(fields: "id")')
class Thing {
  @Field(() => ID) id!: string;
  @Field() name!: string;
}

const things: Thing[] = [
  { id: 't1', name: 'First thing' },
  { id: 't2', name: 'Second thing' },
];

// Lets a query nest as deep as it likes: `{ link { next { next { … { id } } } } }`. (Shareable: code-first
// NestJS puts every object type of the process into each subgraph's schema.)
@ObjectType()
@Directive('@shareable')
class Link {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => Link) next!: Link;
}

const link = { id: 'l1', name: 'A link' } as Link;
link.next = link;

@Resolver(() => Thing)
class ThingsResolver {
  @Query(() => [Thing])
  things(@CurrentIdentity() identity: Identity): Thing[] {
    seen.push({ subgraph: 'things', identity });
    return things;
  }

  @Mutation(() => Thing)
  renameThing(@Args('id', { type: () => ID }) _id: string, @Args('expectedVersion', { type: () => Int }) _version: number): Thing {
    throw new ConcurrencyConflictError('thing-t:t1', 3, 4);
  }

  @Mutation(() => Thing)
  createThing(@Args('name') _name: string): Thing {
    throw new ValidationFailedError([{ path: 'name', message: 'Name must be at least 3 characters' }]);
  }

  @Query(() => Link)
  link(@CurrentIdentity() identity: Identity): Link {
    seen.push({ subgraph: 'things', identity });
    return link;
  }

  @Query(() => Boolean)
  explode(): boolean {
    throw new Error('password authentication failed for user "things_app" at 10.0.3.7');
  }

  @ResolveReference()
  resolveReference({ id }: { id: string }): Thing | undefined {
    return things.find((thing) => thing.id === id);
  }
}

@Module({ imports: [SubgraphModule.forRoot()], providers: [ThingsResolver] })
class ThingsModule {}

// --- subgraph "reviews": adds a field to Thing -------------------------------------------------------------------
@ObjectType('Thing')
@Directive('@key(fields: "id")')
class ReviewedThing {
  @Field(() => ID) id!: string;
}

@Resolver(() => ReviewedThing)
class ReviewedThingResolver {
  @ResolveField(() => Int)
  reviewCount(@Parent() thing: ReviewedThing, @CurrentIdentity() identity: Identity): number {
    seen.push({ subgraph: 'reviews', identity });
    return thing.id === 't1' ? 3 : 0;
  }

  @ResolveReference()
  resolveReference({ id }: { id: string }): ReviewedThing {
    return { id };
  }
}

@Module({ imports: [SubgraphModule.forRoot({ buildSchemaOptions: { orphanedTypes: [ReviewedThing] } })], providers: [ReviewedThingResolver] })
class ReviewsModule {}

// ------------------------------------------------------------------------------------------------------------------
interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions: Record<string, unknown> }[];
}

describe('gateway', () => {
  let thingsService: RunningService;
  let reviewsService: RunningService;
  let issuer: DevIssuer;
  let gateway: RunningGateway;

  beforeAll(async () => {
    thingsService = await startService({ name: 'things', module: ThingsModule, port: 0, gatewaySecret, logger: silent('things'), shutdownHooks: false });
    reviewsService = await startService({ name: 'reviews', module: ReviewsModule, port: 0, gatewaySecret, logger: silent('reviews'), shutdownHooks: false });
    issuer = await createDevIssuer();
    gateway = await startGateway({
      port: 0,
      subgraphs: [
        { name: 'things', url: `${thingsService.url}/graphql` },
        { name: 'reviews', url: `${reviewsService.url}/graphql` },
      ],
      auth: issuer.auth,
      gatewaySecret,
      production: false,
      logger: silent('gateway'),
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([thingsService?.close(), reviewsService?.close()]);
  });

  beforeEach(() => {
    seen.length = 0;
  });

  const token = (overrides: Partial<Parameters<DevIssuer['issueToken']>[0]> = {}) =>
    issuer.issueToken({ tenantId: 'tenant-a', actorId: 'user-1', roles: ['reviewer', 'admin'], ...overrides });

  const post = async (url: string, query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse };
  };

  const query = async (source: string, headers: Record<string, string> = {}) =>
    post(`${gateway.url}/graphql`, source, { authorization: `Bearer ${await token()}`, ...headers });

  it('answers a query that spans both subgraphs', async () => {
    const { status, body } = await query('{ things { id name reviewCount } }');
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        things: [
          { id: 't1', name: 'First thing', reviewCount: 3 },
          { id: 't2', name: 'Second thing', reviewCount: 0 },
        ],
      },
    });
  });

  it('passes the verified identity and one request id to every subgraph', async () => {
    const { headers } = await query('{ things { reviewCount } }');
    const requestId = headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.map(({ subgraph }) => subgraph).sort()).toEqual(['reviews', 'reviews', 'things']);
    for (const { identity } of seen) {
      expect(identity).toEqual({ tenantId: 'tenant-a', actorId: 'user-1', roles: ['reviewer', 'admin'], requestId });
    }
  });

  it('ignores identity headers sent by the client', async () => {
    const { status } = await query('{ things { id reviewCount } }', {
      'x-growth-tenant': 'tenant-b',
      'x-growth-actor': 'intruder',
      'x-growth-roles': 'superuser',
      'x-growth-timestamp': String(Date.now()),
      'x-growth-signature': 'forged',
    });
    expect(status).toBe(200);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(({ identity }) => identity.tenantId === 'tenant-a' && identity.actorId === 'user-1')).toBe(true);
  });

  it('keeps a sane incoming request id and replaces any other', async () => {
    const kept = await query('{ things { id } }', { 'x-request-id': 'trace-42.abc' });
    expect(kept.headers.get('x-request-id')).toBe('trace-42.abc');
    expect(seen[0].identity.requestId).toBe('trace-42.abc');

    const replaced = await query('{ things { id } }', { 'x-request-id': `${'x'.repeat(200)}` });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  describe('refuses with 401 UNAUTHENTICATED', () => {
    const refused = async (authorization: string | undefined, message: string) => {
      const { status, headers, body } = await post(`${gateway.url}/graphql`, '{ things { id } }', authorization ? { authorization } : {});
      expect(status).toBe(401);
      expect(headers.get('www-authenticate')).toBe('Bearer');
      expect(body).toEqual({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
      expect(seen).toEqual([]);
    };

    it('a request without a token', () => refused(undefined, 'Missing bearer token'));

    it('a token that is not a bearer token', async () => refused(`Basic ${Buffer.from('a:b').toString('base64')}`, 'Missing bearer token'));

    it('a tampered token', async () => {
      const [header, payload, signature] = (await token()).split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, tid: 'tenant-b' })).toString('base64url');
      await refused(`Bearer ${header}.${forged}.${signature}`, 'Invalid token');
    });

    it('an expired token', async () => refused(`Bearer ${await token({ ttl: -60 })}`, 'Token expired'));

    it('a token for another audience', async () => refused(`Bearer ${await token({ audience: 'some-other-api' })}`, 'Invalid token'));

    it('a token signed by another key', async () => {
      const stranger = await createDevIssuer();
      await refused(`Bearer ${await stranger.issueToken({ tenantId: 'tenant-a', actorId: 'user-1', roles: [] })}`, 'Invalid token');
    });
  });

  it('passes a CONCURRENCY_CONFLICT from a subgraph through unchanged', async () => {
    const { body } = await query('mutation { renameThing(id: "t1", expectedVersion: 3) { id } }');
    expect(body.errors).toEqual([
      { message: 'The record is at version 4, not 3: reload it and try again', path: ['renameThing'], extensions: { code: 'CONCURRENCY_CONFLICT' } },
    ]);
  });

  it('passes a VALIDATION_FAILED with its issues through unchanged', async () => {
    const { body } = await query('mutation { createThing(name: "x") { id } }');
    expect(body.errors?.[0]).toMatchObject({
      message: 'name: Name must be at least 3 characters',
      path: ['createThing'],
      extensions: { code: 'VALIDATION_FAILED', issues: [{ path: 'name', message: 'Name must be at least 3 characters' }] },
    });
  });

  it('masks an unexpected subgraph error and shows no stack', async () => {
    const { body, headers } = await query('{ explode }');
    // The request id (also in the response header and every log line of the request) is how support finds the cause.
    expect(body.errors).toEqual([{ message: 'Internal error', path: ['explode'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: headers.get('x-request-id') } }]);
    expect(headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(body)).not.toMatch(/password|10\.0\.3\.7|stack|\.ts:\d+/);
  });

  it('reports invalid queries with their code', async () => {
    const { body } = await query('{ things { nope } }');
    expect(body.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Outside production the error helps: suggestions are hidden in production only.
    expect((await query('{ thing { id } }')).body.errors?.[0].message).toContain('Did you mean "things"');
  });

  it('allows introspection outside production', async () => {
    const { body } = await query('{ __schema { queryType { name } } }');
    expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('serves liveness and readiness without a token', async () => {
    expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200);
  });

  it('refuses an oversized body', async () => {
    const { status } = await query(`{ things { id } } # ${'x'.repeat(1024 * 1024)}`);
    expect(status).toBe(413);
  });

  it('lets a subgraph refuse a direct call without the gateway signature', async () => {
    const { status, body } = await post(`${thingsService.url}/graphql`, '{ things { id } }', {
      'x-growth-tenant': 'tenant-a',
      'x-growth-actor': 'user-1',
      'x-growth-roles': 'admin',
    });
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('masks the failure of a subgraph that went away', async () => {
    const doomed = await startService({ name: 'things', module: ThingsModule, port: 0, gatewaySecret, logger: silent('things'), shutdownHooks: false });
    const lonely = await startGateway({ port: 0, subgraphs: [{ name: 'things', url: `${doomed.url}/graphql` }], auth: issuer.auth, gatewaySecret, production: false, logger: silent('gateway') });
    try {
      await doomed.close();
      const { body } = await post(`${lonely.url}/graphql`, '{ things { id } }', { authorization: `Bearer ${await token()}`, 'x-request-id': 'support-ticket-42' });
      expect(body.errors).toEqual([{ message: 'Internal error', path: ['things'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'support-ticket-42' } }]);
      expect(JSON.stringify(body)).not.toContain('127.0.0.1');
    } finally {
      await lonely.close();
    }
  });

  describe('hardening', () => {
    /** `{ link { next { … { id } } } }`, `depth` fields deep. */
    const nested = (depth: number) => `{ link { ${'next { '.repeat(depth - 2)}id ${'} '.repeat(depth - 2)}} }`;

    const request = async (url: string, init: RequestInit & { headers?: Record<string, string> }) => {
      const response = await fetch(url, { ...init, headers: { authorization: `Bearer ${await token()}`, ...init.headers } });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as GraphQLResponse };
    };
    const ask = (source: string) =>
      request(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: source }) });

    // A refusal is one clear error with a stable code and nothing else: no stack, no location in our code.
    const expectRefusal = (response: { text: string; body: GraphQLResponse }, code: string, message: RegExp) => {
      expect(response.body.data ?? undefined).toBeUndefined();
      expect(response.body.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code } }]);
      expect(response.text).not.toMatch(/stack|\bat .+:\d+|\.ts\b|\.js\b|node_modules|Syntax Error/i);
      expect(seen).toEqual([]);
    };

    describe('limits what one operation may ask', () => {
      it('serves a query as deep as the default limit of 10', async () => {
        const { body } = await ask(nested(10));
        expect(body.errors).toBeUndefined();
        expect(JSON.stringify(body.data)).toContain('"id":"l1"');
      });

      it('refuses a query of depth 12 with QUERY_TOO_DEEP', async () => {
        expectRefusal(await ask(nested(12)), 'QUERY_TOO_DEEP', /^Query depth limit of 10 exceeded, found 12\.$/);
        // Like any invalid operation: 200 for application/json (GraphQL over HTTP), 400 for the newer media type.
        const strict = await request(`${gateway.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify({ query: nested(12) }),
        });
        expect(strict.status).toBe(400);
        expectRefusal(strict, 'QUERY_TOO_DEEP', /^Query depth limit of 10 exceeded, found 12\.$/);
      });

      it('refuses 100 aliases with TOO_MANY_ALIASES', async () => {
        const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: things { id }`).join(' ');
        expectRefusal(await ask(`{ ${aliases} }`), 'TOO_MANY_ALIASES', /^Aliases limit of 30 exceeded, found 100\.$/);
      });

      it('refuses an over-long token stream with TOO_MANY_TOKENS', async () => {
        expectRefusal(await ask(`{ things { ${'id '.repeat(6000)}} }`), 'TOO_MANY_TOKENS', /^Token limit of 5000 exceeded\.$/);
      });

      it('refuses an expensive query with QUERY_TOO_COMPLEX', async () => {
        // Ten levels deep with 130 fields at the bottom: each weighs 1.5^9 ≈ 38.
        const expensive = nested(10).replace('id', 'id name '.repeat(65));
        expectRefusal(await ask(expensive), 'QUERY_TOO_COMPLEX', /^Query Cost limit of 5000 exceeded, found \d+\.$/);
      });

      it('refuses more than 50 directives with TOO_MANY_DIRECTIVES', async () => {
        expectRefusal(await ask(`{ things { ${'id @include(if: true) '.repeat(51)}} }`), 'TOO_MANY_DIRECTIVES', /^Directives limit of 50 exceeded, found 51\.$/);
      });

      it('lets the standard introspection query through', async () => {
        const { body } = await ask(getIntrospectionQuery());
        expect(body.errors).toBeUndefined();
        expect(body.data?.__schema).toBeDefined();
      });
    });

    it('refuses a batch of 50 operations', async () => {
      const batch = Array.from({ length: 50 }, () => ({ query: '{ things { id } }' }));
      const response = await request(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
      expect(response.status).toBe(400);
      expectRefusal(response, 'BAD_REQUEST', /^Batching is not supported\.$/);
    });

    describe('refuses requests a browser could send cross-site without a preflight', () => {
      const url = () => `${gateway.url}/graphql`;
      const expectCsrfRefusal = (response: { status: number; text: string; body: GraphQLResponse }) => {
        expect(response.status).toBe(403);
        expectRefusal(response, 'CSRF_HEADER_REQUIRED', /^Required CSRF header\(s\) not present: .*x-graphql-csrf/);
      };

      it('a text/plain POST', async () => {
        expectCsrfRefusal(await request(url(), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ things { id } }' }) }));
      });

      it('a form-encoded POST', async () => {
        const form = new URLSearchParams({ query: '{ things { id } }' }).toString();
        expectCsrfRefusal(await request(url(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form }));
      });

      it('a GET without a CSRF header, but not one with it', async () => {
        const get = `${url()}?query=${encodeURIComponent('{ things { id } }')}`;
        expectCsrfRefusal(await request(get, { method: 'GET' }));
        const allowed = await request(get, { method: 'GET', headers: { 'x-graphql-csrf': '1' } });
        expect(allowed.status).toBe(200);
        expect(allowed.body).toEqual({ data: { things: [{ id: 't1' }, { id: 't2' }] } });
      });
    });

    it('refuses to start with limits that make no sense', async () => {
      const start = (extra: Partial<GatewayOptions>) => startGateway({ port: 0, subgraphs: [], auth: issuer.auth, gatewaySecret, production: false, logger: silent('gateway'), ...extra });
      await expect(start({ queryLimits: { maxDepth: 0 } })).rejects.toThrow('Query limit maxDepth must be a positive integer, not 0');
      await expect(start({ maxBatchOperations: 0 })).rejects.toThrow(/maxBatchOperations/);
      await expect(start({ maxBatchOperations: 20, rateLimit: { burst: 10 } })).rejects.toThrow('The rate limit burst (10) must allow the largest batch (20)');
      await expect(start({ rateLimit: { perMinute: -1 } })).rejects.toThrow(/perMinute/);
    });

    describe('with configured limits', () => {
      let strict: RunningGateway;

      beforeAll(async () => {
        strict = await startGateway({
          port: 0,
          subgraphs: [{ name: 'things', url: `${thingsService.url}/graphql` }],
          auth: issuer.auth,
          gatewaySecret,
          production: false,
          logger: silent('gateway'),
          queryLimits: { maxDepth: 3, maxAliases: 1 },
          maxBatchOperations: 5,
          rateLimit: { perMinute: 6, burst: 5 },
        });
      });

      afterAll(() => strict?.close());

      const as = async (actorId: string, body: unknown, tenantId = 'tenant-a') => {
        const response = await fetch(`${strict.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await token({ tenantId, actorId })}` },
          body: JSON.stringify(body),
        });
        const text = await response.text();
        return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as GraphQLResponse & GraphQLResponse[] };
      };

      it('applies them', async () => {
        expectRefusal(await as('limits', { query: nested(4) }), 'QUERY_TOO_DEEP', /^Query depth limit of 3 exceeded, found 4\.$/);
        expectRefusal(await as('limits', { query: '{ a: things { id } b: things { id } }' }), 'TOO_MANY_ALIASES', /^Aliases limit of 1 exceeded, found 2\.$/);
      });

      it('serves a batch up to the limit and refuses a larger one', async () => {
        const { status, body } = await as('batcher', [{ query: '{ things { id } }' }, { query: '{ b: things { name } }' }]);
        expect(status).toBe(200);
        expect(body).toEqual([{ data: { things: [{ id: 't1' }, { id: 't2' }] } }, { data: { b: [{ name: 'First thing' }, { name: 'Second thing' }] } }]);
        seen.length = 0;
        const refused = await as('batcher', Array.from({ length: 50 }, () => ({ query: '{ things { id } }' })));
        expect(refused.status).toBe(413);
        expectRefusal(refused, 'BAD_REQUEST', /^Batching is limited to 5 operations per request\.$/);
      });

      it('answers 429 RATE_LIMITED once a caller spent its budget, and still serves others', async () => {
        for (let i = 0; i < 5; i++) expect((await as('eager', { query: '{ things { id } }' })).status).toBe(200);
        seen.length = 0;

        const limited = await as('eager', { query: '{ things { id } }' });
        expect(limited.status).toBe(429);
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(9);
        expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(10);
        expect(limited.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
        expectRefusal(limited, 'RATE_LIMITED', /^Too many requests: retry in \d+ s$/);

        // Another actor of the same tenant, and the same actor id in another tenant, have budgets of their own.
        expect((await as('patient', { query: '{ things { id } }' })).body.data).toEqual({ things: [{ id: 't1' }, { id: 't2' }] });
        expect((await as('eager', { query: '{ things { id } }' }, 'tenant-b')).status).toBe(200);
      });

      it('charges a batch for each of its operations', async () => {
        const twice = [{ query: '{ things { id } }' }, { query: '{ things { name } }' }];
        expect((await as('batching', twice)).status).toBe(200);
        expect((await as('batching', twice)).status).toBe(200);
        seen.length = 0;
        const limited = await as('batching', twice); // 1 of 5 tokens left: the request is let in, its batch is not
        expect(limited.status).toBe(429);
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(9);
        expectRefusal(limited, 'RATE_LIMITED', /^Too many requests: retry in \d+ s$/);
      });
    });
  });

  describe('in production', () => {
    let jwksServer: Server;
    let production: RunningGateway;

    beforeAll(async () => {
      jwksServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(issuer.jwks)));
      await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
      const { port } = jwksServer.address() as AddressInfo;
      production = await startGateway({
        port: 0,
        subgraphs: [
          { name: 'things', url: `${thingsService.url}/graphql` },
          { name: 'reviews', url: `${reviewsService.url}/graphql` },
        ],
        auth: { issuer: issuer.issuer, audience: issuer.audience, jwksUrl: `http://127.0.0.1:${port}/jwks.json` },
        gatewaySecret,
        production: true,
        logger: silent('gateway'),
      });
    });

    afterAll(async () => {
      await production?.close();
      await new Promise((resolve) => jwksServer?.close(resolve));
    });

    it('verifies tokens against the remote JWKS', async () => {
      const { body } = await post(`${production.url}/graphql`, '{ things { id reviewCount } }', { authorization: `Bearer ${await token()}` });
      expect(body.data).toEqual({ things: [{ id: 't1', reviewCount: 3 }, { id: 't2', reviewCount: 0 }] });
    });

    it('turns introspection off', async () => {
      const { body } = await post(`${production.url}/graphql`, '{ __schema { queryType { name } } }', { authorization: `Bearer ${await token()}` });
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('hides field suggestions, which would give away what introspection no longer does', async () => {
      const { body } = await post(`${production.url}/graphql`, '{ thing { id } }', { authorization: `Bearer ${await token()}` });
      expect(body.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('Cannot query field "thing"'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
      expect(body.errors?.[0].message).not.toMatch(/Did you mean|things/);
    });

    it('applies the query limits', async () => {
      const { body } = await post(`${production.url}/graphql`, `{ link { ${'next { '.repeat(10)}id ${'} '.repeat(10)}} }`, { authorization: `Bearer ${await token()}` });
      expect(body.errors).toEqual([{ message: 'Query depth limit of 10 exceeded, found 12.', extensions: { code: 'QUERY_TOO_DEEP' } }]);
    });

    it('refuses to start with a local key set', async () => {
      await expect(startGateway({ port: 0, subgraphs: [], auth: issuer.auth, gatewaySecret, production: true, logger: silent('gateway') })).rejects.toThrow(/remote JWKS/);
    });
  });
});
