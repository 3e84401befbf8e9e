import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchSubgraphSdl } from './subgraph-sdl';

describe('fetchSubgraphSdl', () => {
  let server: Server;
  let url: string;
  let requests = 0;

  beforeAll(async () => {
    // Answers 503 twice, as a subgraph still starting would, then the SDL.
    server = createServer((_req, res) => {
      requests += 1;
      if (requests <= 2) return void res.writeHead(503).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { _service: { sdl: 'type Query { ok: Boolean }' } } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('retries until the subgraph answers', async () => {
    await expect(fetchSubgraphSdl({ name: 'slow', url }, { attempts: 5, delayMs: 10 })).resolves.toBe('type Query { ok: Boolean }');
    expect(requests).toBe(3);
  });

  it('gives up after the last attempt, naming the subgraph', async () => {
    await expect(fetchSubgraphSdl({ name: 'gone', url: 'http://127.0.0.1:1/graphql' }, { attempts: 2, delayMs: 10 })).rejects.toThrow(
      'Could not fetch the SDL of subgraph "gone" at http://127.0.0.1:1/graphql after 2 attempts',
    );
  });
});
