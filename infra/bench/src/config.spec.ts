import { positiveInt, readConfig, runIdFor } from './config';

describe('configuration from the environment', () => {
  it('uses the defaults when nothing is set', () => {
    expect(readConfig({})).toMatchObject({
      rounds: 3,
      appendEventsPerRound: 20_000,
      commandTransactionsPerRound: 2000,
      relayMessagesPerRound: 20_000,
      lagSeconds: 60,
      lagRate: 1000,
      gatewaySeconds: 8,
      gatewayClients: 10,
    });
  });

  it('imports a 100,000-row directory file unless told a size or 0 to skip it', () => {
    expect(readConfig({}).directoryRows).toBe(100_000);
    expect(readConfig({ BENCH_DIRECTORY_ROWS: '2000' }).directoryRows).toBe(2000);
    expect(readConfig({ BENCH_DIRECTORY_ROWS: '0' }).directoryRows).toBe(0);
    expect(readConfig({}).cyclePeople).toBe(100_000);
    expect(readConfig({ BENCH_CYCLE_PEOPLE: '0' }).cyclePeople).toBe(0);
  });

  it('reads overrides, such as a shorter lag run', () => {
    expect(readConfig({ BENCH_LAG_SECONDS: '15', BENCH_ROUNDS: ' 5 ' })).toMatchObject({ lagSeconds: 15, rounds: 5 });
    expect(readConfig({ BENCH_GATEWAY_SECONDS: '3', BENCH_GATEWAY_CLIENTS: '4', BENCH_COMMAND_TRANSACTIONS: '500' })).toMatchObject({
      gatewaySeconds: 3,
      gatewayClients: 4,
      commandTransactionsPerRound: 500,
    });
  });

  it('rejects values that are not positive integers instead of ignoring them', () => {
    expect(() => positiveInt({ X: 'ten' }, 'X', 1)).toThrow('X must be a positive integer, got "ten"');
    expect(() => positiveInt({ X: '0' }, 'X', 1)).toThrow();
    expect(() => positiveInt({ X: '2.5' }, 'X', 1)).toThrow();
    expect(positiveInt({ X: '' }, 'X', 7)).toBe(7);
  });

  it('makes run ids that are safe in database and topic names', () => {
    expect(runIdFor(new Date('2026-03-01T10:20:30.456Z'), 0.5)).toBe('20260301102030_7fff');
    expect(runIdFor(new Date(), 0.999)).toMatch(/^[0-9]{14}_[0-9a-f]{4}$/);
  });
});
