export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** A call the gateway refused or answered with errors; `status` is the HTTP status. */
export class GraphQLCallError extends Error {
  constructor(
    readonly status: number,
    readonly errors: GraphQLResponse<unknown>['errors'],
  ) {
    super(`GraphQL call failed (HTTP ${status}): ${JSON.stringify(errors)}`);
  }

  get code(): unknown {
    return this.errors?.[0]?.extensions?.code;
  }
}

export type GraphQLCall = <T>(query: string, variables?: object) => Promise<T>;

/** Calls the gateway as a client does (bearer token, JSON POST); any error in the answer throws. */
export const graphqlCaller =
  (gatewayUrl: string, token: string): GraphQLCall =>
  async <T>(query: string, variables: object = {}): Promise<T> => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json().catch(() => ({}))) as GraphQLResponse<T>;
    if (body.errors?.length || !body.data) throw new GraphQLCallError(response.status, body.errors ?? [{ message: JSON.stringify(body) }]);
    return body.data;
  };
