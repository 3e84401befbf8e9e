import { fold, type Decider } from './decider';
import type { CommandContext, DomainEvent } from './envelope';
import type { AppendOptions, AppendResult, EventStore } from './event-store';
import { toDomainEvent } from './envelope';
import type { ExpectedVersion } from './expected-version';
import { ConcurrencyConflictError } from './errors';
import { matchesExpectedVersion } from './expected-version';

/**
 * Load, fold, decide, append. The caller's expected version is checked against the loaded stream first (a cheap,
 * early conflict) and again by the database on append (the authoritative one, which catches concurrent writers).
 */
export const handleCommand = async <Command, State, E extends DomainEvent>(
  store: EventStore,
  decider: Decider<Command, State, E>,
  stream: string,
  command: Command,
  options: { expectedVersion: ExpectedVersion; context: CommandContext; publish?: AppendOptions<E>['publish'] },
): Promise<AppendResult<E> & { state: State }> => {
  const { currentVersion, events } = await store.readStream<E>(stream, options.context.tenantId);
  if (!matchesExpectedVersion(options.expectedVersion, currentVersion)) {
    throw new ConcurrencyConflictError(stream, options.expectedVersion, currentVersion < 0 ? 'no_stream' : currentVersion);
  }
  const state = fold(decider, events.map(toDomainEvent));
  const newEvents = decider.decide(command, state);
  const result = await store.appendToStream<E>(stream, newEvents, options);
  return { ...result, state: newEvents.reduce((s, e) => decider.evolve(s, e), state) };
};
