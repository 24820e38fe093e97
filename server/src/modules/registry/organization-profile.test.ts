import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../../../contracts/identifiers';
import { buildAgency, type Session, setupTestApp, signInAs, type TestApp } from '../../../../test/app';

let t: TestApp;
let admin: Session;
let manager: Session;
let otherManager: Session;
let agency: { id: string };

const creditCode = (n: number) => {
  const body = `52440604MJ${String(n).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body);
};

beforeAll(async () => {
  t = await setupTestApp();
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  agency = await buildAgency(t, '440604012', ['440604012']);
  manager = await signInAs(t, 'agency_manager', { id: agency.id });
  otherManager = await signInAs(t, 'agency_manager', { id: (await buildAgency(t, '440604010', [])).id });
});
afterAll(() => t.close());

describe('agency registration profile', () => {
  it('creates an agency with a valid 统一社会信用代码, rating and service areas', async () => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/organizations',
      payload: {
        name: '禅城区测试社会工作服务中心',
        kind: 'agency',
        divisionCode: '440604012001',
        creditCode: creditCode(1).toLowerCase(),
        legalForm: 'private_non_enterprise',
        registeredOn: '2015-03-02',
        registrationAuthority: '佛山市禅城区民政局',
        rating: '4A',
        ratedOn: '2023-10-01',
        address: '祖庙街道朝安南路 1 号',
        latitude: 23.03,
        longitude: 113.12,
        serviceFields: ['elderly', 'children'],
        serviceDivisionCodes: ['440604012', '440604011'],
        contactName: '陈主任',
        contactPhone: '0757-82281234',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      creditCode: creditCode(1),
      rating: '4A',
      serviceDivisionCodes: ['440604011', '440604012'],
      verificationStatus: 'unverified',
    });
  });

  it('refuses a bad check character, a missing code for an agency and a code already registered', async () => {
    const base = { kind: 'agency', divisionCode: '440604012' };
    const bad = creditCode(2).slice(0, 17) + (creditCode(2).endsWith('0') ? '1' : '0');
    const badRes = await admin.inject({
      method: 'POST',
      url: '/api/organizations',
      payload: { ...base, name: '校验位错误中心', creditCode: bad },
    });
    expect(badRes.statusCode).toBe(400);
    expect(badRes.json().error.details.issues[0]).toMatchObject({
      field: 'body.creditCode',
      code: 'credit_code.check_character',
    });
    const missing = await admin.inject({
      method: 'POST',
      url: '/api/organizations',
      payload: { ...base, name: '没有代码中心' },
    });
    expect(missing.json().error.details.issues[0]).toMatchObject({ field: 'body.creditCode', code: 'required' });
    const dup = await admin.inject({
      method: 'POST',
      url: '/api/organizations',
      payload: { ...base, name: '重复代码中心', creditCode: creditCode(1) },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('organization.credit_code_taken');
    const order = await admin.inject({
      method: 'POST',
      url: '/api/organizations',
      payload: {
        ...base,
        name: '日期错误中心',
        creditCode: creditCode(3),
        registeredOn: '2020-01-01',
        ratedOn: '2019-01-01',
      },
    });
    expect(order.json().error.details.issues[0].field).toBe('body.ratedOn');
  });

  it('agency managers keep their own profile (with version), not another agency’s', async () => {
    const current = (await manager.inject({ method: 'GET', url: `/api/organizations/${agency.id}` })).json();
    const res = await manager.inject({
      method: 'PATCH',
      url: `/api/organizations/${agency.id}`,
      payload: {
        version: current.version,
        address: '祖庙街道新址 8 号',
        contactPhone: '13800138000',
        creditCode: creditCode(4),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      address: '祖庙街道新址 8 号',
      contactPhone: '13800138000',
      version: current.version + 1,
    });
    const stale = await manager.inject({
      method: 'PATCH',
      url: `/api/organizations/${agency.id}`,
      payload: { version: current.version, address: 'x' },
    });
    expect(stale.statusCode).toBe(409);
    const other = await otherManager.inject({
      method: 'PATCH',
      url: `/api/organizations/${agency.id}`,
      payload: { version: 2, address: 'x' },
    });
    expect(other.statusCode).toBe(404);
    expect(
      (
        await manager.inject({
          method: 'POST',
          url: `/api/organizations/${agency.id}/verify`,
          payload: { decision: 'verified' },
        })
      ).statusCode,
    ).toBe(403);
    const rating = await manager.inject({
      method: 'PATCH',
      url: `/api/organizations/${agency.id}`,
      payload: { version: current.version + 1, rating: '5A' },
    });
    expect(rating.statusCode).toBe(400);
    expect(rating.json().error.details.issues[0].code).toBe('organization.rating_bureau_only');
  });

  it('the bureau verifies registrations and suspends agencies, with audit rows', async () => {
    const verified = await admin.inject({
      method: 'POST',
      url: `/api/organizations/${agency.id}/verify`,
      payload: { decision: 'verified' },
    });
    expect(verified.json().verificationStatus).toBe('verified');
    const suspended = await admin.inject({
      method: 'POST',
      url: `/api/organizations/${agency.id}/status`,
      payload: { status: 'suspended', reason: '年检未通过' },
    });
    expect(suspended.json().status).toBe('suspended');
    const actions = (
      await t.deps.db
        .selectFrom('auditEvents')
        .select('action')
        .where('targetId', '=', agency.id)
        .orderBy('id')
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual(['organization.update', 'organization.verify', 'organization.status']);
  });
});
