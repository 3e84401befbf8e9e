import { readServiceEnvironment, runUntilSignalled } from '@growth/service-kit';
import { startFrameworksService } from './frameworks.service';

void runUntilSignalled(() => startFrameworksService(readServiceEnvironment('frameworks', process.env)));
