import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAgency,
  buildOrganization,
  buildUser,
  login,
  type Session,
  setupTestApp,
  type TestApp,
  validIdNumber,
} from '../../../../test/app';

const DAY = 86_400_000;
const ID_NUMBER = /\d{17}[\dX]/;
const MOBILE = /1[3-9]\d{9}/;

let t: TestApp;
let buyer: Session; // 祖庙街道 purchasing unit
let panelist: Session; // a second member of the same unit, on the evaluation panel
let otherBuyer: Session; // 石湾, sees nothing of 祖庙's projects
let managerA: Session; // agency serving 祖庙
let managerB: Session; // agency serving the whole district
let managerC: Session; // agency serving 石湾 only: out of scope for 祖庙's calls
let managerD: Session; // another agency serving 祖庙, for refusals
let agencyA: { id: string; name: string };
let agencyB: { id: string; name: string };
let n = 500;

let users: Record<'buyer' | 'panelist' | 'otherBuyer' | 'a' | 'b' | 'c' | 'd', string>;

async function signInAll() {
  buyer = await login(t, users.buyer);
  panelist = await login(t, users.panelist);
  otherBuyer = await login(t, users.otherBuyer);
  managerA = await login(t, users.a);
  managerB = await login(t, users.b);
  managerC = await login(t, users.c);
  managerD = await login(t, users.d);
}

beforeAll(async () => {
  t = await setupTestApp();
  const zumiao = await buildOrganization(t, { kind: 'purchaser', divisionCode: '440604012', name: '祖庙街道办事处' });
  const shiwan = await buildOrganization(t, { kind: 'purchaser', divisionCode: '440604010' });
  agencyA = await buildAgency(t, '440604012', ['440604012']);
  agencyB = await buildAgency(t, '440604010', ['440604']);
  const agencyC = await buildAgency(t, '440604010', ['440604010']);
  const agencyD = await buildAgency(t, '440604012', ['440604012001']);
  const user = async (role: 'purchaser' | 'agency_manager', organizationId: string) =>
    (await buildUser(t, { role, organizationId })).username;
  users = {
    buyer: await user('purchaser', zumiao.id),
    panelist: await user('purchaser', zumiao.id),
    otherBuyer: await user('purchaser', shiwan.id),
    a: await user('agency_manager', agencyA.id),
    b: await user('agency_manager', agencyB.id),
    c: await user('agency_manager', agencyC.id),
    d: await user('agency_manager', agencyD.id),
  };
  await signInAll();
});
afterAll(() => t.close());

/** Time passes beyond a call's deadline (7 days ahead); everyone signs in again, as sessions expire meanwhile. */
async function passDeadline() {
  t.clock.advance(8 * DAY);
  await signInAll();
}

