import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, minutes, type Session, setupTestApp, signInAs, type TestApp } from '../../../../test/app';
import { buildBeneficiary, buildLinkedWorker } from '../../../../test/services';

let t: TestApp;
let managerA: Session;
let managerB: Session;
let caseWorker: Session;
let supervisor: Session;
let colleague: Session;
let agencyA: { id: string };
let workerId: string;
let supervisorWorkerId: string;

const linkedWorker = (agencyId: string, level: 'assistant' | 'intermediate' | 'senior') =>
  buildLinkedWorker(t, managerA, agencyId, level);

beforeAll(async () => {
  t = await setupTestApp();
  agencyA = await buildAgency(t, '440604012', ['440604012']);
  const agencyB = await buildAgency(t, '440604010', ['440604010']);
  managerA = await signInAs(t, 'agency_manager', { id: agencyA.id });
  managerB = await signInAs(t, 'agency_manager', { id: agencyB.id });
  const w = await linkedWorker(agencyA.id, 'assistant');
  const s = await linkedWorker(agencyA.id, 'senior');
  const c = await linkedWorker(agencyA.id, 'assistant');
  caseWorker = w.session;
  workerId = w.workerId;
  supervisor = s.session;
  supervisorWorkerId = s.workerId;
  colleague = c.session;
});
afterAll(() => t.close());

const beneficiary = (consent: 'given' | 'none' = 'given') =>
  buildBeneficiary(managerA, { consents: consent === 'given' ? ['service'] : [] });

const open = (s: Session, beneficiaryId: string, extra: Record<string, unknown> = {}) =>
  s.inject({
    method: 'POST',
    url: '/api/cases',
    payload: { beneficiaryId, workerId, supervisorWorkerId, intakeSource: 'outreach', ...extra },
  });

async function openCase() {
  const res = await open(managerA, await beneficiary());
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string; version: number; stage: string; beneficiaryId: string };
}

const draft = (caseId: string, kind: string, content: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  caseWorker.inject({ method: 'POST', url: `/api/cases/${caseId}/records`, payload: { kind, content, ...extra } });

/** Draft, submit and have the supervisor approve a record. */
async function approved(caseId: string, kind: string, content: Record<string, unknown>, extra = {}) {
  const d = await draft(caseId, kind, content, extra);
  expect(d.statusCode, d.body).toBe(201);
  const id = d.json().id as string;
  const s = await caseWorker.inject({ method: 'POST', url: `/api/cases/${caseId}/records/${id}/submit` });
  expect(s.statusCode, s.body).toBe(200);
  const a = await supervisor.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/records/${id}/approve`,
    payload: { comment: '同意' },
  });
  expect(a.statusCode, a.body).toBe(200);
  return a.json();
}

async function move(s: Session, caseId: string, action: string, reason?: string) {
  const current = (await s.inject({ method: 'GET', url: `/api/cases/${caseId}` })).json();
  return s.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/transitions`,
    payload: { action, version: current.version, ...(reason ? { reason } : {}) },
  });
}

const barthel = (overrides: Record<string, unknown> = {}) => ({
  feeding: 5,
  bathing: 0,
  grooming: 5,
  dressing: 5,
  bowels: 10,
  bladder: 5,
  toiletUse: 5,
  transfers: 10,
  mobility: 10,
  stairs: 0,
  ...overrides,
});
const goal = { goal: '每日独立进食', measure: '每周自行进食天数', target: '7 天', dueOn: '2027-03-31' };

