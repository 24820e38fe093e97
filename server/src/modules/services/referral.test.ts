import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentPurpose } from '../../../../contracts/api/services';
import {
  buildAgency,
  buildOrganization,
  minutes,
  type Session,
  setupTestApp,
  signInAs,
  type TestApp,
} from '../../../../test/app';
import { buildBeneficiary, buildCase, buildLinkedWorker } from '../../../../test/services';
import { isUniqueViolation } from './referral.repository';

let t: TestApp;
let agencyA: { id: string };
let agencyB: { id: string; name: string };
let managerA: Session;
let managerB: Session;
let managerC: Session;
/** Agency A's case worker, its supervisor, and a colleague on neither side of the cases. */
let caseWorker: Session;
let supervisor: Session;
let colleague: Session;
let workerA: string;
let supervisorA: string;
/** Agency B's workers who take the referred cases. */
let workerB: { workerId: string; session: Session };
let supervisorB: string;

beforeAll(async () => {
  t = await setupTestApp();
  agencyA = await buildAgency(t, '440604012', ['440604012']);
  agencyB = await buildAgency(t, '440604010', ['440604010']);
  const agencyC = await buildAgency(t, '440604011', ['440604011']);
  managerA = await signInAs(t, 'agency_manager', { id: agencyA.id });
  managerB = await signInAs(t, 'agency_manager', { id: agencyB.id });
  managerC = await signInAs(t, 'agency_manager', { id: agencyC.id });
  const w = await buildLinkedWorker(t, managerA, agencyA.id, 'assistant');
  const s = await buildLinkedWorker(t, managerA, agencyA.id, 'senior');
  colleague = (await buildLinkedWorker(t, managerA, agencyA.id)).session;
  caseWorker = w.session;
  workerA = w.workerId;
  supervisor = s.session;
  supervisorA = s.workerId;
  workerB = await buildLinkedWorker(t, managerB, agencyB.id);
  supervisorB = (await buildLinkedWorker(t, managerB, agencyB.id, 'senior')).workerId;
});
afterAll(() => t.close());

/** A case of agency A whose beneficiary has given the listed consents (service always: a case needs it). */
async function openCase(consents: readonly ConsentPurpose[] = ['service', 'sharing'], beneficiaryId?: string) {
  const id = beneficiaryId ?? (await buildBeneficiary(managerA, { consents }));
  return buildCase(managerA, { beneficiaryId: id, workerId: workerA, supervisorWorkerId: supervisorA });
}

const refer = (s: Session, caseId: string, extra: Record<string, unknown> = {}) =>
  s.inject({
    method: 'POST',
    url: '/api/referrals',
    payload: { caseId, kind: 'refer', toAgencyId: agencyB.id, reason: '需要专业心理辅导，本机构无此服务', ...extra },
  });

async function referred(s: Session, caseId: string, extra: Record<string, unknown> = {}) {
  const res = await refer(s, caseId, extra);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; beneficiaryName: string; consentOverride: boolean };
}

const accept = (s: Session, id: string, extra: Record<string, unknown> = {}) =>
  s.inject({
    method: 'POST',
    url: `/api/referrals/${id}/accept`,
    payload: { workerId: workerB.workerId, supervisorWorkerId: supervisorB, ...extra },
  });

const decide = (s: Session, id: string, decision: 'reject' | 'revoke', payload?: Record<string, unknown>) =>
  s.inject({ method: 'POST', url: `/api/referrals/${id}/${decision}`, ...(payload ? { payload } : {}) });

const get = (s: Session, url: string) => s.inject({ method: 'GET', url });

async function referralRows(caseId: string) {
  return t.deps.db.selectFrom('referrals').selectAll().where('caseId', '=', caseId).execute();
}

