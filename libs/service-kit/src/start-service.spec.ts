import { Controller, Get, Module } from '@nestjs/common';
import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { DestinationStream } from 'pino';
import {
  ConcurrencyConflictError,
  CurrentIdentity,
  type Identity,
  type RunningService,
  SubgraphModule,
  ValidationFailedError,
  createLogger,
  signIdentity,
  startService,
} from './index';

@ObjectType()
class Caller {
  @Field() tenantId!: string;
  @Field() actorId!: string;
  @Field(() => [String]) roles!: string[];
  @Field() requestId!: string;
}

@Resolver()
class TestResolver {
  @Query(() => Caller)
  whoami(@CurrentIdentity() identity: Identity): Caller {
    return identity;
  }

  @Query(() => Boolean)
  invalid(): boolean {
    throw new ValidationFailedError([{ path: 'title', message: 'Title is required' }]);
  }

  @Query(() => Boolean)
  conflict(): boolean {
    throw new ConcurrencyConflictError('thing-t:1', 3, 4);
  }

  @Query(() => Boolean)
  broken(): boolean {
    throw new Error('connection to db-7.internal refused');
  }
}

@Controller('plain')
class PlainController {
  @Get()
  fail(): never {
    throw new Error('not for the client');
  }
}

@Module({ imports: [SubgraphModule.forRoot()], providers: [TestResolver], controllers: [PlainController] })
class TestModule {}

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: { message: string; extensions: { code: string; [key: string]: unknown } }[];
}

const gatewaySecret = 'service-kit-test-secret-0123456789abcdef';
const identity: Identity = { tenantId: 'tenant-1', actorId: 'actor-1', roles: ['reviewer'], requestId: 'req-123' };

describe('startService', () => {
  let service: RunningService;
  let databaseUp = true;
  const logs: Record<string, unknown>[] = [];
  const destination: DestinationStream = { write: (line: string) => void logs.push(JSON.parse(line)) };

  beforeAll(async () => {
    service = await startService({
      name: 'test-service',
      module: TestModule,
      port: 0,
      gatewaySecret,
      logger: createLogger({ service: 'test-service', level: 'info', destination }),
      readiness: async () => {
        if (!databaseUp) throw new Error('database unreachable');
      },
      shutdownHooks: false,
      bodyLimitBytes: 64 * 1024,
    });
  });

  afterAll(() => service.close());

  const graphql = async <TData = unknown>(query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse<TData> };
  };

  it('reports liveness and readiness', async () => {
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);

    databaseUp = false;
    const notReady = await fetch(`${service.url}/health/ready`);
    databaseUp = true;
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
  });

  it('hands resolvers the identity signed by the gateway', async () => {
    const { status, body } = await graphql('{ whoami { tenantId actorId roles requestId } }', signIdentity(identity, gatewaySecret));
    expect(status).toBe(200);
    expect(body).toEqual({ data: { whoami: identity } });
  });

  it.each([
    ['no signature', {}],
    ['a forged tenant', { ...signIdentity(identity, gatewaySecret), 'x-growth-tenant': 'tenant-2' }],
    ['an expired signature', signIdentity(identity, gatewaySecret, Date.now() - 6 * 60_000)],
    ['another secret', signIdentity(identity, 'some-other-secret-0123456789abcdefghij')],
  ])('refuses a request with %s', async (_case, headers) => {
    const { status, body } = await graphql('{ whoami { tenantId } }', headers);
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: 'Requests must come through the gateway', extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it('serves the federation SDL without identity, linked to federation v2.9', async () => {
    const { status, body } = await graphql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(status).toBe(200);
    expect(body.data?._service.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.9"');
  });

  it('keeps the code and issues of a ValidationFailedError', async () => {
    const { body } = await graphql('{ invalid }', signIdentity(identity, gatewaySecret));
    expect(body.errors).toEqual([
      {
        message: 'title: Title is required',
        locations: [{ line: 1, column: 3 }],
        path: ['invalid'],
        extensions: { code: 'VALIDATION_FAILED', issues: [{ path: 'title', message: 'Title is required' }] },
      },
    ]);
  });

  it('keeps the code of a ConcurrencyConflictError', async () => {
    const { body } = await graphql('{ conflict }', signIdentity(identity, gatewaySecret));
    expect(body.errors?.[0].extensions).toEqual({ code: 'CONCURRENCY_CONFLICT' });
  });

  it('masks an unexpected error and logs it with the request id', async () => {
    const { body } = await graphql('{ broken }', signIdentity(identity, gatewaySecret));
    expect(body.errors).toEqual([
      { message: 'Internal error', locations: [{ line: 1, column: 3 }], path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/db-7|stack|at .*\.ts/);

    const logged = logs.filter((line) => line.level === 'error' && JSON.stringify(line).includes('db-7'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ requestId: identity.requestId });
    expect(logged[0]).toMatchObject({ service: 'test-service', err: { message: 'connection to db-7.internal refused' } });
    expect((logged[0].err as { stack: string }).stack).toContain('start-service.spec.ts');
  });

  it('does not log expected domain errors as failures', () => {
    expect(logs.filter((line) => line.level === 'error' && /Title is required|expected 3/.test(JSON.stringify(line)))).toEqual([]);
  });

  it('refuses introspection by default', async () => {
    const { body } = await graphql('{ __schema { types { name } } }', signIdentity(identity, gatewaySecret));
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('leaves errors of plain HTTP routes to Nest', async () => {
    const response = await fetch(`${service.url}/plain`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ statusCode: 500, message: 'Internal server error' });
  });

  it('refuses a body over the limit', async () => {
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signIdentity(identity, gatewaySecret) },
      body: JSON.stringify({ query: `{ whoami { tenantId } } # ${'x'.repeat(64 * 1024)}` }),
    });
    expect(response.status).toBe(413);
  });

  it('writes every log line as JSON with the service name', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.every((line) => line.service === 'test-service' && typeof line.level === 'string')).toBe(true);
  });

  it('closes once, however often asked, and then stops being ready', async () => {
    const second = await startService({ name: 'closing', module: TestModule, port: 0, gatewaySecret, logger: createLogger({ service: 'closing', level: 'silent' }), shutdownHooks: false });
    await Promise.all([second.close(), second.close()]);
    await second.close();
    await expect(fetch(`${second.url}/health/live`)).rejects.toThrow();
  });
});
