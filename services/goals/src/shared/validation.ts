import { ValidationFailedError, type ValidationIssue } from '@growth/es';
import { isLocalDate } from '@growth/calendar';
import type { Money } from './money';

/** Free text is kept to a size a form holds; longer input is refused rather than cut. */
export const MAX_TEXT = 10_000;

export const refuse = (issues: readonly ValidationIssue[]): void => {
  if (issues.length > 0) throw new ValidationFailedError(issues);
};

export const textIssues = (path: string, text: unknown, { required }: { required: boolean }): ValidationIssue[] => {
  if (typeof text !== 'string') return [{ path, message: 'must be text' }];
  if (text.length > MAX_TEXT) return [{ path, message: `must be at most ${MAX_TEXT} characters` }];
  if (required && text.trim().length === 0) return [{ path, message: 'must not be empty' }];
  return [];
};

export const dateIssues = (path: string, date: unknown): ValidationIssue[] => (isLocalDate(date) ? [] : [{ path, message: 'must be a date, YYYY-MM-DD' }]);

export const idIssues = (path: string, id: unknown): ValidationIssue[] => (typeof id === 'string' && id.trim().length > 0 ? [] : [{ path, message: 'must not be empty' }]);

export const idListIssues = (path: string, ids: readonly unknown[]): ValidationIssue[] => {
  const seen = new Set<unknown>();
  return ids.flatMap((id, i) => {
    const issues = seen.has(id) ? [{ path: `${path}.${i}`, message: `"${String(id)}" is listed more than once` }] : idIssues(`${path}.${i}`, id);
    seen.add(id);
    return issues;
  });
};

export const costIssues = (path: string, cost: Money | null): ValidationIssue[] => {
  if (cost === null) return [];
  const issues: ValidationIssue[] = [];
  if (!Number.isSafeInteger(cost.amount)) issues.push({ path: `${path}.amount`, message: 'must be a whole number of minor units (pence, cents)' });
  else if (cost.amount < 0) issues.push({ path: `${path}.amount`, message: 'must not be negative' });
  if (typeof cost.currency !== 'string' || !/^[A-Z]{3}$/.test(cost.currency)) issues.push({ path: `${path}.currency`, message: 'must be an ISO 4217 code such as GBP' });
  return issues;
};
