import { assertNever, type ValidationIssue } from '@growth/es';
import { LIMITS, PATTERNS, MESSAGES } from './framework.validation';

/**
 * Crosswalks (seed 001: "trying to see where competencies aligned across all the frameworks" — classified staff,
 * teachers, school leaders). Value objects only; an aggregate that stores a tenant's crosswalks can come later.
 *
 * A relation reads from source to target: `source BROADER target` means the source competency is more overarching
 * and includes the target (seed 001: "competencies that are more overarching, and include other competencies
 * within them"); NARROWER is the converse; EQUIVALENT means the same expectation under either name; RELATED means
 * overlapping without either containing the other.
 */
export type AlignmentRelation = 'EQUIVALENT' | 'BROADER' | 'NARROWER' | 'RELATED';
export const ALIGNMENT_RELATIONS: readonly AlignmentRelation[] = ['EQUIVALENT', 'BROADER', 'NARROWER', 'RELATED'];

/** A competency by id within a framework; competency ids are stable across a framework's versions. */
export interface CompetencyRef {
  readonly frameworkId: string;
  readonly competencyId: string;
}

export interface CompetencyAlignment {
  readonly source: CompetencyRef;
  readonly target: CompetencyRef;
  readonly relation: AlignmentRelation;
  readonly note?: string;
}

/** The relation seen from the other side: BROADER <-> NARROWER; EQUIVALENT and RELATED are symmetric. */
export const inverseRelation = (relation: AlignmentRelation): AlignmentRelation => {
  switch (relation) {
    case 'BROADER':
      return 'NARROWER';
    case 'NARROWER':
      return 'BROADER';
    case 'EQUIVALENT':
    case 'RELATED':
      return relation;
    default:
      return assertNever(relation, 'alignment relation');
  }
};

/** The same alignment stated from the target's side. `invertAlignment(invertAlignment(a))` equals `a`. */
export const invertAlignment = (alignment: CompetencyAlignment): CompetencyAlignment => ({
  ...alignment,
  source: alignment.target,
  target: alignment.source,
  relation: inverseRelation(alignment.relation),
});

const refKey = (ref: CompetencyRef): string => `${ref.frameworkId}\u0000${ref.competencyId}`;

/** Issues with one alignment: malformed ids, an unknown relation, a competency aligned with itself or its own framework. */
export const alignmentIssues = (alignment: CompetencyAlignment): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  for (const side of ['source', 'target'] as const) {
    for (const field of ['frameworkId', 'competencyId'] as const) {
      const value = alignment[side][field];
      if (!PATTERNS.id.test(value) || value.length > LIMITS.idMax) issues.push({ path: `${side}.${field}`, message: MESSAGES.id });
    }
  }
  if (!ALIGNMENT_RELATIONS.includes(alignment.relation)) issues.push({ path: 'relation', message: MESSAGES.oneOf(ALIGNMENT_RELATIONS) });
  if (alignment.source.frameworkId === alignment.target.frameworkId) {
    issues.push({ path: 'target.frameworkId', message: 'must be another framework: crosswalks align competencies across frameworks' });
  }
  if (alignment.note !== undefined && (alignment.note.length === 0 || alignment.note.length > LIMITS.noteMax)) {
    issues.push({ path: 'note', message: alignment.note.length === 0 ? MESSAGES.notEmpty : MESSAGES.maxLength(LIMITS.noteMax, alignment.note.length) });
  }
  return issues;
};

/** Two alignments state the same pair (in either direction). */
export const samePair = (a: CompetencyAlignment, b: CompetencyAlignment): boolean =>
  (refKey(a.source) === refKey(b.source) && refKey(a.target) === refKey(b.target)) || (refKey(a.source) === refKey(b.target) && refKey(a.target) === refKey(b.source));

/** Whether two alignments of the same pair say the same thing once seen from the same side. */
export const agree = (a: CompetencyAlignment, b: CompetencyAlignment): boolean => {
  if (!samePair(a, b)) return false;
  const seen = refKey(a.source) === refKey(b.source) ? b : invertAlignment(b);
  return seen.relation === a.relation;
};

/** Pairs of alignments in a set that contradict each other (e.g. A BROADER B and B BROADER A), by index. */
export const contradictions = (alignments: readonly CompetencyAlignment[]): [number, number][] => {
  const found: [number, number][] = [];
  alignments.forEach((a, i) => {
    alignments.slice(i + 1).forEach((b, k) => {
      if (samePair(a, b) && !agree(a, b)) found.push([i, i + 1 + k]);
    });
  });
  return found;
};

/** Every alignment touching a competency, restated with that competency as the source. */
export const alignmentsOf = (alignments: readonly CompetencyAlignment[], competency: CompetencyRef): CompetencyAlignment[] =>
  alignments.flatMap((a) => {
    if (refKey(a.source) === refKey(competency)) return [a];
    if (refKey(a.target) === refKey(competency)) return [invertAlignment(a)];
    return [];
  });
