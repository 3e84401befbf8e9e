import type { FastifyInstance } from 'fastify';

export interface HealthChecks {
  readiness?: () => Promise<void>;
  isShuttingDown: () => boolean;
}

/** Liveness says the process serves HTTP at all; readiness says it should get traffic now. */
export function registerHealthRoutes(fastify: FastifyInstance, { readiness, isShuttingDown }: HealthChecks): void {
  fastify.get('/health/live', async () => ({ status: 'ok' }));
  fastify.get('/health/ready', async (_request, reply) => {
    const reason = isShuttingDown() ? 'shutting down' : await failureOf(readiness);
    return reason ? reply.code(503).send({ status: 'unavailable', reason }) : { status: 'ok' };
  });
}

async function failureOf(check?: () => Promise<void>): Promise<string | undefined> {
  try {
    await check?.();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
