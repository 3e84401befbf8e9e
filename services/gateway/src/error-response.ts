import { IDENTITY_HEADERS } from '@growth/service-kit';

/** A GraphQL-shaped refusal answered before any operation runs: `{ errors: [{ message, extensions: { code } }] }`. */
export function errorResponse(
  fetchAPI: { Response: typeof Response },
  status: number,
  { message, code, requestId, headers = {} }: { message: string; code: string; requestId: string; headers?: Record<string, string> },
): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', [IDENTITY_HEADERS.requestId]: requestId, ...headers },
  });
}
