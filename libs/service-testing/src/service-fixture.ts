import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ensureApplicationRole, openServiceDataSource, urlForRole } from '@growth/es-postgres';
import { InProcessTransport, InProcessTransportSchema1732300000001 } from '@growth/messaging';
import { signIdentity, type EventSourcedServiceOptions, type Identity, type RunningEventSourcedService } from '@growth/service-kit';
import { createTestDatabase, testDatabaseAdminUrl, type TestDatabase } from '@growth/testing';

export interface GraphQLResult<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

type ServiceStarter = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>) => Promise<RunningEventSourcedService>;

export interface ServiceFixture {
  readonly service: RunningEventSourcedService;
  readonly transport: InProcessTransport;
  /** A GraphQL request as the gateway would send it: identity signed with the shared secret. */
  query<T = Record<string, unknown>>(query: string, variables?: object, identity?: Partial<Identity>): Promise<GraphQLResult<T>>;
  /** Another instance of the service on the same database and transport, as a scaled-out deployment runs; closed with the fixture. */
  startAnother(): Promise<RunningEventSourcedService>;
  close(): Promise<void>;
}

/** One service on a fresh database and the in-process transport, for its own integration tests. */
export const startServiceFixture = async (start: ServiceStarter): Promise<ServiceFixture> => {
  const serviceDb: TestDatabase = await createTestDatabase('svc');
  const busDb: TestDatabase = await createTestDatabase('bus');
  const bus: DataSource = await openServiceDataSource({ url: busDb.url, migrations: [InProcessTransportSchema1732300000001] });
  const transport = new InProcessTransport(bus, { pollIntervalMs: 200 });
  const gatewaySecret = randomBytes(32).toString('base64url');
  // As in production: migrations as the owner, requests as an application role that row-level security binds.
  const role = { name: 'growth_test_app', password: 'growth_test_app' };
  await ensureApplicationRole(testDatabaseAdminUrl(), role);
  const options = { port: 0, databaseUrl: urlForRole(serviceDb.url, role), migrationDatabaseUrl: serviceDb.url, transport, gatewaySecret, shutdownHooks: false };
  const service = await start(options);
  const others: RunningEventSourcedService[] = [];
  return {
    service,
    transport,
    async query(query, variables = {}, identity = {}) {
      const headers = signIdentity({ tenantId: 'lausd', actorId: 'hr-1', roles: ['hr'], requestId: randomBytes(8).toString('hex'), ...identity }, gatewaySecret);
      const response = await fetch(`${service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphQLResult<never>;
    },
    async startAnother() {
      const another = await start(options);
      others.push(another);
      return another;
    },
    async close() {
      for (const other of others) await other.close();
      await service.close();
      await transport.close();
      await bus.destroy();
      await Promise.all([serviceDb.drop(), busDb.drop()]);
    },
  };
};
