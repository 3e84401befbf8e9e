import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import type { GraphQLContext } from './graphql-context';

/** Refuses every operation without a verified gateway identity, except the SDL query the gateway composes from. */
export function gatewayIdentityPlugin(logger: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (contextValue.identity || isServiceSdlQuery(operation)) return;
          logger.warn({ requestId: contextValue.requestId, reason: contextValue.identityRejection }, 'Refused a request without a valid gateway identity');
          throw new GraphQLError('Requests must come through the gateway', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        },
      };
    },
  };
}

function isServiceSdlQuery(operation: OperationDefinitionNode | undefined): boolean {
  return (
    operation?.operation === 'query' &&
    operation.selectionSet.selections.every(
      (selection) => selection.kind === Kind.FIELD && ['_service', '__typename'].includes(selection.name.value),
    )
  );
}
