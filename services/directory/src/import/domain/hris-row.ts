import { code, text, type Rule } from '../../shared/domain/validation';
import { normalizeEmail, personRules } from '../../person/domain/person.rules';
import type { EmploymentStatus } from '../../person/domain/person.events';

/** One person as an HRIS export describes them, checked field by field. */
export interface HrisRow {
  readonly staffNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly workEmail: string | null;
  readonly jobClassification: string;
  readonly siteCode: string;
  readonly siteName: string;
  readonly parentSiteCode: string | null;
  readonly supervisorStaffNumber: string | null;
  readonly employmentStatus: EmploymentStatus;
  readonly startDate: string;
}

/** A problem with a field (a column name), or with the whole row or file (`field` null). */
export interface RowIssue {
  readonly field: string | null;
  readonly message: string;
}

export const REQUIRED_COLUMNS = ['staff_number', 'first_name', 'last_name', 'job_classification', 'site_code', 'site_name', 'employment_status', 'start_date'] as const;
export const OPTIONAL_COLUMNS = ['work_email', 'parent_site_code', 'supervisor_staff_number'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
/** Every column, in the order the import's documentation lists them (a file may use any order). */
export const HRIS_COLUMNS = [
  'staff_number',
  'first_name',
  'last_name',
  'work_email',
  'job_classification',
  'site_code',
  'site_name',
  'parent_site_code',
  'supervisor_staff_number',
  'employment_status',
  'start_date',
] as const satisfies readonly Column[];

export interface Header {
  readonly width: number;
  readonly index: ReadonlyMap<Column, number>;
}

const KNOWN_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/**
 * Text PostgreSQL cannot store, or not faithfully: a NUL character (U+0000; `text` refuses it), or anything that was
 * not valid Unicode. An unpaired UTF-16 surrogate (which the GraphQL mutation's JSON string can carry) does not
 * survive the way to the parser, which reads bytes: it arrives as U+FFFD, the replacement character, as do bytes
 * that are not UTF-8 (a file saved as Latin-1): either way the text is no longer what was sent, so a cell holding
 * U+FFFD is refused too. A surrogate itself is named when it reaches this check directly.
 */
const LONE_SURROGATE = /\p{Cs}/u;
/** Any character `unstorable` names: one quick test per cell; the message is worked out only for a cell that has one. */
const UNSTORABLE = /[\u0000\uFFFD]|\p{Cs}/u;
const unstorable = (value: string): string | undefined => {
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  if (value.includes('\uFFFD')) {
    return 'contains U+FFFD, which stands for text that was not valid Unicode: an unpaired UTF-16 surrogate, or bytes that are not UTF-8 (save the file as UTF-8)';
  }
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) return `contains an unpaired UTF-16 surrogate (U+${surrogate[0].charCodeAt(0).toString(16).toUpperCase()}), which is not valid Unicode`;
  return undefined;
};

/** How a header name appears in a message: quoted, with control characters and lone surrogates escaped. */
const shown = (value: string): string => JSON.stringify(value);

/**
 * Column names are matched case-insensitively, in any order. Every column must be one of the known ones, once: an
 * unknown column (a typo such as `supervisor_staff_no` would otherwise drop a field silently) or a repeated one
 * (which value would win?) refuses the file, naming the column. Missing required columns are named too.
 */
