import { randomUUID } from 'node:crypto';
import { Topics, type FrameworkDefinitionData, type FrameworkIntegrationEvent } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { eventually } from '@growth/testing';
import { startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { startReviewsService } from '../reviews.service';
import { asMessage, frameworkEvent } from '../testing/framework-event.spec-helper';

const definition = (name: string): FrameworkDefinitionData => ({
  kind: 'COMPETENCY_FRAMEWORK',
  name,
  purpose: 'Growth',
  ratingScale: {
    id: 'scale',
    name: 'Ratings',
    levels: [
      { id: 'DEVELOPING', label: 'Developing', definition: 'not yet', benchmark: false },
      { id: 'EFFECTIVE', label: 'Effective', definition: 'the standard', benchmark: true },
    ],
  },
  clusters: [
    {
      id: 'work-attributes',
      name: 'Work Attributes',
      definition: '',
      competencies: [{ id: 'attendance', name: 'Attendance', definition: 'on time', indicators: [], descriptors: { DEVELOPING: 'late', EFFECTIVE: 'on time' } }],
    },
  ],
});

describe('published framework versions in the reviews service', () => {
  let fixture: ServiceFixture;
  beforeAll(async () => {
    fixture = await startServiceFixture(startReviewsService);
    await fixture.transport.ensureTopics([Topics.frameworkEvents]);
  });
  afterAll(async () => fixture?.close());

  const publish = (events: FrameworkIntegrationEvent[]) =>
    fixture.transport.publish(events.map(asMessage));
  const VERSION = 'query($id: ID!, $v: Int!) { publishedFrameworkVersion(frameworkId: $id, version: $v) { frameworkId version name kind publishedAt definition } }';
  const CATALOG = 'query($id: ID!) { catalogFramework(frameworkId: $id) { name status version latestPublishedVersion } }';
  const versionRows = async (tenantId: string, frameworkId: string): Promise<number> => {
    const [{ n }] = await withTenant(fixture.service.infrastructure.dataSource, tenantId, (m) =>
      m.query(`SELECT count(*)::int AS n FROM framework_versions WHERE framework_id = $1`, [frameworkId]),
    );
    return n;
  };

  it('keeps every published version whole, once, per tenant; the catalogue follows the status', async () => {
    const id = randomUUID();
    const created = frameworkEvent('lausd', id, 0, 'FrameworkDraftCreated', { frameworkId: id, name: 'Draft name', purpose: '', kind: 'COMPETENCY_FRAMEWORK' });
    const v1 = frameworkEvent('lausd', id, 2, 'FrameworkPublished', { frameworkId: id, version: 1, publishedAt: '2026-10-01T09:00:00.000Z', framework: definition('Classified Performance Framework') });
    const started = frameworkEvent('lausd', id, 3, 'FrameworkDraftVersionStarted', { frameworkId: id, version: 2, basedOnVersion: 1, framework: definition('Classified Performance Framework') });
    const v2 = frameworkEvent('lausd', id, 4, 'FrameworkPublished', { frameworkId: id, version: 2, publishedAt: '2026-11-01T09:00:00.000Z', framework: definition('Classified Growth Framework') });
    // Delivered twice, the second copy of version 1 with a (forged) different name: the first copy stays. The copies
    // come before v2 on the same stream (one partition, applied in order), so once v2 is visible they have been handled.
    const v1Again = { ...v1, eventId: randomUUID(), data: { ...v1.data, framework: definition('Something else') } } as FrameworkIntegrationEvent;
    await publish([created, v1, started, v1, v1Again, v2]);

    await eventually(async () => {
      const { data } = await fixture.query<{ publishedFrameworkVersion: Record<string, unknown> | null }>(VERSION, { id, v: 2 });
      expect(data?.publishedFrameworkVersion).toEqual({
        frameworkId: id,
        version: 2,
        name: 'Classified Growth Framework',
        kind: 'COMPETENCY_FRAMEWORK',
        publishedAt: '2026-11-01T09:00:00.000Z',
        definition: definition('Classified Growth Framework'),
      });
    });
    const first = await fixture.query<{ publishedFrameworkVersion: { name: string; definition: unknown } }>(VERSION, { id, v: 1 });
    expect(first.data?.publishedFrameworkVersion).toMatchObject({ name: 'Classified Performance Framework', definition: definition('Classified Performance Framework') });
    expect(await versionRows('lausd', id)).toBe(2);

    // The catalogue is another projection (its own consumer): wait for it rather than for framework_versions.
    await eventually(async () =>
      expect((await fixture.query(CATALOG, { id })).data?.catalogFramework).toEqual({ name: 'Classified Growth Framework', status: 'PUBLISHED', version: 4, latestPublishedVersion: 2 }),
    );

    // Other tenants see none of it.
    expect((await fixture.query(VERSION, { id, v: 1 }, { tenantId: 'leics' })).data).toEqual({ publishedFrameworkVersion: null });
    expect(await versionRows('leics', id)).toBe(0);

    await publish([
      frameworkEvent('lausd', id, 5, 'FrameworkRetired', { frameworkId: id, retiredAt: '2026-12-01T09:00:00.000Z', reason: 'replaced', lastPublishedVersion: 2, abandonedDraftVersion: null }),
    ]);
    await eventually(async () =>
      expect((await fixture.query(CATALOG, { id })).data?.catalogFramework).toEqual({ name: 'Classified Growth Framework', status: 'RETIRED', version: 5, latestPublishedVersion: 2 }),
    );
    // Retired frameworks' published versions stay readable.
    expect((await fixture.query<{ publishedFrameworkVersion: { version: number } }>(VERSION, { id, v: 2 })).data?.publishedFrameworkVersion.version).toBe(2);
  });

  it('shows a new draft version as DRAFT while keeping the latest published version', async () => {
    const id = randomUUID();
    await publish([
      frameworkEvent('lausd', id, 0, 'FrameworkDraftCreated', { frameworkId: id, name: 'F', purpose: '', kind: 'COMPETENCY_FRAMEWORK' }),
      frameworkEvent('lausd', id, 1, 'FrameworkPublished', { frameworkId: id, version: 1, publishedAt: '2026-10-01T09:00:00.000Z', framework: definition('F') }),
      frameworkEvent('lausd', id, 2, 'FrameworkDraftVersionStarted', { frameworkId: id, version: 2, basedOnVersion: 1, framework: definition('F') }),
      frameworkEvent('lausd', id, 3, 'FrameworkDraftPurposeChanged', { frameworkId: id, version: 2, purpose: 'New purpose' }),
    ]);
    await eventually(async () =>
      expect((await fixture.query(`query($id: ID!) { catalogFramework(frameworkId: $id) { purpose status version latestPublishedVersion } }`, { id })).data?.catalogFramework).toEqual({
        purpose: 'New purpose',
        status: 'DRAFT',
        version: 3,
        latestPublishedVersion: 1,
      }),
    );
  });
});
