#!/usr/bin/env node
// `npm run test:all`: the suite on PGlite, the same suite on PostgreSQL, then the browser tests.
import { spawnSync } from 'node:child_process';

// The PGlite run must not see TEST_DATABASE_URL (which CI sets for the PostgreSQL run).
const { TEST_DATABASE_URL: _pg, ...withoutPostgres } = process.env;
const steps = [
  ['unit + integration on PGlite', ['run', 'test'], withoutPostgres],
  ['unit + integration on PostgreSQL', ['run', 'test:pg'], process.env],
  ['browser tests (Chromium)', ['run', 'test:e2e'], process.env],
];
const results = [];
for (const [label, args, env] of steps) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const run = spawnSync('npm', args, { stdio: 'inherit', env });
  results.push({ label, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.label} (${r.seconds}s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
