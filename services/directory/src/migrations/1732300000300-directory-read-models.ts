import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';
import { DirectoryImportRuns1732300000400 } from './1732300000400-directory-import-runs';
import { DirectoryImportStaging1732300000500 } from './1732300000500-directory-import-staging';

const TABLES = ['directory_tenants', 'directory_sites', 'directory_people', 'directory_reporting_lines', 'directory_import_rows', 'directory_import_errors'];

/**
 * The directory's read models, written in the same transaction as the events they mirror, and the staging tables of
 * the HRIS import. Every table leads with `tenant_id` (row-level security compares it with the transaction's tenant,
 * and every primary key and index starts with it). Row-level security is switched on for each: a query without the
 * transaction's tenant (withTenant) sees and writes nothing.
 */
export class DirectoryReadModels1732300000300 implements MigrationInterface {
  name = 'DirectoryReadModels1732300000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE directory_tenants (
        tenant_id text NOT NULL,
        name text NOT NULL,
        time_zone text NOT NULL,
        locale text NOT NULL,
        cycle_calendar jsonb NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id)
      )`);
    await q.query(`
      CREATE TABLE directory_sites (
        tenant_id text NOT NULL,
        site_id uuid NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        kind text,
        parent_site_id uuid,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, site_id),
        CONSTRAINT directory_sites_code_unique UNIQUE (tenant_id, code)
      )`);
    await q.query(`CREATE INDEX directory_sites_by_parent ON directory_sites (tenant_id, parent_site_id)`);
    await q.query(`CREATE INDEX directory_sites_by_name ON directory_sites (tenant_id, name, site_id)`);
    // supervisor_id is the current (latest) reporting line; the dated history is directory_reporting_lines.
    await q.query(`
      CREATE TABLE directory_people (
        tenant_id text NOT NULL,
        person_id uuid NOT NULL,
        staff_number text NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        work_email text,
        job_classification text NOT NULL,
        site_id uuid NOT NULL,
        employment_status text NOT NULL,
        start_date date NOT NULL,
        left_on date,
        supervisor_id uuid,
        supervisor_since date,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, person_id),
        CONSTRAINT directory_people_staff_number_unique UNIQUE (tenant_id, staff_number)
      )`);
    await q.query(`CREATE INDEX directory_people_by_name ON directory_people (tenant_id, last_name, first_name, person_id)`);
    await q.query(`CREATE INDEX directory_people_by_site ON directory_people (tenant_id, site_id, last_name, first_name, person_id)`);
    await q.query(`CREATE INDEX directory_people_by_supervisor ON directory_people (tenant_id, supervisor_id)`);
    // One row per period; [valid_from, valid_to) with valid_to NULL for the current line. A same-day change leaves an
    // empty period (valid_to = valid_from) that no date falls in, so "on date D" stays a single row.
    await q.query(`
      CREATE TABLE directory_reporting_lines (
        tenant_id text NOT NULL,
        person_id uuid NOT NULL,
        started_version integer NOT NULL,
        supervisor_id uuid NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        PRIMARY KEY (tenant_id, person_id, started_version),
        CONSTRAINT directory_reporting_lines_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await q.query(`CREATE INDEX directory_reporting_lines_by_supervisor ON directory_reporting_lines (tenant_id, supervisor_id, valid_from)`);

    // Import staging: a file is parsed once into these rows, checked as a whole in SQL (duplicates, unknown
    // references, cycles), then applied. Unlogged: they live for one import and are not worth WAL.
    await q.query(`
      CREATE UNLOGGED TABLE directory_import_rows (
        tenant_id text NOT NULL,
        import_id uuid NOT NULL,
        row_number integer NOT NULL,
        staff_number text NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        work_email text,
        job_classification text NOT NULL,
        site_code text NOT NULL,
        site_name text NOT NULL,
        parent_site_code text,
        supervisor_staff_number text,
        employment_status text NOT NULL,
        start_date text NOT NULL,
        rejected boolean NOT NULL DEFAULT false,
        depth integer,
        site_depth integer,
        PRIMARY KEY (tenant_id, import_id, row_number)
      )`);
    await q.query(`CREATE INDEX directory_import_rows_by_staff_number ON directory_import_rows (tenant_id, import_id, staff_number)`);
    await q.query(`CREATE INDEX directory_import_rows_apply_order ON directory_import_rows (tenant_id, import_id, depth, row_number)`);
    await q.query(`CREATE INDEX directory_import_rows_site_order ON directory_import_rows (tenant_id, import_id, site_depth, site_code)`);
    await q.query(`
      CREATE UNLOGGED TABLE directory_import_errors (
        tenant_id text NOT NULL,
        import_id uuid NOT NULL,
        row_number integer NOT NULL,
        field text NOT NULL,
        message text NOT NULL,
        PRIMARY KEY (tenant_id, import_id, row_number, field)
      )`);
    for (const table of TABLES) await isolateTenantTable(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}

export const DIRECTORY_MIGRATIONS = [DirectoryReadModels1732300000300, DirectoryImportRuns1732300000400, DirectoryImportStaging1732300000500];
