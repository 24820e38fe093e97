#!/usr/bin/env node
// `npm run test:pg`: the unit and integration suite against PostgreSQL. Uses TEST_DATABASE_URL when given
// (a server where the suite may create and drop databases); otherwise starts a throwaway local cluster.
import { spawnSync } from 'node:child_process';
import { startThrowawayPostgres } from './postgres.mjs';

let url = process.env.TEST_DATABASE_URL;
let cluster;
if (!url) {
  cluster = await startThrowawayPostgres();
  url = cluster.url;
  console.log(`Started a throwaway PostgreSQL for the tests: ${url}`);
}
let status = 1;
try {
  const run = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: url },
  });
  status = run.status ?? 1;
} finally {
  cluster?.stop();
}
process.exit(status);
