import { assertNever, InvalidStateError, NotFoundError, ValidationFailedError, type Decider, type ValidationIssue } from '@growth/es';
import { alignmentIssues, samePair, type CompetencyAlignment, type CompetencyRef } from '../../framework/domain/crosswalk';
import type { AlignCompetencies, CrosswalkCommand, RemoveAlignment } from './crosswalk.commands';
import type { CrosswalkEvent } from './crosswalk.events';

/**
 * A tenant's crosswalk: every alignment between its frameworks' competencies, each stated once (source = `from`).
 * One aggregate per tenant, because "a pair is aligned at most once, whichever way round" spans every pair and
 * a tenant keeps hundreds of alignments at most, edited rarely by a few HR people.
 */
export interface CrosswalkState {
  readonly alignments: readonly CompetencyAlignment[];
}

const initialState = (): CrosswalkState => ({ alignments: [] });

const pair = (from: CompetencyRef, to: CompetencyRef): CompetencyAlignment => ({ source: from, target: to, relation: 'RELATED' });
const named = (ref: CompetencyRef): string => `${ref.competencyId} (framework ${ref.frameworkId})`;

/** `source`/`target` paths of the value object, renamed to the command's `from`/`to`. */
const commandPath = (path: string): string => path.replace(/^source\./, 'from.').replace(/^target\./, 'to.');

const align = (command: AlignCompetencies, state: CrosswalkState): CrosswalkEvent[] => {
  const note = command.note?.trim();
  const alignment: CompetencyAlignment = { source: command.from, target: command.to, relation: command.relation, ...(note !== undefined ? { note } : {}) };
  const issues: ValidationIssue[] = alignmentIssues(alignment).map((i) => ({ ...i, path: commandPath(i.path) }));
  if (!command.found.from) issues.push({ path: 'from.competencyId', message: "not a competency of the framework's current content" });
  if (!command.found.to) issues.push({ path: 'to.competencyId', message: "not a competency of the framework's current content" });
  if (issues.length > 0) throw new ValidationFailedError(issues);
  const existing = state.alignments.find((a) => samePair(a, alignment));
  if (existing) {
    throw new InvalidStateError(`${named(existing.source)} is already aligned ${existing.relation} ${named(existing.target)}; remove that alignment first`);
  }
  return [{ type: 'CompetenciesAligned', data: { from: command.from, to: command.to, relation: command.relation, ...(note !== undefined ? { note } : {}) } }];
};

const remove = (command: RemoveAlignment, state: CrosswalkState): CrosswalkEvent[] => {
  const existing = state.alignments.find((a) => samePair(a, pair(command.from, command.to)));
  if (!existing) throw new NotFoundError(`${named(command.from)} and ${named(command.to)} are not aligned`);
  return [{ type: 'CompetencyAlignmentRemoved', data: { from: existing.source, to: existing.target, relation: existing.relation } }];
};

export const crosswalkDecider: Decider<CrosswalkCommand, CrosswalkState, CrosswalkEvent> = {
  initialState,
  decide: (command, state) => {
    switch (command.type) {
      case 'AlignCompetencies':
        return align(command, state);
      case 'RemoveAlignment':
        return remove(command, state);
      default:
        return assertNever(command, 'crosswalk command');
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'CompetenciesAligned': {
        const { from, to, relation, note } = event.data;
        return { alignments: [...state.alignments, { source: from, target: to, relation, ...(note !== undefined ? { note } : {}) }] };
      }
      case 'CompetencyAlignmentRemoved':
        return { alignments: state.alignments.filter((a) => !samePair(a, pair(event.data.from, event.data.to))) };
      default:
        return assertNever(event, 'crosswalk event');
    }
  },
};
