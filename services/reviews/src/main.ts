import { readServiceEnvironment, runUntilSignalled } from '@growth/service-kit';
import { startReviewsService } from './reviews.service';

void runUntilSignalled(() => startReviewsService(readServiceEnvironment('reviews', process.env)));
