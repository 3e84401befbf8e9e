import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { UnauthenticatedError } from '../errors/domain-errors';
import type { GraphQLContext } from '../graphql/graphql-context';
import type { Identity } from './identity';

/** The caller's verified identity, for resolver parameters. */
export const CurrentIdentity = createParamDecorator((_data: unknown, context: ExecutionContext): Identity => {
  const { identity } = GqlExecutionContext.create(context).getContext<GraphQLContext>();
  // The gateway identity plugin has already refused such requests; this keeps a resolver from ever running without one.
  if (!identity) throw new UnauthenticatedError();
  return identity;
});
