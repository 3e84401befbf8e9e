import { code, oneOf, text, type Rule } from '../../shared/domain/validation';
import { isIsoDate } from '../../shared/domain/dates';

// Deliberately loose: the mail system is the authority on addresses; this catches typing slips and pasted columns.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Field rules shared by the commands and the HRIS import, so both accept and refuse exactly the same values. */
export const personRules = {
  staffNumber: code,
  name: text(100),
  jobClassification: text(100),
  workEmail: ((value) => {
    if (value === null) return undefined;
    if (value.length > 254) return 'must be at most 254 characters';
    return EMAIL.test(value) ? undefined : 'must be an email address';
  }) as Rule<string | null>,
  date: ((value) => (isIsoDate(value) ? undefined : 'must be a date as YYYY-MM-DD')) as Rule<string>,
  employedStatus: oneOf(['ACTIVE', 'ON_LEAVE'] as const),
};

/** Stored form of an email address: trimmed and lower-cased, so a re-sent "Ana@X.org" is no change. */
export const normalizeEmail = (value: string | null): string | null => (value === null || value.trim() === '' ? null : value.trim().toLowerCase());
