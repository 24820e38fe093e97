import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { creditCodeCheckChar, idNumberCheckChar } from '../contracts/identifiers';
import type { OrganizationKind, Role } from '../contracts/roles';
import { buildApp } from '../server/src/app';
import { type Config, loadConfig } from '../server/src/config';
import type { Database } from '../server/src/db/database';
import { hashPassword } from '../server/src/modules/identity/password';
import type { Deps } from '../server/src/platform/context';
import { derivePiiKeys } from '../server/src/platform/pii';
import { createTestDatabase, TEST_HASHING } from './db';

export class TestClock {
  constructor(private current = new Date('2026-11-29T02:00:00Z')) {}
  now = () => new Date(this.current.getTime());
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const minutes = (n: number) => n * 60_000;

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  database: Database;
  clock: TestClock;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test' }), passwordHashing: TEST_HASHING, ...overrides };
}

/** An app over a fresh database (cloned from the migrated template) with a controllable clock. */
export async function setupTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new TestClock();
  const config = testConfig();
  const deps: Deps = { db: database.db, dbKind: database.kind, config, clock, pii: derivePiiKeys(config.piiMasterKey) };
  // TEST_LOG=error shows the server's log (the stack of a 500) while debugging a test.
  const app = await buildApp(deps, { logger: process.env.TEST_LOG ? { level: process.env.TEST_LOG } : false });
  await app.ready();
  return {
    app,
    deps,
    database,
    clock,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export const PASSWORD = 'Test#Pass2026';
let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

/** Valid organization (division must exist: 禅城 codes, e.g. 440604012 祖庙街道). */
export async function buildOrganization(
  t: TestApp,
  attrs: { kind: OrganizationKind; divisionCode: string; name?: string },
): Promise<{ id: string; name: string; divisionCode: string }> {
  const now = t.clock.now();
  const name = attrs.name ?? unique(`${attrs.kind}-org`);
  const row = await t.deps.db
    .insertInto('organizations')
    .values({ name, kind: attrs.kind, divisionCode: attrs.divisionCode, createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, name, divisionCode: attrs.divisionCode };
}

let cachedHash: Promise<string> | undefined;

/** A user with one membership, password PASSWORD. */
export async function buildUser(
  t: TestApp,
  attrs: { role: Role; organizationId: string; username?: string; mustChangePassword?: boolean },
): Promise<{ id: string; username: string }> {
  cachedHash ??= hashPassword(PASSWORD, TEST_HASHING);
  const now = t.clock.now();
  const username = attrs.username ?? unique('user');
  const row = await t.deps.db
    .insertInto('users')
    .values({
      username,
      displayName: `测试用户 ${username}`,
      passwordHash: await cachedHash,
      mustChangePassword: attrs.mustChangePassword ?? false,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.deps.db
    .insertInto('memberships')
    .values({ userId: row.id, organizationId: attrs.organizationId, role: attrs.role, createdAt: now })
    .execute();
  return { id: row.id, username };
}

/** A signed-in client: cookie and CSRF token applied to every request. */
export interface Session {
  userId: string;
  csrfToken: string;
  cookie: string;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'sg_session');
  if (!cookie) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `sg_session=${cookie.value}`;
}

export async function login(t: TestApp, username: string, password = PASSWORD): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { csrfToken: string; user: { id: string } };
  const cookie = sessionCookie(res);
  return {
    userId: body.user.id,
    csrfToken: body.csrfToken,
    cookie,
    inject: (options) =>
      t.app.inject({
        ...options,
        headers: { cookie, 'x-csrf-token': body.csrfToken, ...(options.headers ?? {}) },
      }),
  };
}

/** Organization + user + signed-in session for a role, in one call. */
export async function signInAs(
  t: TestApp,
  role: Role,
  org: { kind: OrganizationKind; divisionCode: string } | { id: string },
): Promise<Session & { organizationId: string; username: string }> {
  const organizationId = 'id' in org ? org.id : (await buildOrganization(t, org)).id;
  const user = await buildUser(t, { role, organizationId });
  return { ...(await login(t, user.username)), organizationId, username: user.username };
}

/** A valid 18-digit 身份证号 (GB 11643 check digit) for test number `n`, born 1980–1999. */
export function validIdNumber(n: number, options: { region?: string; female?: boolean } = {}): string {
  const year = 1980 + (n % 20);
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + (n % 28)).padStart(2, '0');
  const seq = (n * 2 + (options.female ? 0 : 1)) % 1000;
  const body = `${options.region ?? '440604'}${year}${month}${day}${String(seq).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}

/** An agency with service divisions (street codes or the district). */
export async function buildAgency(t: TestApp, divisionCode: string, serves: string[]) {
  const agency = await buildOrganization(t, { kind: 'agency', divisionCode });
  if (serves.length > 0) {
    await t.deps.db
      .insertInto('organizationServiceDivisions')
      .values(serves.map((code) => ({ organizationId: agency.id, divisionCode: code })))
      .execute();
  }
  return agency;
}

/** A valid 统一社会信用代码 (GB 32100 check character) of a 民办非企业单位 in 禅城 for test number `n`. */
export function validCreditCode(n: number): string {
  const body = `52440604MJ${String(n).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body);
}
