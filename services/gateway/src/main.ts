import { createLogger } from '@growth/service-kit';
import { gatewayOptionsFromEnv } from './config-from-env';
import { startGateway } from './gateway';

const logger = createLogger({ service: 'gateway' });

async function main(): Promise<void> {
  const gateway = await startGateway(await gatewayOptionsFromEnv(process.env, logger));

  // The Hive runtime catches the first SIGTERM/SIGINT itself and does not exit, so finishing shutdown is ours.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'Shutting down');
      gateway.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'Shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'Gateway failed to start');
  process.exit(1);
});
