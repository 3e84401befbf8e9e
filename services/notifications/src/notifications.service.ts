import type { Runner } from 'graphile-worker';
import type { DataSource } from 'typeorm';
import type { PostgresEventStore } from '@growth/es-postgres';
import type { AsyncProjection } from '@growth/messaging';
import { createLogger, pinoLog, startEventSourcedService, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';
import { DEFAULT_NOTIFICATIONS_CONFIG, type NotificationsConfig, type TaskContext, type TaskFactory } from './notifications.config';
import { NotificationsModule } from './notifications.module';
import { migrateJobQueue, startJobRunner, workerLogger } from './jobs/job-queue';
import { Notifications1765200000100 } from './migrations/1765200000100-notifications';
import { EmailTemplates1765200000200 } from './migrations/1765200000200-email-templates';
import { emailTemplatesProjection } from './email/email-templates.stream';
import { deliverEmailTasks } from './email/deliver-email/deliver-email.task';
import { notificationsCopiesProjection } from './copies/notifications-copies.projection';
import { notificationPolicyProjection } from './notification-policy/notification-policy.stream';
import { notificationPreferencesProjection } from './notification-preferences/notification-preferences.stream';
import { reminderTasks } from './reminder/reminder.tasks';
import { Webhooks1765200000300 } from './migrations/1765200000300-webhooks';
import { webhookEndpointListProjection } from './webhook/webhook-endpoint.stream';
import { webhookDeliveriesProjection } from './webhook/webhook-deliveries.projection';
import { webhookTasks } from './webhook/deliver-webhook/deliver-webhook.task';

export interface NotificationsServiceOptions extends Omit<EventSourcedServiceOptions, 'name' | 'module'> {
  /** The deployment's email, webhook and job settings; what is left out keeps its default. */
  readonly notifications?: { readonly [K in keyof NotificationsConfig]?: Partial<NotificationsConfig[K]> };
}

const MIGRATIONS = [Notifications1765200000100, EmailTemplates1765200000200, Webhooks1765200000300];
const INLINE_PROJECTIONS = [notificationPolicyProjection, notificationPreferencesProjection, emailTemplatesProjection, webhookEndpointListProjection];
const PROJECTIONS: ReadonlyArray<(dataSource: DataSource, store: PostgresEventStore, config: NotificationsConfig) => AsyncProjection> = [notificationsCopiesProjection, webhookDeliveriesProjection];
const TASKS: readonly TaskFactory[] = [reminderTasks, deliverEmailTasks, webhookTasks];

const configOf = (options: NotificationsServiceOptions): NotificationsConfig => ({
  email: { ...DEFAULT_NOTIFICATIONS_CONFIG.email, ...options.notifications?.email },
  webhooks: { ...DEFAULT_NOTIFICATIONS_CONFIG.webhooks, ...options.notifications?.webhooks },
  jobs: { ...DEFAULT_NOTIFICATIONS_CONFIG.jobs, ...options.notifications?.jobs },
});

/** The role the service runs as, when it differs from the owner that migrates. */
const applicationRoleOf = (options: NotificationsServiceOptions): string | null => {
  if (!options.migrationDatabaseUrl) return null;
  const runAs = decodeURIComponent(new URL(options.databaseUrl).username);
  return runAs === decodeURIComponent(new URL(options.migrationDatabaseUrl).username) ? null : runAs;
};

/**
 * The notifications service: reminders before each cycle deadline and escalations after, messages when a step awaits
 * someone, each person's inbox, email and signed webhooks. Beside the usual event infrastructure it runs a durable
 * job queue on its own database, started after the consumers that fill it and stopped before them.
 */
export const startNotificationsService = async (options: NotificationsServiceOptions): Promise<RunningEventSourcedService> => {
  const config = configOf(options);
  const logger = options.logger ?? createLogger({ service: 'notifications' });
  await migrateJobQueue(options.migrationDatabaseUrl ?? options.databaseUrl, applicationRoleOf(options));
  const service = await startEventSourcedService({
    ...options,
    logger,
    name: 'notifications',
    migrations: MIGRATIONS,
    inlineProjections: INLINE_PROJECTIONS,
    projections: (dataSource, store) => PROJECTIONS.map((projection) => projection(dataSource, store, config)),
    module: (infrastructure) => NotificationsModule.register(infrastructure, config),
  });
  const context: TaskContext = { infrastructure: service.infrastructure, store: service.infrastructure.store, config };
  const parts = TASKS.map((factory) => factory(context));
  let runner: Runner;
  try {
    runner = await startJobRunner({
      connectionString: options.databaseUrl,
      tasks: Object.assign({}, ...parts.map((part) => part.tasks)),
      concurrency: config.jobs.concurrency,
      pollIntervalMs: config.jobs.pollIntervalMs,
      logger: workerLogger(pinoLog(logger)),
    });
  } catch (error) {
    await Promise.all(parts.map((part) => part.close?.()));
    await service.close();
    throw error;
  }
  return {
    ...service,
    close: async () => {
      await runner.stop();
      await Promise.all(parts.map((part) => part.close?.()));
      await service.close();
    },
  };
};

