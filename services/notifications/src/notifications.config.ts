import type { TaskList } from 'graphile-worker';
import type { EntityManager } from 'typeorm';
import type { ServiceInfrastructure } from '@growth/messaging';
import type { EventStore } from '@growth/es';

/** What a notifications deployment decides: how email leaves, which webhook targets are allowed, how jobs run. */
export interface NotificationsConfig {
  readonly email: {
    /** An SMTP URL (smtp://user:pass@host:port, smtps://…); null sends no email (messages still reach inboxes). */
    readonly smtpUrl: string | null;
    /** The From address of every email. */
    readonly from: string;
    /** Tries per email before it is marked FAILED (a rejected recipient fails at once), at most 25; 10 when not set, about three hours of backoff. */
    readonly maxAttempts?: number;
  };
  readonly webhooks: {
    /** Off in production: endpoints resolving to loopback, private or link-local addresses are refused. */
    readonly allowPrivateTargets: boolean;
    /** Wait before each delivery attempt, in ms: the first before attempt 1, each later one after the failure before it; the Standard Webhooks example schedule when left out. */
    readonly retrySchedule?: readonly number[];
  };
  readonly jobs: {
    readonly concurrency: number;
    /** How often due jobs are looked for between LISTEN/NOTIFY wake-ups (scheduled reminders, retries). */
    readonly pollIntervalMs: number;
  };
}

/** The injection token of the deployment's notification settings. */
export const NOTIFICATIONS_CONFIG = Symbol('NotificationsConfig');

export const DEFAULT_NOTIFICATIONS_CONFIG: NotificationsConfig = {
  email: { smtpUrl: null, from: 'Staff Reviews <no-reply@localhost>' },
  webhooks: { allowPrivateTargets: false },
  jobs: { concurrency: 4, pollIntervalMs: 2000 },
};

const flag = (value: string | undefined): boolean => value === 'true' || value === '1';

/** The deployment's settings from the environment; what is not set keeps its default. */
export const readNotificationsConfig = (env: NodeJS.ProcessEnv): NotificationsConfig => ({
  email: { smtpUrl: env.SMTP_URL || null, from: env.EMAIL_FROM || DEFAULT_NOTIFICATIONS_CONFIG.email.from },
  webhooks: { allowPrivateTargets: flag(env.WEBHOOK_ALLOW_PRIVATE_TARGETS) },
  jobs: {
    concurrency: Number(env.JOB_CONCURRENCY ?? DEFAULT_NOTIFICATIONS_CONFIG.jobs.concurrency),
    pollIntervalMs: Number(env.JOB_POLL_INTERVAL_MS ?? DEFAULT_NOTIFICATIONS_CONFIG.jobs.pollIntervalMs),
  },
});

/** What a job's task may use: the service's database and event store, the deployment's settings. */
export interface TaskContext {
  readonly infrastructure: ServiceInfrastructure;
  readonly store: EventStore<EntityManager>;
  readonly config: NotificationsConfig;
}

/** Each part of the service contributes its tasks by name, and closes what they hold (an SMTP pool) at shutdown. */
export type TaskFactory = (context: TaskContext) => { readonly tasks: TaskList; close?(): Promise<void> };
