import { readHeader, readRow, type Header } from './hris-row';

const HEADER = 'staff_number,first_name,last_name,work_email,job_classification,site_code,site_name,parent_site_code,supervisor_staff_number,employment_status,start_date'.split(',');
const header = (readHeader(HEADER) as { header: Header }).header;
const values = (overrides: Record<string, string> = {}): string[] => {
  const row: Record<string, string> = {
    staff_number: 'E1001',
    first_name: 'Ana',
    last_name: 'Lopez',
    work_email: 'Ana.Lopez@LAUSD.net',
    job_classification: 'Custodian',
    site_code: 'S-101',
    site_name: 'Roosevelt High',
    parent_site_code: 'D-1',
    supervisor_staff_number: 'E2001',
    employment_status: 'active',
    start_date: '2019-08-12',
    ...overrides,
  };
  return HEADER.map((c) => row[c]);
};

describe('HRIS rows', () => {
  it('reads a valid row, normalising email and status, empty optionals as null', () => {
    expect(readRow(values({ parent_site_code: '', supervisor_staff_number: ' ' }), header)).toEqual({
      row: {
        staffNumber: 'E1001',
        firstName: 'Ana',
        lastName: 'Lopez',
        workEmail: 'ana.lopez@lausd.net',
        jobClassification: 'Custodian',
        siteCode: 'S-101',
        siteName: 'Roosevelt High',
        parentSiteCode: null,
        supervisorStaffNumber: null,
        employmentStatus: 'ACTIVE',
        startDate: '2019-08-12',
      },
    });
  });

  it('names every bad field by its column', () => {
    const result = readRow(values({ staff_number: '', work_email: 'nope', employment_status: 'RETIRED', start_date: '08/12/2019', parent_site_code: 'S-101' }), header);
    expect(result).toEqual({
      issues: [
        { field: 'staff_number', message: expect.any(String) },
        { field: 'work_email', message: 'must be an email address' },
        { field: 'parent_site_code', message: 'a site cannot be its own parent' },
        { field: 'employment_status', message: 'must be ACTIVE, ON_LEAVE or LEFT' },
        { field: 'start_date', message: 'must be a date as YYYY-MM-DD' },
      ],
    });
  });

  it('refuses self-supervision and a row of the wrong width', () => {
    expect(readRow(values({ supervisor_staff_number: 'E1001' }), header)).toEqual({ issues: [{ field: 'supervisor_staff_number', message: 'a person cannot supervise themself' }] });
    expect(readRow(['E1', 'Ana'], header)).toEqual({ issues: [{ field: null, message: 'has 2 fields; the header has 11' }] });
  });

  it('matches headers case-insensitively, ignores extras, names missing required columns', () => {
    expect('header' in readHeader([...HEADER.map((h) => h.toUpperCase()), 'cost_centre'])).toBe(true);
    expect(readHeader(['staff_number', 'first_name'])).toEqual({
      issues: ['last_name', 'job_classification', 'site_code', 'site_name', 'employment_status', 'start_date'].map((field) => ({ field, message: 'required column is missing from the header' })),
    });
  });
});
