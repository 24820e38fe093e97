import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_STATUSES } from '../../../../contracts/projects';
import { login, type Session, setupTestApp, type TestApp } from '../../../../test/app';
import { DEMO_PASSWORD, seedDemo } from './demo';

/** The demo projects as the services read them back: every rule the generator follows, checked by the real code. */
let t: TestApp;
let admin: Session;
interface Summary {
  id: string;
  code: string;
  status: string;
  title: string;
  agencyId: string | null;
}
let all: Summary[];

beforeAll(async () => {
  t = await setupTestApp();
  await seedDemo(t.deps.db, t.deps.config.passwordHashing, t.clock.now(), t.deps.pii);
  admin = await login(t, 'demo-admin', DEMO_PASSWORD);
  all = (await admin.inject({ method: 'GET', url: '/api/projects?pageSize=200' })).json().items;
});
afterAll(() => t.close());

const get = async (s: Session, url: string) => {
  const res = await s.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};

describe('demo projects in the database', () => {
  it('shows demo-buyer-zumiao projects in every state', async () => {
    const buyer = await login(t, 'demo-buyer-zumiao', DEMO_PASSWORD);
    const page = await get(buyer, '/api/projects?pageSize=200');
    for (const s of PROJECT_STATUSES) expect(page.statusCounts[s], s).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThanOrEqual(30);
  });

  it('reads back consistent finances, histories, indicators and evaluations for every project', async () => {
    for (const p of all) {
      const history = await get(admin, `/api/projects/${p.id}/history`);
      expect(history.at(-1).toStatus, p.title).toBe(p.status);
      const finance = await get(admin, `/api/projects/${p.id}/finance`);
      if (finance.contractAmountFen !== null) {
        expect(finance.paidFen).toBeLessThanOrEqual(finance.contractAmountFen);
        for (const m of finance.milestones) {
          expect(m.paidFen, `${p.title} ${m.name}`).toBeLessThanOrEqual(m.amountFen);
          if (m.paidFen > 0) expect(['due', 'paid']).toContain(m.state);
          if (p.status === 'closed') expect(m.state, `${p.title} ${m.name}`).toBe('paid');
        }
      }
      const indicators = await get(admin, `/api/projects/${p.id}/indicators`);
      expect(indicators.indicators.length === 0).toBe(['draft', 'submitted'].includes(p.status));
      const evaluations = await get(admin, `/api/projects/${p.id}/evaluations`);
      for (const e of evaluations) {
        const detail = await get(admin, `/api/evaluations/${e.id}`);
        if (e.status === 'submitted') expect(detail.draftTotal).toBe(e.totalScore);
      }
      if (p.status === 'closed') {
        const tasks = await get(admin, `/api/projects/${p.id}/rectifications`);
        expect(tasks.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
      }
    }
  });

  it('gives demo-agency an open call to bid on, a standing bid and a project in service', async () => {
    const agency = await login(t, 'demo-agency', DEMO_PASSWORD);
    const page = await get(agency, '/api/projects?pageSize=200');
    const tendering = page.items.filter((p: Summary) => p.status === 'tendering');
    let canBid = 0;
    let ownBid = 0;
    for (const p of tendering) {
      const call = await get(agency, `/api/projects/${p.id}/call`);
      // Before the deadline an agency sees its own bid only.
      const { bids } = await get(agency, `/api/projects/${p.id}/bids`);
      if (bids.length > 0) ownBid++;
      else if (call.can.bid) canBid++;
    }
    expect(canBid).toBeGreaterThan(0);
    expect(ownBid).toBeGreaterThan(0);
    expect(page.items.some((p: Summary) => p.status === 'in_service' && p.agencyId)).toBe(true);
    const worker = await login(t, 'demo-worker', DEMO_PASSWORD);
    const own = await get(worker, '/api/projects?pageSize=200');
    expect(own.items.some((p: Summary) => p.status === 'in_service')).toBe(true);
  });

  it('gives demo-evaluator an assigned evaluation it can score', async () => {
    const evaluator = await login(t, 'demo-evaluator', DEMO_PASSWORD);
    const open = await get(evaluator, '/api/evaluations?status=assigned');
    expect(open.total).toBeGreaterThan(0);
    const detail = await get(evaluator, `/api/evaluations/${open.items[0].id}`);
    expect(detail.can.score).toBe(true);
  });

  it('numbers a new project after the seeded ones', async () => {
    const buyer = await login(t, 'demo-buyer-zumiao', DEMO_PASSWORD);
    const res = await buyer.inject({
      method: 'POST',
      url: '/api/projects',
      payload: {
        title: '祖庙街道长者助餐服务项目',
        fundingSource: 'town_budget',
        budgetFen: 30_000_000,
        serviceDivisionCodes: ['440604012'],
        targetGroups: ['elderly'],
        serviceContent: '为辖区长者提供助餐配送与探访服务。',
        procurementMethod: 'competitive_consultation',
        periodFrom: '2027-01-01',
        periodTo: '2027-12-31',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const seeded = all.filter((p) => p.code.startsWith('CC-2026-')).map((p) => Number(p.code.slice(8)));
    expect(res.json().code).toBe(`CC-2026-${String(Math.max(...seeded) + 1).padStart(4, '0')}`);
  });
});
