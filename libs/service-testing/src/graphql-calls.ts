import type { GraphQLResult, ServiceFixture } from './service-fixture';

// Specs check responses field by field; typing every query's shape would only repeat the queries.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GraphQLData = Record<string, any>;

/**
 * GraphQL calls to a service as someone of one tenant: `const as = callsAs(() => fixture, TENANT); as(id, ['hr'])(query)`.
 * The fixture is read on each call, so a spec can build its callers before `beforeAll` starts the service.
 */
export const callsAs =
  (fixture: () => ServiceFixture, tenantId: string) =>
  (actorId: string, roles: string[] = ['employee']) =>
  <T = GraphQLData>(query: string, variables: object = {}): Promise<GraphQLResult<T>> =>
    fixture().query<T>(query, variables, { tenantId, actorId, roles });

/** The data of a call that must succeed; fails the test with the errors otherwise. */
export const dataOf = async <T = GraphQLData>(result: Promise<GraphQLResult<T>>): Promise<T> => {
  const { data, errors } = await result;
  if (errors) throw new Error(JSON.stringify(errors));
  return data as T;
};

/** The first error of a call, or an empty one when it succeeded, so a spec can compare its message or extensions. */
export const errorOf = async (result: Promise<GraphQLResult<unknown>>) => (await result).errors?.[0] ?? { message: '', extensions: {} };

/** The code of a call's first error; undefined when it succeeded. */
export const errorCodeOf = async (result: Promise<GraphQLResult<unknown>>) => (await result).errors?.[0]?.extensions?.code;
