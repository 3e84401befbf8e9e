import { Logger as HiveLogger, type Attributes, type LogLevel } from '@graphql-hive/gateway-runtime';
import type { Logger } from 'pino';
import { codeOf, isExposedCode } from './mask-error';

/** The Hive runtime's logger writing through our pino logger, so its lines share our format and service name. */
export function hiveLoggerOver(logger: Logger): HiveLogger {
  return new HiveLogger({
    level: hiveLevel(logger.level),
    writers: [
      {
        write(level: LogLevel, attrs: Attributes | null | undefined, msg: string | null | undefined) {
          // The runtime logs every subgraph error as an error; a typed domain error (a stale version, a bad
          // field, a refused request) is the caller's to handle, not an incident.
          const code = codeOf(attrs as Parameters<typeof codeOf>[0]);
          if (level === 'error' && isExposedCode(code)) level = 'info';
          logger[level](Array.isArray(attrs) ? { attrs } : (attrs ?? {}), msg ?? undefined);
        },
      },
    ],
  });
}

function hiveLevel(level: string): LogLevel | false {
  if (level === 'silent') return false;
  return level === 'fatal' ? 'error' : (level as LogLevel);
}
