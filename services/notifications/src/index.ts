export { startNotificationsService, type NotificationsServiceOptions } from './notifications.service';
export { readNotificationsConfig, type NotificationsConfig } from './notifications.config';
