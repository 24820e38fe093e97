import { type Kysely, sql } from 'kysely';

/*
 * The delivery dashboard over millions of service records reads the per-day rows of indicator_actuals
 * (bench/delivery.bench.ts: 2,000,000 records give about 170,000 day rows). Its per-indicator totals and latest
 * values fetched each indicator's few hundred rows from all over the heap (150,000 buffer reads and a JIT
 * compilation for 750 indicators, about 300 ms); its per-project reads did the same. Both indexes keep their key
 * and now carry the columns those reads need, so they are answered from the index alone.
 *
 * Cost: value and recorded_at are in an index, so the upsert of a day row is no longer a HOT update — each service
 * record write adds a few index entries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index indicator_actuals_indicator_idx`.execute(db);
  await sql`
    create index indicator_actuals_indicator_idx on indicator_actuals (indicator_id, period_end)
      include (value, recorded_at)
  `.execute(db);
  await sql`drop index indicator_actuals_project_idx`.execute(db);
  await sql`
    create index indicator_actuals_project_idx on indicator_actuals (project_id, period_end)
      include (indicator_id, source, value, recorded_at)
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
