/* `npm run bench [-- name…]`: runs the benchmarks under bench/ and prints their figures as a Markdown table. */
// @ts-expect-error plain ESM helper shared with the test runner, no type declarations
import { startThrowawayPostgres } from '../scripts/postgres.mjs';
import * as apiList from './api-list.bench';
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
} finally {
  cluster?.stop();
}
