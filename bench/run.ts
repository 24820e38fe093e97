/* `npm run bench [-- name…]`: runs the benchmarks under bench/ and prints their figures as a Markdown table. */
// @ts-expect-error plain ESM helper shared with the test runner, no type declarations
import { startThrowawayPostgres } from '../scripts/postgres.mjs';
import * as apiList from './api-list.bench';
import * as delivery from './delivery.bench';
import * as registry from './registry.bench';

const wanted = process.argv.slice(2);
let url = process.env.BENCH_DATABASE_URL;
const cluster = url ? undefined : await (startThrowawayPostgres as () => Promise<{ url: string; stop(): void }>)();
url ??= cluster?.url ?? '';
try {
  if (wanted.length === 0 || wanted.includes('api-list')) {
    const r = await apiList.run(url);
    const fmt = (n: number) => n.toFixed(1);
    console.log(
      '\n| GET /api/organizations, 64 connections, 10 s, PostgreSQL | req/s | p50 ms | p95 ms | p99 ms | errors |',
    );
    console.log('|---|---|---|---|---|---|');
    console.log(
      `| Shegong API (session, scope, validation) | ${fmt(r.app.throughput)} | ${fmt(r.app.p50)} | ${fmt(r.app.p95)} | ${fmt(r.app.p99)} | ${r.app.errors} |`,
    );
    console.log(
      `| bare Fastify + pg, same 3 statements | ${fmt(r.bare.throughput)} | ${fmt(r.bare.p50)} | ${fmt(r.bare.p95)} | ${fmt(r.bare.p99)} | ${r.bare.errors} |`,
    );
    console.log(
      `\nthroughput ratio: ${(r.ratio * 100).toFixed(0)} % (budget ≥ 50 %); p95 ${fmt(r.app.p95)} ms (budget < 50 ms)`,
    );
  }
  if (wanted.length === 0 || wanted.includes('registry')) {
    const r = await registry.run(url);
    const fmt = (n: number) => n.toFixed(1);
    console.log(`\nseeded 100,000 workers in ${fmt(r.seedSeconds)} s`);
    console.log(
      `talent search over 100,000 workers (${r.search.n} requests, 6 query shapes, sequential): p50 ${fmt(r.search.p50)} ms, p95 ${fmt(r.search.p95)} ms, p99 ${fmt(r.search.p99)} ms (budget p95 < 50 ms)`,
    );
    console.log(
      `  p95 per query shape (ms): ${r.search.shapes.map((x) => fmt(x)).join(' / ')} — name; first character + level; specialty + language + CE shortfall; street + expiring, by end date; word in notes + availability; level, by CE hours, page 3`,
    );
    const f = r.importFile;
    console.log(
      `import of ${f.rows} rows (${(f.bytes / 1024).toFixed(0)} KB .xlsx, ${f.invalidRows} bad rows): validated in ${fmt(f.validateSeconds)} s, ${f.imported} imported (${f.status}) in ${fmt(f.importSeconds)} s total (budget < 10 s)`,
    );
  }
  if (wanted.length === 0 || wanted.includes('delivery')) {
    const r = await delivery.run(url);
    const fmt = (n: number) => n.toFixed(1);
    const l = r.load;
    console.log(
      `\nloaded ${r.volume.records.toLocaleString('en')} service records (${r.volume.workers.toLocaleString('en')} worker rows, ${r.volume.size}) of ${r.volume.projects} projects / ${r.volume.agencies} agencies (${r.volume.delivering} delivering) in ${fmt(l.reference! + l.records! + l.dayRows! + l.analyze!)} s: reference data ${fmt(l.reference!)} s, records ${fmt(l.records!)} s, ${r.volume.dayRows.toLocaleString('en')} day rows ${fmt(l.dayRows!)} s, vacuum analyze ${fmt(l.analyze!)} s`,
    );
    const v = r.verification;
    console.log(
      `verification: day rows of ${v.projects} projects (${v.rows.toLocaleString('en')} rows, ${v.records.toLocaleString('en')} completed records) equal the recount by indicator-credit.ts: ${v.problems === 0 ? 'PASS' : `FAIL (${v.problems} differences)`}`,
    );
    console.log(
      `naive query (count service_records by month and kind, whole district, 2025-01-01 to today): ${r.naive.map(fmt).join(' / ')} ms`,
    );
    console.log(
      `repository queries in the database, district-wide since 2025-01-01 (EXPLAIN ANALYZE): deliveryTotals ${fmt(r.explained[0]!.ms)} ms, projectStandings ${fmt(r.explained[1]!.ms)} ms`,
    );
    console.log('\n| GET, sequential, 200 requests each (interleaved) | p50 ms | p95 ms | max ms |');
    console.log('|---|---|---|---|');
    for (const x of [r.baseline, ...r.dashboards])
      console.log(`| ${x.label} | ${fmt(x.p50)} | ${fmt(x.p95)} | ${fmt(x.max)} |`);
    for (const a of r.answers)
      console.log(
        `  ${a.label}: ${a.projects} projects, ${a.towns} towns, ${a.months} months, totals ${JSON.stringify(a.totals)}`,
      );
    const pass = r.worstP95 < r.budget;
    console.log(
      `\n${pass ? 'PASS' : 'FAIL'}: delivery dashboard over ${r.volume.records.toLocaleString('en')} service records, worst p95 ${fmt(r.worstP95)} ms (budget < ${r.budget} ms; baseline p95 ${fmt(r.baseline.p95)} ms)`,
    );
    if (!pass || process.env.BENCH_EXPLAIN) for (const e of r.explained) console.log(`\n${e.plan}`);
  }
} finally {
  cluster?.stop();
}
