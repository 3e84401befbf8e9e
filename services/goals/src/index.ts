export { startGoalsService } from './goals.service';
