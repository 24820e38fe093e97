/*
 * Budget (design §9): list/detail API p95 < 50 ms at 64 concurrent connections, throughput ≥ 50 % of a bare
 * Fastify + pg route running the same SQL (the endpoint's three statements: session lookup, page, count). Run: `npm run bench -- api-list` (PostgreSQL: BENCH_DATABASE_URL, or a
 * throwaway local cluster). Both servers run as child processes of this one, measured in the same run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../server/src/config';
import { prepareDatabase } from '../server/src/db/bootstrap';
import { databaseOverPostgres } from '../server/src/db/database';
import type { DB } from '../server/src/db/schema';
import { DEMO_PASSWORD } from '../server/src/db/seed/demo';
import { resolveSession } from '../server/src/modules/identity/auth.service';
import { listOrganizations } from '../server/src/modules/registry/organization.service';
import { systemClock } from '../server/src/platform/context';
import { derivePiiKeys } from '../server/src/platform/pii';
import { httpLogin } from '../test/server-process';
import { load } from './load';

const root = path.resolve(import.meta.dirname, '..');

async function startChild(script: string, env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const m = /(?:is running|listening): (http:\/\/[\w.]+:\d+)/.exec(out);
      if (m?.[1]) {
        clearInterval(poll);
        resolve(m[1]);
      }
    }, 50);
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${out}`)));
  });
  return { url, child };
}

export async function run(databaseUrl: string) {
  const db = databaseOverPostgres(databaseUrl, 4).db;
  await prepareDatabase(
    db,
    {
      seedDemo: true,
      passwordHashing: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
      piiMasterKey: randomBytes(32),
    },
    new Date(),
  );
  const existing = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) < 500) {
    const communities = await db.selectFrom('divisions').select('code').where('level', '=', 'community').execute();
    const now = new Date();
    await db
      .insertInto('organizations')
      .values(
        Array.from({ length: 500 }, (_, i) => ({
          name: `压测机构 ${i}`,
          kind: 'agency' as const,
          divisionCode: communities[i % communities.length]?.code ?? '440604',
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute();
  }
  await db.destroy();

  const app = await startChild('server/src/main.ts', { DATABASE_URL: databaseUrl });
  let bare: { url: string; child: ChildProcess } | undefined;
  try {
    const headers = await httpLogin(app.url, 'demo-buyer-zumiao', DEMO_PASSWORD);
    const query = { page: 1, pageSize: 20 };
    const statements = await captureStatements(databaseUrl, headers.cookie.replace(/^sg_session=/, ''), query);
    bare = await startChild('bench/bare-server.ts', {
      DATABASE_URL: databaseUrl,
      BENCH_STATEMENTS: JSON.stringify(statements),
    });
    const appUrl = `${app.url}/api/organizations?pageSize=${query.pageSize}`;
    const bareUrl = `${bare.url}/organizations`;
    // Warm up both (JIT, connection pools, plan caches).
    await load(appUrl, headers, 16, 2);
    await load(bareUrl, {}, 16, 2);
    const results = { app: await load(appUrl, headers, 64, 10), bare: await load(bareUrl, {}, 64, 10) };
    return { ...results, ratio: results.app.throughput / results.bare.throughput };
  } finally {
    app.child.kill('SIGTERM');
    bare?.child.kill('SIGTERM');
  }
}

/**
 * The SQL the endpoint really sends for one request (session lookup, page, count), captured from the services
 * themselves, so that the baseline runs exactly the same statements.
 */
async function captureStatements(databaseUrl: string, token: string, query: { page: number; pageSize: number }) {
  const captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const config = loadConfig({ NODE_ENV: 'test' });
  const deps = { db, dbKind: 'postgres' as const, config, clock: systemClock, pii: derivePiiKeys(config.piiMasterKey) };
  const lookup = await resolveSession(deps, token);
  if (lookup.kind !== 'active') throw new Error('benchmark session is not active');
  await listOrganizations(deps, { actor: lookup.actor, ip: '127.0.0.1', requestId: 'bench', locale: 'zh-CN' }, query);
  await db.destroy();
  if (captured.length !== 3) throw new Error(`expected 3 statements per request, captured ${captured.length}`);
  return captured;
}
