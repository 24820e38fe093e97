import { type Kysely, sql } from 'kysely';

/*
 * Registry and talent pool: organization profiles (agencies with 统一社会信用代码, ratings, service areas), managed
 * taxonomies, social workers with encrypted personal data, credentials, 3-year registration periods, continuing
 * education and employment history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organizations
      add column department text,
      add column credit_code text,
      add column legal_form text check (legal_form in ('private_non_enterprise', 'social_group', 'foundation')),
      add column registered_on date,
      add column registration_authority text,
      add column rating text check (rating in ('1A', '2A', '3A', '4A', '5A')),
      add column rated_on date,
      add column address text,
      add column latitude double precision check (latitude between -90 and 90),
      add column longitude double precision check (longitude between -180 and 180),
      add column service_fields text[] not null default '{}',
      add column contact_name text,
      add column contact_phone text,
      add column verification_status text not null default 'unverified'
        check (verification_status in ('unverified', 'verified', 'rejected')),
      add column verified_at timestamptz,
      add column verified_by uuid references users (id)`.execute(db);
  await sql`create unique index organizations_credit_code_uq on organizations (credit_code) where credit_code is not null`.execute(
    db,
  );

  // Where an organization delivers services (street codes, or the district); scope checks match these by prefix.
  await sql`
    create table organization_service_divisions (
      organization_id uuid not null references organizations (id) on delete cascade,
      division_code text not null references divisions (code),
      primary key (organization_id, division_code)
    )`.execute(db);
  await sql`create index organization_service_divisions_code_idx on organization_service_divisions (division_code text_pattern_ops)`.execute(
    db,
  );

  await sql`
    create table taxonomy_terms (
      scheme text not null check (scheme in ('specialty', 'language', 'skill')),
      code text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      name_zh text not null,
      name_en text not null,
      sort_order integer not null default 0,
      active boolean not null default true,
      primary key (scheme, code)
    )`.execute(db);

  await sql`
    create table workers (
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
      agency_id uuid references organizations (id),
      user_id uuid unique references users (id),
      division_code text references divisions (code),
      specialties text[] not null default '{}',
      languages text[] not null default '{}',
      availability text not null default 'available' check (availability in ('available', 'limited', 'unavailable')),
      notes text not null default '',
      -- Denormalized from credentials, registrations and CE records (kept in step by the service, in the same
      -- transaction) so that talent-pool filters are plain indexed columns.
      credential_level text check (credential_level in ('assistant', 'intermediate', 'senior')),
      period_from date,
      period_to date,
      ce_minutes_in_period integer not null default 0,
      ce_required_minutes integer not null default 0,
      search tsvector not null default ''::tsvector,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index workers_id_number_uq on workers (id_number_index)`.execute(db);
  await sql`create index workers_mobile_idx on workers (mobile_index)`.execute(db);
  await sql`create index workers_agency_idx on workers (agency_id)`.execute(db);
  await sql`create index workers_division_idx on workers (division_code text_pattern_ops)`.execute(db);
  await sql`create index workers_search_idx on workers using gin (search)`.execute(db);
  await sql`create index workers_specialties_idx on workers using gin (specialties)`.execute(db);
  await sql`create index workers_languages_idx on workers using gin (languages)`.execute(db);
  await sql`create index workers_level_idx on workers (credential_level)`.execute(db);
  await sql`create index workers_period_to_idx on workers (period_to)`.execute(db);

  await sql`
    create table worker_credentials (
      id uuid primary key default gen_random_uuid(),
      worker_id uuid not null unique references workers (id) on delete cascade,
      level text not null check (level in ('assistant', 'intermediate', 'senior')),
      certificate_no text not null unique check (length(certificate_no) between 4 and 40),
      issued_on date not null,
      verification_status text not null default 'unverified'
        check (verification_status in ('unverified', 'verified', 'rejected')),
      verified_at timestamptz,
      verified_by uuid references users (id)
    )`.execute(db);

  await sql`
    create table worker_registrations (
      id uuid primary key default gen_random_uuid(),
      worker_id uuid not null references workers (id) on delete cascade,
      valid_from date not null,
      valid_to date not null,
      status text not null default 'active' check (status in ('active', 'revoked')),
      created_at timestamptz not null default now(),
      check (valid_to > valid_from)
    )`.execute(db);
  await sql`create index worker_registrations_worker_idx on worker_registrations (worker_id, valid_from)`.execute(db);

  await sql`
    create table ce_records (
      id uuid primary key default gen_random_uuid(),
      worker_id uuid not null references workers (id) on delete cascade,
      course text not null check (length(course) between 1 and 100),
      provider text not null check (length(provider) between 1 and 100),
      minutes integer not null check (minutes > 0 and minutes <= 6000),
      completed_on date not null,
      evidence text not null default '',
      created_by uuid references users (id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index ce_records_worker_idx on ce_records (worker_id, completed_on)`.execute(db);

  await sql`
    create table worker_employments (
      id uuid primary key default gen_random_uuid(),
      worker_id uuid not null references workers (id) on delete cascade,
      agency_id uuid not null references organizations (id),
      role text not null default '',
      started_on date not null,
      ended_on date,
      check (ended_on is null or ended_on >= started_on)
    )`.execute(db);
  await sql`create index worker_employments_worker_idx on worker_employments (worker_id, started_on)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Registry migration is not reversible; restore a backup instead.');
}
