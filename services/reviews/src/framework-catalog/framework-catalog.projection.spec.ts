import { randomUUID } from 'node:crypto';
import { Topics, type FrameworkIntegrationEvent } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { eventually } from '@growth/testing';
import { startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { startReviewsService } from '../reviews.service';
import { asMessage, frameworkEvent } from '../testing/framework-event.spec-helper';

describe('framework catalogue in the reviews service', () => {
  let fixture: ServiceFixture;
  beforeAll(async () => {
    fixture = await startServiceFixture(startReviewsService);
    await fixture.transport.ensureTopics([Topics.frameworkEvents]);
  });
  afterAll(async () => fixture?.close());

  const publish = (events: FrameworkIntegrationEvent[]) =>
    fixture.transport.publish(events.map(asMessage));
  const CATALOG = '{ frameworkCatalog { frameworkId name kind status version } }';
  /** The projection's de-duplication state for one stream: the last stream version it applied. */
  const appliedVersion = async (tenantId: string, streamId: string): Promise<number | undefined> => {
    const rows: Array<{ version: number }> = await withTenant(fixture.service.infrastructure.dataSource, tenantId, (m) =>
      m.query(`SELECT version FROM es_projection_streams WHERE projection = 'reviews.framework-catalog' AND stream_id = $1`, [streamId]),
    );
    return rows[0]?.version;
  };

  it('projects drafts and renames per tenant, unchanged by redelivery', async () => {
    const id = randomUUID();
    const created = frameworkEvent('lausd', id, 0, 'FrameworkDraftCreated', { frameworkId: id, name: 'Classified Performance Framework', purpose: '', kind: 'COMPETENCY_FRAMEWORK' });
    const renamed = frameworkEvent('lausd', id, 1, 'FrameworkDraftRenamed', { frameworkId: id, name: 'Classified Growth & Development' });
    const otherTenant = frameworkEvent('leics', randomUUID(), 0, 'FrameworkDraftCreated', { frameworkId: randomUUID(), name: 'Leadership Performance Framework', purpose: '', kind: 'LEADERSHIP_FRAMEWORK' });
    await publish([created, renamed, otherTenant, created, renamed]);

    await eventually(async () => expect((await fixture.query(CATALOG)).data).toEqual({
      frameworkCatalog: [{ frameworkId: id, name: 'Classified Growth & Development', kind: 'COMPETENCY_FRAMEWORK', status: 'DRAFT', version: 1 }],
    }));
    expect(await appliedVersion('lausd', created.streamId)).toBe(1);
    await eventually(async () => expect(await appliedVersion('leics', otherTenant.streamId)).toBe(0));
    expect(await appliedVersion('lausd', otherTenant.streamId)).toBeUndefined();
    expect((await fixture.query(CATALOG, {}, { tenantId: 'leics' })).data?.frameworkCatalog).toEqual([expect.objectContaining({ name: 'Leadership Performance Framework' })]);
  });

  it('never lets an older version overwrite a newer one', async () => {
    const id = randomUUID();
    const events = [
      frameworkEvent('lausd', id, 0, 'FrameworkDraftCreated', { frameworkId: id, name: 'First', purpose: '', kind: 'COMPETENCY_FRAMEWORK' }),
      frameworkEvent('lausd', id, 2, 'FrameworkDraftRenamed', { frameworkId: id, name: 'Third' }),
      frameworkEvent('lausd', id, 1, 'FrameworkDraftRenamed', { frameworkId: id, name: 'Second' }),
      // A later event on the same stream: once it shows, the late "Second" before it has been seen.
      frameworkEvent('lausd', id, 3, 'FrameworkDraftPurposeChanged', { frameworkId: id, version: 1, purpose: 'Growth' }),
    ];
    await publish(events);
    await eventually(async () => {
      const { data } = await fixture.query<{ catalogFramework: { name: string; version: number } }>('query($id: ID!) { catalogFramework(frameworkId: $id) { name version } }', { id });
      expect(data?.catalogFramework).toEqual({ name: 'Third', version: 3 });
    });
    expect(await appliedVersion('lausd', events[0].streamId)).toBe(3);
  });
});
