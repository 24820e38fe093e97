import { type Kysely, sql } from 'kysely';

/* Residents and volunteers (real-name profiles under PIPL: identifiers encrypted, blind-indexed, masked). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence volunteer_no_seq`.execute(db);
  await sql`
    create table residents (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 50),
      gender text not null check (gender in ('male', 'female')),
      birth_date date not null,
      id_number_enc text not null,
      id_number_index text not null,
      id_number_masked text not null,
      mobile_enc text,
      mobile_index text,
      mobile_masked text,
      division_code text not null references divisions (code),
      -- Approximate location only (3 decimals ≈ 100 m): enough for the 15-minute circle, not a home address.
      latitude numeric(6, 3) check (latitude between -90 and 90),
      longitude numeric(6, 3) check (longitude between -180 and 180),
      skills text[] not null default '{}',
      is_volunteer boolean not null default false,
      volunteer_no text unique,
      contact_consent boolean not null default false,
      contact_consent_at timestamptz,
      user_id uuid unique references users (id),
      notes text not null default '',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (is_volunteer = (volunteer_no is not null))
    )`.execute(db);
  await sql`create unique index residents_id_number_uq on residents (id_number_index)`.execute(db);
  await sql`create index residents_division_idx on residents (division_code text_pattern_ops)`.execute(db);
  await sql`create index residents_skills_idx on residents using gin (skills)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
