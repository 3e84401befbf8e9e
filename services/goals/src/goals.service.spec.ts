import { itBehavesAsASubgraphService, startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { startGoalsService } from './goals.service';

describe('goals service', () => {
  let fixture: ServiceFixture;
  beforeAll(async () => {
    fixture = await startServiceFixture(startGoalsService);
  });
  afterAll(async () => fixture?.close());

  itBehavesAsASubgraphService('goals', () => fixture);
});
