import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { resolveKafka, startKafka } from '@growth/infra-kafka';
import { ensureApplicationRole, urlForRole } from '@growth/es-postgres';
import { createDatabase, startPostgres } from '@growth/infra-postgres';

const repoRoot = path.resolve(__dirname, '../../..');
const SERVICES = ['frameworks', 'reviews', 'goals', 'notifications', 'directory'];

/**
 * `npm run start:kafka`: the production shape on one machine. Each service and the gateway run as their own
 * process against a real Kafka broker (started here unless KAFKA_BROKERS is set) and PostgreSQL (embedded unless
 * DATABASE_URL is set), with the same environment variables a deployment sets.
 */
const main = async () => {
  const postgres = process.env.DATABASE_URL ? undefined : await startPostgres({ dataDir: path.join(repoRoot, '.data/postgres'), persistent: true });
  const kafka = process.env.KAFKA_BROKERS ? undefined : await resolveKafka().then(() => startKafka({ dataDir: path.join(repoRoot, '.data/kafka') }));
  const adminUrl = process.env.DATABASE_URL ?? postgres!.url;
  const brokers = process.env.KAFKA_BROKERS ?? kafka!.brokers;
  const gatewaySecret = process.env.GATEWAY_SECRET ?? randomBytes(32).toString('base64url');
  const basePort = Number(process.env.SUBGRAPH_BASE_PORT ?? 4101);
  const children: ChildProcess[] = [];
  const appRole = { name: 'growth_app', password: randomBytes(18).toString('base64url') };
  await ensureApplicationRole(adminUrl, appRole);

  const run = (name: string, script: string, env: Record<string, string>) => {
    const child = spawn(process.execPath, [path.join(repoRoot, script)], { env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code, signal) => {
      if (!stopping) process.stderr.write(`${name} exited (${signal ?? code}); stopping everything\n`);
      void stop();
    });
    children.push(child);
  };

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all(children.filter((c) => c.exitCode === null).map((c) => new Promise((resolve) => c.once('exit', resolve).kill('SIGTERM'))));
    await kafka?.stop();
    await postgres?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  for (const [index, name] of SERVICES.entries()) {
    const ownerUrl = await createDatabase(adminUrl, `growth_${name}`);
    run(name, `services/${name}/dist/main.js`, {
      PORT: String(basePort + index),
      DATABASE_URL: urlForRole(ownerUrl, appRole),
      DATABASE_MIGRATION_URL: ownerUrl,
      KAFKA_BROKERS: brokers,
      GATEWAY_SECRET: gatewaySecret,
    });
  }
  run('gateway', 'services/gateway/dist/main.js', {
    PORT: process.env.PORT ?? '4000',
    SUBGRAPHS: SERVICES.map((name, index) => `${name}=http://127.0.0.1:${basePort + index}/graphql`).join(','),
    GATEWAY_SECRET: gatewaySecret,
  });
};

main().catch((error) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
