import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staging built for whole-file work: the checks join the file with itself and the directory (hash joins, no index
 * used) and the apply walks it in primary-key order, so the secondary indexes only made every staged row and every
 * written depth cost four index entries. Without them, and with room left in each page, writing a row's depth or
 * rejection is a heap-only update.
 */
export class DirectoryImportStaging1732300000500 implements MigrationInterface {
  name = 'DirectoryImportStaging1732300000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX directory_import_rows_by_staff_number`);
    await q.query(`DROP INDEX directory_import_rows_apply_order`);
    await q.query(`DROP INDEX directory_import_rows_site_order`);
    await q.query(`ALTER TABLE directory_import_rows SET (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE directory_import_rows RESET (fillfactor)`);
    await q.query(`CREATE INDEX directory_import_rows_by_staff_number ON directory_import_rows (tenant_id, import_id, staff_number)`);
    await q.query(`CREATE INDEX directory_import_rows_apply_order ON directory_import_rows (tenant_id, import_id, depth, row_number)`);
    await q.query(`CREATE INDEX directory_import_rows_site_order ON directory_import_rows (tenant_id, import_id, site_depth, site_code)`);
  }
}
