import { type ApolloFederationDriverConfig, ApolloFederationDriver } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { DomainErrorFilter } from '../errors/domain-error.filter';
import { SERVICE_CONTEXT, type ServiceContext } from '../service-context';
import { scopeTypesToEachSubgraph } from './scope-types-to-subgraph';
import { subgraphGraphQLConfig, type SubgraphGraphQLOptions } from './subgraph-config';

scopeTypesToEachSubgraph();

export type SubgraphModuleOptions = Pick<SubgraphGraphQLOptions, 'introspection' | 'path' | 'buildSchemaOptions'>;

/** The GraphQL subgraph of a service run by startService, which supplies the gateway secret and logger. */
@Module({})
export class SubgraphModule {
  static forRoot(options: SubgraphModuleOptions = {}): DynamicModule {
    return {
      module: SubgraphModule,
      imports: [
        GraphQLModule.forRootAsync<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          inject: [SERVICE_CONTEXT],
          useFactory: ({ gatewaySecret, logger }: ServiceContext) => subgraphGraphQLConfig({ gatewaySecret, logger, ...options }),
        }),
      ],
      providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
    };
  }
}
