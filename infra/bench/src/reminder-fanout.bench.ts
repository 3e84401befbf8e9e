import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ensureApplicationRole, openServiceDataSource, urlForRole } from '@growth/es-postgres';
import { InProcessTransport, InProcessTransportSchema1732300000001 } from '@growth/messaging';
import { startNotificationsService } from '@growth/notifications';
import { BENCH_APP_ROLE } from './fixtures';
import { createDatabase, databaseUrl, dropDatabases, withAdmin } from './databases';

/**
 * One deadline reminder to a whole district: the real notifications service (its own database, as the application
 * role under row-level security, its graphile-worker runner), with its copies seeded directly: one open cycle, one
 * review per person, eight reports per manager, half the staff with a work email. The clock runs from queueing the
 * goal-setting "14 days left" job until every send of the occasion exists: for each review an inbox message and an
 * email (or, without an address, a message in the supervisor's inbox) to the employee and to the supervisor, with
 * the email jobs queued. Email itself is not sent (no SMTP server): that is the SMTP server's time, not ours.
 *
 * The raw baseline, in the same database and run: `INSERT … SELECT generate_series` of the same number of send
 * rows and inbox rows into plain tables of the same shape.
 */

export interface ReminderFanoutRun {
  readonly people: number;
  readonly sends: number;
  readonly seconds: number;
  readonly sendsPerSecond: number;
  readonly rawSeconds: number;
  readonly ratio: number;
}

export interface ReminderFanoutBenchResult {
  readonly small: ReminderFanoutRun;
  readonly large: ReminderFanoutRun;
}

const TENANT = 'bench-district';
const DEADLINES = { goalSetting: '2099-10-15', midYearReflection: '2100-02-15', yearEndConference: '2100-08-01' };

const asTenant = async <T>(ownerUrl: string, work: (client: Parameters<Parameters<typeof withAdmin>[1]>[0]) => Promise<T>): Promise<T> =>
  withAdmin(ownerUrl, async (client) => {
    await client.query(`SELECT set_config('app.tenant_id', $1, false)`, [TENANT]);
    return work(client);
  });

const seed = (ownerUrl: string, people: number, cycleId: string): Promise<void> =>
  asTenant(ownerUrl, async (client) => {
    await client.query(`INSERT INTO notif_tenants (tenant_id, name, time_zone, locale) VALUES ($1, 'Bench District', 'America/Los_Angeles', 'en-US')`, [TENANT]);
    await client.query(`INSERT INTO notif_cycles (tenant_id, cycle_id, name, time_zone, deadlines) VALUES ($1, $2, '2099-00', 'America/Los_Angeles', $3)`, [TENANT, cycleId, JSON.stringify(DEADLINES)]);
    await client.query(
      `INSERT INTO notif_people (tenant_id, person_id, first_name, last_name, work_email, supervisor_id, employment_status)
       SELECT $1, md5('person' || i)::uuid, 'First', 'Last' || i, CASE WHEN i % 2 = 0 THEN 'p' || i || '@bench.example' END,
              CASE WHEN i = 0 THEN NULL ELSE md5('person' || (i / 8))::uuid END, 'ACTIVE'
       FROM generate_series(0, $2 - 1) AS i`,
      [TENANT, people],
    );
    await client.query(
      `INSERT INTO notif_reviews (tenant_id, review_id, cycle_id, person_id, supervisor_id, process, status)
       SELECT $1, md5('review' || i)::uuid, $3, md5('person' || i)::uuid, CASE WHEN i = 0 THEN NULL ELSE md5('person' || (i / 8))::uuid END, 'FULL', 'OPEN'
       FROM generate_series(0, $2 - 1) AS i`,
      [TENANT, people, cycleId],
    );
    await client.query(`ANALYZE`);
  });

/** The least the occasion must write: its send rows and inbox rows, each in one set-based statement. */
const rawBaseline = (ownerUrl: string, sends: number, inboxed: number): Promise<number> =>
  withAdmin(ownerUrl, async (client) => {
    await client.query(`CREATE TABLE raw_sends (send_id uuid PRIMARY KEY, subject text NOT NULL, reminder text NOT NULL, channel text NOT NULL, recipient text NOT NULL, data jsonb NOT NULL, UNIQUE (subject, reminder, channel, recipient))`);
    await client.query(`CREATE TABLE raw_inbox (message_id uuid PRIMARY KEY, recipient text NOT NULL, subject_id uuid NOT NULL, data jsonb NOT NULL, created_at timestamptz NOT NULL)`);
    await client.query(`CREATE INDEX ON raw_inbox (recipient, created_at DESC, message_id DESC)`);
    const started = process.hrtime.bigint();
    await client.query(
      `INSERT INTO raw_sends SELECT md5('s' || i)::uuid, 'review:' || md5('r' || (i / 4)) || ':GOAL_SETTING', 'due-14@2099-10-15', CASE WHEN i % 2 = 0 THEN 'INBOX' ELSE 'EMAIL' END, md5('p' || (i / 2)), jsonb_build_object('daysLeft', 14)
       FROM generate_series(0, $1 - 1) AS i`,
      [sends],
    );
    await client.query(`INSERT INTO raw_inbox SELECT md5('m' || i)::uuid, md5('p' || i), md5('r' || i)::uuid, jsonb_build_object('daysLeft', 14), now() FROM generate_series(0, $1 - 1) AS i`, [inboxed]);
    return Number(process.hrtime.bigint() - started) / 1e9;
  });

