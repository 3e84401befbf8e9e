import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { IDENTITY_HEADERS, signIdentity, type Identity } from '@growth/service-kit';
import type { Logger } from 'pino';
import { AuthenticationError, type TokenVerifier } from './authentication';
import { saneRequestId } from './gateway-identity.plugin';
import { RATE_LIMITED, rateLimitKey } from './rate-limit.plugin';
import type { RateLimiter } from './rate-limiter';

const TRAINING_PLAN_EXPORT_PATH = /^\/exports\/training-plans\/([^/]*)\.csv$/;
const SITE_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** What the goals route reads; anything else in the query string stays here. */
const PASSED_PARAMETERS = ['cycleId', 'includeSubSites'] as const;
/**
 * The goals answer's headers a download needs (`retry-after` with its 503 when every export slot is taken); its
 * length is not among them, as the body is relayed as it comes.
 */
const RELAYED_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'retry-after'] as const;

export interface TrainingPlanExportOptions {
  verifyToken: TokenVerifier;
  /** The limiter GraphQL requests take from, so a download costs the caller one request of the same budget. */
  limiter?: RateLimiter;
  gatewaySecret: string;
  /** The goals subgraph's GraphQL URL: the export is served beside it (`<base>/training-plans/<siteId>.csv`). */
  goalsSubgraphUrl: string;
  logger: Logger;
}

/** Answers the request and returns true when it is for this route; returns false, touching nothing, otherwise. */
export type GatewayRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * `GET /exports/training-plans/:siteId.csv`: the School Training Plan download of the goals service, for callers
 * with a bearer token. The token is verified and the caller rate limited as for GraphQL; the identity is signed just
 * before the goals request (signatures expire), and the CSV is relayed as it is produced, never held whole here.
 * A client that goes away aborts the goals request, which stops its database cursor.
 */
export function trainingPlanExportRoute({ verifyToken, limiter, gatewaySecret, goalsSubgraphUrl, logger }: TrainingPlanExportOptions): GatewayRoute {
  const base = new URL('.', goalsSubgraphUrl);

  const relay = async (req: IncomingMessage, res: ServerResponse, siteId: string, query: URLSearchParams): Promise<void> => {
    const requestId = saneRequestId(single(req.headers[IDENTITY_HEADERS.requestId])) ?? randomUUID();
    let identity: Identity;
    try {
      identity = { ...(await verifyToken(single(req.headers.authorization))), requestId };
    } catch (error) {
      if (!(error instanceof AuthenticationError)) {
        logger.error({ err: error, requestId }, 'Could not verify a bearer token');
        return refuse(res, 503, 'Authentication is unavailable', 'SERVICE_UNAVAILABLE', requestId);
      }
      logger.info({ requestId, reason: error.message }, 'Refused an unauthenticated request');
      return refuse(res, 401, error.message, 'UNAUTHENTICATED', requestId, { 'www-authenticate': 'Bearer' });
    }
    const decision = limiter?.take(rateLimitKey(identity));
    if (decision && !decision.allowed) {
      logger.info({ requestId, tenantId: identity.tenantId, actorId: identity.actorId, retryAfterSeconds: decision.retryAfterSeconds }, 'Rate limited a caller');
      return refuse(res, 429, `Too many requests: retry in ${decision.retryAfterSeconds} s`, RATE_LIMITED, requestId, { 'retry-after': String(decision.retryAfterSeconds) });
    }
    if (!SITE_ID.test(siteId)) return refuse(res, 400, 'siteId must be an id', 'BAD_REQUEST', requestId);

    const target = new URL(`training-plans/${siteId}.csv`, base);
    for (const name of PASSED_PARAMETERS) {
      const value = query.get(name);
      if (value !== null) target.searchParams.set(name, value);
    }
    const upstream = new AbortController();
    let clientLeft = false;
    res.once('close', () => {
      if (res.writableFinished) return;
      clientLeft = true;
      upstream.abort();
    });
    let answer: Response;
    try {
      answer = await fetch(target, { headers: { accept: 'text/csv', ...signIdentity(identity, gatewaySecret) }, signal: upstream.signal, redirect: 'manual' });
    } catch (error) {
      if (clientLeft) return;
      logger.error({ err: error, requestId }, 'The goals service did not answer a training plan export');
      return refuse(res, 502, 'The training plan could not be fetched', 'BAD_GATEWAY', requestId);
    }
    const headers: Record<string, string> = { [IDENTITY_HEADERS.requestId]: requestId };
    for (const name of RELAYED_HEADERS) {
      const value = answer.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    res.writeHead(answer.status, headers);
    if (!answer.body) return void res.end();
    try {
      await pipeline(Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>), res);
    } catch (error) {
      upstream.abort();
      // A client that left is no fault; a goals stream that broke off is, and the client sees the body cut short.
      if (!clientLeft) logger.warn({ err: error, requestId }, 'A training plan export stopped before its end');
    }
  };

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const match = TRAINING_PLAN_EXPORT_PATH.exec(url.pathname);
    if (!match) return false;
    if (req.method !== 'GET') {
      refuse(res, 405, 'Only GET is served here', 'METHOD_NOT_ALLOWED', randomUUID(), { allow: 'GET' });
      return true;
    }
    void relay(req, res, match[1], url.searchParams).catch((error: unknown) => {
      logger.error({ err: error }, 'A training plan export failed');
      if (!res.headersSent) refuse(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR', randomUUID());
      else res.destroy();
    });
    return true;
  };
}

const single = (value: string | string[] | undefined): string | null => (typeof value === 'string' ? value : null);

/** The same shape as the GraphQL refusals (`errorResponse`), so clients read one error format. */
function refuse(res: ServerResponse, status: number, message: string, code: string, requestId: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', [IDENTITY_HEADERS.requestId]: requestId, ...headers });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
