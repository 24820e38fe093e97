import { type Kysely, sql } from 'kysely';

/*
 * Service beneficiaries (服务对象: special needy groups) and their consents. Everything that identifies a person is
 * sensitive personal information under PIPL (art. 28: minors' data, health and disability among it): identifiers,
 * phone numbers and the home address are stored only as AES-GCM ciphertext, with a keyed blind index for exact
 * lookup and a masked form for responses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Beneficiary categories are a managed taxonomy like specialties and skills.
  await sql`alter table taxonomy_terms drop constraint taxonomy_terms_scheme_check`.execute(db);
  await sql`
    alter table taxonomy_terms add constraint taxonomy_terms_scheme_check
      check (scheme in ('specialty', 'language', 'skill', 'beneficiary_category'))`.execute(db);

  await sql`
    create table households (
      id uuid primary key default gen_random_uuid(),
      division_code text not null references divisions (code),
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table beneficiaries (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 50),
      -- Both derived from the 身份证号 (GB 11643), never typed separately.
      gender text not null check (gender in ('male', 'female')),
      birth_date date not null,
      id_number_enc text not null,
      id_number_index text not null,
      id_number_masked text not null,
      mobile_enc text,
      mobile_index text,
      mobile_masked text,
      address_enc text,
      -- Street level only (街道/镇 name): never a house number.
      address_masked text,
      division_code text not null references divisions (code),
      -- Approximate location only (3 decimals ≈ 100 m): enough for the 15-minute circle, not a home position.
      latitude numeric(6, 3) check (latitude between -90 and 90),
      longitude numeric(6, 3) check (longitude between -180 and 180),
      categories text[] not null default '{}',
      -- GB/T 26341-2010 残疾人残疾分类和分级: a type and a grade 1 (most severe) to 4, only for 残疾人.
      disability_type text check (disability_type in
        ('visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple')),
      disability_grade smallint check (disability_grade between 1 and 4),
      risk_level text check (risk_level in ('low', 'medium', 'high')),
      household_id uuid not null references households (id),
      household_relation text not null
        check (household_relation in ('self', 'spouse', 'child', 'parent', 'grandchild', 'other')),
      guardian_name text,
      guardian_relation text,
      guardian_mobile_enc text,
      guardian_mobile_masked text,
      agency_id uuid references organizations (id),
      created_by uuid not null references users (id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((disability_type is null) = (disability_grade is null)),
      check ((guardian_name is null) = (guardian_relation is null))
    )`.execute(db);
  await sql`create unique index beneficiaries_id_number_uq on beneficiaries (id_number_index)`.execute(db);
  // One head (户主) per household.
  await sql`
    create unique index beneficiaries_household_head_uq on beneficiaries (household_id)
      where household_relation = 'self'`.execute(db);
  await sql`create index beneficiaries_household_idx on beneficiaries (household_id)`.execute(db);
  await sql`create index beneficiaries_division_idx on beneficiaries (division_code text_pattern_ops)`.execute(db);
  await sql`create index beneficiaries_agency_idx on beneficiaries (agency_id)`.execute(db);
  await sql`create index beneficiaries_categories_idx on beneficiaries using gin (categories)`.execute(db);

  // PIPL art. 29/31: a separate consent per purpose; a new decision is a new row (history is never rewritten).
  await sql`
    create table consents (
      id bigint generated always as identity primary key,
      beneficiary_id uuid not null references beneficiaries (id),
      purpose text not null check (purpose in ('service', 'sharing', 'volunteer_contact', 'photos')),
      status text not null check (status in ('given', 'refused', 'withdrawn')),
      given_by text not null check (given_by in ('self', 'guardian')),
      evidence text not null default '',
      valid_until date,
      recorded_by uuid not null references users (id),
      recorded_at timestamptz not null,
      withdrawn_at timestamptz,
      withdrawal_reason text,
      check ((status = 'withdrawn') = (withdrawn_at is not null and withdrawal_reason is not null))
    )`.execute(db);
  await sql`create index consents_current_idx on consents (beneficiary_id, purpose, id desc)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
