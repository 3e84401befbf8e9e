import { GraphQLError } from 'graphql';
import { codeOf, isExposedCode, maskGatewayError } from './mask-error';

const fromSubgraph = (message: string, extensions: Record<string, unknown>) =>
  new GraphQLError(message, { path: ['thing'], originalError: new GraphQLError(message, { extensions }), extensions });

describe('maskGatewayError', () => {
  it('passes a known code with its issues, and nothing else', () => {
    const issues = [{ path: 'name', message: 'Too short' }];
    const masked = maskGatewayError(fromSubgraph('Validation failed', { code: 'VALIDATION_FAILED', issues, stacktrace: ['at x'], serviceName: 'things' }));
    expect(masked.toJSON()).toEqual({ message: 'Validation failed', path: ['thing'], extensions: { code: 'VALIDATION_FAILED', issues } });
  });

  it('masks a subgraph error with an unknown code', () => {
    const masked = maskGatewayError(fromSubgraph('relation "things" does not exist', { code: 'DOWNSTREAM_SERVICE_ERROR' }));
    expect(masked.toJSON()).toEqual({ message: 'Internal error', path: ['thing'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('masks an error thrown by code even when it claims a known code', () => {
    const thrown = new GraphQLError('socket hang up', { originalError: new Error('socket hang up'), extensions: { code: 'FORBIDDEN' } });
    expect(maskGatewayError(thrown).message).toBe('Internal error');
  });

  it('masks anything that is not a GraphQL error', () => {
    expect(maskGatewayError(new TypeError('x is undefined')).toJSON()).toEqual({ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});

describe('the gateway refusals', () => {
  it.each(['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_TOKENS', 'QUERY_TOO_COMPLEX', 'TOO_MANY_DIRECTIVES', 'RATE_LIMITED', 'CSRF_HEADER_REQUIRED'])(
    'pass %s with its message and HTTP status',
    (code) => {
      const refusal = new GraphQLError('Refused', { extensions: { code, http: { status: 400 }, detail: 'internal' } });
      expect(isExposedCode(code)).toBe(true);
      expect(maskGatewayError(refusal).toJSON()).toEqual({ message: 'Refused', extensions: { code, http: { status: 400 } } });
    },
  );

  it("give Yoga's codeless CSRF refusal a code and say what to send", () => {
    const yogaRefusal = new GraphQLError('Required CSRF header(s) not present', { extensions: { http: { status: 403 } } });
    expect(codeOf(yogaRefusal)).toBe('CSRF_HEADER_REQUIRED');
    expect(maskGatewayError(yogaRefusal).toJSON()).toEqual({
      message: 'Required CSRF header(s) not present: send the request as JSON (content-type: application/json) or with an x-graphql-csrf header',
      extensions: { code: 'CSRF_HEADER_REQUIRED', http: { status: 403 } },
    });
  });

  it('do not let a subgraph error pass itself off as one', () => {
    const relayed = new GraphQLError('Required CSRF header(s) not present', { originalError: new GraphQLError('Required CSRF header(s) not present') });
    expect(maskGatewayError(relayed).message).toBe('Internal error');
  });
});