/** A worker of the manager's agency, with a credential of the given level. */
async function hireWorker(manager: Session, level = 'intermediate') {
  n += 1;
  const res = await manager.inject({
    method: 'POST',
    url: '/api/workers',
    payload: {
      name: `投标社工${n}`,
      idNumber: validIdNumber(n),
      mobile: `139${String(10_000_000 + n).slice(-8)}`,
      credential: { level, certificateNo: `ZJ2021${String(n).padStart(6, '0')}`, issuedOn: '2021-06-01' },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string; version: number };
}

const BUDGET = 48_000_000; // 48 万元

async function approvedProject(overrides: Record<string, unknown> = {}) {
  const created = await buyer.inject({
    method: 'POST',
    url: '/api/projects',
    payload: {
      title: '祖庙街道长者关爱服务项目',
      fundingSource: 'town_budget',
      budgetFen: BUDGET,
      serviceDivisionCodes: ['440604012001', '440604012002'],
      targetGroups: ['elderly'],
      serviceContent: '为辖区独居、高龄长者提供探访、个案及小组服务。',
      procurementMethod: 'competitive_consultation',
      periodFrom: '2027-01-01',
      periodTo: '2027-12-31',
      ...overrides,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id: string = created.json().id;
  let version: number = created.json().version;
  for (const action of ['submit', 'approve']) {
    const res = await buyer.inject({
      method: 'POST',
      url: `/api/projects/${id}/transitions`,
      payload: { action, version },
    });
    expect(res.statusCode, res.body).toBe(200);
    version = res.json().version;
  }
  return { id, version };
}

/** The calendar date in Shanghai (UTC+8) by the test clock. */
const today = () => new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

const deadlineIn = (days: number) => new Date(t.clock.now().getTime() + days * DAY).toISOString();

const publish = (id: string, version: number, overrides: Record<string, unknown> = {}) =>
  buyer.inject({
    method: 'POST',
    url: `/api/projects/${id}/call`,
    payload: {
      title: '祖庙街道长者关爱服务项目竞争性磋商公告',
      content: '采购内容：独居、高龄长者探访及个案服务，服务期一年。',
      eligibility: '在禅城区登记的社会工作服务机构；项目负责人须持有社会工作者职业水平证书。',
      bidDeadline: deadlineIn(7),
      version,
      ...overrides,
    },
  });

async function tenderingProject() {
  const p = await approvedProject();
  const res = await publish(p.id, p.version);
  expect(res.statusCode, res.body).toBe(201);
  return { id: p.id, version: p.version + 1 };
}

const bid = (manager: Session, projectId: string, payload: Record<string, unknown>) =>
  manager.inject({ method: 'POST', url: `/api/projects/${projectId}/bids`, payload });

const bidBody = (lead: { id: string }, members: Array<{ id: string }> = [], priceFen = 45_000_000) => ({
  proposal: '以“长者友好社区”为目标，开展探访、个案管理与互助小组。',
  priceFen,
  leadWorkerId: lead.id,
  memberWorkerIds: members.map((m) => m.id),
});

const awardBody = (bidId: string, version: number, overrides: Record<string, unknown> = {}) => ({
  bidId,
  amountFen: 44_000_000,
  termFrom: '2027-01-01',
  termTo: '2027-12-31',
  quantityTerms: '个案 30 个，小组 6 个，社区活动 12 场。',
  qualityTerms: '服务对象满意度不低于 90%。',
  priceTerms: '合同总价包干。',
  settlementTerms: '签约后付 40%，中期评估合格后付 30%，末期评估合格后付 30%。',
  signedOn: today(),
  publish: false,
  version,
  ...overrides,
});

describe('procurement: call, bids, panel, award', () => {
  it('runs from approval to a contracted project with its team, sealed bids and public disclosure', async () => {
    const leadA = await hireWorker(managerA, 'senior');
    const memberA = await hireWorker(managerA, 'assistant');
    const leadB = await hireWorker(managerB, 'intermediate');
    const memberB = await hireWorker(managerB);

    const p = await approvedProject();
    const published = await publish(p.id, p.version);
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ status: 'open', sealed: true, can: { score: false, award: false } });
    const project = (await buyer.inject({ method: 'GET', url: `/api/projects/${p.id}` })).json();
    expect(project).toMatchObject({ status: 'tendering', version: p.version + 1 });
    let version: number = project.version;

    // The public sees the open call, without personal data.
    const open = await t.app.inject({ method: 'GET', url: '/api/public/calls' });
    expect(open.statusCode).toBe(200);
    expect(open.json().items).toContainEqual(
      expect.objectContaining({
        projectCode: project.code,
        purchaserName: '祖庙街道办事处',
        budgetFen: BUDGET,
        procurementMethod: 'competitive_consultation',
        title: '祖庙街道长者关爱服务项目竞争性磋商公告',
        serviceDivisionNames: expect.arrayContaining([expect.any(String)]),
      }),
    );
    expect(open.body).not.toMatch(ID_NUMBER);
    expect(open.body).not.toMatch(MOBILE);

    // Agencies whose service area reaches the call see it; one serving only 石湾 does not, and cannot bid.
    expect((await managerA.inject({ method: 'GET', url: `/api/projects/${p.id}/call` })).json().can.bid).toBe(true);
    expect((await managerB.inject({ method: 'GET', url: `/api/projects/${p.id}/call` })).statusCode).toBe(200);
    expect((await managerC.inject({ method: 'GET', url: `/api/projects/${p.id}/call` })).statusCode).toBe(404);
    const leadC = await hireWorker(managerC);
    expect((await bid(managerC, p.id, bidBody(leadC))).statusCode).toBe(404);
    expect((await otherBuyer.inject({ method: 'GET', url: `/api/projects/${p.id}/call` })).statusCode).toBe(404);

    const resA = await bid(managerA, p.id, bidBody(leadA, [memberA], 45_000_000));
    expect(resA.statusCode, resA.body).toBe(201);
    const bidA = resA.json();
    expect(bidA).toMatchObject({
      agencyId: agencyA.id,
      status: 'submitted',
      leadLevel: 'senior',
      leadWorkerName: leadA.name,
      members: [{ workerId: memberA.id, name: memberA.name, credentialLevel: 'assistant' }],
      scores: null,
    });
    expect(resA.body).not.toMatch(ID_NUMBER);
    const resB = await bid(managerB, p.id, bidBody(leadB, [memberB], 46_000_000));
    expect(resB.statusCode, resB.body).toBe(201);
    // One bid per agency: the second goes through PUT …/bids/mine.
    expect((await bid(managerB, p.id, bidBody(leadB))).json().error.code).toBe('procurement.bid_exists');
    const changed = await managerB.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}/bids/mine`,
      payload: { ...bidBody(leadB, [memberB], 43_500_000), version: 1 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ priceFen: 43_500_000, version: 2 });
    const bidB = changed.json();

    // Sealed: before the deadline the purchasing side sees no bid, each agency only its own.
    const sealed = (await buyer.inject({ method: 'GET', url: `/api/projects/${p.id}/bids` })).json();
    expect(sealed).toMatchObject({ sealed: true, bids: [] });
    const own = (await managerA.inject({ method: 'GET', url: `/api/projects/${p.id}/bids` })).json();
    expect(own.bids.map((b: { id: string }) => b.id)).toEqual([bidA.id]);
    const early = await buyer.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}/bids/${bidA.id}/score`,
      payload: { score: 90, comment: '' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('procurement.deadline_not_reached');

    await passDeadline();
    expect((await t.app.inject({ method: 'GET', url: '/api/public/calls' })).json().items).not.toContainEqual(
      expect.objectContaining({ projectCode: project.code }),
    );

    // The panel scores every bid after the deadline; a second score by the same member replaces the first.
    const score = (s: Session, bidId: string, value: number, comment = '方案完整') =>
      s.inject({ method: 'PUT', url: `/api/projects/${p.id}/bids/${bidId}/score`, payload: { score: value, comment } });
    expect((await score(buyer, bidA.id, 80)).statusCode).toBe(200);
    const rescored = await score(buyer, bidA.id, 88.5, '团队资历深');
    expect(rescored.statusCode, rescored.body).toBe(200);
    expect(rescored.json()).toMatchObject({ myScore: 88.5, averageScore: 88.5 });
    expect((await score(panelist, bidA.id, 91)).statusCode).toBe(200);
    expect((await score(buyer, bidB.id, 75)).statusCode).toBe(200);
    expect((await score(panelist, bidB.id, 70.25)).statusCode).toBe(200);
    expect((await score(managerA, bidA.id, 100)).statusCode).toBe(403);
    const outOfRange = await score(buyer, bidA.id, 101);
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.details.issues[0].field).toBe('body.score');

    const opened = (await buyer.inject({ method: 'GET', url: `/api/projects/${p.id}/bids` })).json();
    expect(opened.sealed).toBe(false);
    expect(opened.bids.map((b: { id: string; averageScore: number }) => [b.id, b.averageScore])).toEqual([
      [bidA.id, 89.75],
      [bidB.id, 72.63],
    ]);
    expect(opened.bids[0].scores).toHaveLength(2);
    // An agency still sees only its own bid, without the panel's scores.
    const stillOwn = (await managerB.inject({ method: 'GET', url: `/api/projects/${p.id}/bids` })).json();
    expect(stillOwn.bids).toEqual([expect.objectContaining({ id: bidB.id, scores: null, averageScore: null })]);

    // Award: the amount cannot exceed the bid price; a stale project version is refused.
    const tooMuch = await buyer.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/award`,
      payload: awardBody(bidA.id, version, { amountFen: 45_000_001 }),
      headers: { 'accept-language': 'en' },
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error).toMatchObject({ code: 'project.over_budget' });
    expect(tooMuch.json().error.message).toContain('bid price of 450000.00 yuan');
    const stale = await buyer.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/award`,
      payload: awardBody(bidA.id, version - 1),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict.stale_version');
    const tooLong = await buyer.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/award`,
      payload: awardBody(bidA.id, version, { termTo: '2028-01-01' }),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('project.term_too_long');
    expect((await t.deps.db.selectFrom('contracts').selectAll().execute()).length).toBe(0);

    const awarded = await buyer.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/award`,
      payload: awardBody(bidA.id, version),
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
    expect(awarded.json()).toMatchObject({
      bidId: bidA.id,
      agencyId: agencyA.id,
      agencyName: agencyA.name,
      amountFen: 44_000_000,
      termFrom: '2027-01-01',
      termTo: '2027-12-31',
      signedOn: today(),
      publishedAt: null,
    });

    const contracted = (await buyer.inject({ method: 'GET', url: `/api/projects/${p.id}` })).json();
    expect(contracted).toMatchObject({
      status: 'contracted',
      agencyId: agencyA.id,
      contractAmountFen: 44_000_000,
      leadWorkerId: leadA.id,
      periodFrom: '2027-01-01',
      periodTo: '2027-12-31',
    });
    version = contracted.version;
    expect(contracted.team).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ workerId: leadA.id, role: 'lead', joinedOn: today() }),
        expect.objectContaining({ workerId: memberA.id, role: 'member', joinedOn: today() }),
      ]),
    );
    expect(contracted.team).toHaveLength(2);
    const bids = await t.deps.db.selectFrom('bids').select(['id', 'status']).where('projectId', '=', p.id).execute();
    expect(Object.fromEntries(bids.map((b) => [b.id, b.status]))).toEqual({
      [bidA.id]: 'awarded',
      [bidB.id]: 'not_awarded',
    });
    const call = (await buyer.inject({ method: 'GET', url: `/api/projects/${p.id}/call` })).json();
    expect(call.status).toBe('awarded');
    const history = (await buyer.inject({ method: 'GET', url: `/api/projects/${p.id}/history` })).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'submit',
      'approve',
      'publish_call',
      'award',
    ]);
    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('action', 'in', ['procurement.call_publish', 'bid.submit', 'bid.update', 'bid.score', 'contract.create'])
      .execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set(['procurement.call_publish', 'bid.submit', 'bid.update', 'bid.score', 'contract.create']),
    );

    // Until published, the losing agency does not see the contract; the public list does not have it either.
    expect((await managerA.inject({ method: 'GET', url: `/api/projects/${p.id}/contract` })).statusCode).toBe(200);
    expect((await managerB.inject({ method: 'GET', url: `/api/projects/${p.id}/contract` })).statusCode).toBe(404);
    const before = (await t.app.inject({ method: 'GET', url: '/api/public/contracts' })).json();
    expect(before.items).not.toContainEqual(expect.objectContaining({ projectCode: project.code }));

    const pub = await buyer.inject({ method: 'POST', url: `/api/projects/${p.id}/contract/publish` });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().publishedAt).toBe(t.clock.now().toISOString());
    expect((await buyer.inject({ method: 'POST', url: `/api/projects/${p.id}/contract/publish` })).statusCode).toBe(
      409,
    );
    expect((await managerA.inject({ method: 'POST', url: `/api/projects/${p.id}/contract/publish` })).statusCode).toBe(
      403,
    );
    expect((await managerB.inject({ method: 'GET', url: `/api/projects/${p.id}/contract` })).statusCode).toBe(200);

    const pubContracts = await t.app.inject({ method: 'GET', url: '/api/public/contracts' });
    expect(pubContracts.statusCode).toBe(200);
    expect(pubContracts.json().items).toContainEqual({
      projectCode: project.code,
      projectTitle: '祖庙街道长者关爱服务项目',
      purchaserName: '祖庙街道办事处',
      agencyName: agencyA.name,
      amountFen: 44_000_000,
      termFrom: '2027-01-01',
      termTo: '2027-12-31',
      quantityTerms: '个案 30 个，小组 6 个，社区活动 12 场。',
      qualityTerms: '服务对象满意度不低于 90%。',
      priceTerms: '合同总价包干。',
      settlementTerms: '签约后付 40%，中期评估合格后付 30%，末期评估合格后付 30%。',
      signedOn: today(),
      publishedAt: t.clock.now().toISOString(),
    });
    expect(pubContracts.body).not.toMatch(ID_NUMBER);
    expect(pubContracts.body).not.toMatch(MOBILE);
    expect(pubContracts.body).not.toContain(leadA.name);

    // A second award of the contracted project is an invalid move.
    const again = await buyer.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/award`,
      payload: awardBody(bidB.id, version),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('project.invalid_transition');
  });
});

describe('procurement refusals', () => {
  it('refuses a call on a draft, a past deadline, a stale version and the wrong role', async () => {
    const created = await buyer.inject({
      method: 'POST',
      url: '/api/projects',
      payload: {
        title: '草稿项目',
        fundingSource: 'town_budget',
        budgetFen: BUDGET,
        serviceDivisionCodes: ['440604012001'],
        procurementMethod: 'inquiry',
        periodFrom: '2027-01-01',
        periodTo: '2027-06-30',
      },
    });
    const draft = created.json();
    const onDraft = await publish(draft.id, draft.version);
    expect(onDraft.statusCode).toBe(409);
    expect(onDraft.json().error).toMatchObject({
      code: 'project.invalid_transition',
      details: { from: 'draft', action: 'publish_call' },
    });

    const p = await approvedProject();
    const past = await publish(p.id, p.version, { bidDeadline: deadlineIn(-1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details.issues).toEqual([expect.objectContaining({ field: 'body.bidDeadline' })]);
    const stale = await publish(p.id, p.version - 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict.stale_version');
    expect(await t.deps.db.selectFrom('procurementCalls').where('projectId', '=', p.id).selectAll().execute()).toEqual(
      [],
    );
    const byAgency = await managerA.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/call`,
      payload: { title: '公告', content: '内容', bidDeadline: deadlineIn(7), version: p.version },
    });
    expect(byAgency.statusCode).toBe(403);
    const byOtherBuyer = await otherBuyer.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/call`,
      payload: { title: '公告', content: '内容', bidDeadline: deadlineIn(7), version: p.version },
    });
    expect(byOtherBuyer.statusCode).toBe(404);
    // An approved project has no call yet: agencies do not see it at all.
    expect((await bid(managerA, p.id, bidBody(await hireWorker(managerA)))).statusCode).toBe(404);
  });

  it('refuses bids over budget, with another agency’s workers, from purchasers, and after the deadline', async () => {
    const leadD = await hireWorker(managerD);
    const workerA = await hireWorker(managerA);
    const p = await tenderingProject();

    const over = await bid(managerD, p.id, bidBody(leadD, [], BUDGET + 1));
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('project.over_budget');
    expect(over.json().error.message).toBe('金额 480000.01 元超过项目预算 480000.00 元');

    const poached = await bid(managerD, p.id, bidBody(leadD, [workerA]));
    expect(poached.statusCode).toBe(400);
    expect(poached.json().error.details.issues).toEqual([
      expect.objectContaining({ field: 'body.memberWorkerIds.0', code: 'worker.not_in_agency' }),
    ]);
    const poachedLead = await bid(managerD, p.id, bidBody(workerA));
    expect(poachedLead.json().error.details.issues).toEqual([
      expect.objectContaining({ field: 'body.leadWorkerId', code: 'worker.not_in_agency' }),
    ]);
    expect((await bid(buyer, p.id, bidBody(leadD))).statusCode).toBe(403);
    expect(await t.deps.db.selectFrom('bids').where('projectId', '=', p.id).selectAll().execute()).toEqual([]);

    const award = await buyer.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/award`,
      payload: awardBody('00000000-0000-4000-8000-000000000000', p.version),
    });
    expect(award.statusCode).toBe(409);
    expect(award.json().error.code).toBe('procurement.deadline_not_reached');

    const ok = await bid(managerD, p.id, bidBody(leadD));
    expect(ok.statusCode, ok.body).toBe(201);
    await passDeadline();
    const late = await bid(managerA, p.id, bidBody(workerA));
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('procurement.deadline_passed');
    const lateChange = await managerD.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}/bids/mine`,
      payload: { ...bidBody(leadD, [], 1_000_000), version: 1 },
    });
    expect(lateChange.statusCode).toBe(409);
    expect(lateChange.json().error.code).toBe('procurement.deadline_passed');
  });

  it('refuses to award a withdrawn bid, and to change a bid with a stale version', async () => {
    const leadD = await hireWorker(managerD);
    const p = await tenderingProject();
    const placed = (await bid(managerD, p.id, bidBody(leadD))).json();
    const stale = await managerD.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}/bids/mine`,
      payload: { ...bidBody(leadD), version: placed.version + 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict.stale_version');
    const withdrawn = await managerD.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/bids/mine/withdraw`,
      payload: { version: placed.version },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');

    await passDeadline();
    const listed = (await buyer.inject({ method: 'GET', url: `/api/projects/${p.id}/bids` })).json();
    expect(listed.bids).toEqual([expect.objectContaining({ id: placed.id, status: 'withdrawn' })]);
    const scored = await buyer.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}/bids/${placed.id}/score`,
      payload: { score: 60 },
    });
    expect(scored.json().error.code).toBe('procurement.bid_not_submitted');
    const award = await buyer.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/award`,
      payload: awardBody(placed.id, p.version),
      headers: { 'accept-language': 'en' },
    });
    expect(award.statusCode).toBe(409);
    expect(award.json().error.message).toBe('This bid is Withdrawn; it cannot be awarded');
    expect(award.json().error).toMatchObject({
      code: 'procurement.bid_not_submitted',
      details: { statusName: { zh: '已撤回', en: 'Withdrawn' } },
    });
    const project = (await buyer.inject({ method: 'GET', url: `/api/projects/${p.id}` })).json();
    expect(project).toMatchObject({ status: 'tendering', agencyId: null, version: p.version });
  });

  it('submits a withdrawn bid again before the deadline', async () => {
    const leadA = await hireWorker(managerA);
    const p = await tenderingProject();
    const placed = (await bid(managerA, p.id, bidBody(leadA))).json();
    await managerA.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/bids/mine/withdraw`,
      payload: { version: placed.version },
    });
    const again = await managerA.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}/bids/mine`,
      payload: { ...bidBody(leadA), version: placed.version + 1 },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'submitted', version: placed.version + 2 });
  });

  it('keeps the bid’s team to workers still with the agency, refuses a lead who left, publishes at once', async () => {
    const leadD = await hireWorker(managerD);
    const leaverD = await hireWorker(managerD);
    const leadA = await hireWorker(managerA);
    const p = await tenderingProject();
    const bidD = (await bid(managerD, p.id, bidBody(leadD, [leaverD]))).json();
    const bidA = (await bid(managerA, p.id, bidBody(leadA))).json();
    const leave = (manager: Session, worker: { id: string; version: number }) =>
      manager.inject({
        method: 'POST',
        url: `/api/workers/${worker.id}/employment/end`,
        payload: { endedOn: today(), reason: '离职', version: worker.version },
      });
    expect((await leave(managerD, leaverD)).statusCode).toBe(204);
    expect((await leave(managerA, leadA)).statusCode).toBe(204);
    await passDeadline();

    const refused = await buyer.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/award`,
      payload: awardBody(bidA.id, p.version, { amountFen: 40_000_000 }),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('procurement.lead_unavailable');

    const awarded = await buyer.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/award`,
      payload: awardBody(bidD.id, p.version, { amountFen: 40_000_000, publish: true }),
    });
    expect(awarded.statusCode, awarded.body).toBe(201);
    expect(awarded.json().publishedAt).toBe(t.clock.now().toISOString());
    const project = (await buyer.inject({ method: 'GET', url: `/api/projects/${p.id}` })).json();
    expect(project.team).toEqual([expect.objectContaining({ workerId: leadD.id, role: 'lead' })]);
    const pub = (await t.app.inject({ method: 'GET', url: `/api/public/contracts?q=${project.code}` })).json();
    expect(pub.items).toEqual([expect.objectContaining({ projectCode: project.code, amountFen: 40_000_000 })]);
  });
});
