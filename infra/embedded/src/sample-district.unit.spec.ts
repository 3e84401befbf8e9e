import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HRIS_COLUMNS } from '@growth/directory';
import { chainBelow, sampleDistrict, sampleDistrictCsv } from './sample-district';

describe('the sample district', () => {
  const district = sampleDistrict();

  it('is the same on every run', () => {
    expect(JSON.stringify(sampleDistrict())).toBe(JSON.stringify(district));
  });

  it('has a few hundred people in a five-level hierarchy over a central office, two areas and eight schools', () => {
    expect(district.people.length).toBeGreaterThanOrEqual(250);
    expect(district.people.length).toBeLessThanOrEqual(350);
    expect(new Set(district.people.map((p) => p.level))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(district.sites.filter((s) => s.code.startsWith('HS-'))).toHaveLength(2);
    expect(district.sites.filter((s) => s.code.startsWith('ES-'))).toHaveLength(6);
    expect(district.people.filter((p) => p.supervisorStaffNumber === null).map((p) => p.jobClassification)).toEqual(['Director of Classified Services']);

    const jobs = new Set(district.people.map((p) => p.jobClassification));
    for (const job of ['Area Operations Manager', 'Plant Manager', 'Cafeteria Manager', 'Office Manager', 'Custodian Supervisor', 'Lead Cafeteria Worker', 'Custodian', 'Building Engineer', 'Cafeteria Worker', 'Lunchtime Supervisor (Noon Aide)', 'Clerical Assistant', 'Office Technician']) {
      expect(jobs).toContain(job);
    }
  });

  it('has unique staff numbers, names and emails; every supervisor and site exists; sites form a tree', () => {
    const staff = new Map(district.people.map((p) => [p.staffNumber, p]));
    expect(staff.size).toBe(district.people.length);
    expect(new Set(district.people.map((p) => `${p.firstName} ${p.lastName}`)).size).toBe(district.people.length);
    expect(new Set(district.people.map((p) => p.workEmail)).size).toBe(district.people.length);
    const sites = new Map(district.sites.map((s) => [s.code, s]));
    for (const p of district.people) {
      expect(sites.has(p.siteCode)).toBe(true);
      if (p.supervisorStaffNumber) expect(staff.get(p.supervisorStaffNumber)?.level).toBe(p.level - 1);
      expect(p.startDate).toMatch(/^(199\d|20[0-2]\d)-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/);
    }
    for (const s of district.sites) if (s.parentCode) expect(sites.has(s.parentCode)).toBe(true);
    // Every site is staffed, so the import (which reads sites from people's rows) creates them all.
    expect(new Set(district.people.map((p) => p.siteCode))).toEqual(new Set(sites.keys()));
  });

  it('names the example people of the README: a custodian, their supervisor and the managers above', () => {
    const { director, areaOperationsManager, plantManager, custodianSupervisor, custodian } = district.examples;
    expect(director).toMatchObject({ staffNumber: 'E10001', jobClassification: 'Director of Classified Services' });
    expect(areaOperationsManager).toMatchObject({ staffNumber: 'E10002', jobClassification: 'Area Operations Manager', supervisorStaffNumber: 'E10001' });
    expect(plantManager).toMatchObject({ staffNumber: 'E10005', jobClassification: 'Plant Manager', siteCode: 'HS-ROOSEVELT' });
    expect(custodianSupervisor).toMatchObject({ staffNumber: 'E10032', jobClassification: 'Custodian Supervisor', siteCode: 'HS-ROOSEVELT', supervisorStaffNumber: 'E10005' });
    expect(custodian).toMatchObject({ jobClassification: 'Custodian', supervisorStaffNumber: 'E10032', employmentStatus: 'ACTIVE' });
    expect(custodian.staffNumber).toBe('E10064');
    expect([custodian, custodianSupervisor].map((p) => `${p.firstName} ${p.lastName}`)).toEqual(['Thomas Diaz', 'James Morales']);
    // The README's "The two commands" signs in as these two.
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    for (const p of [custodian, custodianSupervisor]) expect(readme).toContain(`--person ${p.staffNumber} --roles employee)   # ${p.firstName} ${p.lastName}`);
    expect(chainBelow(district, custodianSupervisor.staffNumber).map((p) => p.jobClassification).sort()).toEqual(['Building Engineer', ...Array(10).fill('Custodian')]);
  });

  it('is CSV in the HRIS import format, split into files under the size limit with supervisors never in a later file', () => {
    const [only] = sampleDistrictCsv(district);
    expect(sampleDistrictCsv(district)).toHaveLength(1);
    const lines = only.split('\n');
    expect(lines[0]).toBe(HRIS_COLUMNS.join(','));
    expect(lines).toHaveLength(district.people.length + 1);
    expect(lines[1]).toBe('E10001,Maria,Lopez,maria.lopez@dev-district.example,Director of Classified Services,CENTRAL,Central Office,,,ACTIVE,2015-01-01');

    const files = sampleDistrictCsv(district, 4096);
    expect(files.length).toBeGreaterThan(5);
    const seen = new Set<string>();
    for (const file of files) {
      expect(Buffer.byteLength(file)).toBeLessThanOrEqual(4096);
      const rows = file.split('\n').slice(1).map((line) => line.split(','));
      const inFile = new Set(rows.map((r) => r[0]));
      for (const r of rows) if (r[8]) expect(seen.has(r[8]) || inFile.has(r[8])).toBe(true);
      for (const r of rows) seen.add(r[0]);
    }
    expect(seen.size).toBe(district.people.length);
  });
});
