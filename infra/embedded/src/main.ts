import path from 'node:path';
import { startPostgres } from '@growth/infra-postgres';
import { createLogger } from '@growth/service-kit';
import { startPlatform } from './platform';
import { loadSampleFrameworks } from './dev-samples';

const DEV_TENANT = 'dev-district';
const repoRoot = path.resolve(__dirname, '../../..');

/**
 * `npm start`: embedded PostgreSQL (data under .data/, git-ignored) or DATABASE_URL, the in-process transport or
 * KAFKA_BROKERS, every service, and the gateway on PORT (4000). Prints a development token for the dev tenant.
 */
const main = async () => {
  const logger = createLogger({ service: 'embedded' });
  const external = process.env.DATABASE_URL;
  const postgres = external ? undefined : await startPostgres({ dataDir: path.join(repoRoot, '.data/postgres'), persistent: true });
  const platform = await startPlatform({
    adminDatabaseUrl: external ?? postgres!.url,
    kafkaBrokers: process.env.KAFKA_BROKERS?.split(',').filter(Boolean),
    gatewayPort: Number(process.env.PORT ?? 4000),
    host: process.env.HOST ?? '127.0.0.1',
    production: process.env.NODE_ENV === 'production',
  }).catch(async (error) => {
    await postgres?.stop();
    throw error;
  });
  const token = await platform.issuer.issueToken({ tenantId: DEV_TENANT, actorId: 'dev-hr-admin', roles: ['hr', 'tenant_admin'], ttl: 12 * 3600 });
  // The sample frameworks, imported and published once into the development tenant (skipped when present by name).
  try {
    const samples = await loadSampleFrameworks(platform.gatewayUrl, token);
    for (const sample of samples) logger.info({ tenantId: DEV_TENANT, ...sample }, `sample framework ${sample.outcome}`);
  } catch (error) {
    logger.error({ err: error }, 'loading the sample frameworks failed; the platform runs without them');
  }

  process.stdout.write(
    [
      '',
      `GraphQL gateway:   ${platform.gatewayUrl}`,
      `Development tenant: ${DEV_TENANT}`,
      `Development token (12 h, roles hr + tenant_admin):`,
      token,
      '',
      `Try: curl -s ${platform.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
      `       -d '{"query":"mutation { createFrameworkDraft(input: { name: \\"Classified Performance Framework\\" }) { frameworkId version } }"}'`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await platform.close();
    await postgres?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
};

main().catch((error) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