const runOnce = async (adminUrl: string, people: number): Promise<ReminderFanoutRun> => {
  const suffix = randomBytes(3).toString('hex');
  const [serviceDb, busDb] = [`bench_notifications_${people}_${suffix}`, `bench_notifications_bus_${people}_${suffix}`];
  const ownerUrl = await createDatabase(adminUrl, serviceDb);
  await createDatabase(adminUrl, busDb);
  let bus: DataSource | undefined;
  let transport: InProcessTransport | undefined;
  let service: Awaited<ReturnType<typeof startNotificationsService>> | undefined;
  try {
    bus = await openServiceDataSource({ url: databaseUrl(adminUrl, busDb), migrations: [InProcessTransportSchema1732300000001] });
    transport = new InProcessTransport(bus, { pollIntervalMs: 200 });
    service = await startNotificationsService({
      port: 0,
      databaseUrl: urlForRole(ownerUrl, BENCH_APP_ROLE),
      migrationDatabaseUrl: ownerUrl,
      transport,
      gatewaySecret: randomBytes(32).toString('base64url'),
      shutdownHooks: false,
      notifications: { jobs: { pollIntervalMs: 100 } },
    });
    const cycleId = randomUUID();
    await seed(ownerUrl, people, cycleId);
    // Every review reaches its employee and (all but the root's) its supervisor, each over the inbox and email.
    const expected = (2 * people - 1) * 2;
    const rawSeconds = await rawBaseline(ownerUrl, expected, Math.round(expected * 0.75));

    const started = process.hrtime.bigint();
    await withAdmin(ownerUrl, (client) =>
      client.query(`SELECT graphile_worker.add_job('phase-reminder', $1::json)`, [
        JSON.stringify({ tenantId: TENANT, cycleId, phase: 'GOAL_SETTING', dueOn: DEADLINES.goalSetting, reminder: 'due-14', daysLeft: 14 }),
      ]),
    );
    const sends = await asTenant(ownerUrl, async (client) => {
      for (;;) {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM notification_sends WHERE reminder = 'due-14@2099-10-15'`);
        if (rows[0].n >= expected) return rows[0].n as number;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { people, sends, seconds, sendsPerSecond: sends / seconds, rawSeconds, ratio: seconds / rawSeconds };
  } finally {
    await service?.close();
    await transport?.close();
    await bus?.destroy();
    await dropDatabases(adminUrl, [serviceDb, busDb]);
  }
};

export const benchReminderFanout = async ({ adminDatabaseUrl, people = 100_000, smallPeople = 10_000 }: { adminDatabaseUrl: string; people?: number; smallPeople?: number }): Promise<ReminderFanoutBenchResult> => {
  await ensureApplicationRole(adminDatabaseUrl, BENCH_APP_ROLE);
  const small = await runOnce(adminDatabaseUrl, smallPeople);
  const large = await runOnce(adminDatabaseUrl, people);
  return { small, large };
};

export const renderReminderFanoutMarkdown = (result: ReminderFanoutBenchResult, measuredAt: Date): string => {
  const row = (label: string, r: ReminderFanoutRun) =>
    `| ${label} | ${r.people.toLocaleString('en-US')} | ${r.sends.toLocaleString('en-US')} | ${r.seconds.toFixed(2)} s | ${Math.round(r.sendsPerSecond).toLocaleString('en-US')} | ${r.rawSeconds.toFixed(3)} s | ${r.ratio.toFixed(1)}x |`;
  return [
    '### 8. One deadline reminder to a whole district (notifications service)',
    '',
    `Measured ${measuredAt.toISOString().replace('T', ' ').slice(0, 19)} UTC. The goal-setting "14 days left" job of a cycle in which every review is still open:`,
    'the time runs from queueing it until every send of the occasion exists (an inbox message and an email, or for staff',
    "without a work email a message in the supervisor's inbox, to each employee and supervisor; email jobs queued, no SMTP",
    'server). The raw baseline inserts the same number of send rows and of inbox rows with `INSERT … SELECT generate_series`',
    'into plain tables of the same shape, in the same database and run. No target was set; this records what a reminder costs.',
    '',
    '| Run | People | Sends | Time | Sends/s | Raw baseline | Ratio |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    row('small', result.small),
    row('large', result.large),
    '',
    'The email jobs the occasion queues run meanwhile on the same cores and database (each marked skipped, for want of an SMTP',
    'server), and are part of what the time includes; a whole reminder is written 2,000 reviews per transaction.',
    '',
  ].join('\n');
};
