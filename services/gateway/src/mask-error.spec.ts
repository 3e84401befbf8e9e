import { GraphQLError } from 'graphql';
import { maskGatewayError } from './mask-error';

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
