import { newId, type CommandContext } from '@growth/es';
import type { Identity } from '../identity/identity';

/** The envelope metadata of a command issued through the API: who, for which tenant, in which request. */
export const commandContext = (identity: Identity, now = new Date()): CommandContext => ({
  tenantId: identity.tenantId,
  actorId: identity.actorId,
  correlationId: identity.requestId,
  causationId: newId(),
  now,
});
