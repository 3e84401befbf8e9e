import { assertNever, InvalidStateError, ValidationFailedError, type Decider, type ValidationIssue } from '@growth/es';
import { FRAMEWORK_KINDS } from '@growth/contracts';
import type { FrameworkCommand } from './framework.commands';
import type { FrameworkEvent } from './framework.events';

export type FrameworkState =
  | { readonly status: 'none' }
  | { readonly status: 'draft'; readonly frameworkId: string; readonly name: string; readonly purpose: string; readonly kind: string };

export const NAME_MAX = 200;
export const PURPOSE_MAX = 4000;

const nameIssues = (name: string): ValidationIssue[] => {
  const trimmed = name.trim();
  if (trimmed.length === 0) return [{ path: 'name', message: 'must not be empty' }];
  if (trimmed.length > NAME_MAX) return [{ path: 'name', message: `must be at most ${NAME_MAX} characters; ${trimmed.length} given` }];
  return [];
};

const reject = (issues: ValidationIssue[]): void => {
  if (issues.length > 0) throw new ValidationFailedError(issues);
};

/** A tenant's competency framework. This slice covers starting a draft and renaming it. */
export const frameworkDecider: Decider<FrameworkCommand, FrameworkState, FrameworkEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateFrameworkDraft': {
        reject([
          ...nameIssues(command.name),
          ...(command.purpose.length > PURPOSE_MAX ? [{ path: 'purpose', message: `must be at most ${PURPOSE_MAX} characters` }] : []),
          ...(FRAMEWORK_KINDS.includes(command.kind) ? [] : [{ path: 'kind', message: `must be one of ${FRAMEWORK_KINDS.join(', ')}` }]),
        ]);
        if (state.status !== 'none') throw new InvalidStateError(`Framework ${command.frameworkId} already exists`);
        return [
          {
            type: 'FrameworkDraftCreated',
            data: { frameworkId: command.frameworkId, name: command.name.trim(), purpose: command.purpose.trim(), kind: command.kind },
          },
        ];
      }
      case 'RenameFrameworkDraft': {
        reject(nameIssues(command.name));
        if (state.status === 'none') throw new InvalidStateError(`Framework ${command.frameworkId} does not exist`);
        if (state.name === command.name.trim()) return [];
        return [{ type: 'FrameworkDraftRenamed', data: { frameworkId: command.frameworkId, name: command.name.trim() } }];
      }
      default:
        return assertNever(command, 'command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'FrameworkDraftCreated':
        return { status: 'draft', ...event.data };
      case 'FrameworkDraftRenamed':
        return state.status === 'none' ? state : { ...state, name: event.data.name };
      default:
        return assertNever(event, 'event');
    }
  },
};
