import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, setupTestApp, signInAs, type TestApp } from '../../../../test/app';

let t: TestApp;
let admin: Session;
let streetAdmin: Session;
let buyer: Session;

beforeAll(async () => {
  t = await setupTestApp();
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  streetAdmin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604010' });
  buyer = await signInAs(t, 'purchaser', { kind: 'purchaser', divisionCode: '440604012' });
  for (const divisionCode of ['440604010001', '440604012001']) {
    await admin.inject({
      method: 'POST',
      url: '/api/organizations',
      payload: { name: `审计测试 ${divisionCode}`, kind: 'community', divisionCode },
    });
  }
});
afterAll(() => t.close());

describe('audit trail', () => {
  it('is append-only in the database itself', async () => {
    const row = await t.deps.db.selectFrom('auditEvents').select('id').limit(1).executeTakeFirstOrThrow();
    await expect(
      t.deps.db.updateTable('auditEvents').set({ action: 'x' }).where('id', '=', row.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.deps.db.deleteFrom('auditEvents').where('id', '=', row.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    expect(
      await t.deps.db.selectFrom('auditEvents').select('id').where('id', '=', row.id).executeTakeFirst(),
    ).toBeDefined();
  });

  it('rolls back with the change it describes', async () => {
    const before = await t.deps.db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        const { recordAudit } = await import('./audit.service');
        await recordAudit(trx, { actor: null, ip: '127.0.0.1', requestId: 'r', locale: 'zh-CN' }, t.clock.now(), {
          action: 'test.rollback',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await t.deps.db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('records who, when, from where, what and the before/after summary', async () => {
    const res = await admin.inject({ method: 'GET', url: '/api/audit?action=organization.create' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.length).toBe(2);
    expect(items[0]).toMatchObject({
      actorUserId: admin.userId,
      action: 'organization.create',
      targetType: 'organization',
      ip: '127.0.0.1',
      summary: { after: { kind: 'community' } },
    });
    expect(Date.parse(items[0].at)).not.toBeNaN();
    expect(items[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is for admins only, within their divisions', async () => {
    expect((await buyer.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
    const street = (await streetAdmin.inject({ method: 'GET', url: '/api/audit?pageSize=200' })).json();
    expect(street.items.length).toBeGreaterThan(0);
    for (const item of street.items) expect(item.divisionCode.startsWith('440604010')).toBe(true);
    const district = (await admin.inject({ method: 'GET', url: '/api/audit?pageSize=200' })).json();
    expect(district.total).toBeGreaterThan(street.total);
    expect(district.items.some((i: { action: string }) => i.action === 'auth.login')).toBe(true);
  });

  it('filters by time range and pages', async () => {
    const from = new Date(t.clock.now().getTime() + 60_000).toISOString();
    expect(
      (await admin.inject({ method: 'GET', url: `/api/audit?from=${encodeURIComponent(from)}` })).json().total,
    ).toBe(0);
    const page = (await admin.inject({ method: 'GET', url: '/api/audit?page=1&pageSize=1' })).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
  });
});
