/**
 * The sample school district `npm start` loads into the development tenant: sites and support staff in a
 * five-level reporting hierarchy, generated deterministically (fixed lists, no randomness), so staff numbers, names
 * and reporting lines are the same on every machine and every run.
 *
 *   Director of Classified Services (Central Office)
 *   ├─ Area Operations Manager (North / South Area Office)
 *   │  ├─ Plant Manager ─ Custodian Supervisor ─ Custodian, Building Engineer
 *   │  ├─ Cafeteria Manager ─ Lead Cafeteria Worker ─ Cafeteria Worker
 *   │  ├─ Office Manager ─ Senior Office Technician ─ Office Technician, Clerical Assistant, Lunchtime Supervisor (Noon Aide)
 *   │  └─ Office Technician (the area office)
 *   └─ Office Manager (Central Office) ─ Senior Office Technician ─ Office Technician, Clerical Assistant
 */

import { HRIS_COLUMNS, MAX_IMPORT_CSV_BYTES } from '@growth/directory';

export interface SampleSite {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string | null;
}

export interface SamplePerson {
  readonly staffNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly workEmail: string;
  readonly jobClassification: string;
  readonly siteCode: string;
  readonly supervisorStaffNumber: string | null;
  readonly employmentStatus: 'ACTIVE' | 'ON_LEAVE';
  readonly startDate: string;
  /** 1 for the director, 5 for front-line staff. */
  readonly level: number;
}

export interface SampleDistrict {
  readonly sites: readonly SampleSite[];
  /** Top of the hierarchy first (level by level). */
  readonly people: readonly SamplePerson[];
  /** People to sign in as when trying the API (all active). */
  readonly examples: {
    readonly director: SamplePerson;
    readonly areaOperationsManager: SamplePerson;
    readonly plantManager: SamplePerson;
    readonly custodianSupervisor: SamplePerson;
    readonly custodian: SamplePerson;
  };
}

const SITES: readonly SampleSite[] = [
  { code: 'CENTRAL', name: 'Central Office', parentCode: null },
  { code: 'AREA-NORTH', name: 'North Area Office', parentCode: 'CENTRAL' },
  { code: 'AREA-SOUTH', name: 'South Area Office', parentCode: 'CENTRAL' },
  { code: 'HS-ROOSEVELT', name: 'Roosevelt High School', parentCode: 'AREA-NORTH' },
  { code: 'ES-LINCOLN', name: 'Lincoln Elementary School', parentCode: 'AREA-NORTH' },
  { code: 'ES-GARFIELD', name: 'Garfield Elementary School', parentCode: 'AREA-NORTH' },
  { code: 'ES-ADAMS', name: 'Adams Elementary School', parentCode: 'AREA-NORTH' },
  { code: 'HS-JEFFERSON', name: 'Jefferson High School', parentCode: 'AREA-SOUTH' },
  { code: 'ES-MADISON', name: 'Madison Elementary School', parentCode: 'AREA-SOUTH' },
  { code: 'ES-MONROE', name: 'Monroe Elementary School', parentCode: 'AREA-SOUTH' },
  { code: 'ES-HOOVER', name: 'Hoover Elementary School', parentCode: 'AREA-SOUTH' },
];

// 30 first names and 37 last names (coprime with 31): the pairing below gives every person a different name.
const FIRST_NAMES = [
  'Maria', 'James', 'Ana', 'Thomas', 'Linh', 'Carlos', 'Patricia', 'Robert', 'Guadalupe', 'Michael',
  'Jennifer', 'David', 'Rosa', 'Kevin', 'Yolanda', 'Daniel', 'Sandra', 'Jose', 'Angela', 'Anthony',
  'Veronica', 'Brian', 'Teresa', 'Luis', 'Monica', 'Eric', 'Denise', 'Miguel', 'Karen', 'Victor',
];
const LAST_NAMES = [
  'Lopez', 'Kim', 'Reyes', 'Nguyen', 'Garcia', 'Johnson', 'Martinez', 'Williams', 'Hernandez', 'Brown',
  'Gonzalez', 'Davis', 'Rodriguez', 'Wilson', 'Perez', 'Anderson', 'Sanchez', 'Thomas', 'Ramirez', 'Jackson',
  'Torres', 'White', 'Flores', 'Harris', 'Rivera', 'Martin', 'Gomez', 'Thompson', 'Diaz', 'Moore',
  'Cruz', 'Lee', 'Morales', 'Walker', 'Ortiz', 'Young', 'Chavez',
];

