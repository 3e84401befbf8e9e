import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { assertGatewaySecret, createLogger } from '@growth/service-kit';
import type { Logger } from 'pino';
import { createTokenVerifier, type AuthConfig } from './authentication';
import { composeSupergraph } from './compose-supergraph';
import { gatewayIdentityPlugin } from './gateway-identity.plugin';
import { hiveLoggerOver } from './hive-logger';
import { inputChecksPlugin } from './input-checks.plugin';
import { CSRF_HEADERS, maskGatewayError } from './mask-error';
import { queryLimitPlugins, resolveQueryLimits, type QueryLimits } from './query-limits';
import { rateLimitPlugin } from './rate-limit.plugin';
import { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rate-limiter';
import { fetchSubgraphSdl, type SdlRetry, type SubgraphEndpoint } from './subgraph-sdl';
import { trainingPlanExportRoute } from './training-plan-export';

export const GRAPHQL_ENDPOINT = '/graphql';
/** The subgraph that also serves the training plan download the gateway relays (`/exports/training-plans/:siteId.csv`). */
const GOALS_SUBGRAPH = 'goals';
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/** One operation per request: a JSON array of operations (a batch) is refused. */
export const DEFAULT_MAX_BATCH_OPERATIONS = 1;
const DRAIN_TIMEOUT_MS = 10_000;
/** Options of every subgraph's HTTP executor (`@graphql-tools/executor-http`). */
export const SUBGRAPH_TRANSPORT_OPTIONS = { deduplicateInflightRequests: false } as const;

export interface GatewayOptions {
  port: number;
  host?: string;
  subgraphs: SubgraphEndpoint[];
  auth: AuthConfig;
  gatewaySecret: string;
  /** Turns introspection off and insists on a remote JWKS. */
  production: boolean;
  /** Defaults to JSON lines on stdout at `LOG_LEVEL` (info). */
  logger?: Logger;
  sdlRetry?: SdlRetry;
  bodyLimitBytes?: number;
  /** Depth, aliases, tokens, cost and directives per operation; each defaults to `DEFAULT_QUERY_LIMITS`. */
  queryLimits?: Partial<QueryLimits>;
  /** Operations a request may carry as a JSON array; 1 (the default) refuses batches altogether. */
  maxBatchOperations?: number;
  /** Token buckets per (tenant, actor), kept in this process; defaults to `DEFAULT_RATE_LIMIT`; `false` turns it off. */
  rateLimit?: Partial<RateLimitOptions> | false;
}

export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

/** Composes the subgraphs into a supergraph and serves it, authenticated, at /graphql (and the goals CSV download beside it). */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { port, host = '127.0.0.1', subgraphs, auth, gatewaySecret, production, bodyLimitBytes = DEFAULT_BODY_LIMIT_BYTES } = options;
  const { maxBatchOperations = DEFAULT_MAX_BATCH_OPERATIONS } = options;
  assertGatewaySecret(gatewaySecret);
  if (production && !('jwksUrl' in auth)) throw new Error('In production the gateway verifies tokens against a remote JWKS: set auth.jwksUrl');
  if (!Number.isInteger(maxBatchOperations) || maxBatchOperations < 1) throw new Error(`maxBatchOperations must be a positive integer, not ${maxBatchOperations}`);
  const queryLimits = resolveQueryLimits(options.queryLimits);
  const rateLimit = options.rateLimit === false ? undefined : { ...DEFAULT_RATE_LIMIT, ...options.rateLimit };
  if (rateLimit && rateLimit.burst < maxBatchOperations) throw new Error(`The rate limit burst (${rateLimit.burst}) must allow the largest batch (${maxBatchOperations})`);
  const limiter = rateLimit && createRateLimiter(rateLimit);
  const logger = options.logger ?? createLogger({ service: 'gateway' });

  const supergraph = composeSupergraph(
    await Promise.all(
      subgraphs.map(async (subgraph) => ({
        ...subgraph,
        sdl: await fetchSubgraphSdl(subgraph, {
          onRetry: ({ name, url, attempt, error }) => logger.warn({ subgraph: name, url, attempt, err: error }, 'waiting for a subgraph to answer with its schema'),
          ...options.sdlRetry,
        }),
      })),
    ),
  );

  const verifyToken = createTokenVerifier(auth);
  const identityPlugin = gatewayIdentityPlugin({ verifyToken, gatewaySecret, graphqlEndpoint: GRAPHQL_ENDPOINT, logger });
  const plugins = [
    // First: everything after it relies on the verified identity.
    identityPlugin,
    ...(limiter ? [rateLimitPlugin({ limiter, identityOf: identityPlugin.identityOf, graphqlEndpoint: GRAPHQL_ENDPOINT, maxBatchOperations, logger })] : []),
    // Before the query limits: its page-size check replaces validation when it refuses.
    inputChecksPlugin(),
    ...queryLimitPlugins(queryLimits, { hideFieldSuggestions: production }),
  ];
  const runtime = createGatewayRuntime({
    supergraph,
    transports: { http: httpTransport },
    // The subgraph executor merges identical in-flight queries by URL, method and body by default. The signed
    // identity is added later (onFetch), so merging would hand one caller's answer to another: every subgraph
    // request is sent on its own.
    transportEntries: { '*': { options: SUBGRAPH_TRANSPORT_OPTIONS } },
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health/live',
    readinessCheckEndpoint: '/health/ready',
    graphiql: false,
    landingPage: false,
    // isDev would add the original error and its stack to responses.
    maskedErrors: { maskError: maskGatewayError, isDev: false },
    // Subgraph errors reach the client as the subgraph sent them, without the subgraph's name.
    subgraphErrors: { errorCode: false, subgraphNameProp: false },
    disableIntrospection: production ? {} : undefined,
    // GET and the content types a browser sends cross-site without a preflight must carry one of these headers.
    csrfPrevention: { requestHeaders: CSRF_HEADERS },
    batching: maxBatchOperations > 1 ? { limit: maxBatchOperations } : false,
    // The identity plugin owns the request id: it vets the incoming one and signs it.
    requestId: false,
    logging: hiveLoggerOver(logger),
    plugins: () => plugins,
  });

  const goals = subgraphs.find(({ name }) => name === GOALS_SUBGRAPH);
  const exportRoute = goals && trainingPlanExportRoute({ verifyToken, limiter, gatewaySecret, goalsSubgraphUrl: goals.url, logger });
  const server = createServer((req, res) => {
    if (exportRoute?.(req, res)) return;
    if (hasAcceptableBody(req, res, bodyLimitBytes)) void runtime(req, res);
  });
  try {
    await listen(server, port, host);
  } catch (error) {
    await runtime.dispose();
    throw error;
  }
  const url = urlOf(server.address() as AddressInfo);
  logger.info({ url, subgraphs: subgraphs.map(({ name }) => name), queryLimits, maxBatchOperations, rateLimit: rateLimit ?? false }, 'Gateway started');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await stopAccepting(server);
      await runtime.dispose();
      logger.info('Gateway stopped');
    })());
  return { url, close };
}

// Yoga buffers request bodies whole: refuse big ones before it reads them, and chunked ones whose size is unknown.
function hasAcceptableBody(req: IncomingMessage, res: ServerResponse, limit: number): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return true;
  const length = Number(req.headers['content-length']);
  if (req.headers['transfer-encoding'] || !Number.isFinite(length)) return reject(res, 411, 'A Content-Length header is required');
  if (length > limit) return reject(res, 413, `The request body is larger than ${limit} bytes`);
  return true;
}

function reject(res: ServerResponse, status: number, message: string): false {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }));
  return false;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

// Lets requests in flight finish (up to a limit) before the runtime and its subgraph connections go away.
function stopAccepting(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS).unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function urlOf({ address, family, port }: AddressInfo): string {
  return `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`;
}
