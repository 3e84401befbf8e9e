'use strict';
// Starts the servers integration tests need, unless the environment already points at them.
const { startPostgres } = require('../postgres');
const { startKafka } = require('../kafka');

const log = (message) => process.stderr.write(`[infra] ${message}\n`);

async function timed(name, start) {
  const began = Date.now();
  const server = await start();
  log(`${name} ready in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  return server;
}

/**
 * Starts PostgreSQL unless env.TEST_DATABASE_URL is set and Kafka unless env.KAFKA_BROKERS is set,
 * both at once. If either fails, the other is stopped before the error is thrown.
 */
async function startTestInfra({ env = process.env } = {}) {
  const results = await Promise.allSettled([
    env.TEST_DATABASE_URL ? null : timed('PostgreSQL', () => startPostgres()),
    env.KAFKA_BROKERS ? null : timed('Kafka', () => startKafka()),
  ]);
  const [postgres, kafka] = results.map((r) => (r.status === 'fulfilled' ? r.value : null));
  const started = [postgres, kafka].filter(Boolean);
  const stop = async () => {
    await Promise.all(started.map((server) => server.stop()));
  };

  const errors = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
  if (errors.length) {
    await stop();
    throw errors.length === 1 ? errors[0] : new AggregateError(errors, errors.map((e) => e.message).join('\n'));
  }
  return {
    env: {
      TEST_DATABASE_URL: env.TEST_DATABASE_URL || postgres.url,
      KAFKA_BROKERS: env.KAFKA_BROKERS || kafka.brokers,
    },
    postgres,
    kafka,
    stop,
  };
}

module.exports = { startTestInfra };
