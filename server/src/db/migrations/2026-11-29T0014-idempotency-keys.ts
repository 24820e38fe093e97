import { type Kysely, sql } from 'kysely';

/*
 * Idempotency keys (DESIGN §5: create endpoints honour an Idempotency-Key header, because mobile clients retry).
 * One row per user and key: the request's fingerprint and, once answered, the answer to replay. Rows older than a
 * day are dropped when the same user sends a new key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table idempotency_keys (
      user_id uuid not null references users (id) on delete cascade,
      key text not null,
      request_hash text not null,
      -- null while the first request is still being handled
      status_code integer,
      response_body text,
      content_type text,
      created_at timestamptz not null,
      primary key (user_id, key)
    )`.execute(db);
  await sql`create index idempotency_keys_created_idx on idempotency_keys (user_id, created_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
