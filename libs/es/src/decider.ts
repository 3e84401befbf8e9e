import type { DomainEvent } from './envelope';

/**
 * An aggregate as two pure functions: `decide` turns a command and the current state into new events (or throws a
 * domain error), `evolve` folds one event into the state. No I/O, no clock, no randomness: ids and `now` arrive on
 * the command.
 */
export interface Decider<Command, State, Event extends DomainEvent> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export const fold = <State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State => events.reduce((state, event) => decider.evolve(state, event), decider.initialState());

/** Compile-time exhaustiveness for discriminated unions: a new event or command type fails the build here. */
export const assertNever = (value: never, what = 'value'): never => {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
};
