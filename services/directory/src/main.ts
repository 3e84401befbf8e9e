import { readServiceEnvironment, runUntilSignalled } from '@growth/service-kit';
import { startDirectoryService } from './directory.service';

void runUntilSignalled(() => startDirectoryService(readServiceEnvironment('directory', process.env)));
