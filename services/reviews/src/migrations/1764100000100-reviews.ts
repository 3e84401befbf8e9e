import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

export const CYCLE_OPENER_SETTING = 'app.cycle_opener';

/**
 * The reviews service's copy of the directory (people, reporting lines, sites, tenant policy: from the directory's
 * public events), its cycles and reviews read models, and the filed year-end summaries.
 */
export class Reviews1764100000100 implements MigrationInterface {
  name = 'Reviews1764100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE review_people (
        tenant_id text NOT NULL,
        person_id uuid NOT NULL,
        staff_number text NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        job_classification text NOT NULL,
        site_id uuid NOT NULL,
        employment_status text NOT NULL,
        start_date date NOT NULL,
        left_on date,
        supervisor_id uuid,
        supervisor_since date,
        PRIMARY KEY (tenant_id, person_id)
      )`);
    await q.query(`CREATE INDEX review_people_supervisor ON review_people (tenant_id, supervisor_id) WHERE supervisor_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE review_sites (
        tenant_id text NOT NULL,
        site_id uuid NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        parent_site_id uuid,
        PRIMARY KEY (tenant_id, site_id)
      )`);
    await q.query(`
      CREATE TABLE review_tenants (
        tenant_id text PRIMARY KEY,
        name text NOT NULL,
        time_zone text NOT NULL,
        locale text NOT NULL,
        cycle_calendar jsonb NOT NULL
      )`);
    await q.query(`
      CREATE TABLE review_cycles (
        tenant_id text NOT NULL,
        cycle_id uuid NOT NULL,
        name text NOT NULL,
        status text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        time_zone text NOT NULL,
        deadlines jsonb NOT NULL,
        opened jsonb NOT NULL,
        reviews integer,
        version integer NOT NULL,
        opened_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, cycle_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX review_cycles_name ON review_cycles (tenant_id, lower(name))`);
    await q.query(`
      CREATE TABLE review_list (
        tenant_id text NOT NULL,
        review_id uuid NOT NULL,
        cycle_id uuid NOT NULL,
        person_id uuid NOT NULL,
        supervisor_id uuid,
        process text NOT NULL,
        status text NOT NULL,
        phases_completed text[] NOT NULL DEFAULT '{}',
        selection_agreed boolean NOT NULL DEFAULT false,
        self_assessed boolean NOT NULL DEFAULT false,
        supervisor_rated boolean NOT NULL DEFAULT false,
        overall_assessment_id text,
        eligible_for_pay_progression boolean,
        employee_signed_on date,
        supervisor_signed_on date,
        filings integer NOT NULL DEFAULT 0,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, review_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX review_list_person ON review_list (tenant_id, cycle_id, person_id)`);
    await q.query(`CREATE INDEX review_list_supervisor ON review_list (tenant_id, supervisor_id, cycle_id)`);
    await q.query(`
      CREATE TABLE review_documents (
        tenant_id text NOT NULL,
        review_id uuid NOT NULL,
        filing integer NOT NULL,
        pdf bytea NOT NULL,
        generated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, review_id, filing)
      )`);
    for (const table of ['review_people', 'review_sites', 'review_tenants', 'review_list', 'review_documents']) await isolateTenantTable(q, table);
    // The cycle opener finds openings a restart interrupted, in every tenant, in a transaction that sets this.
    await isolateTenantTable(q, 'review_cycles', `current_setting('${CYCLE_OPENER_SETTING}', true) = 'on'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['review_documents', 'review_list', 'review_cycles', 'review_tenants', 'review_sites', 'review_people']) await q.query(`DROP TABLE ${table}`);
  }
}
