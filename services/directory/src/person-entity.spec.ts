import { randomUUID } from 'node:crypto';
import { startServiceFixture, type GraphQLResult, type ServiceFixture } from '@growth/service-testing';
import type { Identity } from '@growth/service-kit';
import { startDirectoryService } from './directory.service';

const FIELDS = 'id firstName lastName workEmail supervisorId';
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { ${FIELDS} } } }`;
const PERSON = `query($id: ID!) { person(id: $id) { ${FIELDS} } }`;

type PersonData = Record<string, unknown> | null;
/** Per id: the person (or null), or the code of the error it was refused with. */
type Answer = PersonData | { refused: unknown };

/** `Person` is a federation entity: the gateway resolves another subgraph's reference to it here, by `_entities`. */
describe('Person as a federation entity', () => {
  let fixture: ServiceFixture;
  const ids: Record<'supervisor' | 'report' | 'indirect' | 'unrelated', string> = { supervisor: '', report: '', indirect: '', unrelated: '' };
  const run = async <T>(query: string, variables: object = {}, identity: Partial<Identity> = {}): Promise<T> => {
    const result = await fixture.query<T>(query, variables, identity);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };

  const entities = async (personIds: readonly string[], identity: Partial<Identity> = {}): Promise<Answer[]> => {
    const result: GraphQLResult<{ _entities: PersonData[] }> = await fixture.query(ENTITIES, { representations: personIds.map((id) => ({ __typename: 'Person', id })) }, identity);
    const refusals = new Map((result.errors ?? []).map((e) => [(e as { path?: unknown[] }).path?.[1], e.extensions?.code]));
    return personIds.map((_, i) => (refusals.has(i) ? { refused: refusals.get(i) } : (result.data?._entities[i] ?? null)));
  };
  const personQuery = async (id: string, identity: Partial<Identity> = {}): Promise<Answer> => {
    const result = await fixture.query<{ person: PersonData }>(PERSON, { id }, identity);
    return result.errors ? { refused: result.errors[0].extensions?.code } : (result.data?.person ?? null);
  };

  beforeAll(async () => {
    fixture = await startServiceFixture(startDirectoryService);
    const { openSite } = await run<{ openSite: { siteId: string } }>('mutation { openSite(input: { code: "S1", name: "School One" }) { siteId } }');
    const add = async (staffNumber: string, firstName: string) =>
      (
        await run<{ addPerson: { personId: string } }>('mutation($input: AddPersonInput!) { addPerson(input: $input) { personId } }', {
          input: { staffNumber, firstName, lastName: 'Doe', workEmail: `${firstName.toLowerCase()}@lausd.net`, jobClassification: 'Custodian', siteId: openSite.siteId, startDate: '2019-08-12' },
        })
      ).addPerson.personId;
    ids.supervisor = await add('E1', 'Sam');
    ids.report = await add('E2', 'Rae');
    ids.indirect = await add('E3', 'Ivo');
    ids.unrelated = await add('E4', 'Uma');
    const assign = (personId: string, supervisorId: string) =>
      run('mutation($input: AssignSupervisorInput!) { assignSupervisor(input: $input) { version } }', { input: { personId, supervisorId, effectiveFrom: '2024-01-01', expectedVersion: 0 } });
    await assign(ids.report, ids.supervisor);
    await assign(ids.indirect, ids.report);
  });
  afterAll(async () => fixture?.close());

  const callers: Record<string, () => Partial<Identity>> = {
    hr: () => ({ roles: ['hr'] }),
    'a supervisor': () => ({ actorId: ids.supervisor, roles: ['employee'] }),
    'an employee': () => ({ actorId: ids.indirect, roles: ['employee'] }),
    'an analyst': () => ({ roles: ['analyst'] }),
    "another tenant's hr": () => ({ tenantId: 'leics', roles: ['hr'] }),
    "another tenant's employee with the same id": () => ({ tenantId: 'leics', actorId: ids.supervisor, roles: ['employee'] }),
  };
  const subjects = () => [ids.supervisor, ids.report, ids.indirect, ids.unrelated, randomUUID(), 'not-a-uuid'];

  it('declares Person as an entity keyed by id in its subgraph schema', async () => {
    const { _service } = await run<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(_service.sdl).toMatch(/type Person\s+@key\(fields: "id"\)/);
  });

  it('resolves references by id with what the caller may see: a person, null, or FORBIDDEN', async () => {
    const person = (id: string) => expect.objectContaining({ id });
    const [unknown, malformed] = [randomUUID(), 'not-a-uuid'];
    const all = [ids.supervisor, ids.report, ids.indirect, ids.unrelated, unknown, malformed];
    const forbidden = { refused: 'FORBIDDEN' };
    expect(await entities(all, callers.hr())).toEqual([person(ids.supervisor), person(ids.report), person(ids.indirect), person(ids.unrelated), null, null]);
    expect((await entities([ids.report], callers.hr()))[0]).toEqual({ id: ids.report, firstName: 'Rae', lastName: 'Doe', workEmail: 'rae@lausd.net', supervisorId: ids.supervisor });
    // A supervisor sees their chain; a named person outside it is refused whether or not they exist.
    expect(await entities(all, callers['a supervisor']())).toEqual([person(ids.supervisor), person(ids.report), person(ids.indirect), forbidden, forbidden, forbidden]);
    expect(await entities(all, callers['an employee']())).toEqual([forbidden, forbidden, person(ids.indirect), forbidden, forbidden, forbidden]);
    expect(await entities(all, callers['an analyst']())).toEqual(all.map(() => forbidden));
    // Another tenant's people do not exist for a caller of this one.
    expect(await entities(all, callers["another tenant's hr"]())).toEqual(all.map(() => null));
  });

  it.each(Object.keys(callers).map((caller) => [caller]))('answers %s exactly as the person(id) query does, for every id', async (caller) => {
    const identity = callers[caller]();
    const personIds = subjects();
    const expected = await Promise.all(personIds.map((id) => personQuery(id, identity)));
    expect(await entities(personIds, identity)).toEqual(expected);
  });

  it('resolves many references of one request together, repeated ids included', async () => {
    const personIds = Array.from({ length: 60 }, (_, i) => [ids.supervisor, ids.report, ids.unrelated, ids.indirect][i % 4]);
    const answers = await entities(personIds, callers['a supervisor']());
    expect(answers.map((a) => (a && 'refused' in a ? a.refused : (a as { id: string }).id))).toEqual(personIds.map((id) => (id === ids.unrelated ? 'FORBIDDEN' : id)));
  });

  it('never hands one caller the answer of another asking at the same moment', async () => {
    const personIds = subjects().slice(0, 4);
    const alone = { hr: await entities(personIds, callers.hr()), employee: await entities(personIds, callers['an employee']()), other: await entities(personIds, callers["another tenant's hr"]()) };
    for (let round = 0; round < 5; round += 1) {
      const [hr, employee, other] = await Promise.all([entities(personIds, callers.hr()), entities(personIds, callers['an employee']()), entities(personIds, callers["another tenant's hr"]())]);
      expect({ hr, employee, other }).toEqual(alone);
    }
  });
});
