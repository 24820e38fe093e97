import { type Kysely, sql } from 'kysely';

/*
 * Government-purchased service projects: the project and its lifecycle history, service divisions, team and
 * documents; procurement (call, bids, panel scores, contract); indicators with their actuals; milestones and
 * payments; evaluations with weighted templates and rectifications.
 *
 * Money is integer fen in bigint columns, capped at 2^53 - 1 so that it converts to a JS number exactly.
 * A milestone's state (pending, due, withheld, paid) is derived from the contract, the evaluations and the
 * payments when read, so it can never disagree with them.
 */
const MAX_FEN = '9007199254740991';

export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);

  await run(sql`create table project_code_counters (year int primary key, last_value int not null)`);

  await run(sql`
    create table projects (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      title text not null check (length(title) between 2 and 100),
      purchaser_id uuid not null references organizations (id),
      division_code text not null references divisions (code),
      funding_source text not null
        check (funding_source in ('district_budget', 'town_budget', 'welfare_lottery', 'higher_transfer', 'other')),
      budget_fen bigint not null check (budget_fen > 0 and budget_fen <= ${sql.raw(MAX_FEN)}),
      contract_amount_fen bigint check (contract_amount_fen > 0 and contract_amount_fen <= budget_fen),
      target_groups text[] not null default '{}',
      service_content text not null default '',
      procurement_method text not null check (procurement_method in
        ('public_tender', 'invited_tender', 'competitive_negotiation', 'competitive_consultation', 'single_source',
         'inquiry')),
      period_from date not null,
      period_to date not null,
      recurring boolean not null default false,
      agency_id uuid references organizations (id),
      lead_worker_id uuid references workers (id),
      status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'tendering',
        'contracted', 'in_service', 'final_review', 'closed', 'terminated')),
      status_reason text,
      final_score numeric(5, 2),
      final_grade text check (final_grade in ('excellent', 'good', 'pass', 'fail')),
      search text not null default '',
      version int not null default 1,
      created_by uuid not null references users (id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (period_to >= period_from)
    )`);
  await run(sql`create index projects_division_idx on projects (division_code text_pattern_ops)`);
  await run(sql`create index projects_status_idx on projects (status, division_code)`);
  await run(sql`create index projects_agency_idx on projects (agency_id)`);

  await run(sql`
    create table project_divisions (
      project_id uuid not null references projects (id) on delete cascade,
      division_code text not null references divisions (code),
      primary key (project_id, division_code)
    )`);
  await run(sql`create index project_divisions_code_idx on project_divisions (division_code text_pattern_ops)`);

  await run(sql`
    create table project_team (
      project_id uuid not null references projects (id) on delete cascade,
      worker_id uuid not null references workers (id),
      role text not null check (role in ('lead', 'member')),
      joined_on date not null,
      primary key (project_id, worker_id)
    )`);
  await run(sql`create unique index project_team_one_lead on project_team (project_id) where role = 'lead'`);
  await run(sql`create index project_team_worker_idx on project_team (worker_id)`);

  await run(sql`
    create table project_documents (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references projects (id) on delete cascade,
      kind text not null check (kind in ('proposal', 'contract', 'report', 'evidence', 'other')),
      file_name text not null,
      content_type text not null,
      byte_size int not null,
      sha256 text not null,
      bytes bytea not null,
      uploaded_by uuid references users (id),
      uploaded_at timestamptz not null
    )`);
  await run(sql`create index project_documents_project_idx on project_documents (project_id, uploaded_at)`);

  await run(sql`
    create table project_transitions (
      id bigserial primary key,
      project_id uuid not null references projects (id) on delete cascade,
      from_status text,
      action text not null,
      to_status text not null,
      reason text,
      actor_user_id uuid references users (id),
      actor_username text,
      at timestamptz not null
    )`);
  await run(sql`create index project_transitions_project_idx on project_transitions (project_id, id)`);

  // Procurement -------------------------------------------------------------------------------------------------
  await run(sql`
    create table procurement_calls (
      project_id uuid primary key references projects (id) on delete cascade,
      title text not null,
      content text not null,
      eligibility text not null default '',
      published_at timestamptz not null,
      bid_deadline timestamptz not null,
      status text not null default 'open' check (status in ('open', 'closed', 'awarded', 'cancelled'))
    )`);
  await run(sql`
    create table bids (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references projects (id) on delete cascade,
      agency_id uuid not null references organizations (id),
      proposal text not null,
      price_fen bigint not null check (price_fen > 0 and price_fen <= ${sql.raw(MAX_FEN)}),
      lead_worker_id uuid not null references workers (id),
      lead_level text check (lead_level in ('assistant', 'intermediate', 'senior')),
      team_worker_ids uuid[] not null default '{}',
      status text not null default 'submitted'
        check (status in ('submitted', 'withdrawn', 'awarded', 'not_awarded')),
      submitted_by uuid references users (id),
      submitted_at timestamptz not null,
      updated_at timestamptz not null,
      version int not null default 1,
      unique (project_id, agency_id)
    )`);
  await run(sql`
    create table bid_scores (
      bid_id uuid not null references bids (id) on delete cascade,
      scorer_user_id uuid not null references users (id),
      score numeric(5, 2) not null check (score between 0 and 100),
      comment text not null default '',
      scored_at timestamptz not null,
      primary key (bid_id, scorer_user_id)
    )`);
  await run(sql`
    create table contracts (
      project_id uuid primary key references projects (id) on delete cascade,
      bid_id uuid references bids (id),
      agency_id uuid not null references organizations (id),
      amount_fen bigint not null check (amount_fen > 0 and amount_fen <= ${sql.raw(MAX_FEN)}),
      term_from date not null,
      term_to date not null,
      quantity_terms text not null default '',
      quality_terms text not null default '',
      price_terms text not null default '',
      settlement_terms text not null default '',
      signed_on date not null,
      published_at timestamptz,
      check (term_to >= term_from)
    )`);

  // Indicators ----------------------------------------------------------------------------------------------------
  await run(sql`
    create table indicators (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references projects (id) on delete cascade,
      kind text not null check (kind in ('cases', 'groups', 'activities', 'contacts', 'satisfaction', 'custom')),
      name text not null,
      unit text not null default '',
      target numeric(12, 2) not null check (target > 0),
      sort int not null default 0,
      created_at timestamptz not null
    )`);
  await run(sql`create index indicators_project_idx on indicators (project_id, sort)`);
  await run(sql`
    create table progress_reports (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references projects (id) on delete cascade,
      period_end date not null,
      summary text not null default '',
      submitted_by uuid references users (id),
      submitted_at timestamptz not null
    )`);
  await run(sql`
    create table indicator_actuals (
      id uuid primary key default gen_random_uuid(),
      indicator_id uuid not null references indicators (id) on delete cascade,
      project_id uuid not null references projects (id) on delete cascade,
      source text not null check (source in ('report', 'service_record')),
      report_id uuid references progress_reports (id) on delete cascade,
      period_end date not null,
      value numeric(12, 2) not null check (value >= 0),
      evidence text not null default '',
      recorded_at timestamptz not null
    )`);
  await run(sql`create index indicator_actuals_indicator_idx on indicator_actuals (indicator_id, period_end)`);

  // Milestones and payments ------------------------------------------------------------------------------------
  await run(sql`
    create table milestones (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references projects (id) on delete cascade,
      name text not null,
      percent_bp int not null check (percent_bp between 1 and 10000),
      trigger text not null check (trigger in ('contract_signed', 'midterm_grade', 'final_grade', 'manual')),
      min_score numeric(5, 2) check (min_score between 0 and 100),
      due_on date,
      sort int not null default 0
    )`);
  await run(sql`create index milestones_project_idx on milestones (project_id, sort)`);
  await run(sql`
    create table payments (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references projects (id) on delete cascade,
      milestone_id uuid references milestones (id),
      amount_fen bigint not null check (amount_fen > 0 and amount_fen <= ${sql.raw(MAX_FEN)}),
      paid_on date not null,
      reference text not null default '',
      recorded_by uuid references users (id),
      recorded_at timestamptz not null
    )`);
  await run(sql`create index payments_project_idx on payments (project_id, paid_on)`);

  // Evaluations -------------------------------------------------------------------------------------------------
  await run(sql`
    create table evaluation_templates (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      description text not null default '',
      excellent_from numeric(5, 2) not null default 90,
      good_from numeric(5, 2) not null default 80,
      pass_from numeric(5, 2) not null default 60,
      active boolean not null default true,
      created_at timestamptz not null,
      check (pass_from < good_from and good_from < excellent_from and excellent_from <= 100 and pass_from > 0)
    )`);
  await run(sql`
    create table evaluation_criteria (
      id uuid primary key default gen_random_uuid(),
      template_id uuid not null references evaluation_templates (id) on delete cascade,
      dimension text not null check (dimension in ('implementation', 'management', 'finance', 'outcome')),
      name text not null,
      guidance text not null default '',
      weight numeric(5, 2) not null check (weight > 0 and weight <= 100),
      sort int not null default 0
    )`);
  await run(sql`
    create table evaluations (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references projects (id) on delete cascade,
      kind text not null check (kind in ('midterm', 'final')),
      template_id uuid not null references evaluation_templates (id),
      evaluator_org_id uuid not null references organizations (id),
      status text not null default 'assigned' check (status in ('assigned', 'submitted')),
      total_score numeric(5, 2),
      grade text check (grade in ('excellent', 'good', 'pass', 'fail')),
      summary text not null default '',
      due_on date,
      assigned_at timestamptz not null,
      submitted_at timestamptz,
      version int not null default 1,
      unique (project_id, kind)
    )`);
  await run(sql`
    create table evaluation_assignees (
      evaluation_id uuid not null references evaluations (id) on delete cascade,
      user_id uuid not null references users (id),
      primary key (evaluation_id, user_id)
    )`);
  await run(sql`create index evaluation_assignees_user_idx on evaluation_assignees (user_id)`);
  await run(sql`
    create table evaluation_scores (
      evaluation_id uuid not null references evaluations (id) on delete cascade,
      criterion_id uuid not null references evaluation_criteria (id),
      score numeric(5, 2) not null check (score >= 0),
      comment text not null default '',
      evidence text not null default '',
      primary key (evaluation_id, criterion_id)
    )`);
  await run(sql`
    create table rectifications (
      id uuid primary key default gen_random_uuid(),
      project_id uuid not null references projects (id) on delete cascade,
      evaluation_id uuid not null references evaluations (id) on delete cascade,
      criterion_id uuid references evaluation_criteria (id),
      description text not null,
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'submitted', 'accepted')),
      response text not null default '',
      reopen_reason text,
      responded_at timestamptz,
      closed_at timestamptz,
      created_at timestamptz not null
    )`);
  await run(sql`create index rectifications_project_idx on rectifications (project_id, status)`);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
