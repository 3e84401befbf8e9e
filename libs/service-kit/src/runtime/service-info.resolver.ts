import { Directive, Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';

@ObjectType({ description: 'Which service answers, and which build: for operators checking a deployment.' })
@Directive('@shareable')
export class ServiceInfo {
  @Field()
  name!: string;

  @Field()
  version!: string;
}

const VERSION = process.env.SERVICE_VERSION ?? '0.1.0';

/** A `<name>Service` query for a subgraph, so even a young service has something real to answer. */
export const serviceInfoResolver = (name: string): Type<unknown> => {
  @Resolver(() => ServiceInfo)
  class ServiceInfoResolver {
    @Query(() => ServiceInfo, { name: `${name}Service` })
    info(): ServiceInfo {
      return { name, version: VERSION };
    }
  }
  return ServiceInfoResolver;
};
