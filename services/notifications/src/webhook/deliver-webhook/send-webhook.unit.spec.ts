import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { REFUSED_TARGET, webhookSender, type WebhookSender } from './send-webhook';

/** DNS that answers one address for every name, as a record pointed at an internal address would. */
const resolvingTo =
  (address: string): LookupFunction =>
  (_hostname, options, callback) => {
    const family = address.includes(':') ? 6 : 4;
    if (options.all) (callback as (e: null, a: LookupAddress[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };

describe('webhook sender', () => {
  const senders: WebhookSender[] = [];
  const sender = (options: Parameters<typeof webhookSender>[0]) => {
    const made = webhookSender({ timeoutMs: 2000, ...options });
    senders.push(made);
    return made;
  };
  afterAll(() => senders.forEach((s) => s.close()));

  it('refuses a hostname that resolves to an internal address, and records a fixed text that names no address', async () => {
    // The last is refused by request-filtering-agent alone (a documentation range), whose own text names the address.
    for (const address of ['::ffff:127.0.0.1', '10.0.0.1', '::7f00:1', '169.254.169.254', 'fd00::5', '2001:db8::1']) {
      for (const url of ['https://hooks.example.org/in', 'http://hooks.example.org:8080/in']) {
        const outcome = await sender({ allowPrivateTargets: false, lookup: resolvingTo(address) }).send(url, {}, '{}');
        expect([address, url, outcome.statusCode, outcome.error]).toEqual([address, url, null, REFUSED_TARGET]);
      }
    }
  });

  it('refuses an internal IP literal before connecting, IPv4-compatible IPv6 included', async () => {
    for (const url of ['https://10.1.2.3/in', 'https://[::ffff:10.0.0.1]/in', 'https://[::7f00:1]/in', 'https://[::1]/in']) {
      const outcome = await sender({ allowPrivateTargets: false }).send(url, {}, '{}');
      expect([url, outcome.statusCode, outcome.error]).toEqual([url, null, REFUSED_TARGET]);
    }
  });

  it("records the resolver's own failure as it is", async () => {
    const failing: LookupFunction = (hostname, _options, callback) => callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
    const outcome = await sender({ allowPrivateTargets: false, lookup: failing }).send('https://nowhere.example.org/in', {}, '{}');
    expect(outcome).toMatchObject({ statusCode: null, error: 'getaddrinfo ENOTFOUND nowhere.example.org' });
  });
});
