import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export interface CreateLoggerOptions {
  service: string;
  level?: Level | 'silent';
  /** Defaults to stdout. */
  destination?: DestinationStream;
}

/** One JSON object per line, with the service name, an ISO time and a textual level. */
export function createLogger({ service, level, destination }: CreateLoggerOptions): Logger {
  return pino(
    {
      level: level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
