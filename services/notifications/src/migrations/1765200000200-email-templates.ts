import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

/** Each tenant's own email templates (the latest state of its email-templates stream), read by every email sent. */
export class EmailTemplates1765200000200 implements MigrationInterface {
  name = 'EmailTemplates1765200000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE email_templates (tenant_id text PRIMARY KEY, state jsonb NOT NULL, version integer NOT NULL)`);
    await isolateTenantTable(q, 'email_templates');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_templates`);
  }
}
