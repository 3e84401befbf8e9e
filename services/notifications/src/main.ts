import { readServiceEnvironment, runUntilSignalled } from '@growth/service-kit';
import { readNotificationsConfig } from './notifications.config';
import { startNotificationsService } from './notifications.service';

void runUntilSignalled(() => startNotificationsService({ ...readServiceEnvironment('notifications', process.env), notifications: readNotificationsConfig(process.env) }));
