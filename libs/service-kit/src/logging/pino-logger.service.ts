import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

// Nest's own convention for telling a stack trace apart from a context name in `error(message, stackOrContext)`.
const STACK_TRACE = /^(.)+\n\s+at .+:\d+:\d+/;

/** Lets Nest (and code using Nest's `Logger`) write through pino. */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const fields = nestParams(level, params);
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...message });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}

/** Nest calls `log(message, context)` and `error(message, stack?, context?)`. */
function nestParams(level: Level, [first, second]: unknown[]): Record<string, unknown> {
  if (level === 'error') {
    if (second !== undefined) return withoutUndefined({ stack: first, context: second });
    if (typeof first === 'string' && STACK_TRACE.test(first)) return { stack: first };
  }
  return typeof first === 'string' ? { context: first } : {};
}

function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
