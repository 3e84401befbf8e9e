import { readServiceEnvironment, runUntilSignalled } from '@growth/service-kit';
import { startGoalsService } from './goals.service';

void runUntilSignalled(() => startGoalsService(readServiceEnvironment('goals', process.env)));
