import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { eventually } from '@growth/testing';

const SCRIPT = path.resolve(__dirname, '../../../examples/webhook-receiver/index.mjs');

/**
 * The webhook receiver the README points to, run as its own process: it accepts a delivery signed with its
 * endpoint's secret (printing the event once, however often the delivery is retried) and refuses one that is not.
 */
describe('the example webhook receiver, examples/webhook-receiver', () => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  let child: ChildProcess;
  let exited: Promise<number | null>;
  let [stdout, stderr] = ['', ''];
  let url: string;

  const deliver = (id: string, body: string, key = secret) => {
    const at = new Date();
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(key).sign(id, at, body) };
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  };

  beforeAll(async () => {
    child = spawn(process.execPath, [SCRIPT], { env: { ...process.env, WEBHOOK_SECRET: secret, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    url = await eventually(() => {
      const listening = /listening on (\S+)/.exec(stderr);
      expect(listening).not.toBeNull();
      return `${listening![1]}hooks`;
    });
  });
  afterAll(async () => {
    child?.kill('SIGTERM');
    await exited;
  });

  it('prints a verified delivery once, even when it is retried, and refuses a forged one', async () => {
    const reviewId = randomUUID();
    const body = JSON.stringify({ eventId: randomUUID(), type: 'ReviewFiled', tenantId: 'dev-district', streamId: `review-dev-district:${reviewId}`, streamVersion: 9, data: { reviewId, filing: 1, filedOn: '2027-06-03' } });
    const id = `msg_${randomUUID()}`;
    expect((await deliver(id, body)).status).toBe(204);
    expect((await deliver(id, body)).status).toBe(204);
    expect((await deliver(`msg_${randomUUID()}`, body, `whsec_${randomBytes(32).toString('base64')}`)).status).toBe(401);
    await eventually(() => expect(stderr).toContain(`duplicate ${id}`));
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      `ReviewFiled tenant=dev-district stream=review-dev-district:${reviewId}#9 data={"reviewId":"${reviewId}","filing":1,"filedOn":"2027-06-03"}`,
    ]);
    expect(stderr).toContain('refused:');
  });
});
