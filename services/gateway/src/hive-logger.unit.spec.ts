import { Writable } from 'node:stream';
import { createLogger } from '@growth/service-kit';
import { hiveLoggerOver } from './hive-logger';

describe('hiveLoggerOver', () => {
  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    return { lines, hive: hiveLoggerOver(createLogger({ service: 'gateway', level: 'info', destination })) };
  };

  it('logs errors the caller caused, refusals included, at info', () => {
    const { lines, hive } = capture();
    hive.error({ message: 'Query depth limit of 10 exceeded, found 12.', extensions: { code: 'QUERY_TOO_DEEP' } });
    hive.error({ message: 'Required CSRF header(s) not present', extensions: { http: { status: 403 } } });
    expect(lines.map(({ level }) => level)).toEqual(['info', 'info']);
  });

  it('logs anything else as an error', () => {
    const { lines, hive } = capture();
    hive.error({ message: 'connect ECONNREFUSED', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } });
    expect(lines).toEqual([expect.objectContaining({ level: 'error', message: 'connect ECONNREFUSED' })]);
  });
});
