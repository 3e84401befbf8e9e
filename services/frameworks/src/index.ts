export { startFrameworksService } from './frameworks.service';
