import type { AddressInfo } from 'node:net';
import { Module, type DynamicModule, type OnModuleDestroy, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { registerHealthRoutes } from './health/health-routes';
import { assertGatewaySecret } from './identity/identity-signature';
import { createLogger } from './logging/create-logger';
import { PinoLoggerService } from './logging/pino-logger.service';
import { ServiceContextModule } from './service-context';

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export interface StartServiceOptions {
  name: string;
  module: Type<unknown> | DynamicModule;
  port: number;
  host?: string;
  gatewaySecret: string;
  /** Resolves when the service can take traffic; its rejection message is the 503 reason. */
  readiness?: () => Promise<void>;
  /** Defaults to JSON lines on stdout at `LOG_LEVEL` (info). */
  logger?: Logger;
  bodyLimitBytes?: number;
  /** Close on SIGTERM/SIGINT. Turn off when several services share one process and its signals. */
  shutdownHooks?: boolean;
}

export interface RunningService {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

export async function startService(options: StartServiceOptions): Promise<RunningService> {
  const { name, module, port, host = '127.0.0.1', gatewaySecret, readiness, shutdownHooks = true } = options;
  assertGatewaySecret(gatewaySecret);
  const logger = options.logger ?? createLogger({ service: name });
  const shutdown = new ShutdownState();

  const app = await NestFactory.create<NestFastifyApplication>(
    {
      module: ServiceRootModule,
      imports: [ServiceContextModule.register({ name, gatewaySecret, logger }), module],
      providers: [{ provide: ShutdownState, useValue: shutdown }],
    },
    new FastifyAdapter({ bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES }),
    { logger: new PinoLoggerService(logger), abortOnError: false },
  );
  registerHealthRoutes(app.getHttpAdapter().getInstance(), { readiness, isShuttingDown: () => shutdown.started });
  if (shutdownHooks) app.enableShutdownHooks();

  try {
    await app.listen(port, host);
  } catch (error) {
    await app.close();
    throw error;
  }
  const url = urlOf(app.getHttpServer().address() as AddressInfo);
  logger.info({ url }, 'Service started');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= app.close().then(() => {
      logger.info('Service stopped');
    }));
  return { app, url, close };
}

@Module({})
class ServiceRootModule {}

/** Flips readiness to 503 as soon as shutdown begins, whether from close() or a signal. */
class ShutdownState implements OnModuleDestroy {
  started = false;

  onModuleDestroy(): void {
    this.started = true;
  }
}

function urlOf({ address, family, port }: AddressInfo): string {
  return `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`;
}
