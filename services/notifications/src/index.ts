export { startNotificationsService } from './notifications.service';