describe('case stages (接案 → 预估 → 计划 → 介入 → 评估 → 结案)', () => {
  it('goes the whole way with supervisor approvals, then follow-up and reopen', async () => {
    const c = await openCase();
    expect(c.code).toMatch(/^GA-2026-\d{4}$/);
    expect(c.stage).toBe('intake');

    await approved(c.id, 'intake', { summary: '独居老人，外展发现，行动不便', needs: ['生活照料'] });
    let res = await move(caseWorker, c.id, 'assess');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().stage).toBe('assessment');

    const assessment = await approved(c.id, 'assessment', { scale: 'barthel', answers: barthel() });
    expect(assessment.content).toMatchObject({ total: 55, band: 'moderate', riskLevel: 'medium' });
    const b = (await managerA.inject({ method: 'GET', url: `/api/beneficiaries/${c.beneficiaryId}` })).json();
    expect(b.riskLevel).toBe('medium');
    expect((await move(caseWorker, c.id, 'plan')).statusCode).toBe(200);

    // A plan needs at least one SMART goal.
    const noGoals = await draft(c.id, 'plan', { goals: [] });
    expect(noGoals.statusCode).toBe(400);
    const vague = await draft(c.id, 'plan', { goals: [{ goal: '改善生活' }] });
    expect(vague.statusCode).toBe(400);
    await approved(c.id, 'plan', { goals: [goal], approach: '链接助餐服务' });
    expect((await move(caseWorker, c.id, 'intervene')).statusCode).toBe(200);
    await approved(c.id, 'session', { heldOn: '2026-11-29', durationMinutes: 60, summary: '入户探访' });
    expect((await move(caseWorker, c.id, 'evaluate')).statusCode).toBe(200);
    await approved(c.id, 'evaluation', {
      goals: [{ goal: goal.goal, attainment: 'achieved' }],
      summary: '目标达成',
    });
    // Closing needs the closing record too.
    res = await move(caseWorker, c.id, 'close');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('case.record_required');
    await approved(c.id, 'closing', { reason: 'goals_met' });
    res = await move(caseWorker, c.id, 'close');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'closed', closedOn: '2026-11-29', closingReason: 'goals_met' });
    expect(res.json().records).toHaveLength(6);

    expect((await move(caseWorker, c.id, 'follow_up')).statusCode).toBe(200);
    // Reopening is the supervisor's decision, with a reason.
    expect((await move(caseWorker, c.id, 'reopen', '情况反复')).statusCode).toBe(403);
    expect((await move(supervisor, c.id, 'reopen')).statusCode).toBe(400);
    t.clock.advance(minutes(1));
    res = await move(supervisor, c.id, 'reopen', '情况反复');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'assessment', closedOn: null, closingReason: null });
    // The assessment approved before closing does not count: a reopened case is assessed afresh.
    t.clock.advance(minutes(1));
    expect((await move(caseWorker, c.id, 'plan')).statusCode).toBe(409);

    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('targetId', '=', c.id)
      .where('action', 'like', 'case.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['case.open', 'case.assess', 'case.close', 'case.reopen', 'case.record_approve']),
    );
  });

  it('refuses a move without the approved record (409 naming the stage) and an invalid move', async () => {
    const c = await openCase();
    let res = await move(caseWorker, c.id, 'assess');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('case.record_required');
    expect(res.json().error.message).toContain('接案');
    // Submitted but not yet approved still does not count.
    const d = await draft(c.id, 'intake', { summary: '主动求助' });
    await caseWorker.inject({ method: 'POST', url: `/api/cases/${c.id}/records/${d.json().id}/submit` });
    expect((await move(caseWorker, c.id, 'assess')).statusCode).toBe(409);

    res = await move(caseWorker, c.id, 'close');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('case.invalid_transition');
    expect(res.json().error.message).toContain('接案');
    // A record of another stage cannot be started here.
    expect((await draft(c.id, 'plan', { goals: [goal] })).statusCode).toBe(409);
    // A stale version is refused.
    const stale = await caseWorker.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/transitions`,
      payload: { action: 'assess', version: 99 },
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe('stage records', () => {
  it('an approved record is immutable; an amendment is a new record and keeps the history', async () => {
    const c = await openCase();
    const original = await approved(c.id, 'intake', { summary: '初稿' });
    const put = await caseWorker.inject({
      method: 'PUT',
      url: `/api/cases/${c.id}/records/${original.id}`,
      payload: { content: { summary: '改写' } },
    });
    expect(put.statusCode).toBe(409);
    expect(put.json().error.code).toBe('case.record_locked');
    const resubmit = await caseWorker.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/records/${original.id}/submit`,
    });
    expect(resubmit.statusCode).toBe(409);

    // A draft can be edited; once returned by the supervisor, it can be edited and submitted again.
    const amendment = await draft(c.id, 'intake', { summary: '更正：转介而来' }, { amendsRecordId: original.id });
    expect(amendment.statusCode, amendment.body).toBe(201);
    const aid = amendment.json().id;
    const edit = await caseWorker.inject({
      method: 'PUT',
      url: `/api/cases/${c.id}/records/${aid}`,
      payload: { content: { summary: '更正：由街道转介' } },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    await caseWorker.inject({ method: 'POST', url: `/api/cases/${c.id}/records/${aid}/submit` });
    const returned = await supervisor.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/records/${aid}/return`,
      payload: { comment: '请补充转介单位' },
    });
    expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: '请补充转介单位' });
    await caseWorker.inject({
      method: 'PUT',
      url: `/api/cases/${c.id}/records/${aid}`,
      payload: { content: { summary: '更正：由祖庙街道转介' } },
    });
    await caseWorker.inject({ method: 'POST', url: `/api/cases/${c.id}/records/${aid}/submit` });
    const ok = await supervisor.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/records/${aid}/approve`,
      payload: {},
    });
    expect(ok.statusCode, ok.body).toBe(200);

    const detail = (await caseWorker.inject({ method: 'GET', url: `/api/cases/${c.id}` })).json();
    const old = detail.records.find((r: { id: string }) => r.id === original.id);
    const fresh = detail.records.find((r: { id: string }) => r.id === aid);
    expect(old).toMatchObject({ status: 'approved', content: { summary: '初稿' }, amendedByRecordId: aid });
    expect(fresh).toMatchObject({ status: 'approved', amendsRecordId: original.id });
    expect(fresh.content.summary).toBe('更正：由祖庙街道转介');
    // Only approved records are amended.
    const d = await draft(c.id, 'intake', { summary: '草稿' });
    expect((await draft(c.id, 'intake', { summary: 'x' }, { amendsRecordId: d.json().id })).statusCode).toBe(409);
  });

  it('scores the Barthel index on the server and refuses bad answers', async () => {
    const c = await openCase();
    await approved(c.id, 'intake', { summary: '转介' });
    await move(caseWorker, c.id, 'assess');
    const full = await draft(c.id, 'assessment', {
      scale: 'barthel',
      answers: barthel({
        bathing: 5,
        dressing: 10,
        bladder: 10,
        toiletUse: 10,
        transfers: 15,
        mobility: 15,
        stairs: 10,
        feeding: 10,
      }),
      total: 3,
    });
    // The total is the server's: a client-sent one is not accepted.
    expect(full.statusCode).toBe(400);
    const independent = await draft(c.id, 'assessment', {
      scale: 'barthel',
      answers: barthel({
        bathing: 5,
        dressing: 10,
        bladder: 10,
        toiletUse: 10,
        transfers: 15,
        mobility: 15,
        stairs: 10,
        feeding: 10,
      }),
    });
    expect(independent.statusCode, independent.body).toBe(201);
    expect(independent.json().content).toMatchObject({ total: 100, band: 'independent', riskLevel: 'low' });

    const bad = await draft(c.id, 'assessment', {
      scale: 'barthel',
      answers: { ...barthel({ feeding: 7 }), stairs: undefined, dancing: 5 },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.content.answers.feeding',
        'body.content.answers.stairs',
        'body.content.answers.dancing',
      ]),
    );
    expect((await draft(c.id, 'assessment', { scale: 'katz', answers: {} })).statusCode).toBe(400);
  });
});

