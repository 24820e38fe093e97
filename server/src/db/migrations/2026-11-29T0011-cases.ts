import { type Kysely, sql } from 'kysely';

/*
 * Cases (个案) and their stage records. Approved records are never changed: a correction is a new record that
 * amends the old one, and both stay.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One counter row per year: the upsert takes a row lock, so two cases opened at once get different numbers.
  await sql`
    create table case_code_counters (
      year integer primary key,
      last integer not null
    )`.execute(db);

  await sql`
    create table cases (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      beneficiary_id uuid not null references beneficiaries (id),
      agency_id uuid not null references organizations (id),
      project_id uuid references projects (id),
      worker_id uuid not null references workers (id),
      supervisor_worker_id uuid not null references workers (id),
      stage text not null default 'intake' check (stage in
        ('intake', 'assessment', 'planning', 'intervention', 'evaluation', 'closed', 'follow_up')),
      -- When the case last entered its stage: a stage's required record must be approved after that (a reopened
      -- case needs a fresh assessment, not the one from before it closed).
      stage_entered_at timestamptz not null,
      intake_source text not null check (intake_source in ('self_referral', 'outreach', 'referral', 'demand')),
      opened_on date not null,
      closed_on date,
      closing_reason text,
      created_by uuid not null references users (id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (worker_id <> supervisor_worker_id)
    )`.execute(db);
  await sql`create index cases_agency_idx on cases (agency_id, stage)`.execute(db);
  await sql`create index cases_worker_idx on cases (worker_id)`.execute(db);
  await sql`create index cases_supervisor_idx on cases (supervisor_worker_id)`.execute(db);
  await sql`create index cases_beneficiary_idx on cases (beneficiary_id)`.execute(db);

  await sql`
    create table case_records (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id),
      stage text not null,
      kind text not null check (kind in
        ('intake', 'assessment', 'plan', 'session', 'evaluation', 'closing', 'follow_up')),
      content jsonb not null,
      status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'returned')),
      author_user_id uuid not null references users (id),
      submitted_at timestamptz,
      reviewed_by uuid references users (id),
      reviewed_at timestamptz,
      review_comment text,
      amends_record_id uuid references case_records (id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index case_records_case_idx on case_records (case_id, kind, status)`.execute(db);
  await sql`create index case_records_amends_idx on case_records (amends_record_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
