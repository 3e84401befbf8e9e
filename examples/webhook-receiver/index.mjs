// A webhook receiver for trying deliveries locally: verifies each request with the endpoint's secret (Standard
// Webhooks, the `standardwebhooks` package), de-duplicates by webhook-id and prints one line per event.
//   WEBHOOK_SECRET=whsec_... PORT=4990 node examples/webhook-receiver/index.mjs
// Answer 2xx only after the event is safely handled: anything else is retried, for about three days.
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error('WEBHOOK_SECRET is required: the secret registerWebhookEndpoint returned (whsec_...)');
  process.exit(2);
}
const webhook = new Webhook(secret);
// In memory, for an example: a real receiver records handled ids durably, with what it did about them.
const handled = new Set();

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    let event;
    try {
      event = webhook.verify(body, request.headers);
    } catch (error) {
      console.error(`refused: ${error.message}`);
      response.writeHead(401).end();
      return;
    }
    const id = request.headers['webhook-id'];
    if (handled.has(id)) console.error(`duplicate ${id}: already handled`);
    else {
      handled.add(id);
      console.log(`${event.type} tenant=${event.tenantId} stream=${event.streamId}#${event.streamVersion} data=${JSON.stringify(event.data)}`);
    }
    response.writeHead(204).end();
  });
});

server.listen(Number(process.env.PORT ?? 4990), '127.0.0.1', () => console.error(`listening on http://127.0.0.1:${server.address().port}/`));
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
