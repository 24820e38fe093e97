#!/usr/bin/env node
// `npm run test:all`: the suite on PGlite, the same suite on PostgreSQL, then the browser tests.
import { spawnSync } from 'node:child_process';

const steps = [
  ['unit + integration on PGlite', ['run', 'test']],
  ['unit + integration on PostgreSQL', ['run', 'test:pg']],
  ['browser tests (Chromium)', ['run', 'test:e2e']],
];
const results = [];
for (const [label, args] of steps) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const run = spawnSync('npm', args, { stdio: 'inherit' });
  results.push({ label, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.label} (${r.seconds}s)`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
