export { startReviewsService } from './reviews.service';
