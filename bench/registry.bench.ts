/*
 * Budgets (issue 3): importing a 10,000-row worker file with some bad rows < 10 s, with a precise report; talent
 * search over 100,000 workers < 50 ms p95 on PostgreSQL. Run: `npm run bench -- registry`.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { CREDENTIAL_LEVEL_NAMES, LANGUAGES, SPECIALTIES } from '../contracts/taxonomy';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { prepareDatabase } from '../server/src/db/bootstrap';
import { databaseOverPostgres } from '../server/src/db/database';
import { seedRegistry } from '../server/src/db/seed/registry';
import { generateRegistry } from '../server/src/db/seed/registry-generator';
import { loadReferenceDivisions } from '../server/src/modules/divisions/division.data';
import { hashPassword } from '../server/src/modules/identity/password';
import { WORKER_COLUMNS } from '../server/src/modules/registry/import/worker-import';
import { systemClock } from '../server/src/platform/context';
import { derivePiiKeys } from '../server/src/platform/pii';
import { writeXlsx } from '../server/src/platform/spreadsheet';

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

export async function freshDatabase(adminUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return databaseOverPostgres(url.toString(), 10).db;
}

export async function run(adminUrl: string) {
  const db = await freshDatabase(adminUrl, 'shegong_bench_registry');
  const config = {
    ...loadConfig({ NODE_ENV: 'test' }),
    passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    piiMasterKey: randomBytes(32),
  };
  const pii = derivePiiKeys(config.piiMasterKey);
  await prepareDatabase(db, { ...config, seedDemo: false }, new Date());
  const today = new Date();
  const divisions = loadReferenceDivisions();

  // 100,000 workers for search (CE totals kept on the worker rows; the 1.9 M CE detail rows are left out).
  let started = performance.now();
  const big = generateRegistry({ seed: 7, today, divisions, workers: 100_000, volunteers: 0 });
  await seedRegistry(db, big, {
    pii,
    now: today,
    accountPasswordHash: await hashPassword('Bench#2026pw', config.passwordHashing),
    summaryOnly: true,
    chunkSize: 1000,
  });
  await sql`analyze`.execute(db);
  const seedSeconds = (performance.now() - started) / 1000;

  const app = await buildApp({ db, dbKind: 'postgres', config, clock: systemClock, pii });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: big.purchasers[0]!.accountUsername, password: 'Bench#2026pw' },
  });
  // A district-wide bureau admin searches the whole pool.
  const bureau = await db
    .insertInto('organizations')
    .values({ name: '禅城区民政局', kind: 'bureau', divisionCode: '440604' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const purchaserUser = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', big.purchasers[0]!.accountUsername)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('memberships')
    .values({ userId: purchaserUser.id, organizationId: bureau.id, role: 'bureau_admin' })
    .execute();
  const cookie = `sg_session=${login.cookies.find((c) => c.name === 'sg_session')?.value}`;
  const names = big.workers.slice(0, 200).map((w) => w.name);
  const queries = [
    (i: number) => `/api/workers?q=${encodeURIComponent(names[i % names.length]!)}`,
    (i: number) => `/api/workers?q=${encodeURIComponent(names[i % names.length]!.slice(0, 1))}&level=intermediate`,
    () => '/api/workers?specialty=elderly&language=cantonese&compliance=shortfall',
    () => '/api/workers?divisionCode=440604012&registration=expiring&sort=periodTo',
    () => `/api/workers?q=${encodeURIComponent('禁毒')}&availability=available`,
    () => '/api/workers?level=senior&sort=ceHours&order=desc&page=3',
  ];
  const latencies: number[] = [];
  const byShape: number[][] = queries.map(() => []);
  for (let i = 0; i < 600; i++) {
    const url = queries[i % queries.length]!(i);
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
    if (i >= 60) {
      latencies.push(performance.now() - t0);
      byShape[i % queries.length]!.push(performance.now() - t0);
    }
  }
  latencies.sort((a, b) => a - b);
  const shapes = byShape.map((l) =>
    percentile(
      l.sort((a, b) => a - b),
      0.95,
    ),
  );

  // Import: 10,000 rows, 2 % of them broken in different ways, as an .xlsx file, through the HTTP API.
  const fresh = generateRegistry({
    seed: 99,
    today,
    divisions,
    workers: 10_000,
    volunteers: 0,
    agencies: 10,
    purchasers: 1,
  });
  const names2 = (codes: string[], terms: ReadonlyArray<{ code: string; zh: string }>) =>
    codes.map((c) => terms.find((t) => t.code === c)?.zh ?? c).join('、');
  const rows = fresh.workers.map((w, i) => ({
    name: i % 97 === 1 ? '' : w.name,
    idNumber: i % 101 === 2 ? `${w.idNumber.slice(0, 17)}${w.idNumber.endsWith('0') ? '1' : '0'}` : w.idNumber,
    mobile: w.mobile,
    divisionCode: i % 103 === 3 ? '440604999999' : w.divisionCode,
    level: CREDENTIAL_LEVEL_NAMES[w.credential.level].zh,
    certificateNo: `B${w.credential.certificateNo}`,
    issuedOn: w.credential.issuedOn,
    registeredFrom: w.registrations.at(-1)?.validFrom ?? '',
    specialties: names2(w.specialties, SPECIALTIES),
    languages: names2(w.languages, LANGUAGES),
    notes: w.notes,
  }));
  const file = await writeXlsx(WORKER_COLUMNS, rows, { sheetName: '社工' });
  started = performance.now();
  const upload = await app.inject({
    method: 'POST',
    url: '/api/imports/workers',
    payload: file,
    headers: {
      cookie,
      'x-csrf-token': login.json().csrfToken,
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  });
  if (upload.statusCode !== 202) throw new Error(`upload → ${upload.statusCode} ${upload.body}`);
  const id = upload.json().id as string;
  const poll = async (statuses: string[]) => {
    for (;;) {
      const job = (await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie } })).json();
      if (statuses.includes(job.status)) return job;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const validated = await poll(['validated', 'failed']);
  const validateSeconds = (performance.now() - started) / 1000;
  await app.inject({
    method: 'POST',
    url: `/api/imports/${id}/commit`,
    payload: { mode: 'valid_rows_only' },
    headers: { cookie, 'x-csrf-token': login.json().csrfToken },
  });
  const completed = await poll(['completed', 'failed']);
  const importSeconds = (performance.now() - started) / 1000;
  await app.close();
  await db.destroy();
  return {
    seedSeconds,
    search: {
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      n: latencies.length,
      shapes,
    },
    importFile: {
      rows: rows.length,
      bytes: file.length,
      invalidRows: validated.invalidRows as number,
      imported: completed.importedRows as number,
      status: completed.status as string,
      validateSeconds,
      importSeconds,
    },
  };
}