export const SAMPLE_EMAIL_DOMAIN = 'dev-district.example';

interface Position {
  readonly job: string;
  readonly site: string;
  readonly reports: readonly Position[];
}

const position = (job: string, site: string, reports: readonly Position[] = []): Position => ({ job, site, reports });
const times = (n: number, make: () => Position): Position[] => Array.from({ length: n }, make);

interface SchoolStaffing {
  readonly custodialCrews: number;
  readonly custodiansPerCrew: number;
  readonly cafeteriaTeams: number;
  readonly cafeteriaWorkersPerTeam: number;
  readonly officeTechnicians: number;
  readonly clericalAssistants: number;
  readonly noonAides: number;
}

const HIGH_SCHOOL: SchoolStaffing = { custodialCrews: 2, custodiansPerCrew: 10, cafeteriaTeams: 2, cafeteriaWorkersPerTeam: 6, officeTechnicians: 3, clericalAssistants: 3, noonAides: 5 };
const ELEMENTARY_SCHOOL: SchoolStaffing = { custodialCrews: 1, custodiansPerCrew: 7, cafeteriaTeams: 1, cafeteriaWorkersPerTeam: 5, officeTechnicians: 1, clericalAssistants: 2, noonAides: 8 };

/** A school's three managers, each with the chain below them. */
const school = (site: string, s: SchoolStaffing): Position[] => [
  position(
    'Plant Manager',
    site,
    times(s.custodialCrews, () => position('Custodian Supervisor', site, [...times(s.custodiansPerCrew, () => position('Custodian', site)), position('Building Engineer', site)])),
  ),
  position(
    'Cafeteria Manager',
    site,
    times(s.cafeteriaTeams, () => position('Lead Cafeteria Worker', site, times(s.cafeteriaWorkersPerTeam, () => position('Cafeteria Worker', site)))),
  ),
  position('Office Manager', site, [
    position('Senior Office Technician', site, [
      ...times(s.officeTechnicians, () => position('Office Technician', site)),
      ...times(s.clericalAssistants, () => position('Clerical Assistant', site)),
      ...times(s.noonAides, () => position('Lunchtime Supervisor (Noon Aide)', site)),
    ]),
  ]),
];

const area = (site: string, schools: readonly string[]): Position =>
  position('Area Operations Manager', site, [
    ...schools.flatMap((code) => school(code, code.startsWith('HS-') ? HIGH_SCHOOL : ELEMENTARY_SCHOOL)),
    position('Office Technician', site),
  ]);

const ORGANISATION = position('Director of Classified Services', 'CENTRAL', [
  area('AREA-NORTH', ['HS-ROOSEVELT', 'ES-LINCOLN', 'ES-GARFIELD', 'ES-ADAMS']),
  area('AREA-SOUTH', ['HS-JEFFERSON', 'ES-MADISON', 'ES-MONROE', 'ES-HOOVER']),
  position('Office Manager', 'CENTRAL', [
    position('Senior Office Technician', 'CENTRAL', [...times(2, () => position('Office Technician', 'CENTRAL')), ...times(2, () => position('Clerical Assistant', 'CENTRAL'))]),
  ]),
]);

const pad = (n: number) => String(n).padStart(2, '0');

