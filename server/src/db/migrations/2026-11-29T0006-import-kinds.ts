import { type Kysely, sql } from 'kysely';

/* Bulk import also takes agencies, continuing-education records and volunteers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table import_jobs drop constraint import_jobs_kind_check`.execute(db);
  await sql`
    alter table import_jobs add constraint import_jobs_kind_check
      check (kind in ('workers', 'agencies', 'ce_records', 'volunteers'))
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
