import path from 'node:path';
import { createDevIssuer } from '@growth/gateway';
import { startPostgres } from '@growth/infra-postgres';
import { createLogger } from '@growth/service-kit';
import { dataDirFromEnv, DEV_ADMIN_ACTOR, DEV_TENANT, devKeyFile, gatewaySettingsFromEnv } from './dev-environment';
import { loadSampleDistrict, loadSampleFrameworks, registerDevTenant, type SampleDistrictLoadResult } from './dev-samples';
import { sampleDistrict } from './sample-district';
import { startPlatform } from './platform';

/**
 * `npm start`: embedded PostgreSQL (data under GROWTH_DATA_DIR, default .data/, git-ignored) or DATABASE_URL, the
 * in-process transport or KAFKA_BROKERS, every service, and the gateway on PORT (4000), configured like the
 * production gateway (JWT_*, GATEWAY_MAX_*, GATEWAY_RATE_LIMIT_*). Without JWT_JWKS_URL: a development issuer whose
 * key is kept in the data directory, the development tenant with the sample frameworks and district, and a token.
 */
const main = async () => {
  const logger = createLogger({ service: 'embedded' });
  const settings = await gatewaySettingsFromEnv(process.env, logger);
  const dataDir = dataDirFromEnv(process.env);
  const keyFile = devKeyFile(dataDir);
  const issuer = settings.externalAuth ? undefined : await createDevIssuer({ ...settings.devIssuer, keyFile });
  const external = process.env.DATABASE_URL;
  const postgres = external ? undefined : await startPostgres({ dataDir: path.join(dataDir, 'postgres'), persistent: true });
  const platform = await startPlatform({
    adminDatabaseUrl: external ?? postgres!.url,
    kafkaBrokers: process.env.KAFKA_BROKERS?.split(',').filter(Boolean),
    gatewayPort: settings.port,
    host: settings.host,
    production: settings.production,
    issuer,
    auth: settings.externalAuth,
    rateLimit: settings.rateLimit,
    queryLimits: settings.queryLimits,
    maxBatchOperations: settings.maxBatchOperations,
  }).catch(async (error) => {
    await postgres?.stop();
    throw error;
  });

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

  if (!issuer) {
    const auth = settings.externalAuth!;
    process.stdout.write(
      [
        '',
        `GraphQL gateway:   ${platform.gatewayUrl}`,
        `Tokens:            verified against JWT_JWKS_URL (issuer ${auth.issuer}, audience ${auth.audience}); the development issuer is off,`,
        `                   so no development token is printed, npm run token does not apply, and the development tenant`,
        `                   and sample data are not set up: sign in with your identity provider.`,
        '',
      ].join('\n'),
    );
    return;
  }

  const token = await issuer.issueToken({ tenantId: DEV_TENANT, actorId: DEV_ADMIN_ACTOR, roles: ['hr', 'tenant_admin'], ttl: 12 * 3600 });
  let tenantOutcome = 'not set up (see the log)';
  try {
    tenantOutcome = await registerDevTenant(platform.gatewayUrl, token);
  } catch (error) {
    logger.error({ err: error, tenantId: DEV_TENANT }, 'registering the development tenant failed');
  }
  // The sample frameworks, imported and published once into the development tenant (skipped when present by name).
  try {
    const samples = await loadSampleFrameworks(platform.gatewayUrl, token);
    for (const sample of samples) logger.info({ tenantId: DEV_TENANT, ...sample }, `sample framework ${sample.outcome}`);
  } catch (error) {
    logger.error({ err: error }, 'loading the sample frameworks failed; the platform runs without them');
  }
  const district = sampleDistrict();
  let loaded: SampleDistrictLoadResult | undefined;
  try {
    loaded = await loadSampleDistrict(platform.gatewayUrl, token, district);
    const { errors, ...counts } = loaded;
    logger.info({ tenantId: DEV_TENANT, ...counts }, `sample district ${loaded.outcome}`);
    if (loaded.rejected > 0) logger.warn({ tenantId: DEV_TENANT, rejected: loaded.rejected, errors }, 'the sample district import rejected rows');
  } catch (error) {
    logger.error({ err: error }, 'loading the sample district failed; the platform runs without it');
  }

  const { custodian, custodianSupervisor, plantManager } = district.examples;
  const sites = new Map(district.sites.map((s) => [s.code, s.name]));
  const describe = (p: typeof custodian) => `${p.firstName} ${p.lastName}, ${p.jobClassification}, ${sites.get(p.siteCode)}`;
  const districtLine = !loaded
    ? 'not loaded (see the log)'
    : loaded.outcome === 'skipped'
      ? `${loaded.sites} sites, ${loaded.people} people (already loaded)`
      : `${loaded.sites} sites, ${loaded.people} people (imported: ${loaded.created} people and ${loaded.sitesCreated} sites created, ${loaded.changed} changed, ${loaded.rejected} rejected)`;
  process.stdout.write(
    [
      '',
      `GraphQL gateway:    ${platform.gatewayUrl}`,
      `Development tenant: ${DEV_TENANT} (${tenantOutcome})`,
      `Sample district:    ${districtLine}`,
      `Development token (12 h, roles hr + tenant_admin):`,
      token,
      '',
      `Tokens are signed with ${path.relative(process.cwd(), keyFile) || keyFile}, so they stay valid across restarts. Sign in as anyone:`,
      `  TOKEN=$(npm run -s token -- --person ${custodian.staffNumber} --roles employee)   # ${describe(custodian)}`,
      `  TOKEN=$(npm run -s token -- --person ${custodianSupervisor.staffNumber} --roles employee)   # ${describe(custodianSupervisor)}: sees their team`,
      `  TOKEN=$(npm run -s token -- --person ${plantManager.staffNumber} --roles employee)   # ${describe(plantManager)}: sees the chain below`,
      `Then: curl -s ${platform.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
      `        -d '{"query":"{ people(first: 20) { items { staffNumber firstName lastName jobClassification } } }"}'`,
      '',
    ].join('\n'),
  );
};

main().catch((error) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
