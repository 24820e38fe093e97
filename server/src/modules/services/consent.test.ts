import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../../contracts/identifiers';
import { buildAgency, type Session, setupTestApp, signInAs, type TestApp, validIdNumber } from '../../../../test/app';
import { AppError } from '../../platform/errors';
import { errorMessage } from '../../platform/i18n';
import { requireConsent } from './consent.service';

let t: TestApp;
let manager: Session;
let agencyId: string;
let n = 8000;

beforeAll(async () => {
  t = await setupTestApp();
  agencyId = (await buildAgency(t, '440604012', ['440604012'])).id;
  manager = await signInAs(t, 'agency_manager', { id: agencyId });
});
afterAll(() => t.close());

async function beneficiary(overrides: Record<string, unknown> = {}) {
  n += 1;
  const res = await manager.inject({
    method: 'POST',
    url: '/api/beneficiaries',
    payload: { name: `对象${n}`, idNumber: validIdNumber(n), divisionCode: '440604012001', ...overrides },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const decide = (s: Session, id: string, payload: Record<string, unknown>) =>
  s.inject({
    method: 'POST',
    url: `/api/beneficiaries/${id}/consents`,
    payload: { purpose: 'service', decision: 'given', givenBy: 'self', evidence: '知情同意书 2026-001', ...payload },
  });

/** The gate other features call, in a transaction of their own. */
async function gate(id: string, purpose: 'service' | 'sharing' | 'volunteer_contact' | 'photos', now = t.clock.now()) {
  try {
    await t.deps.db.transaction().execute((trx) => requireConsent(trx, id, purpose, now));
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
}

describe('consents per purpose (PIPL art. 29)', () => {
  it('starts with nothing: every purpose is "none" and the gate refuses', async () => {
    const b = await beneficiary();
    const res = await manager.inject({ method: 'GET', url: `/api/beneficiaries/${b.id}/consents` });
    expect(res.statusCode).toBe(200);
    expect(res.json().current.map((c: { purpose: string; status: string }) => [c.purpose, c.status])).toEqual([
      ['service', 'none'],
      ['sharing', 'none'],
      ['volunteer_contact', 'none'],
      ['photos', 'none'],
    ]);
    const refused = await gate(b.id, 'service');
    expect(refused).toBeInstanceOf(AppError);
    const err = refused as AppError;
    expect(err.code).toBe('consent.missing');
    expect(err.status).toBe(409);
    expect(errorMessage(err.code, 'en', err.details)).toContain('receiving social-work services');
    expect(errorMessage(err.code, 'zh-CN', err.details)).toContain('接受社工服务');
  });

  it('a given consent opens its purpose only; withdrawal blocks at once and keeps the history', async () => {
    const b = await beneficiary();
    const given = await decide(manager, b.id, { purpose: 'sharing' });
    expect(given.statusCode, given.body).toBe(201);
    expect(await gate(b.id, 'sharing')).toBe('ok');
    expect(await gate(b.id, 'photos')).toBeInstanceOf(AppError);
    await decide(manager, b.id, { purpose: 'photos', decision: 'refused' });
    expect(await gate(b.id, 'photos')).toBeInstanceOf(AppError);

    const withdraw = await manager.inject({
      method: 'POST',
      url: `/api/beneficiaries/${b.id}/consents/sharing/withdraw`,
      payload: { reason: '本人电话告知不再同意转介' },
    });
    expect(withdraw.statusCode, withdraw.body).toBe(200);
    const overview = withdraw.json();
    expect(overview.current.find((c: { purpose: string }) => c.purpose === 'sharing')).toMatchObject({
      status: 'withdrawn',
      record: { withdrawalReason: '本人电话告知不再同意转介', givenBy: 'self' },
    });
    expect(overview.history.map((h: { purpose: string; status: string }) => `${h.purpose}:${h.status}`)).toEqual([
      'sharing:withdrawn',
      'photos:refused',
      'sharing:given',
    ]);
    expect((await gate(b.id, 'sharing')) as AppError).toMatchObject({ code: 'consent.missing' });

    const again = await manager.inject({
      method: 'POST',
      url: `/api/beneficiaries/${b.id}/consents/sharing/withdraw`,
      headers: { 'accept-language': 'en' },
      payload: { reason: '重复撤回' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'consent.not_given' });
    expect(again.json().error.message).toContain('sharing information with another agency');

    // Asked again later, a new decision is a new row and becomes current.
    await decide(manager, b.id, { purpose: 'sharing' });
    expect(await gate(b.id, 'sharing')).toBe('ok');
    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('targetId', '=', b.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'beneficiary.create',
      'consent.record',
      'consent.record',
      'consent.withdraw',
      'consent.record',
    ]);
  });

  it('a child’s consent is the guardian’s decision', async () => {
    const idBody = `44060420180315${String((n * 2) % 1000).padStart(3, '0')}`.slice(0, 17);
    const child = await beneficiary({
      idNumber: idBody + idNumberCheckChar(idBody),
      guardian: { name: '陈妈妈', relation: 'mother', mobile: '13811112222' },
    });
    const self = await decide(manager, child.id, { purpose: 'photos' });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details.issues[0]).toMatchObject({
      field: 'body.givenBy',
      code: 'consent.guardian_required',
    });
    const byGuardian = await decide(manager, child.id, { purpose: 'photos', givenBy: 'guardian' });
    expect(byGuardian.statusCode, byGuardian.body).toBe(201);
    expect(await gate(child.id, 'photos')).toBe('ok');
    // An adult without a guardian on record cannot have a "guardian" decision.
    const adult = await beneficiary();
    const noGuardian = await decide(manager, adult.id, { givenBy: 'guardian' });
    expect(noGuardian.json().error.details.issues[0].field).toBe('body.givenBy');
    const unknownPurpose = await decide(manager, adult.id, { purpose: 'marketing' });
    expect(unknownPurpose.statusCode).toBe(400);
    const pastDate = await decide(manager, adult.id, { validUntil: '2026-11-28' });
    expect(pastDate.json().error.details.issues[0].field).toBe('body.validUntil');
  });

  it('a consent past its valid-until date reads as expired and no longer opens its purpose', async () => {
    const b = await beneficiary();
    // Valid through 2026-11-30 (Shanghai calendar); the test clock is 2026-11-29 10:00 in Shanghai.
    await decide(manager, b.id, { purpose: 'volunteer_contact', validUntil: '2026-11-30' });
    expect(await gate(b.id, 'volunteer_contact')).toBe('ok');
    expect(await gate(b.id, 'volunteer_contact', new Date('2026-11-30T15:59:00Z'))).toBe('ok');
    expect(
      ((await gate(b.id, 'volunteer_contact', new Date('2026-11-30T16:00:00Z'))) as AppError).details,
    ).toMatchObject({
      status: 'expired',
    });

    t.clock.advance(2 * 86_400_000);
    const fresh = await signInAs(t, 'social_worker', { id: agencyId });
    const overview = (await fresh.inject({ method: 'GET', url: `/api/beneficiaries/${b.id}/consents` })).json();
    expect(overview.current.find((c: { purpose: string }) => c.purpose === 'volunteer_contact').status).toBe('expired');
    expect(await gate(b.id, 'volunteer_contact')).toBeInstanceOf(AppError);
    // An expired consent cannot be withdrawn (there is nothing in force), and a fresh one can be recorded.
    const withdraw = await fresh.inject({
      method: 'POST',
      url: `/api/beneficiaries/${b.id}/consents/volunteer_contact/withdraw`,
      payload: { reason: '到期' },
    });
    expect(withdraw.statusCode).toBe(409);
    expect((await decide(fresh, b.id, { purpose: 'volunteer_contact' })).statusCode).toBe(201);
    expect(await gate(b.id, 'volunteer_contact')).toBe('ok');
  });
});
