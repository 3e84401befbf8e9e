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

export interface Header {
  readonly width: number;
  readonly index: ReadonlyMap<Column, number>;
}

/** Column names are matched case-insensitively; extra columns are ignored, missing required ones are named. */
export const readHeader = (names: readonly string[]): { header: Header } | { issues: RowIssue[] } => {
  const index = new Map<Column, number>();
  names.forEach((name, i) => {
    const column = name.trim().toLowerCase() as Column;
    if ((REQUIRED_COLUMNS as readonly string[]).includes(column) || (OPTIONAL_COLUMNS as readonly string[]).includes(column)) {
      if (!index.has(column)) index.set(column, i);
    }
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) return { issues: missing.map((c) => ({ field: c, message: 'required column is missing from the header' })) };
  return { header: { width: names.length, index } };
};

const STATUS_ALIASES: Record<string, EmploymentStatus> = { ACTIVE: 'ACTIVE', ON_LEAVE: 'ON_LEAVE', 'ON LEAVE': 'ON_LEAVE', LEFT: 'LEFT' };
const status: Rule<string> = (value) => (STATUS_ALIASES[value.toUpperCase()] ? undefined : 'must be ACTIVE, ON_LEAVE or LEFT');

/** Reads and checks one data row: the same field rules as the commands, plus the row's own consistency. */
export const readRow = (values: readonly string[], header: Header): { row: HrisRow } | { issues: RowIssue[] } => {
  if (values.length !== header.width) return { issues: [{ field: null, message: `has ${values.length} fields; the header has ${header.width}` }] };
  const get = (column: Column): string => {
    const i = header.index.get(column);
    return i === undefined ? '' : values[i].trim();
  };
  const optional = (column: Column): string | null => get(column) || null;
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
    employmentStatus: STATUS_ALIASES[get('employment_status').toUpperCase()] ?? (get('employment_status') as EmploymentStatus),
    startDate: get('start_date'),
  };
  const checks: Array<[Column, string | undefined]> = [
    ['staff_number', personRules.staffNumber(row.staffNumber)],
    ['first_name', personRules.name(row.firstName)],
    ['last_name', personRules.name(row.lastName)],
    ['work_email', personRules.workEmail(row.workEmail)],
    ['job_classification', personRules.jobClassification(row.jobClassification)],
    ['site_code', code(row.siteCode)],
    ['site_name', text(200)(row.siteName)],
    ['parent_site_code', row.parentSiteCode === null ? undefined : row.parentSiteCode === row.siteCode ? 'a site cannot be its own parent' : code(row.parentSiteCode)],
    [
      'supervisor_staff_number',
      row.supervisorStaffNumber === null ? undefined : row.supervisorStaffNumber === row.staffNumber ? 'a person cannot supervise themself' : code(row.supervisorStaffNumber),
    ],
    ['employment_status', status(get('employment_status'))],
    ['start_date', personRules.date(row.startDate)],
  ];
  const issues = checks.filter(([, problem]) => problem !== undefined).map(([field, message]) => ({ field, message: message as string }));
  return issues.length > 0 ? { issues } : { row };
};
