import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Identity } from '../identity/identity';
import { verifyIdentity } from '../identity/identity-signature';

export interface GraphQLContext {
  req: FastifyRequest;
  requestId: string;
  /** Absent when the gateway's signature is missing or bad; only the SDL query may then proceed. */
  identity?: Identity;
  identityRejection?: string;
}

export function createGraphQLContext(gatewaySecret: string) {
  return async (req: FastifyRequest): Promise<GraphQLContext> => {
    const verification = verifyIdentity(req.headers, gatewaySecret);
    return verification.ok
      ? { req, requestId: verification.identity.requestId, identity: verification.identity }
      : { req, requestId: randomUUID(), identityRejection: verification.reason };
  };
}
