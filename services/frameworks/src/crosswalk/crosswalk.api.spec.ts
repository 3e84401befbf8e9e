import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Topics } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { startServiceFixture, type GraphQLResult, type ServiceFixture } from '@growth/service-testing';
import { startFrameworksService } from '../frameworks.service';

const sample = (name: string): string => readFileSync(path.join(__dirname, '../../samples', name), 'utf8');

const IMPORT = `mutation($input: ImportFrameworkDocumentInput!) { importFrameworkDocument(input: $input) { frameworkId version } }`;
const ALIGN = `mutation($input: AlignCompetenciesInput!) { alignCompetencies(input: $input) { version } }`;
const REMOVE = `mutation($input: RemoveCompetencyAlignmentInput!) { removeCompetencyAlignment(input: $input) { version } }`;
const CROSSWALK = `query($frameworkId: ID!, $competencyId: String!) { crosswalk(frameworkId: $frameworkId, competencyId: $competencyId) {
  competency { frameworkId frameworkName competencyId competencyName }
  relation
  aligned { frameworkId frameworkName competencyId competencyName }
  note
} }`;

describe('the crosswalk API', () => {
  let fixture: ServiceFixture;
  beforeAll(async () => {
    fixture = await startServiceFixture(startFrameworksService);
    await fixture.transport.ensureTopics([Topics.frameworkEvents]);
  });
  afterAll(async () => fixture?.close());

  const ok = <T>(result: GraphQLResult<T>): T => {
    expect(result.errors).toBeUndefined();
    return result.data as T;
  };
  const counts = async (tenantId: string): Promise<{ events: number; rows: number }> => {
    const [{ events, rows }] = await withTenant(fixture.service.infrastructure.dataSource, tenantId, (m) =>
      m.query(
        `SELECT (SELECT count(*)::int FROM es_events WHERE stream_id = $1) AS events, (SELECT count(*)::int FROM competency_alignments) AS rows`,
        [`crosswalk-${tenantId}:${tenantId}`],
      ),
    );
    return { events, rows };
  };
  const crosswalk = async (frameworkId: string, competencyId: string, tenantId?: string): Promise<unknown[]> =>
    ok(await fixture.query<{ crosswalk: unknown[] }>(CROSSWALK, { frameworkId, competencyId }, tenantId ? { tenantId } : undefined)).crosswalk;

  it('aligns competencies across frameworks, reads them both ways, refuses duplicates and unknown competencies, and removes', async () => {
    const tenantId = `xw-${randomUUID().slice(0, 8)}`;
    const classified = randomUUID();
    const staffordshire = randomUUID();
    ok(await fixture.query(IMPORT, { input: { frameworkId: classified, document: sample('lausd-classified.yaml'), format: 'YAML' } }, { tenantId }));
    ok(await fixture.query(IMPORT, { input: { frameworkId: staffordshire, document: sample('staffordshire-overall-assessment.yaml'), format: 'YAML' } }, { tenantId }));

    const behaviours = { frameworkId: staffordshire, competencyId: 'behaviours' };
    const attendance = { frameworkId: classified, competencyId: 'attendance' };
    const aligned = ok(
      await fixture.query<{ alignCompetencies: { version: number } }>(ALIGN, { input: { from: behaviours, to: attendance, relation: 'BROADER', note: 'Attendance is one of the behaviours' } }, { tenantId }),
    );
    expect(aligned.alignCompetencies.version).toBe(0);
    expect(await counts(tenantId)).toEqual({ events: 1, rows: 1 });

    const staffordshireSide = { frameworkId: staffordshire, frameworkName: 'Support Staff Performance Management - Overall Assessment', competencyId: 'behaviours', competencyName: 'Behaviours' };
    const classifiedSide = { frameworkId: classified, frameworkName: 'Classified Performance Framework', competencyId: 'attendance', competencyName: 'Attendance' };
    expect(await crosswalk(staffordshire, 'behaviours', tenantId)).toEqual([{ competency: staffordshireSide, relation: 'BROADER', aligned: classifiedSide, note: 'Attendance is one of the behaviours' }]);
    expect(await crosswalk(classified, 'attendance', tenantId)).toEqual([{ competency: classifiedSide, relation: 'NARROWER', aligned: staffordshireSide, note: 'Attendance is one of the behaviours' }]);

    // The same pair again, either way round: refused, nothing written.
    const duplicate = await fixture.query(ALIGN, { input: { from: attendance, to: behaviours, relation: 'EQUIVALENT' } }, { tenantId });
    expect(duplicate.errors?.[0].extensions?.code).toBe('INVALID_STATE');
    // A competency not in the framework's current content, and the same framework on both sides.
    const unknown = await fixture.query(ALIGN, { input: { from: behaviours, to: { frameworkId: classified, competencyId: 'juggling' }, relation: 'RELATED' } }, { tenantId });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'to.competencyId', message: expect.any(String) }] });
    const unknownFramework = await fixture.query(ALIGN, { input: { from: { frameworkId: randomUUID(), competencyId: 'behaviours' }, to: attendance, relation: 'RELATED' } }, { tenantId });
    expect(unknownFramework.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'from.competencyId' }] });
    const sameFramework = await fixture.query(ALIGN, { input: { from: attendance, to: { frameworkId: classified, competencyId: 'creativity' }, relation: 'RELATED' } }, { tenantId });
    expect(sameFramework.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect(await counts(tenantId)).toEqual({ events: 1, rows: 1 });

    // Another tenant sees nothing and cannot remove it.
    expect(await crosswalk(classified, 'attendance', 'someone-else')).toEqual([]);
    const foreignRemoval = await fixture.query(REMOVE, { input: { from: behaviours, to: attendance } }, { tenantId: 'someone-else' });
    expect(foreignRemoval.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await counts('someone-else')).toEqual({ events: 0, rows: 0 });

    // Reading is for every member; editing only for HR and tenant administrators.
    expect((await fixture.query(CROSSWALK, { frameworkId: classified, competencyId: 'attendance' }, { tenantId, roles: ['employee'] })).errors).toBeUndefined();
    const denied = await fixture.query(REMOVE, { input: { from: behaviours, to: attendance } }, { tenantId, roles: ['employee'] });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Removal, named from the other side; then it is unknown.
    expect(ok(await fixture.query<{ removeCompetencyAlignment: { version: number } }>(REMOVE, { input: { from: attendance, to: behaviours } }, { tenantId })).removeCompetencyAlignment.version).toBe(1);
    expect(await crosswalk(staffordshire, 'behaviours', tenantId)).toEqual([]);
    expect(await crosswalk(classified, 'attendance', tenantId)).toEqual([]);
    expect(await counts(tenantId)).toEqual({ events: 2, rows: 0 });
    const again = await fixture.query(REMOVE, { input: { from: attendance, to: behaviours } }, { tenantId });
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
