import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { exposedError } from '../errors/format-graphql-error';
import type { GraphQLContext } from './graphql-context';

/** Masked errors reach the client as "Internal error"; their details go to the log, keyed by request id. */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (exposedError(error)) continue;
            logger.error(
              { err: unwrapResolverError(error), requestId: contextValue.requestId, operationName, path: error.path },
              'Unexpected error in a GraphQL request',
            );
          }
        },
      };
    },
  };
}
