import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberProblem } from '../../../../contracts/identifiers';
import { login, setupTestApp, type TestApp } from '../../../../test/app';
import { blindIndex, decrypt, maskIdNumber } from '../../platform/pii';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from './demo';

let t: TestApp;
beforeAll(async () => {
  t = await setupTestApp();
  await seedDemo(t.deps.db, t.deps.config.passwordHashing, t.clock.now(), t.deps.pii);
});
afterAll(() => t.close());

describe('demo dataset', () => {
  it('has one account per role, each able to sign in with the published password', async () => {
    expect(await isDatabaseEmpty(t.deps.db)).toBe(false);
    for (const account of DEMO_ACCOUNTS) {
      const s = await login(t, account.username, DEMO_PASSWORD);
      const me = (await s.inject({ method: 'GET', url: '/api/auth/me' })).json();
      expect(me.roles, account.username).toEqual([account.role]);
      expect(me.user.mustChangePassword).toBe(false);
    }
  });

  it('demo-buyer-zumiao sees 祖庙 only; 石湾 records answer 404', async () => {
    const buyer = await login(t, 'demo-buyer-zumiao', DEMO_PASSWORD);
    const me = (await buyer.inject({ method: 'GET', url: '/api/auth/me' })).json();
    expect(me.scope.divisionPrefixes).toEqual(['440604012']);
    const orgs = (await buyer.inject({ method: 'GET', url: '/api/organizations?pageSize=200' })).json().items as Array<{
      id: string;
      kind: string;
      divisionCode: string;
      name: string;
    }>;
    expect(orgs.map((o) => o.name)).toEqual(
      expect.arrayContaining(['祖庙街道办事处（示例）', '朝安东社区居委会（示例）']),
    );
    expect(orgs.map((o) => o.name)).not.toContain('澜石社区居委会（示例）');
    // Everything listed is based in 祖庙, or is an agency serving it.
    for (const o of orgs.filter((x) => !x.divisionCode.startsWith('440604012'))) expect(o.kind).toBe('agency');
    const admin = await login(t, 'demo-admin', DEMO_PASSWORD);
    const all = (await admin.inject({ method: 'GET', url: '/api/organizations?pageSize=200' })).json().items as Array<{
      id: string;
      divisionCode: string;
    }>;
    const visible = new Set(orgs.map((o) => o.id));
    const outside = all.filter((o) => !visible.has(o.id));
    expect(outside.length).toBeGreaterThan(0);
    for (const o of outside) {
      expect((await buyer.inject({ method: 'GET', url: `/api/organizations/${o.id}` })).statusCode).toBe(404);
    }
    expect((await buyer.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(403);
    expect((await buyer.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
  });

  it('marks every organization and account as fictitious', async () => {
    const orgs = await t.deps.db.selectFrom('organizations').select('name').execute();
    expect(orgs.filter((o) => o.name !== '禅城区民政局').every((o) => o.name.includes('示例'))).toBe(true);
    const users = await t.deps.db.selectFrom('users').select(['username', 'displayName']).execute();
    expect(users.length).toBeGreaterThan(100);
    expect(users.every((u) => u.displayName.includes('示例'))).toBe(true);
  });

  it('holds a district-scale talent pool, with demo-worker linked to their own record', async () => {
    const admin = await login(t, 'demo-admin', DEMO_PASSWORD);
    const pool = (await admin.inject({ method: 'GET', url: '/api/workers?pageSize=1' })).json();
    expect(pool.total).toBeGreaterThanOrEqual(1300);
    const worker = await login(t, 'demo-worker', DEMO_PASSWORD);
    const own = (await worker.inject({ method: 'GET', url: '/api/workers' })).json();
    expect(own.total).toBe(1);
    const agency = await login(t, 'demo-agency', DEMO_PASSWORD);
    const staff = (await agency.inject({ method: 'GET', url: '/api/workers?pageSize=200' })).json();
    expect(staff.total).toBeGreaterThan(5);
    expect(new Set(staff.items.map((w: { agencyId: string }) => w.agencyId)).size).toBe(1);
  });

  it('holds district-scale service delivery, with 身份证号 stored only encrypted, indexed and masked', async () => {
    const db = t.deps.db;
    const count = async (table: 'beneficiaries' | 'cases' | 'serviceRecords') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('beneficiaries')).toBeGreaterThanOrEqual(2000);
    expect(await count('cases')).toBeGreaterThanOrEqual(300);
    expect(await count('serviceRecords')).toBeGreaterThanOrEqual(20_000);
    const rows = await db.selectFrom('beneficiaries').selectAll().execute();
    for (const row of rows) {
      const id = decrypt(t.deps.pii, 'beneficiary.idNumber', row.idNumberEnc);
      expect(idNumberProblem(id, t.clock.now())).toBeNull();
      expect(row.idNumberMasked).toBe(maskIdNumber(id));
      expect(row.idNumberIndex).toBe(blindIndex(t.deps.pii, 'idNumber', id));
      // No column, ciphertext included, holds the number in the clear.
      for (const enc of [row.idNumberEnc, row.mobileEnc, row.addressEnc, row.guardianMobileEnc])
        if (enc !== null) expect(enc.startsWith('v1:')).toBe(true);
      expect(JSON.stringify(row).includes(id)).toBe(false);
    }
  });
});
