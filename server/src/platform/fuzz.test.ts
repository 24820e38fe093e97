import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, type Session, setupTestApp, signInAs, type TestApp } from '../../../test/app';

/*
 * Throws malformed and hostile input at every operation in the OpenAPI document, signed in as a district admin
 * (so requests get past the policy into validation and the handlers) and anonymously. Nothing may answer 5xx, and
 * every 4xx must carry the error shape.
 */

interface Operation {
  method: string;
  path: string;
  params: string[];
  query: string[];
  body: string[];
}

let t: TestApp;
let operations: Operation[];

beforeAll(async () => {
  t = await setupTestApp();
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  operations = [];
  for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const parameters = (op.parameters ?? []) as Array<{ in: string; name: string }>;
      const bodySchema = (
        op.requestBody as { content?: Record<string, { schema?: { properties?: object } }> } | undefined
      )?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        body: Object.keys(bodySchema?.properties ?? {}),
      });
    }
  }
});
afterAll(() => t.close());

const HOSTILE_SEGMENTS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '%00',
  '%ZZ',
  '..%2F..%2Fetc%2Fpasswd',
  "'%20or%201%3D1--",
  '%F0%9F%98%80',
  '%ED%A0%80',
  'a'.repeat(300),
  '-1',
  '1e999',
];

const HOSTILE_VALUES = [
  'abc',
  '-1',
  '0',
  '1e309',
  '%00',
  '%ED%A0%80',
  encodeURIComponent('x'.repeat(5000)),
  encodeURIComponent("' or 1=1 --"),
  '',
  'NaN',
  '999999999999999999999',
];

const RAW_BODIES: Array<string | Buffer> = [
  '{',
  '{"a":',
  'null',
  '[]',
  '"text"',
  '123',
  'true',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '['.repeat(5000) + ']'.repeat(5000),
  `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`,
  Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
  Buffer.from('{"username":"\xc3\x28"}', 'latin1'),
  '{"username":"a\\u0000b","password":"x"}',
  '{"username":"\\ud800","password":"x"}',
  '{"page":1e400}',
  JSON.stringify({ username: 'x'.repeat(100_000), password: 'y' }),
];

function fill(path: string, value: string) {
  return path.replace(/\{[^}]+\}/g, value).replace(/:(\w+)/g, value);
}

function realPath(op: Operation) {
  return fill(op.path, '00000000-0000-4000-8000-000000000000');
}

async function check(res: { statusCode: number; body: string; headers: Record<string, unknown> }, label: string) {
  expect(res.statusCode, `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const body = JSON.parse(res.body) as { error?: { code?: string; message?: string } };
    expect(typeof body.error?.code, `${label}: error shape`).toBe('string');
    expect(typeof body.error?.message, `${label}: error message`).toBe('string');
  }
}

async function fuzzOperation(
  op: Operation,
  send: (o: InjectOptions) => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>,
) {
  const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
  for (const seg of HOSTILE_SEGMENTS) {
    if (op.params.length === 0) break;
    await check(
      await send({ method: op.method as 'GET', url: fill(op.path, seg) }),
      `${op.method} ${op.path} param=${seg.slice(0, 20)}`,
    );
  }
  for (const name of [...op.query, '__proto__[x]', 'unknown']) {
    for (const v of HOSTILE_VALUES) {
      const url = `${realPath(op)}?${name}=${v}&${name}=${v}`;
      await check(await send({ method: op.method as 'GET', url }), `${op.method} ${url.slice(0, 80)}`);
    }
  }
  if (!hasBody) return;
  for (const raw of RAW_BODIES) {
    await check(
      await send({
        method: op.method as 'POST',
        url: realPath(op),
        payload: raw,
        headers: { 'content-type': 'application/json' },
      }),
      `${op.method} ${op.path} body=${raw.toString().slice(0, 30)}`,
    );
  }
  for (const contentType of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/json; charset=latin1',
  ]) {
    await check(
      await send({
        method: op.method as 'POST',
        url: realPath(op),
        payload: 'a=1',
        headers: { 'content-type': contentType },
      }),
      `${op.method} ${op.path} content-type=${contentType}`,
    );
  }
  await check(
    await send({
      method: op.method as 'POST',
      url: realPath(op),
      payload: Buffer.alloc(1024 * 1024 + 10, 0x20),
      headers: { 'content-type': 'application/json' },
    }),
    `${op.method} ${op.path} oversized`,
  );
  // Random JSON, and objects with the operation's own field names holding random values.
  const keys = op.body.length > 0 ? op.body : ['x'];
  const bodies = fc.oneof(
    fc.jsonValue(),
    fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1 }),
    fc.record(
      Object.fromEntries(
        keys.map((k) => [
          k,
          fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.constant(null), fc.boolean()),
        ]),
      ),
    ),
  );
  for (const body of fc.sample(bodies, { numRuns: 40, seed: 20261129 })) {
    await check(
      await send({
        method: op.method as 'POST',
        url: realPath(op),
        payload: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
      `${op.method} ${op.path} body=${JSON.stringify(body).slice(0, 60)}`,
    );
  }
}

describe('hostile input at every documented operation', () => {
  it('finds the operations in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toContain('POST /api/users');
  });

  it('never answers 5xx to a signed-in district administrator', async () => {
    let admin: Session | undefined;
    for (const op of operations) {
      // Fuzzing logout or a password change may end the session: sign in afresh for every operation.
      admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
      const session = admin;
      await fuzzOperation(op, (o) => session.inject(o));
    }
  }, 300_000);

  it('never answers 5xx to an agency manager on the service-delivery operations (which refuse the bureau by policy)', async () => {
    const agency = await buildAgency(t, '440604012', ['440604012']);
    const agencyOnly = operations.filter((op) =>
      /^\/api\/(cases|beneficiaries|groups|activities|service-records|referrals|satisfaction-surveys|me\/work|delivery)/.test(
        op.path,
      ),
    );
    expect(agencyOnly.length).toBeGreaterThanOrEqual(20);
    for (const op of agencyOnly) {
      const manager = await signInAs(t, 'agency_manager', { id: agency.id });
      await fuzzOperation(op, (o) => manager.inject(o));
    }
  }, 300_000);

  it('never answers 5xx to an anonymous caller, and protected operations answer 401', async () => {
    for (const op of operations) {
      await fuzzOperation(op, (o) => t.app.inject(o));
      const res = await t.app.inject({ method: op.method as 'GET', url: realPath(op) });
      // Public operations (health, login, the disclosure pages under /api/public/) answer without a session.
      const isPublic = ['/api/health', '/api/auth/login'].includes(op.path) || op.path.startsWith('/api/public/');
      if (!isPublic) expect([401, 404]).toContain(res.statusCode);
    }
  }, 300_000);

  it('unknown API routes and methods answer with the error shape', async () => {
    for (const [method, url] of [
      ['GET', '/api/nope'],
      ['PATCH', '/api/users'],
      ['GET', '/api/users/../../etc/passwd'],
      ['GET', `/api/${'x'.repeat(10_000)}`],
    ] as const) {
      await check(await t.app.inject({ method, url }), `${method} ${url.slice(0, 40)}`);
    }
  });
});
