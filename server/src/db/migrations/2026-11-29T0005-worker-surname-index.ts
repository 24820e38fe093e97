import { type Kysely, sql } from 'kysely';

/* A one-character search in the talent pool is a surname: served by a prefix index on the name. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index workers_name_prefix_idx on workers (name text_pattern_ops)`.execute(db);
  // Surname with a credential level is the commonest combination on the talent-pool page.
  await sql`create index workers_level_name_prefix_idx on workers (credential_level, name text_pattern_ops)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
