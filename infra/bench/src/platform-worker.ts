import { Client } from 'pg';
import { TENANT } from './fixtures';
import { PLATFORM_MODULE, type PlatformWorkerConfig, type PlatformWorkerMessage } from './platform-protocol';

/**
 * The gateway benchmark's platform, in its own process (so the load generator does not share its event loop): the
 * embedded launcher's `startPlatform` (every service and the gateway in one process, as `npm start` runs them),
 * loaded from its build like the directory's import CLI is run from its build (one launcher does not import
 * another's sources). Forked by gateway-bench; answers `ready` with what the load generator needs, stops on a
 * `stop` message, and exits when the parent goes away.
 */

/** The part of infra/embedded's RunningPlatform this uses (checked at start-up, since it is loaded at run time). */
interface RunningPlatform {
  readonly gatewayUrl: string;
  readonly gatewaySecret: string;
  readonly issuer: { issueToken(claims: { tenantId: string; actorId: string; roles: string[]; ttl?: number }): Promise<string> };
  readonly services: ReadonlyArray<{ readonly name: string; readonly url: string }>;
  close(): Promise<void>;
}
type StartPlatform = (options: {
  adminDatabaseUrl: string;
  kafkaBrokers?: readonly string[];
  gatewayPort: number;
  databasePrefix: string;
  rateLimit: false;
}) => Promise<RunningPlatform>;

const sendAndExit = (message: PlatformWorkerMessage, code: number) => {
  if (process.send && process.connected) process.send(message, () => process.exit(code));
  else process.exit(code);
};

/** Statements the platform sent to PostgreSQL: every service reaches it through this one pg module (TypeORM included). */
let statements = 0;
const countStatements = () => {
  const prototype = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = prototype.query;
  prototype.query = function (this: Client, ...args: unknown[]) {
    statements += 1;
    return query.apply(this, args);
  };
};

const run = async () => {
  const config = JSON.parse(process.env.BENCH_PLATFORM_WORKER ?? '') as PlatformWorkerConfig;
  countStatements();
  const { startPlatform } = (await import(PLATFORM_MODULE)) as { startPlatform: StartPlatform };
  const platform = await startPlatform({
    adminDatabaseUrl: config.adminDatabaseUrl,
    kafkaBrokers: config.kafkaBrokers,
    gatewayPort: 0,
    databasePrefix: config.databasePrefix,
    rateLimit: false, // ten clients as one identity: the per-identity limit would measure itself
  });
  if (typeof platform.gatewaySecret !== 'string') {
    await platform.close();
    throw new Error(`${PLATFORM_MODULE} does not expose the gateway secret (RunningPlatform.gatewaySecret): rebuild infra/embedded`);
  }
  let stopping = false;
  const stop = async (graceMs: number) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), graceMs); // never outlive the parent, even if closing hangs
    await platform.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'stop') void stop(20_000);
    if (message?.type === 'cost') {
      const { user, system } = process.cpuUsage();
      const reply: PlatformWorkerMessage = { type: 'cost', cpuMicros: user + system, statements };
      process.send?.(reply);
    }
  });
  process.on('disconnect', () => void stop(3_000));
  const token = await platform.issuer.issueToken({ tenantId: TENANT, actorId: 'bench-hr', roles: ['hr'], ttl: 6 * 3600 });
  const ready: PlatformWorkerMessage = {
    type: 'ready',
    gatewayUrl: platform.gatewayUrl,
    token,
    gatewaySecret: platform.gatewaySecret,
    subgraphs: platform.services.map((s) => ({ name: s.name, url: `${s.url}/graphql` })),
  };
  process.send?.(ready);
};

run().catch((error: unknown) => {
  sendAndExit({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 1);
});
