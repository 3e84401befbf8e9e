import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type Agent as HttpAgent } from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';
import type { LookupFunction } from 'node:net';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { isInternalAddressLiteral } from '../domain/target-address';

/** The Standard Webhooks spec recommends 15 to 30 s ("Request timeouts"): enough for a receiver to acknowledge. */
export const REQUEST_TIMEOUT_MS = 15_000;

/**
 * What the delivery log says of a refused target. The filter's own text names the address a hostname resolved to
 * ("DNS lookup 10.1.2.3(family:4, host:db.internal) is not allowed…"): the platform's internal DNS, not for tenants.
 */
export const REFUSED_TARGET = 'refused: the target address is not public';

/** request-filtering-agent's refusals all read "DNS lookup <address>(…) is not allowed…". */
const isFilterRefusal = (error: Error): boolean => /^DNS lookup .* is not allowed/.test(error.message);

class RefusedTargetError extends Error {
  constructor() {
    super(REFUSED_TARGET);
  }
}

/**
 * Resolves through `base` and refuses any internal address, in the same terms as registration: a second guard under
 * the agent's, and the one for IPv4-compatible IPv6 (`::/96`), which the agent counts as public unicast. Not the
 * agent's `denyIPAddressList`: matching an IPv4 address against an IPv6 range throws there, and it warns on every
 * connection to a public IPv4 address.
 */
const publicAddressesOnly =
  (base: LookupFunction): LookupFunction =>
  (hostname, options, callback) =>
    base(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
      if (addresses.some(isInternalAddressLiteral)) return callback(new RefusedTargetError(), address, family);
      return callback(null, address, family);
    });

const errorText = (error: Error, timeoutMs: number): string => {
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  return error instanceof RefusedTargetError || isFilterRefusal(error) ? REFUSED_TARGET : error.message;
};

export interface SendOutcome {
  /** The response's status, or null when there was none (refused, unreachable, timed out). */
  readonly statusCode: number | null;
  readonly retryAfter: string | null;
  /** Why it failed; null on a 2xx. */
  readonly error: string | null;
  readonly durationMs: number;
}

export interface WebhookSender {
  send(url: string, headers: Record<string, string>, body: string): Promise<SendOutcome>;
  close(): void;
}

/**
 * POSTs over node:http(s) through request-filtering-agent, which checks the address each connection actually goes
 * to (after DNS, so a name that resolves, or is re-pointed, to an internal address is refused too) unless the
 * deployment allows private targets. Redirects are not followed (node's client never does): a 3xx is a failure.
 * `lookup` replaces DNS (tests); a refused target is recorded as `REFUSED_TARGET`, whatever refused it.
 */
export const webhookSender = (options: { allowPrivateTargets: boolean; timeoutMs?: number; lookup?: LookupFunction }): WebhookSender => {
  const filter = { allowPrivateIPAddress: options.allowPrivateTargets, allowMetaIPAddress: options.allowPrivateTargets, keepAlive: false };
  const agents: { http: HttpAgent; https: HttpsAgent } = { http: new RequestFilteringHttpAgent(filter), https: new RequestFilteringHttpsAgent(filter) };
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const base = options.lookup ?? (dnsLookup as LookupFunction);
  const lookup = options.allowPrivateTargets ? base : publicAddressesOnly(base);
  return {
    send(url, headers, body) {
      const started = Date.now();
      const done = (statusCode: number | null, retryAfter: string | null, error: string | null): SendOutcome => ({ statusCode, retryAfter, error, durationMs: Date.now() - started });
      const target = new URL(url);
      // An IP literal is connected without a lookup: checked here as at registration.
      if (!options.allowPrivateTargets && isInternalAddressLiteral(target.hostname)) return Promise.resolve(done(null, null, REFUSED_TARGET));
      return new Promise<SendOutcome>((resolve) => {
        const secure = target.protocol === 'https:';
        const request = (secure ? httpsRequest : httpRequest)(target, {
          method: 'POST',
          agent: secure ? agents.https : agents.http,
          lookup,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'growth-webhooks/1' },
          signal: AbortSignal.timeout(timeoutMs),
        });
        request.on('response', (response) => {
          // The body is not needed; read it so the socket is released.
          response.resume();
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            const retryAfter = typeof response.headers['retry-after'] === 'string' ? response.headers['retry-after'] : null;
            resolve(done(status, retryAfter, status >= 200 && status < 300 ? null : `HTTP ${status}`));
          });
          response.on('error', (error) => resolve(done(response.statusCode ?? null, null, error.message)));
        });
        request.on('error', (error) => resolve(done(null, null, errorText(error, timeoutMs))));
        request.end(body);
      });
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
};
