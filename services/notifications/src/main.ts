import { readServiceEnvironment, runUntilSignalled } from '@growth/service-kit';
import { startNotificationsService } from './notifications.service';

void runUntilSignalled(() => startNotificationsService(readServiceEnvironment('notifications', process.env)));
