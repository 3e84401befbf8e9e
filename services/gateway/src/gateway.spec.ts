import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
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
import { startGateway, type RunningGateway } from './gateway';

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
      { message: 'Stream thing-t:t1 is at version 4, expected 3', path: ['renameThing'], extensions: { code: 'CONCURRENCY_CONFLICT' } },
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
    const { body } = await query('{ explode }');
    expect(body.errors).toEqual([{ message: 'Internal error', path: ['explode'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(JSON.stringify(body)).not.toMatch(/password|10\.0\.3\.7|stack|\.ts:\d+/);
  });

  it('reports invalid queries with their code', async () => {
    const { body } = await query('{ things { nope } }');
    expect(body.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
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
      const { body } = await post(`${lonely.url}/graphql`, '{ things { id } }', { authorization: `Bearer ${await token()}` });
      expect(body.errors).toEqual([{ message: 'Internal error', path: ['things'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      expect(JSON.stringify(body)).not.toContain('127.0.0.1');
    } finally {
      await lonely.close();
    }
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

    it('refuses to start with a local key set', async () => {
      await expect(startGateway({ port: 0, subgraphs: [], auth: issuer.auth, gatewaySecret, production: true, logger: silent('gateway') })).rejects.toThrow(/remote JWKS/);
    });
  });
});
