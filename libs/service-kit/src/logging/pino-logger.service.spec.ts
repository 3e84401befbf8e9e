import type { DestinationStream } from 'pino';
import { createLogger } from './create-logger';
import { PinoLoggerService } from './pino-logger.service';

describe('PinoLoggerService', () => {
  const lines: Record<string, unknown>[] = [];
  const destination: DestinationStream = { write: (line: string) => void lines.push(JSON.parse(line)) };
  const nestLogger = new PinoLoggerService(createLogger({ service: 'svc', level: 'trace', destination }));

  beforeEach(() => {
    lines.length = 0;
  });

  it('writes the message and Nest context on one JSON line with the service name', () => {
    nestLogger.log('Mapped {/graphql, POST} route', 'RoutesResolver');
    expect(lines).toEqual([expect.objectContaining({ level: 'info', service: 'svc', context: 'RoutesResolver', msg: 'Mapped {/graphql, POST} route' })]);
  });

  it('tells a stack from a context in error()', () => {
    const { stack } = new Error('boom');
    nestLogger.error('boom', stack, 'ExceptionsHandler');
    nestLogger.error('boom', stack);
    nestLogger.error('boom', 'Bootstrap');
    expect(lines.map(({ stack: s, context }) => ({ stack: s === stack, context }))).toEqual([
      { stack: true, context: 'ExceptionsHandler' },
      { stack: true, context: undefined },
      { stack: false, context: 'Bootstrap' },
    ]);
  });

  it('keeps objects as fields and errors as err', () => {
    nestLogger.warn({ msg: 'slow', ms: 1200 });
    nestLogger.error(new Error('broken'));
    expect(lines[0]).toMatchObject({ level: 'warn', msg: 'slow', ms: 1200 });
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'broken', err: { message: 'broken' } });
  });
});
