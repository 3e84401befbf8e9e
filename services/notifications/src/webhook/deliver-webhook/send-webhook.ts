import { request as httpRequest, type Agent as HttpAgent } from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

/** The Standard Webhooks spec recommends 15 to 30 s ("Request timeouts"): enough for a receiver to acknowledge. */
export const REQUEST_TIMEOUT_MS = 15_000;

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
 */
export const webhookSender = (options: { allowPrivateTargets: boolean; timeoutMs?: number }): WebhookSender => {
  const filter = { allowPrivateIPAddress: options.allowPrivateTargets, allowMetaIPAddress: options.allowPrivateTargets, keepAlive: false };
  const agents: { http: HttpAgent; https: HttpsAgent } = { http: new RequestFilteringHttpAgent(filter), https: new RequestFilteringHttpsAgent(filter) };
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  return {
    send(url, headers, body) {
      const started = Date.now();
      const done = (statusCode: number | null, retryAfter: string | null, error: string | null): SendOutcome => ({ statusCode, retryAfter, error, durationMs: Date.now() - started });
      return new Promise<SendOutcome>((resolve) => {
        const target = new URL(url);
        const secure = target.protocol === 'https:';
        const request = (secure ? httpsRequest : httpRequest)(target, {
          method: 'POST',
          agent: secure ? agents.https : agents.http,
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
        request.on('error', (error) => resolve(done(null, null, error.name === 'TimeoutError' || error.name === 'AbortError' ? `timed out after ${timeoutMs} ms` : error.message)));
        request.end(body);
      });
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
};
