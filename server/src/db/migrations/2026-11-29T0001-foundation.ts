import { type Kysely, sql } from 'kysely';

/*
 * Foundation schema: divisions, organizations, identity (users, memberships, sessions, login attempts) and the
 * append-only audit trail. Frozen once released: later changes go into new dated migrations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table divisions (
      code text primary key check (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
      parent_code text references divisions (code),
      name text not null,
      level text not null check (level in ('district', 'street', 'community')),
      kind text not null,
      source text not null
    )`.execute(db);
  await sql`create index divisions_parent_idx on divisions (parent_code)`.execute(db);
  // text_pattern_ops so that `code like '440604012%'` (the data-scope test) uses the index.
  await sql`create index divisions_code_prefix_idx on divisions (code text_pattern_ops)`.execute(db);

  await sql`
    create table organizations (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 100),
      kind text not null check (kind in ('bureau', 'purchaser', 'agency', 'evaluator', 'community')),
      division_code text not null references divisions (code),
      status text not null default 'active' check (status in ('active', 'suspended', 'deregistered')),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index organizations_division_idx on organizations (division_code text_pattern_ops)`.execute(db);
  await sql`create unique index organizations_kind_name_uq on organizations (kind, name)`.execute(db);

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null check (username ~ '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$'),
      display_name text not null,
      password_hash text not null,
      status text not null default 'active' check (status in ('active', 'disabled')),
      must_change_password boolean not null default false,
      locked_until timestamptz,
      last_login_at timestamptz,
      password_changed_at timestamptz not null default now(),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // Usernames are case-insensitive: "Demo-Admin" and "demo-admin" are one account.
  await sql`create unique index users_username_uq on users (lower(username))`.execute(db);

  await sql`
    create table memberships (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      organization_id uuid not null references organizations (id),
      role text not null check (role in ('bureau_admin', 'purchaser', 'agency_manager', 'social_worker',
                                          'evaluator', 'community_staff', 'volunteer', 'resident')),
      created_at timestamptz not null default now(),
      unique (user_id, organization_id, role)
    )`.execute(db);
  await sql`create index memberships_org_idx on memberships (organization_id)`.execute(db);

  await sql`
    create table sessions (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique,
      user_id uuid not null references users (id) on delete cascade,
      csrf_token text not null,
      ip text,
      user_agent text,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);

  await sql`
    create table login_attempts (
      id bigserial primary key,
      username text not null,
      ip text not null,
      succeeded boolean not null,
      at timestamptz not null
    )`.execute(db);
  await sql`create index login_attempts_username_idx on login_attempts (username, at)`.execute(db);
  await sql`create index login_attempts_ip_idx on login_attempts (ip, at)`.execute(db);

  await sql`
    create table audit_events (
      id bigserial primary key,
      at timestamptz not null,
      actor_user_id uuid,
      actor_username text,
      ip text,
      action text not null,
      target_type text,
      target_id text,
      division_code text,
      summary jsonb not null default '{}'::jsonb,
      request_id text
    )`.execute(db);
  await sql`create index audit_events_at_idx on audit_events (at desc)`.execute(db);
  await sql`create index audit_events_target_idx on audit_events (target_type, target_id)`.execute(db);
  await sql`create index audit_events_actor_idx on audit_events (actor_user_id, at desc)`.execute(db);
  // Append-only: the database itself refuses to change or delete audit rows, whatever the application does.
  // Retention (≥ 180 days) is a separate, explicit archive job that will run as the table owner with the trigger disabled.
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only' using errcode = '42501';
    end $$`.execute(db);
  await sql`
    create trigger audit_events_no_update before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);
  await sql`
    create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration is not reversible; restore a backup instead.');
}