async function auditActions(targetId: string) {
  const rows = await t.deps.db
    .selectFrom('auditEvents')
    .select('action')
    .where('targetId', '=', targetId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

const OVERRIDE = { reason: '服务对象突发疾病无法表达意愿，需紧急转介' };

describe('sharing consent (PIPL art. 23)', () => {
  it('refuses a referral without sharing consent and writes nothing', async () => {
    const c = await openCase(['service']);
    const res = await refer(caseWorker, c.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('consent.missing');
    expect(res.json().error.message).toContain('向其他机构提供信息');
    expect(await referralRows(c.id)).toHaveLength(0);

    // A refusal on record is refused the same way.
    const r = await managerA.inject({
      method: 'POST',
      url: `/api/beneficiaries/${c.beneficiaryId}/consents`,
      payload: { purpose: 'sharing', decision: 'refused', givenBy: 'self', evidence: '本人口头拒绝' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const refused = await refer(managerA, c.id, { kind: 'transfer' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('consent.missing');
    expect(await referralRows(c.id)).toHaveLength(0);
  });

  it('a social worker cannot override the missing consent', async () => {
    const c = await openCase(['service']);
    const res = await refer(caseWorker, c.id, { consentOverride: OVERRIDE });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('referral.override_forbidden');
    expect(await referralRows(c.id)).toHaveLength(0);
  });

  it('a manager of the case’s agency overrides it, on the record', async () => {
    const c = await openCase(['service']);
    const res = await refer(managerA, c.id, { consentOverride: OVERRIDE });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'pending',
      consentOverride: true,
      overrideReason: OVERRIDE.reason,
      fromAgencyId: agencyA.id,
      toAgencyId: agencyB.id,
    });
    const [row] = await referralRows(c.id);
    expect(row).toMatchObject({ consentOverride: true, overrideReason: OVERRIDE.reason, status: 'pending' });
    expect(await auditActions(res.json().id)).toEqual(['referral.create', 'referral.consent_override']);

    // With consent in place an override is not needed and is not recorded as one.
    const d = await openCase();
    const plain = await referred(managerA, d.id, { consentOverride: OVERRIDE });
    expect(plain.consentOverride).toBe(false);
    expect(await auditActions(plain.id)).toEqual(['referral.create']);
  });

  it('refuses acceptance when the consent was withdrawn after the request', async () => {
    const c = await openCase();
    const r = await referred(caseWorker, c.id);
    t.clock.advance(minutes(5));
    const w = await managerA.inject({
      method: 'POST',
      url: `/api/beneficiaries/${c.beneficiaryId}/consents/sharing/withdraw`,
      payload: { reason: '本人不同意向其他机构提供信息' },
    });
    expect(w.statusCode, w.body).toBe(200);
    const res = await accept(managerB, r.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('consent.missing');
    expect((await get(managerB, `/api/referrals/${r.id}`)).json().status).toBe('pending');
    expect((await referralRows(c.id))[0]?.newCaseId).toBeNull();
  });

  it('an overridden referral stops when the person refuses after the request, and goes on otherwise', async () => {
    const c = await openCase(['service']);
    const r = await referred(managerA, c.id, { consentOverride: OVERRIDE });
    t.clock.advance(minutes(5));
    const refusal = await managerA.inject({
      method: 'POST',
      url: `/api/beneficiaries/${c.beneficiaryId}/consents`,
      payload: { purpose: 'sharing', decision: 'refused', givenBy: 'self', evidence: '本人清醒后拒绝' },
    });
    expect(refusal.statusCode, refusal.body).toBe(201);
    const res = await accept(managerB, r.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('consent.missing');

    const d = await openCase(['service']);
    const ok = await referred(managerA, d.id, { consentOverride: OVERRIDE });
    const accepted = await accept(managerB, ok.id);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('accepted');
  });
});

describe('refer and transfer', () => {
  it('refer: the receiving agency opens its own case; the name is masked until it accepts', async () => {
    const c = await openCase();
    const name = (await get(managerA, `/api/beneficiaries/${c.beneficiaryId}`)).json().name as string;
    const r = await referred(caseWorker, c.id);
    expect(r.beneficiaryName).toBe(name);

    const seenByB = (await get(managerB, `/api/referrals/${r.id}`)).json();
    expect(seenByB.beneficiaryName).not.toBe(name);
    expect(seenByB.beneficiaryName.startsWith(name[0]!)).toBe(true);
    expect(seenByB.beneficiaryName).toContain('*');
    expect((await get(managerA, `/api/referrals/${r.id}`)).json().beneficiaryName).toBe(name);
    // Before accepting, the receiving agency cannot open the person's record.
    expect((await get(managerB, `/api/beneficiaries/${c.beneficiaryId}`)).statusCode).toBe(404);

    const ids = async (s: Session, q: string) =>
      (await get(s, `/api/referrals?${q}&pageSize=200`)).json().items.map((x: { id: string }) => x.id);
    expect(await ids(managerB, 'direction=incoming')).toContain(r.id);
    expect(await ids(managerB, 'direction=incoming&status=pending')).toContain(r.id);
    expect(await ids(managerB, 'direction=incoming&status=accepted')).not.toContain(r.id);
    expect(await ids(managerB, 'direction=outgoing')).not.toContain(r.id);
    expect(await ids(managerA, 'direction=outgoing')).toContain(r.id);
    expect(await ids(managerA, 'direction=incoming')).not.toContain(r.id);
    expect(await ids(caseWorker, 'direction=outgoing')).toContain(r.id);
    expect(await ids(supervisor, 'direction=outgoing')).toContain(r.id);
    expect(await ids(colleague, 'direction=outgoing')).toHaveLength(0);
    expect(await ids(colleague, 'direction=incoming')).toHaveLength(0);

    t.clock.advance(minutes(1));
    const res = await accept(managerB, r.id, { note: '已安排心理咨询师' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'accepted', beneficiaryName: name, decisionNote: '已安排心理咨询师' });
    expect(body.newCaseId).toEqual(expect.any(String));

    const opened = await get(managerB, `/api/cases/${body.newCaseId}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({
      agencyId: agencyB.id,
      beneficiaryId: c.beneficiaryId,
      intakeSource: 'referral',
      stage: 'intake',
      workerId: workerB.workerId,
      supervisorWorkerId: supervisorB,
    });
    expect(opened.json().code).toMatch(/^GA-2026-\d{4}$/);
    expect((await get(workerB.session, `/api/cases/${body.newCaseId}`)).statusCode).toBe(200);
    const stored = await t.deps.db
      .selectFrom('cases')
      .select('referralId')
      .where('id', '=', body.newCaseId)
      .executeTakeFirstOrThrow();
    expect(stored.referralId).toBe(r.id);
    const history = await t.deps.db
      .selectFrom('caseStageHistory')
      .select(['fromStage', 'toStage', 'action'])
      .where('caseId', '=', body.newCaseId)
      .execute();
    expect(history).toEqual([{ fromStage: null, toStage: 'intake', action: 'open' }]);

    // Both agencies now see the person; the referring agency keeps its own case.
    expect((await get(managerB, `/api/beneficiaries/${c.beneficiaryId}`)).statusCode).toBe(200);
    expect((await get(managerA, `/api/beneficiaries/${c.beneficiaryId}`)).statusCode).toBe(200);
    expect((await get(managerA, `/api/cases/${c.id}`)).statusCode).toBe(200);
    expect((await get(managerA, `/api/cases/${body.newCaseId}`)).statusCode).toBe(404);
    expect((await get(managerB, `/api/cases/${c.id}`)).statusCode).toBe(404);
    expect(await auditActions(r.id)).toEqual(['referral.create', 'referral.accept']);
  });

  it('transfer: the case moves to the receiving agency', async () => {
    const c = await openCase();
    const r = await referred(managerA, c.id, { kind: 'transfer', reason: '服务对象搬迁至石湾街道' });
    const res = await accept(managerB, r.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', kind: 'transfer', newCaseId: null });

    expect((await get(managerA, `/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await get(caseWorker, `/api/cases/${c.id}`)).statusCode).toBe(404);
    const moved = await get(managerB, `/api/cases/${c.id}`);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      agencyId: agencyB.id,
      workerId: workerB.workerId,
      supervisorWorkerId: supervisorB,
      stage: 'intake',
      code: c.code,
      version: c.version + 1,
    });
    expect((await get(workerB.session, `/api/cases/${c.id}`)).statusCode).toBe(200);
    const history = await t.deps.db
      .selectFrom('caseStageHistory')
      .select(['fromStage', 'toStage', 'action', 'reason'])
      .where('caseId', '=', c.id)
      .orderBy('id')
      .execute();
    expect(history.at(-1)).toEqual({
      fromStage: 'intake',
      toStage: 'intake',
      action: 'transfer',
      reason: '服务对象搬迁至石湾街道',
    });
    // The person goes with the case: the sending agency, with no other case of theirs, no longer sees them.
    expect((await get(managerB, `/api/beneficiaries/${c.beneficiaryId}`)).statusCode).toBe(200);
    expect((await get(managerA, `/api/beneficiaries/${c.beneficiaryId}`)).statusCode).toBe(404);
    // Its own referral stays on its outgoing list.
    expect((await get(managerA, `/api/referrals/${r.id}`)).statusCode).toBe(200);
    expect(await auditActions(c.id)).toContain('case.transfer');
  });

  it('transfer: an agency with another case of the person still sees them', async () => {
    const first = await openCase();
    const second = await openCase(undefined, first.beneficiaryId);
    const r = await referred(managerA, first.id, { kind: 'transfer' });
    expect((await accept(managerB, r.id)).statusCode).toBe(200);
    expect((await get(managerA, `/api/cases/${first.id}`)).statusCode).toBe(404);
    expect((await get(managerA, `/api/cases/${second.id}`)).statusCode).toBe(200);
    expect((await get(managerA, `/api/beneficiaries/${first.beneficiaryId}`)).statusCode).toBe(200);
    expect((await get(managerB, `/api/beneficiaries/${first.beneficiaryId}`)).statusCode).toBe(200);
  });

  it('allows one pending referral per case', async () => {
    const c = await openCase();
    const r = await referred(caseWorker, c.id);
    const again = await refer(managerA, c.id, { kind: 'transfer' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('referral.pending_exists');
    expect(await referralRows(c.id)).toHaveLength(1);
    // Once the first is decided, the case may be referred again.
    expect((await decide(caseWorker, r.id, 'revoke', { note: '家属已联系其他机构' })).statusCode).toBe(200);
    await referred(caseWorker, c.id);
  });

  it('lets one of two simultaneous requests through; the index backs the check', async () => {
    const c = await openCase();
    const results = await Promise.all([refer(caseWorker, c.id), refer(managerA, c.id, { kind: 'transfer' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().error.code).toBe('referral.pending_exists');
    // A second pending row written past the service is refused by the database, and recognised as such.
    const [row] = await referralRows(c.id);
    const { id: _id, ...copy } = row!;
    const error = await t.deps.db
      .insertInto('referrals')
      .values({ ...copy, kind: 'refer' })
      .execute()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(error, 'referrals_one_pending_uq')).toBe(true);
    expect(isUniqueViolation(error, 'some_other_uq')).toBe(false);
  });

  it('refuses a closed case', async () => {
    const c = await openCase();
    await t.deps.db
      .updateTable('cases')
      .set({ stage: 'closed', closedOn: '2026-11-29', closingReason: 'goals_met' })
      .where('id', '=', c.id)
      .execute();
    const res = await refer(caseWorker, c.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('referral.case_closed');
  });
});

describe('who may do what', () => {
  it('only the case worker or a manager of the case’s agency refers', async () => {
    const c = await openCase();
    expect((await refer(supervisor, c.id)).statusCode).toBe(403);
    expect((await refer(colleague, c.id)).statusCode).toBe(404);
    expect((await refer(managerB, c.id, { toAgencyId: agencyA.id })).statusCode).toBe(404);
    expect(await referralRows(c.id)).toHaveLength(0);
  });

  it('a third agency gets 404 everywhere; each side gets 403 on the other side’s decisions', async () => {
    const c = await openCase();
    const r = await referred(caseWorker, c.id);
    const note = { note: '不适合' };
    expect((await get(managerC, `/api/referrals/${r.id}`)).statusCode).toBe(404);
    expect((await accept(managerC, r.id)).statusCode).toBe(404);
    expect((await decide(managerC, r.id, 'reject', note)).statusCode).toBe(404);
    expect((await decide(managerC, r.id, 'revoke', note)).statusCode).toBe(404);
    expect((await get(colleague, `/api/referrals/${r.id}`)).statusCode).toBe(404);
    expect((await get(workerB.session, `/api/referrals/${r.id}`)).statusCode).toBe(404);
    for (const direction of ['incoming', 'outgoing']) {
      const page = (await get(managerC, `/api/referrals?direction=${direction}`)).json();
      expect(page).toMatchObject({ items: [], total: 0 });
    }

    // The sending side cannot accept or reject; the receiving side cannot revoke.
    expect((await accept(managerA, r.id)).statusCode).toBe(403);
    expect((await accept(caseWorker, r.id)).statusCode).toBe(403);
    expect((await decide(managerA, r.id, 'reject', note)).statusCode).toBe(403);
    expect((await decide(managerB, r.id, 'revoke', note)).statusCode).toBe(403);
    // The supervisor sees the referral but does not revoke it (the case worker or a manager does).
    expect((await get(supervisor, `/api/referrals/${r.id}`)).statusCode).toBe(200);
    expect((await decide(supervisor, r.id, 'revoke', note)).statusCode).toBe(403);
    expect((await get(managerB, `/api/referrals/${r.id}`)).json().status).toBe('pending');
  });

  it('reject and revoke need a note and work only while pending', async () => {
    const c = await openCase();
    const r = await referred(caseWorker, c.id);
    for (const payload of [undefined, {}, { note: '' }, { note: '   ' }]) {
      const res = await decide(managerB, r.id, 'reject', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const rejected = await decide(managerB, r.id, 'reject', { note: '本机构暂无心理咨询名额' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionNote: '本机构暂无心理咨询名额' });
    // Still masked for the receiving agency: it did not take the person on.
    expect(rejected.json().beneficiaryName).toContain('*');
    expect(await auditActions(r.id)).toEqual(['referral.create', 'referral.reject']);

    const again = await decide(managerB, r.id, 'reject', { note: '再次拒绝' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('referral.not_pending');
    expect(again.json().error.message).toContain('已拒绝');
    const en = await managerB.inject({
      method: 'POST',
      url: `/api/referrals/${r.id}/accept`,
      headers: { 'accept-language': 'en' },
      payload: { workerId: workerB.workerId, supervisorWorkerId: supervisorB },
    });
    expect(en.statusCode).toBe(409);
    expect(en.json().error.message).toContain('rejected');
    expect((await decide(caseWorker, r.id, 'revoke', { note: '撤回' })).statusCode).toBe(409);

    const s = await referred(caseWorker, c.id);
    expect((await decide(caseWorker, s.id, 'revoke', { note: ' ' })).statusCode).toBe(400);
    const revoked = await decide(caseWorker, s.id, 'revoke', { note: '家属已联系其他机构' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', decisionNote: '家属已联系其他机构' });
    expect((await accept(managerB, s.id)).statusCode).toBe(409);
    expect((await decide(managerA, s.id, 'revoke', { note: '撤回' })).statusCode).toBe(409);
    expect(await auditActions(s.id)).toEqual(['referral.create', 'referral.revoke']);
  });
});

describe('bad input', () => {
  it('answers 400 for malformed bodies and queries, naming the field', async () => {
    const c = await openCase();
    const bad: Array<Record<string, unknown>> = [
      { reason: undefined },
      { reason: '' },
      { kind: 'move' },
      { toAgencyId: 'agency-b' },
      { caseId: 'not-a-uuid' },
      { extra: true },
      { consentOverride: { reason: '' } },
      { consentOverride: {} },
    ];
    for (const extra of bad) {
      const res = await refer(managerA, c.id, extra);
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
    }
    const purchaser = await buildOrganization(t, { kind: 'purchaser', divisionCode: '440604012' });
    for (const toAgencyId of [agencyA.id, purchaser.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await refer(managerA, c.id, { toAgencyId });
      expect(res.statusCode, toAgencyId).toBe(400);
      expect(res.json().error.details.issues[0].field).toBe('body.toAgencyId');
    }
    expect(await referralRows(c.id)).toHaveLength(0);

    const r = await referred(caseWorker, c.id);
    const same = await accept(managerB, r.id, { supervisorWorkerId: workerB.workerId });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details.issues[0].field).toBe('body.supervisorWorkerId');
    // The receiving agency's own workers take the case, not the sending agency's.
    const foreign = await accept(managerB, r.id, { workerId: workerA });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details.issues[0].field).toBe('body.workerId');
    expect((await accept(managerB, r.id, { workerId: 'x' })).statusCode).toBe(400);
    expect((await accept(managerB, r.id, { note: 5 })).statusCode).toBe(400);
    expect((await get(managerB, `/api/referrals/${r.id}`)).json().status).toBe('pending');

    expect((await get(managerA, '/api/referrals')).statusCode).toBe(400);
    expect((await get(managerA, '/api/referrals?direction=sideways')).statusCode).toBe(400);
    expect((await get(managerA, '/api/referrals?direction=incoming&status=done')).statusCode).toBe(400);
    expect((await get(managerA, '/api/referrals/not-a-uuid')).statusCode).toBe(400);
  });
});
