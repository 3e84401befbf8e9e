import type { DynamicModule, Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { startServiceInfrastructure, type Log, type ServiceInfrastructure, type ServiceInfrastructureOptions } from '@growth/messaging';
import { createLogger } from '../logging/create-logger';
import { startService } from '../start-service';

export interface EventSourcedServiceOptions extends Omit<ServiceInfrastructureOptions, 'log'> {
  readonly port: number;
  readonly host?: string;
  readonly gatewaySecret: string;
  /** The service's Nest module, given the infrastructure it may inject. */
  readonly module: (infrastructure: ServiceInfrastructure) => DynamicModule;
  readonly logger?: Logger;
  /** Off when several services share one process and its signals (the embedded mode). */
  readonly shutdownHooks?: boolean;
}

export interface RunningEventSourcedService {
  readonly name: string;
  readonly url: string;
  readonly infrastructure: ServiceInfrastructure;
  close(): Promise<void>;
}

export const pinoLog =
  (logger: Logger): Log =>
  (level, message, fields) =>
    logger[level](fields ?? {}, message);

/** A service's database, event store, relay and projections first, then its HTTP/GraphQL edge; closed the other way round. */
export const startEventSourcedService = async (options: EventSourcedServiceOptions): Promise<RunningEventSourcedService> => {
  const logger = options.logger ?? createLogger({ service: options.name });
  const infrastructure = await startServiceInfrastructure({ ...options, log: pinoLog(logger) });
  try {
    const http = await startService({
      name: options.name,
      module: options.module(infrastructure),
      port: options.port,
      host: options.host,
      gatewaySecret: options.gatewaySecret,
      readiness: infrastructure.ping,
      logger,
      shutdownHooks: options.shutdownHooks,
    });
    return {
      name: options.name,
      url: http.url,
      infrastructure,
      close: async () => {
        await http.close();
        await infrastructure.close();
      },
    };
  } catch (error) {
    await infrastructure.close();
    throw error;
  }
};

/** The injection token of the service's event store: handlers depend on the `EventStore` port, not on PostgreSQL. */
export const EVENT_STORE = Symbol('EventStore');

/** Lets resolvers and command handlers inject the event store (`@Inject(EVENT_STORE)`) and the data source by class. */
export const eventInfrastructureProviders = (infrastructure: ServiceInfrastructure): Provider[] => [
  { provide: EVENT_STORE, useValue: infrastructure.store },
  { provide: DataSource, useValue: infrastructure.dataSource },
];
