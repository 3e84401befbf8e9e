import type { DataSource } from 'typeorm';
import { openServiceDataSource } from '@growth/es-postgres';
import { createTestDatabase, testKafkaBrokers, type TestDatabase } from '@growth/testing';
import { InProcessTransport } from './in-process-transport';
import { InProcessTransportSchema1732300000001 } from './in-process-transport.migration';
import { KafkaTransport } from './kafka-transport';
import type { IncomingMessage, MessageTransport } from './transport';

/** Both transports behind one factory, so the same specs prove they keep the same semantics. */
export interface TransportFixture {
  readonly transport: MessageTransport;
  /** A second, independent client on the same broker/log (a restarted process). */
  reconnect(): MessageTransport;
  close(): Promise<void>;
}

export const transportFixtures: Array<[string, () => Promise<TransportFixture>]> = [
  [
    'Kafka',
    async () => {
      const clients: MessageTransport[] = [];
      const make = () => {
        const t = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: 'messaging-spec' });
        clients.push(t);
        return t;
      };
      return { transport: make(), reconnect: make, close: async () => void (await Promise.all(clients.map((c) => c.close()))) };
    },
  ],
  [
    'in-process',
    async () => {
      const db: TestDatabase = await createTestDatabase('bus');
      const dataSource: DataSource = await openServiceDataSource({ url: db.url, migrations: [InProcessTransportSchema1732300000001] });
      const clients: MessageTransport[] = [];
      const make = () => {
        const t = new InProcessTransport(dataSource, { pollIntervalMs: 200 });
        clients.push(t);
        return t;
      };
      return {
        transport: make(),
        reconnect: make,
        close: async () => {
          await Promise.all(clients.map((c) => c.close()));
          await dataSource.destroy();
          await db.drop();
        },
      };
    },
  ],
];

/** Subscribes and collects every delivered message, for assertions. */
export const collect = async (transport: MessageTransport, groupId: string, topics: string[]) => {
  const received: IncomingMessage[] = [];
  const subscription = await transport.subscribe({ groupId, topics, handleBatch: async (batch) => void received.push(...batch) });
  return { received, stop: () => subscription.stop() };
};
