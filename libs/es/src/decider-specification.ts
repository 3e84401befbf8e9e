import { deepStrictEqual, fail } from 'node:assert';
import type { Decider } from './decider';
import type { DomainEvent } from './envelope';
import { fold } from './decider';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Given/When/Then for deciders: given past events, when a command is decided, then exactly these events are
 * produced, or this error is thrown. Pure, so specs need no database.
 *
 *   spec.given([created]).when(rename).then([renamed]);
 *   spec.given([]).when(rename).thenThrows(NotFoundError, (e) => e.message.includes('...'));
 */
export const DeciderSpecification = {
  for<Command, State, Event extends DomainEvent>(decider: Decider<Command, State, Event>) {
    return {
      given(events: readonly Event[]) {
        return {
          when(command: Command) {
            const run = () => decider.decide(command, fold(decider, events));
            return {
              then(expected: readonly Event[]): void {
                deepStrictEqual(run(), expected);
              },
              thenNothingHappens(): void {
                deepStrictEqual(run(), []);
              },
              thenThrows<T extends Error>(errorClass: ErrorClass, check?: (error: T) => boolean): T {
                try {
                  run();
                } catch (error) {
                  if (!(error instanceof errorClass)) fail(`Expected ${errorClass.name}, got ${String(error)}`);
                  if (check && !check(error as T)) fail(`${errorClass.name} did not match: ${(error as Error).message}`);
                  return error as T;
                }
                return fail(`Expected ${errorClass.name}, but the command was accepted`);
              },
            };
          },
        };
      },
    };
  },
};
