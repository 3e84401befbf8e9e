#!/usr/bin/env node
'use strict';
// node infra/kafka/cli.js resolve                                   fetch the broker jars into .cache/kafka/libs
// node infra/kafka/cli.js start [--port N] [--data-dir D] [--heap-mb N]  run a broker until Ctrl-C
const { parseArgs } = require('node:util');
const { resolveKafka, startKafka } = require('./index');

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'heap-mb': { type: 'string' } },
  });
  const command = positionals[0] ?? 'start';
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  if (command === 'resolve') {
    const libs = await resolveKafka({ quiet: false });
    console.log(`Kafka jars in ${libs} (${seconds()})`);
    return;
  }
  if (command !== 'start') throw new Error(`unknown command "${command}" (use resolve or start)`);

  const kafka = await startKafka({
    port: values.port ? Number(values.port) : undefined,
    dataDir: values['data-dir'],
    heapMb: values['heap-mb'] ? Number(values['heap-mb']) : undefined,
  });
  console.error(`Kafka ready in ${seconds()} (data: ${kafka.dataDir}); Ctrl-C stops it.`);
  console.log(`KAFKA_BROKERS=${kafka.brokers}`);

  const shutdown = async (signal) => {
    process.removeAllListeners(signal);
    process.on(signal, () => process.exit(130)); // a second Ctrl-C: exit now, the exit hook kills the broker
    console.error('Stopping Kafka…');
    await kafka.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
