import { startEventSourcedService, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';
import { NotificationsModule } from './notifications.module';

/** The notifications service: reminders before each cycle deadline, escalations and each person's inbox. */
export const startNotificationsService = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>): Promise<RunningEventSourcedService> =>
  startEventSourcedService({ ...options, name: 'notifications', module: (infrastructure) => NotificationsModule.register(infrastructure) });