export const readHeader = (names: readonly string[]): { header: Header } | { issues: RowIssue[] } => {
  const index = new Map<Column, number>();
  const issues: RowIssue[] = [];
  names.forEach((name, i) => {
    const column = name.trim().toLowerCase();
    if (column === '') {
      issues.push({ field: null, message: `column ${i + 1} of the header has no name` });
    } else if (!KNOWN_COLUMNS.includes(column)) {
      const field = unstorable(name) ? null : name.trim();
      issues.push({ field, message: `unknown column ${shown(name.trim())} (column ${i + 1}); the columns are ${REQUIRED_COLUMNS.join(', ')} and, optionally, ${OPTIONAL_COLUMNS.join(', ')}` });
    } else if (index.has(column as Column)) {
      issues.push({ field: column, message: `column ${column} appears more than once in the header (columns ${(index.get(column as Column) as number) + 1} and ${i + 1})` });
    } else {
      index.set(column as Column, i);
    }
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  issues.push(...missing.map((c) => ({ field: c, message: 'required column is missing from the header' })));
  return issues.length > 0 ? { issues } : { header: { width: names.length, index } };
};

const STATUS_ALIASES: Record<string, EmploymentStatus> = { ACTIVE: 'ACTIVE', ON_LEAVE: 'ON_LEAVE', 'ON LEAVE': 'ON_LEAVE', LEFT: 'LEFT' };
const statusRule: Rule<string> = (value) => (STATUS_ALIASES[value.toUpperCase()] ? undefined : 'must be ACTIVE, ON_LEAVE or LEFT');
const siteName = text(200);

/**
 * Reads and checks one data row: the same field rules as the commands, plus the row's own consistency. Values are
 * kept as text, verbatim (trimmed): a cell starting with = + - @ is a spreadsheet formula only to a spreadsheet, and
 * is stored as the text it is (see the README on exports).
 */
export const readRow = (values: readonly string[], header: Header): { row: HrisRow } | { issues: RowIssue[] } => {
  if (values.length !== header.width) return { issues: [{ field: null, message: `has ${values.length} fields; the header has ${header.width}` }] };
  // Checked in every cell, ahead of the field's own rule: such a value must reach neither the database nor a message.
  let unreadable: Map<Column, string> | undefined;
  for (const [column, i] of header.index) {
    if (UNSTORABLE.test(values[i])) (unreadable ??= new Map()).set(column, unstorable(values[i]) as string);
  }
  const get = (column: Column): string => {
    const i = header.index.get(column);
    return i === undefined ? '' : values[i].trim();
  };
  const optional = (column: Column): string | null => get(column) || null;
  const status = get('employment_status');
  const row: HrisRow = {
    staffNumber: get('staff_number'),
    firstName: get('first_name'),
    lastName: get('last_name'),
    workEmail: normalizeEmail(optional('work_email')),
    jobClassification: get('job_classification'),
    siteCode: get('site_code'),
    siteName: get('site_name'),
    parentSiteCode: optional('parent_site_code'),
    supervisorStaffNumber: optional('supervisor_staff_number'),
    employmentStatus: STATUS_ALIASES[status.toUpperCase()] ?? (status as EmploymentStatus),
    startDate: get('start_date'),
  };
  // In column order; a row of a large file is read in microseconds, so nothing is built for fields without a problem.
  const issues: RowIssue[] = [];
  const note = (field: Column, problem: string | undefined) => {
    const message = unreadable?.get(field) ?? problem;
    if (message !== undefined) issues.push({ field, message });
  };
  note('staff_number', personRules.staffNumber(row.staffNumber));
  note('first_name', personRules.name(row.firstName));
  note('last_name', personRules.name(row.lastName));
  note('work_email', personRules.workEmail(row.workEmail));
  note('job_classification', personRules.jobClassification(row.jobClassification));
  note('site_code', code(row.siteCode));
  note('site_name', siteName(row.siteName));
  note('parent_site_code', row.parentSiteCode === null ? undefined : row.parentSiteCode === row.siteCode ? 'a site cannot be its own parent' : code(row.parentSiteCode));
  note(
    'supervisor_staff_number',
    row.supervisorStaffNumber === null ? undefined : row.supervisorStaffNumber === row.staffNumber ? 'a person cannot supervise themself' : code(row.supervisorStaffNumber),
  );
  note('employment_status', statusRule(status));
  note('start_date', personRules.date(row.startDate));
  return issues.length > 0 ? { issues } : { row };
};
