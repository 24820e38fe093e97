import { type Kysely, sql } from 'kysely';

/*
 * Month totals of what service records add to counted indicators (个案, 小组, 社区活动, 服务人次), kept in the same
 * transaction as the day rows of indicator_actuals. The district dashboard sums months: two years of 150 projects
 * are ~17,000 month rows instead of ~170,000 day rows (bench/delivery.bench.ts). Partial months at the edges of a
 * period are still read from the day rows. Rates (satisfaction) have no month total.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table indicator_month_totals (
      indicator_id uuid not null references indicators (id) on delete cascade,
      month date not null check (extract(day from month) = 1),
      project_id uuid not null references projects (id) on delete cascade,
      value numeric(14, 2) not null,
      primary key (indicator_id, month)
    )`.execute(db);
  await sql`
    create index indicator_month_totals_project_idx on indicator_month_totals (project_id, month)
      include (indicator_id, value)
  `.execute(db);
  await sql`
    insert into indicator_month_totals (indicator_id, month, project_id, value)
    select ia.indicator_id, date_trunc('month', ia.period_end)::date, ia.project_id, sum(ia.value)
    from indicator_actuals ia
    join indicators i on i.id = ia.indicator_id
    where ia.source = 'service_record' and i.kind <> 'satisfaction'
    group by ia.indicator_id, date_trunc('month', ia.period_end)::date, ia.project_id
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
