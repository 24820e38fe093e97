import { type Kysely, sql } from 'kysely';

/* Bulk imports: an uploaded file is validated (dry run) and then imported, with progress and a per-row report. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_jobs (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('workers', 'volunteers')),
      status text not null check (status in ('validating', 'validated', 'importing', 'completed', 'failed')),
      mode text check (mode in ('all_or_nothing', 'valid_rows_only')),
      file_name text not null,
      -- The uploaded file, kept until the import has run (then cleared).
      file_bytes bytea,
      total_rows integer not null default 0,
      processed_rows integer not null default 0,
      valid_rows integer not null default 0,
      invalid_rows integer not null default 0,
      imported_rows integer not null default 0,
      errors jsonb not null default '[]'::jsonb,
      failure text,
      created_by uuid not null references users (id),
      organization_id uuid references organizations (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      finished_at timestamptz
    )`.execute(db);
  await sql`create index import_jobs_creator_idx on import_jobs (created_by, created_at desc)`.execute(db);
  // Talent-pool pages sorted by name stop after the first rows instead of sorting every match.
  await sql`create index workers_name_idx on workers (name, id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
