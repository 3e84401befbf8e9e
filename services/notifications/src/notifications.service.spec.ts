import { itBehavesAsASubgraphService, startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { startNotificationsService } from './notifications.service';

describe('notifications service', () => {
  let fixture: ServiceFixture;
  beforeAll(async () => {
    fixture = await startServiceFixture(startNotificationsService);
  });
  afterAll(async () => fixture?.close());

  itBehavesAsASubgraphService('notifications', () => fixture);
});