/** The whole district, numbered level by level from the top: staff numbers E10001, E10002, … */
export const sampleDistrict = (): SampleDistrict => {
  const people: SamplePerson[] = [];
  let level: Array<{ position: Position; supervisor: string | null }> = [{ position: ORGANISATION, supervisor: null }];
  for (let depth = 1; level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { position: p, supervisor } of level) {
      const i = people.length;
      const firstName = FIRST_NAMES[i % FIRST_NAMES.length];
      const lastName = LAST_NAMES[(i + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length];
      const staffNumber = `E${10001 + i}`;
      // Managers have been with the district longer; front-line staff joined over the last two decades.
      const year = 2023 - ((i * 7) % 20) - (5 - depth) * 2;
      people.push({
        staffNumber,
        firstName,
        lastName,
        workEmail: `${firstName}.${lastName}@${SAMPLE_EMAIL_DOMAIN}`.toLowerCase(),
        jobClassification: p.job,
        siteCode: p.site,
        supervisorStaffNumber: supervisor,
        employmentStatus: depth === 5 && i % 23 === 22 ? 'ON_LEAVE' : 'ACTIVE',
        startDate: `${year}-${pad(1 + ((i * 5) % 12))}-${pad(1 + ((i * 11) % 28))}`,
        level: depth,
      });
      next.push(...p.reports.map((report) => ({ position: report, supervisor: staffNumber })));
    }
    level = next;
  }

  const first = (predicate: (p: SamplePerson) => boolean): SamplePerson => {
    const found = people.find((p) => p.employmentStatus === 'ACTIVE' && predicate(p));
    if (!found) throw new Error('the sample district lacks an example person');
    return found;
  };
  const custodianSupervisor = first((p) => p.jobClassification === 'Custodian Supervisor' && p.siteCode === 'HS-ROOSEVELT');
  const plantManager = people.find((p) => p.staffNumber === custodianSupervisor.supervisorStaffNumber)!;
  return {
    sites: SITES,
    people,
    examples: {
      director: people[0],
      areaOperationsManager: people.find((p) => p.staffNumber === plantManager.supervisorStaffNumber)!,
      plantManager,
      custodianSupervisor,
      custodian: first((p) => p.jobClassification === 'Custodian' && p.supervisorStaffNumber === custodianSupervisor.staffNumber),
    },
  };
};

/** Everyone below a person (direct and indirect reports), by staff number. */
export const chainBelow = (district: SampleDistrict, staffNumber: string): SamplePerson[] => {
  const below: SamplePerson[] = [];
  const queue = [staffNumber];
  while (queue.length > 0) {
    const supervisor = queue.shift();
    for (const p of district.people.filter((q) => q.supervisorStaffNumber === supervisor)) {
      below.push(p);
      queue.push(p.staffNumber);
    }
  }
  return below;
};


/** The directory's limit on one `importPeople` call. */
export const IMPORT_PEOPLE_MAX_BYTES = MAX_IMPORT_CSV_BYTES;

const field = (value: string | null): string => (value === null ? '' : /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/**
 * The district as HRIS CSV (services/directory/README.md), in files of at most `maxBytes` each (UTF-8, header
 * included). Rows go top of the hierarchy first, so every supervisor and parent site is in the same file or an
 * earlier one, which is all the import needs: it orders rows within a file itself.
 */
export const sampleDistrictCsv = (district: SampleDistrict, maxBytes = IMPORT_PEOPLE_MAX_BYTES): string[] => {
  const sites = new Map(district.sites.map((s) => [s.code, s]));
  const header = HRIS_COLUMNS.join(',');
  const rows = [...district.people]
    .sort((a, b) => a.level - b.level)
    .map((p) => {
      const site = sites.get(p.siteCode);
      if (!site) throw new Error(`unknown site ${p.siteCode}`);
      return [p.staffNumber, p.firstName, p.lastName, p.workEmail, p.jobClassification, site.code, site.name, site.parentCode, p.supervisorStaffNumber, p.employmentStatus, p.startDate]
        .map(field)
        .join(',');
    });
  const files: string[] = [];
  let current: string[] = [];
  let size = Buffer.byteLength(header);
  for (const row of rows) {
    const rowBytes = Buffer.byteLength(row) + 1; // and its newline
    if (Buffer.byteLength(header) + rowBytes > maxBytes) throw new Error(`a row of ${rowBytes} bytes does not fit in ${maxBytes}`);
    if (size + rowBytes > maxBytes && current.length > 0) {
      files.push([header, ...current].join('\n'));
      current = [];
      size = Buffer.byteLength(header);
    }
    current.push(row);
    size += rowBytes;
  }
  if (current.length > 0) files.push([header, ...current].join('\n'));
  return files;
};
