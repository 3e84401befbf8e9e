import { setTimeout as sleep } from 'node:timers/promises';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

export interface SdlRetry {
  /** Default: no limit; a gateway waits for its subgraphs rather than exiting while one is slow to start. */
  attempts?: number;
  /** The first wait; it doubles up to `maxDelayMs`. */
  delayMs?: number;
  maxDelayMs?: number;
  /** Told of each failed attempt, e.g. to log that the gateway is still waiting. */
  onRetry?: (failure: { name: string; url: string; attempt: number; error: unknown }) => void;
}

/** Asks a subgraph for its federation SDL, waiting for it while it is still starting. */
export async function fetchSubgraphSdl({ name, url }: SubgraphEndpoint, { attempts = Infinity, delayMs = 250, maxDelayMs = 5000, onRetry }: SdlRetry = {}): Promise<string> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await requestSdl(url);
    } catch (error) {
      lastError = error;
      onRetry?.({ name, url, attempt, error });
      if (attempt < attempts) await sleep(Math.min(delayMs * 2 ** (attempt - 1), maxDelayMs));
    }
  }
  throw new Error(`Could not fetch the SDL of subgraph "${name}" at ${url} after ${attempts} attempts`, { cause: lastError });
}

async function requestSdl(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } }; errors?: { message: string }[] };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`No SDL in the response: ${JSON.stringify(body.errors ?? body)}`);
  return sdl;
}
