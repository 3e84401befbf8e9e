export { startDirectoryService } from './directory.service';
