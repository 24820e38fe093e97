import { type Kysely, sql } from 'kysely';

/*
 * Service delivery: groups (小组), community activities (社区活动), service records (every session, visit, group
 * meeting and activity), satisfaction surveys, referrals between agencies and the stage history of cases.
 *
 * Service records count toward the project's indicators in the same transaction that writes them, through one
 * row per indicator and day in indicator_actuals (source 'service_record'): a dashboard over millions of records
 * reads thousands of day rows instead of counting the records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_stage_history (
      id bigint generated always as identity primary key,
      case_id uuid not null references cases (id),
      from_stage text,
      to_stage text not null,
      action text not null,
      reason text,
      actor_user_id uuid references users (id),
      at timestamptz not null
    )`.execute(db);
  await sql`create index case_stage_history_case_idx on case_stage_history (case_id, id)`.execute(db);

  await sql`
    create table service_groups (
      id uuid primary key default gen_random_uuid(),
      agency_id uuid not null references organizations (id),
      project_id uuid references projects (id),
      name text not null,
      group_type text not null check (group_type in ('education', 'growth', 'support', 'therapy')),
      goals text not null default '',
      planned_sessions integer not null check (planned_sessions between 1 and 100),
      division_code text not null,
      leader_worker_id uuid not null references workers (id),
      status text not null default 'active' check (status in ('active', 'closed')),
      created_by uuid not null references users (id),
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index service_groups_agency_idx on service_groups (agency_id, status)`.execute(db);
  await sql`create index service_groups_project_idx on service_groups (project_id)`.execute(db);
  await sql`
    create table group_members (
      group_id uuid not null references service_groups (id),
      beneficiary_id uuid not null references beneficiaries (id),
      joined_on date not null,
      left_on date,
      primary key (group_id, beneficiary_id)
    )`.execute(db);
  await sql`create index group_members_beneficiary_idx on group_members (beneficiary_id)`.execute(db);

  await sql`
    create table community_activities (
      id uuid primary key default gen_random_uuid(),
      agency_id uuid not null references organizations (id),
      project_id uuid references projects (id),
      name text not null,
      theme text not null default '',
      description text not null default '',
      division_code text not null,
      location text not null default '',
      lead_worker_id uuid not null references workers (id),
      status text not null default 'active' check (status in ('active', 'closed')),
      created_by uuid not null references users (id),
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index community_activities_agency_idx on community_activities (agency_id, status)`.execute(db);
  await sql`create index community_activities_project_idx on community_activities (project_id)`.execute(db);

  await sql`
    create table service_records (
      id uuid primary key default gen_random_uuid(),
      agency_id uuid not null references organizations (id),
      project_id uuid references projects (id),
      -- The count indicator (个案/小组/活动) this record counted toward, kept so that voiding takes back exactly it.
      indicator_id uuid references indicators (id) on delete set null,
      kind text not null check (kind in ('case_session', 'visit', 'group_session', 'activity')),
      status text not null check (status in ('scheduled', 'completed', 'voided')),
      case_id uuid references cases (id),
      case_record_id uuid unique references case_records (id),
      group_id uuid references service_groups (id),
      activity_id uuid references community_activities (id),
      beneficiary_id uuid references beneficiaries (id),
      division_code text not null,
      scheduled_at timestamptz,
      held_on date,
      duration_minutes integer check (duration_minutes between 1 and 1440),
      -- 服务人次 of this record: 1 for a visit or case session, those present at a group session, the head count
      -- of an activity.
      participant_count integer not null default 0 check (participant_count between 0 and 100000),
      location text not null default '',
      content text not null default '',
      outcome text not null default '',
      created_by uuid not null references users (id),
      completed_by uuid references users (id),
      completed_at timestamptz,
      voided_by uuid references users (id),
      voided_at timestamptz,
      void_reason text,
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (kind <> 'group_session' or group_id is not null),
      check (kind <> 'activity' or activity_id is not null),
      check (kind <> 'case_session' or case_id is not null),
      check (kind <> 'visit' or beneficiary_id is not null),
      check (status <> 'scheduled' or scheduled_at is not null),
      check (status = 'scheduled' or (held_on is not null and duration_minutes is not null)),
      check (status <> 'voided' or (void_reason is not null and voided_at is not null))
    )`.execute(db);
  await sql`create index service_records_agency_idx on service_records (agency_id, held_on)`.execute(db);
  await sql`create index service_records_project_idx on service_records (project_id, held_on)`.execute(db);
  await sql`create index service_records_case_idx on service_records (case_id)`.execute(db);
  await sql`create index service_records_group_idx on service_records (group_id)`.execute(db);
  await sql`create index service_records_activity_idx on service_records (activity_id)`.execute(db);
  await sql`create index service_records_beneficiary_idx on service_records (beneficiary_id)`.execute(db);
  await sql`
    create index service_records_scheduled_idx on service_records (scheduled_at) where status = 'scheduled'
  `.execute(db);
  await sql`
    create table service_record_workers (
      record_id uuid not null references service_records (id),
      worker_id uuid not null references workers (id),
      primary key (record_id, worker_id)
    )`.execute(db);
  await sql`create index service_record_workers_worker_idx on service_record_workers (worker_id)`.execute(db);
  await sql`
    create table service_record_attendees (
      record_id uuid not null references service_records (id),
      beneficiary_id uuid not null references beneficiaries (id),
      present boolean not null,
      primary key (record_id, beneficiary_id)
    )`.execute(db);
  await sql`create index service_record_attendees_beneficiary_idx on service_record_attendees (beneficiary_id)`.execute(
    db,
  );
  await sql`
    create table service_record_attachments (
      id uuid primary key default gen_random_uuid(),
      record_id uuid not null references service_records (id),
      file_name text not null,
      content_type text not null,
      size_bytes integer not null,
      content bytea not null,
      -- Who can be recognised in a photo: each needs photo consent when it is uploaded.
      pictured_beneficiary_ids uuid[] not null default '{}',
      uploaded_by uuid not null references users (id),
      uploaded_at timestamptz not null
    )`.execute(db);
  await sql`create index service_record_attachments_record_idx on service_record_attachments (record_id)`.execute(db);

  await sql`
    create table satisfaction_surveys (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references projects (id),
      agency_id uuid not null references organizations (id),
      record_id uuid references service_records (id),
      score integer not null check (score between 1 and 5),
      comment text not null default '',
      surveyed_on date not null,
      recorded_by uuid not null references users (id),
      recorded_at timestamptz not null
    )`.execute(db);
  await sql`create index satisfaction_surveys_project_idx on satisfaction_surveys (project_id)`.execute(db);

  await sql`
    create table referrals (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id),
      beneficiary_id uuid not null references beneficiaries (id),
      kind text not null check (kind in ('refer', 'transfer')),
      from_agency_id uuid not null references organizations (id),
      to_agency_id uuid not null references organizations (id),
      to_worker_id uuid references workers (id),
      reason text not null,
      status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected', 'revoked')),
      consent_override boolean not null default false,
      override_reason text,
      requested_by uuid not null references users (id),
      requested_at timestamptz not null,
      decided_by uuid references users (id),
      decided_at timestamptz,
      decision_note text,
      -- For a referral (not a transfer), the case the receiving agency opened.
      new_case_id uuid references cases (id),
      check (from_agency_id <> to_agency_id),
      check (not consent_override or override_reason is not null)
    )`.execute(db);
  await sql`create unique index referrals_one_pending_uq on referrals (case_id) where status = 'pending'`.execute(db);
  await sql`create index referrals_to_idx on referrals (to_agency_id, status)`.execute(db);
  await sql`create index referrals_from_idx on referrals (from_agency_id, status)`.execute(db);
  await sql`alter table cases add column referral_id uuid references referrals (id)`.execute(db);

  // One running total per indicator and day for what service records add (the upsert target).
  await sql`
    create unique index indicator_actuals_service_day_uq on indicator_actuals (indicator_id, period_end)
    where source = 'service_record'
  `.execute(db);
  await sql`create index indicator_actuals_project_idx on indicator_actuals (project_id, period_end)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
