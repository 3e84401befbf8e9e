import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { IDENTITY_HEADERS, signIdentity, type Identity } from '@growth/service-kit';
import type { Logger } from 'pino';
import { AuthenticationError, type TokenVerifier } from './authentication';
import { errorResponse } from './error-response';

export interface GatewayIdentityOptions {
  verifyToken: TokenVerifier;
  gatewaySecret: string;
  graphqlEndpoint: string;
  logger: Logger;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const IDENTITY_HEADER_NAMES = new Set<string>(Object.values(IDENTITY_HEADERS));

export type GatewayIdentityPlugin = GatewayPlugin & {
  /** The verified identity of a GraphQL request, once this plugin's `onRequest` accepted it. */
  identityOf(request: Request): Identity | undefined;
};

/**
 * Authenticates every GraphQL request by its bearer token, then signs the caller's identity onto each subgraph
 * request, replacing whatever identity headers were there.
 */
export function gatewayIdentityPlugin({ verifyToken, gatewaySecret, graphqlEndpoint, logger }: GatewayIdentityOptions): GatewayIdentityPlugin {
  const identities = new WeakMap<Request, Identity>();

  return {
    identityOf: (request) => identities.get(request),

    // Whatever this hook throws would escape to node:http, so every failure becomes a response here.
    async onRequest({ request, url, fetchAPI, endResponse }) {
      // CORS preflights carry no credentials; they execute nothing either.
      if (url.pathname !== graphqlEndpoint || request.method === 'OPTIONS') return;
      const requestId = saneRequestId(request.headers.get(IDENTITY_HEADERS.requestId)) ?? randomUUID();
      try {
        const caller = await verifyToken(request.headers.get('authorization'));
        identities.set(request, { ...caller, requestId });
      } catch (error) {
        if (error instanceof AuthenticationError) {
          logger.info({ requestId, reason: error.message }, 'Refused an unauthenticated request');
          endResponse(errorResponse(fetchAPI, 401, { message: error.message, code: 'UNAUTHENTICATED', requestId, headers: { 'www-authenticate': 'Bearer' } }));
        } else {
          logger.error({ err: error, requestId }, 'Could not verify a bearer token');
          endResponse(errorResponse(fetchAPI, 503, { message: 'Authentication is unavailable', code: 'SERVICE_UNAVAILABLE', requestId }));
        }
      }
    },

    onFetch({ context, options, setOptions }) {
      const identity = 'request' in context ? identities.get(context.request) : undefined;
      const headers = Object.fromEntries(Object.entries(options.headers ?? {}).filter(([name]) => !IDENTITY_HEADER_NAMES.has(name.toLowerCase())));
      setOptions({ ...options, headers: identity ? { ...headers, ...signIdentity(identity, gatewaySecret) } : headers });
    },

    // A masked error says nothing of its cause; its request id finds the cause in the logs.
    onResultProcess({ request, result, setResult }) {
      const requestId = identities.get(request)?.requestId;
      if (!requestId || !isExecutionResult(result) || !result.errors?.some(isMasked)) return;
      setResult({
        ...result,
        errors: result.errors.map((error) => (isMasked(error) ? new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions: { ...error.extensions, requestId } }) : error)),
      });
    },

    onResponse({ request, response }) {
      const requestId = identities.get(request)?.requestId;
      if (requestId) response.headers.set(IDENTITY_HEADERS.requestId, requestId);
    },
  };
}

const isExecutionResult = (result: unknown): result is ExecutionResult => typeof result === 'object' && result !== null && !Array.isArray(result) && 'errors' in result;
const isMasked = (error: GraphQLError): boolean => error.extensions?.code === 'INTERNAL_SERVER_ERROR';

/** The client's request id if it is safe to log and sign, so one id follows a request through every service. */
export function saneRequestId(value: string | null): string | undefined {
  return value && SANE_REQUEST_ID.test(value) ? value : undefined;
}
