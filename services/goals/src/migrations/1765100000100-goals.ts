import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

const TABLES = ['goal_people', 'goal_sites', 'goal_cycles', 'goal_review_frameworks', 'goal_framework_competencies', 'goal_list', 'unit_goal_list'];

/**
 * The goals service's copies (people and reporting lines from the directory, cycles and each review's pinned
 * framework from reviews, the competencies of published frameworks) and its read models of goals and unit goals.
 */
export class Goals1765100000100 implements MigrationInterface {
  name = 'Goals1765100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE goal_people (tenant_id text NOT NULL, person_id uuid NOT NULL, site_id uuid NOT NULL, employment_status text NOT NULL, supervisor_id uuid, PRIMARY KEY (tenant_id, person_id))`);
    await q.query(`CREATE INDEX goal_people_supervisor ON goal_people (tenant_id, supervisor_id) WHERE supervisor_id IS NOT NULL`);
    await q.query(`CREATE TABLE goal_sites (tenant_id text NOT NULL, site_id uuid NOT NULL, parent_site_id uuid, PRIMARY KEY (tenant_id, site_id))`);
    await q.query(`CREATE TABLE goal_cycles (tenant_id text NOT NULL, cycle_id uuid NOT NULL, starts_on date NOT NULL, ends_on date NOT NULL, time_zone text NOT NULL, closed boolean NOT NULL DEFAULT false, PRIMARY KEY (tenant_id, cycle_id))`);
    await q.query(`CREATE TABLE goal_review_frameworks (tenant_id text NOT NULL, review_id uuid NOT NULL, cycle_id uuid NOT NULL, person_id uuid NOT NULL, framework_id uuid NOT NULL, framework_version integer NOT NULL, PRIMARY KEY (tenant_id, review_id), UNIQUE (tenant_id, cycle_id, person_id))`);
    await q.query(`CREATE TABLE goal_framework_competencies (tenant_id text NOT NULL, framework_id uuid NOT NULL, version integer NOT NULL, competency_ids text[] NOT NULL, PRIMARY KEY (tenant_id, framework_id, version))`);
    await q.query(`
      CREATE TABLE goal_list (
        tenant_id text NOT NULL,
        goal_id uuid NOT NULL,
        cycle_id uuid NOT NULL,
        person_id uuid NOT NULL,
        supervisor_id uuid,
        kind text NOT NULL,
        status text NOT NULL,
        unit_goal_id uuid,
        state jsonb NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (tenant_id, goal_id)
      )`);
    await q.query(`CREATE INDEX goal_list_person ON goal_list (tenant_id, person_id, cycle_id)`);
    await q.query(`CREATE INDEX goal_list_supervisor ON goal_list (tenant_id, supervisor_id, cycle_id)`);
    await q.query(`CREATE INDEX goal_list_unit_goal ON goal_list (tenant_id, unit_goal_id) WHERE unit_goal_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE unit_goal_list (
        tenant_id text NOT NULL,
        unit_goal_id uuid NOT NULL,
        cycle_id uuid NOT NULL,
        site_id uuid,
        status text NOT NULL,
        state jsonb NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (tenant_id, unit_goal_id)
      )`);
    for (const table of TABLES) await isolateTenantTable(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
