import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';

/** What startService knows and modules of the service may need (the subgraph module reads the gateway secret here). */
export interface ServiceContext {
  name: string;
  gatewaySecret: string;
  logger: Logger;
}

export const SERVICE_CONTEXT = Symbol('ServiceContext');

@Module({})
export class ServiceContextModule {
  static register(context: ServiceContext): DynamicModule {
    return {
      module: ServiceContextModule,
      global: true,
      providers: [{ provide: SERVICE_CONTEXT, useValue: context }],
      exports: [SERVICE_CONTEXT],
    };
  }
}
