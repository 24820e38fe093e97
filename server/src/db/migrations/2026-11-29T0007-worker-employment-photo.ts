import { type Kysely, sql } from 'kysely';

/*
 * Employment changes (end, transfer, hire) record why a job ended; a worker may have one optional photo. The photo
 * lives in its own table so that worker rows (read by every list and search) stay small.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table worker_employments add column end_reason text`.execute(db);
  await sql`
    create table worker_photos (
      worker_id uuid primary key references workers (id) on delete cascade,
      content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
      bytes bytea not null,
      byte_size int not null,
      updated_at timestamptz not null,
      updated_by uuid
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
