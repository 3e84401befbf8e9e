import { randomBytes } from 'node:crypto';

export const testKafkaBrokers = (): string[] => {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run tests through jest (global setup) or npm test');
  return brokers.split(',');
};

/** Topic and group names unique to one test, so reruns and parallel files never share state on the broker. */
export const uniqueName = (prefix: string): string => `${prefix}.${randomBytes(4).toString('hex')}`;
