import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Identity } from '@growth/service-kit';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { errorResponse } from './error-response';
import type { RateLimiter } from './rate-limiter';

export const RATE_LIMITED = 'RATE_LIMITED';

/** One bucket per verified (tenant, actor), whichever route the request takes. */
export const rateLimitKey = ({ tenantId, actorId }: Identity): string => JSON.stringify([tenantId, actorId]);

export interface RateLimitPluginOptions {
  limiter: RateLimiter;
  /** The verified identity of a request; the identity plugin must have run first. */
  identityOf(request: Request): Identity | undefined;
  graphqlEndpoint: string;
  /** Batches larger than this are refused by Yoga itself and not charged. */
  maxBatchOperations: number;
  logger: Logger;
}

/**
 * Charges every authenticated GraphQL request one token from its caller's bucket, keyed by the verified tenant and
 * actor (never the IP address), before its body is read; a batch is charged its further operations once parsed.
 * Without a token left the answer is 429 with `Retry-After` and a GraphQL error coded RATE_LIMITED.
 */
export function rateLimitPlugin({ limiter, identityOf, graphqlEndpoint, maxBatchOperations, logger }: RateLimitPluginOptions): GatewayPlugin {
  const take = (identity: Identity, cost: number) => {
    const decision = limiter.take(rateLimitKey(identity), cost);
    if (decision.allowed) return undefined;
    const { tenantId, actorId, requestId } = identity;
    logger.info({ requestId, tenantId, actorId, cost, retryAfterSeconds: decision.retryAfterSeconds }, 'Rate limited a caller');
    return { message: `Too many requests: retry in ${decision.retryAfterSeconds} s`, retryAfter: String(decision.retryAfterSeconds) };
  };

  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname !== graphqlEndpoint) return;
      // Requests the identity plugin refused (or CORS preflights) have no identity and are answered already.
      const identity = identityOf(request);
      if (!identity) return;
      const refusal = take(identity, 1);
      if (refusal) {
        endResponse(
          errorResponse(fetchAPI, 429, { message: refusal.message, code: RATE_LIMITED, requestId: identity.requestId, headers: { 'retry-after': refusal.retryAfter } }),
        );
      }
    },

    onRequestParse({ request }) {
      return {
        onRequestParseDone({ requestParserResult }) {
          const operations = Array.isArray(requestParserResult) ? requestParserResult.length : 1;
          const identity = identityOf(request);
          if (operations < 2 || operations > maxBatchOperations || !identity) return;
          const refusal = take(identity, operations - 1);
          if (refusal) {
            throw new GraphQLError(refusal.message, { extensions: { code: RATE_LIMITED, http: { status: 429, headers: { 'retry-after': refusal.retryAfter } } } });
          }
        },
      };
    },
  };
}
