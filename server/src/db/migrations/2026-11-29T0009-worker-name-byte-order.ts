import { type Kysely, sql } from 'kysely';

/*
 * Names are searched by surname (a prefix) and listed in name order. Indexed under the "C" collation, one plain
 * btree serves both — the prefix range and the order — so "surname + level, first page" reads twenty index entries
 * instead of sorting every match. text_pattern_ops (0005) could serve the prefix but not the order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index workers_name_prefix_idx`.execute(db);
  await sql`drop index workers_level_name_prefix_idx`.execute(db);
  await sql`create index workers_name_c_idx on workers ((name collate "C"), id)`.execute(db);
  await sql`create index workers_level_name_c_idx on workers (credential_level, (name collate "C"), id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
