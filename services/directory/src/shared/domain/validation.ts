import { ValidationFailedError, type ValidationIssue } from '@growth/es';

/** A field rule: the problem with a value, or undefined when it is fine. */
export type Rule<T> = (value: T) => string | undefined;

/** Runs rules against named fields and collects every issue, so a caller learns about all of them at once. */
export const check = (...checks: ReadonlyArray<readonly [path: string, problem: string | undefined]>): ValidationIssue[] =>
  checks.filter(([, problem]) => problem !== undefined).map(([path, message]) => ({ path, message: message as string }));

export const rejectIfAny = (issues: readonly ValidationIssue[]): void => {
  if (issues.length > 0) throw new ValidationFailedError(issues);
};

export const text =
  (max: number): Rule<string> =>
  (value) => {
    const trimmed = value.trim();
    if (trimmed.length === 0) return 'must not be empty';
    if (trimmed.length > max) return `must be at most ${max} characters; ${trimmed.length} given`;
    return undefined;
  };

/** Codes and staff numbers are keys other systems send us: letters, digits and a few separators, no spaces. */
const CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/;
export const code: Rule<string> = (value) => (CODE.test(value) ? undefined : 'must be 1-32 letters, digits or . _ / - (starting with a letter or digit)');

export const oneOf =
  <T extends string>(allowed: readonly T[]): Rule<string> =>
  (value) => ((allowed as readonly string[]).includes(value) ? undefined : `must be one of ${allowed.join(', ')}`);

/** A field whose value changed, with both values, so the audit trail can say what it was before. */
export interface Change<T> {
  readonly from: T;
  readonly to: T;
}

/** The fields of `next` that differ from `current`, as changes; fields absent from `next` are left alone. */
export const changesBetween = <T extends object>(current: T, next: Partial<T>): { [K in keyof T]?: Change<T[K]> } => {
  const changes: { [K in keyof T]?: Change<T[K]> } = {};
  for (const key of Object.keys(next) as Array<keyof T>) {
    const to = next[key];
    if (to !== undefined && to !== current[key]) changes[key] = { from: current[key], to: to as T[keyof T] };
  }
  return changes;
};
