import { randomUUID } from 'node:crypto';
import { runCommand, type CommandContext } from '@growth/es';
import { openServiceDataSource, PostgresEventStore } from '@growth/es-postgres';
import { startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { createTestDatabase } from '@growth/testing';
import { startFrameworksService } from '../frameworks.service';
import { CompetencyAlignments1764000000100 } from '../migrations/1764000000100-competency-alignments';
import { FrameworkList1764000000200 } from '../migrations/1764000000200-framework-list';
import { frameworkAggregate } from './framework.stream';

interface Page {
  items: Array<{ id: string; name: string; status: string; version: number }>;
  endCursor: string | null;
  hasNextPage: boolean;
}
const PAGE = 'query($first: Int!, $after: String, $status: FrameworkStatus) { frameworkPage(first: $first, after: $after, status: $status) { items { id name status version } endCursor hasNextPage } }';
const CREATE = 'mutation($input: CreateFrameworkDraftInput!) { createFrameworkDraft(input: $input) { frameworkId version } }';
const RETIRE = 'mutation($input: RetireFrameworkInput!) { retireFramework(input: $input) { version } }';

describe('the framework list read model', () => {
  let fixture: ServiceFixture;
  beforeAll(async () => {
    fixture = await startServiceFixture(startFrameworksService);
  });
  afterAll(async () => fixture?.close());

  const ok = <T>(result: { data?: T; errors?: unknown[] }): T => {
    expect(result.errors).toBeUndefined();
    return result.data as T;
  };

  it('pages through every framework by name in a stable order, with a status filter, as commands change them', async () => {
    const tenantId = `paging-${randomUUID().slice(0, 8)}`;
    const names = ['Catering', 'Clerical', 'Custodial', 'Grounds', 'Leadership', 'Lunchtime', 'Transport'];
    const ids: Record<string, string> = {};
    for (const name of [...names].reverse()) {
      ids[name] = ok(await fixture.query<{ createFrameworkDraft: { frameworkId: string } }>(CREATE, { input: { name } }, { tenantId })).createFrameworkDraft.frameworkId;
    }
    ok(await fixture.query(RETIRE, { input: { frameworkId: ids.Grounds, reason: 'Outsourced', expectedVersion: 0 } }, { tenantId }));

    const seen: Page['items'] = [];
    const pages: boolean[] = [];
    for (let after: string | null = null; ; ) {
      const page: Page = ok(await fixture.query<{ frameworkPage: Page }>(PAGE, { first: 3, after }, { tenantId })).frameworkPage;
      seen.push(...page.items);
      pages.push(page.hasNextPage);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(seen.map((f) => f.name)).toEqual(names);
    expect(pages).toEqual([true, true, false]);
    expect(seen.find((f) => f.name === 'Grounds')).toMatchObject({ status: 'RETIRED', version: 1 });

    const drafts = ok(await fixture.query<{ frameworkPage: Page }>(PAGE, { first: 50, status: 'DRAFT' }, { tenantId })).frameworkPage;
    expect(drafts.items.map((f) => f.name)).toEqual(names.filter((n) => n !== 'Grounds'));
    expect(ok(await fixture.query<{ frameworks: Array<{ name: string }> }>('{ frameworks(status: RETIRED) { name } }', {}, { tenantId })).frameworks).toEqual([{ name: 'Grounds' }]);
    // Another tenant's list is its own.
    expect(ok(await fixture.query<{ frameworkPage: Page }>(PAGE, { first: 50 }, { tenantId: `${tenantId}-other` })).frameworkPage.items).toEqual([]);
  });

  it('refuses a page size out of range and a cursor it did not give out, naming the argument', async () => {
    const tooMany = await fixture.query(PAGE, { first: 201 });
    expect(tooMany.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION_FAILED', issues: [{ path: 'first', message: 'must be between 1 and 200' }] } });
    const forged = await fixture.query(PAGE, { first: 5, after: 'not-a-cursor' });
    expect(forged.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION_FAILED', issues: [{ path: 'after', message: 'is not a cursor this list gave out' }] } });
  });
});

describe('the framework list migration', () => {
  it('fills the list from the frameworks that existed before it, for every tenant', async () => {
    const db = await createTestDatabase('fw_list');
    const context = (tenantId: string): CommandContext => ({ tenantId, actorId: 'hr-1', correlationId: 'c', causationId: 'c', now: new Date('2026-10-01T09:00:00Z') });
    try {
      const before = await openServiceDataSource({ url: db.url, migrations: [CompetencyAlignments1764000000100] });
      const store = new PostgresEventStore(before);
      const created: Array<[string, string]> = [];
      for (const tenantId of ['lausd', 'leics']) {
        const frameworkId = randomUUID();
        await runCommand(store, context(tenantId), (unit) =>
          unit.decide(frameworkAggregate, frameworkId, [{ type: 'CreateFrameworkDraft', frameworkId, name: `${tenantId} framework`, purpose: '', kind: 'COMPETENCY_FRAMEWORK' }], 'no_stream'),
        );
        created.push([tenantId, frameworkId]);
      }
      await before.destroy();

      const after = await openServiceDataSource({ url: db.url, migrations: [CompetencyAlignments1764000000100, FrameworkList1764000000200] });
      try {
        const rows = await after.query(`SELECT tenant_id, framework_id, name, status, stream_version FROM framework_list ORDER BY tenant_id`);
        expect(rows).toEqual(created.map(([tenantId, frameworkId]) => ({ tenant_id: tenantId, framework_id: frameworkId, name: `${tenantId} framework`, status: 'DRAFT', stream_version: 0 })));
        const [{ forced }] = await after.query(`SELECT relforcerowsecurity AS forced FROM pg_class WHERE relname = 'es_events'`);
        expect(forced).toBe(true);
      } finally {
        await after.destroy();
      }
    } finally {
      await db.drop();
    }
  });
});