describe('consent and access', () => {
  it('refuses a case without service consent, and after the consent is withdrawn', async () => {
    const none = await open(managerA, await beneficiary('none'));
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('consent.missing');

    const id = await beneficiary();
    const first = await open(managerA, id);
    expect(first.statusCode).toBe(201);
    const w = await managerA.inject({
      method: 'POST',
      url: `/api/beneficiaries/${id}/consents/service/withdraw`,
      payload: { reason: '本人不再需要服务' },
    });
    expect(w.statusCode, w.body).toBe(200);
    const again = await open(managerA, id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('consent.missing');
    // Service work on the open case stops too; closing it remains possible.
    expect((await draft(first.json().id, 'intake', { summary: '补记' })).statusCode).toBe(409);
  });

  it('checks the case worker and supervisor are workers of the agency', async () => {
    const id = await beneficiary();
    expect((await open(managerA, id, { supervisorWorkerId: workerId })).statusCode).toBe(400);
    const other = await open(managerA, id, { workerId: '00000000-0000-4000-8000-000000000000' });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details.issues[0].field).toBe('body.workerId');
    expect((await open(managerA, id, { projectId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(400);
  });

  it('answers 404 across agencies and lists only the caller’s caseload', async () => {
    const c = await openCase();
    const d = await draft(c.id, 'intake', { summary: '外展' });
    const rid = d.json().id;
    await caseWorker.inject({ method: 'POST', url: `/api/cases/${c.id}/records/${rid}/submit` });
    const paths: Array<[string, string, Record<string, unknown>?]> = [
      ['GET', `/api/cases/${c.id}`],
      ['POST', `/api/cases/${c.id}/records`, { kind: 'intake', content: { summary: 'x' } }],
      ['PUT', `/api/cases/${c.id}/records/${rid}`, { content: { summary: 'x' } }],
      ['POST', `/api/cases/${c.id}/records/${rid}/submit`],
      ['POST', `/api/cases/${c.id}/records/${rid}/approve`, {}],
      ['POST', `/api/cases/${c.id}/records/${rid}/return`, { comment: '不行' }],
      ['POST', `/api/cases/${c.id}/transitions`, { action: 'assess', version: 1 }],
    ];
    for (const [method, url, payload] of paths) {
      const res = await managerB.inject({ method: method as 'GET', url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await open(managerB, c.beneficiaryId)).statusCode).toBe(404);
    const listedB = (await managerB.inject({ method: 'GET', url: '/api/cases?pageSize=200' })).json();
    expect(listedB.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    const listedA = (await managerA.inject({ method: 'GET', url: '/api/cases?pageSize=200' })).json();
    expect(listedA.items.map((x: { id: string }) => x.id)).toContain(c.id);
    const mine = (await caseWorker.inject({ method: 'GET', url: '/api/cases?stage=intake&pageSize=200' })).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(c.id);
    // A colleague who neither works on nor supervises the case does not see it.
    const theirs = (await colleague.inject({ method: 'GET', url: '/api/cases?pageSize=200' })).json();
    expect(theirs.items).toHaveLength(0);
    expect((await colleague.inject({ method: 'GET', url: `/api/cases/${c.id}` })).statusCode).toBe(404);
  });

  it('only the case’s supervisor approves', async () => {
    const c = await openCase();
    const d = await draft(c.id, 'intake', { summary: '主动求助' });
    const rid = d.json().id;
    await caseWorker.inject({ method: 'POST', url: `/api/cases/${c.id}/records/${rid}/submit` });
    const approve = (s: Session) =>
      s.inject({ method: 'POST', url: `/api/cases/${c.id}/records/${rid}/approve`, payload: {} });
    expect((await approve(caseWorker)).statusCode).toBe(403);
    expect((await approve(managerA)).statusCode).toBe(403);
    expect((await approve(colleague)).statusCode).toBe(404);
    // And only the case worker writes records.
    expect(
      (
        await supervisor.inject({
          method: 'POST',
          url: `/api/cases/${c.id}/records`,
          payload: { kind: 'intake', content: { summary: 'x' } },
        })
      ).statusCode,
    ).toBe(403);
    expect((await approve(supervisor)).statusCode).toBe(200);
  });
});
