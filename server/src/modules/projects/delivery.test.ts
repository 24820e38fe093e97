import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectStatus } from '../../../../contracts/projects';
import {
  buildAgency,
  buildOrganization,
  type Session,
  setupTestApp,
  signInAs,
  type TestApp,
} from '../../../../test/app';
import { buildProject } from '../../../../test/projects';
import { elapsedShare, indicatorStanding } from './indicator.service';
import { milestoneState } from './payment.service';

let t: TestApp;
let buyer: Session;
let otherBuyer: Session;
let manager: Session;
let otherManager: Session;
let agency: { id: string };

beforeAll(async () => {
  t = await setupTestApp();
  const unit = await buildOrganization(t, { kind: 'purchaser', divisionCode: '440604012' });
  purchaserId = unit.id;
  buyer = await signInAs(t, 'purchaser', { id: unit.id });
  otherBuyer = await signInAs(t, 'purchaser', { kind: 'purchaser', divisionCode: '440604011' });
  agency = await buildAgency(t, '440604012', ['440604012']);
  manager = await signInAs(t, 'agency_manager', { id: agency.id });
  otherManager = await signInAs(t, 'agency_manager', { id: (await buildAgency(t, '440604012', ['440604012'])).id });
});
afterAll(() => t.close());

let purchaserId: string;

/** A project put straight into a state (procurement has its own tests). */
async function projectIn(status: ProjectStatus, contractAmountFen = 40_000_000) {
  const { id } = await buildProject(t, { status, purchaserId, agencyId: agency.id, contractAmountFen });
  return { id, version: () => current(id) };
}

async function current(id: string): Promise<number> {
  return (await buyer.inject({ method: 'GET', url: `/api/projects/${id}` })).json().version;
}

describe('indicators', () => {
  it('sets targets before service, takes progress reports from the agency, and shows shortfall against time', async () => {
    const p = await projectIn('contracted');
    const set = await buyer.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}/indicators`,
      payload: {
        version: await p.version(),
        indicators: [
          { kind: 'cases', name: '个案服务', target: 30 },
          { kind: 'contacts', name: '服务人次', target: 2000, unit: '人次' },
          { kind: 'satisfaction', name: '服务对象满意度', target: 90 },
        ],
      },
    });
    expect(set.statusCode, set.body).toBe(200);
    const [cases, contacts, satisfaction] = set.json().indicators;
    expect(set.json().canReport).toBe(false);
    const early = await manager.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/progress-reports`,
      payload: { periodEnd: '2026-03-31', values: [{ indicatorId: cases.id, value: 5 }] },
    });
    expect(early.json().error.code).toBe('project.not_reporting');

    await t.deps.db.updateTable('projects').set({ status: 'in_service' }).where('id', '=', p.id).execute();
    const fixed = await buyer.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}/indicators`,
      payload: { version: await p.version(), indicators: [] },
    });
    expect(fixed.json().error.code).toBe('project.targets_fixed');

    for (const [periodEnd, c, n, s] of [
      ['2026-03-31', 6, 400, 88],
      ['2026-06-30', 8, 500, 93],
    ] as const) {
      const r = await manager.inject({
        method: 'POST',
        url: `/api/projects/${p.id}/progress-reports`,
        payload: {
          periodEnd,
          summary: '季度进度',
          values: [
            { indicatorId: cases.id, value: c, evidence: '个案档案' },
            { indicatorId: contacts.id, value: n },
            { indicatorId: satisfaction.id, value: s },
          ],
        },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const overview = (await buyer.inject({ method: 'GET', url: `/api/projects/${p.id}/indicators` })).json();
    const byName = new Map(overview.indicators.map((i: { name: string }) => [i.name, i]));
    // 2026-11-29 is day 333 of 365 in the period.
    expect(overview.elapsed).toBeCloseTo(333 / 365, 5);
    expect(byName.get('个案服务')).toMatchObject({
      actual: 14,
      onTrack: false,
      series: [
        { periodEnd: '2026-03-31', actual: 6 },
        { periodEnd: '2026-06-30', actual: 14 },
      ],
    });
    expect((byName.get('个案服务') as { shortfall: number }).shortfall).toBeCloseTo(30 * (333 / 365) - 14, 1);
    expect(byName.get('服务对象满意度')).toMatchObject({ actual: 93, onTrack: true, shortfall: 0 });
    expect(byName.get('服务人次')).toMatchObject({ actual: 900 });

    const reports = (await buyer.inject({ method: 'GET', url: `/api/projects/${p.id}/progress-reports` })).json();
    expect(reports).toHaveLength(2);
    expect(reports[0].values.map((v: { name: string }) => v.name)).toContain('个案服务');
  });

  it('refuses reports from other agencies, bad values and foreign indicators', async () => {
    const p = await projectIn('in_service');
    const set = await t.deps.db
      .insertInto('indicators')
      .values({ projectId: p.id, kind: 'satisfaction', name: '满意度', target: 90, createdAt: t.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const other = await otherManager.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/progress-reports`,
      payload: { periodEnd: '2026-06-30', values: [{ indicatorId: set.id, value: 90 }] },
    });
    expect(other.statusCode).toBe(404);
    const over = await manager.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/progress-reports`,
      payload: { periodEnd: '2026-06-30', values: [{ indicatorId: set.id, value: 120 }] },
    });
    expect(over.statusCode).toBe(400);
    const future = await manager.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/progress-reports`,
      payload: { periodEnd: '2027-06-30', values: [{ indicatorId: set.id, value: 90 }] },
    });
    expect(future.statusCode).toBe(400);
    const foreign = await manager.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/progress-reports`,
      payload: { periodEnd: '2026-06-30', values: [{ indicatorId: crypto.randomUUID(), value: 1 }] },
    });
    expect(foreign.statusCode).toBe(400);
    expect((await otherBuyer.inject({ method: 'GET', url: `/api/projects/${p.id}/indicators` })).statusCode).toBe(404);
  });

  it('computes standing per kind (property: counts add up, rates take the latest)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 12 }), (values) => {
        const actuals = values.map((value, i) => ({ periodEnd: `2026-${String(i + 1).padStart(2, '0')}-28`, value }));
        const counts = indicatorStanding('contacts', 1000, actuals, 0.5);
        expect(counts.actual).toBe(values.reduce((a, b) => a + b, 0));
        expect(counts.shortfall).toBe(Math.max(0, 500 - counts.actual));
        const rate = indicatorStanding('satisfaction', 90, actuals, 0.5);
        expect(rate.actual).toBe(values.at(-1) ?? 0);
      }),
    );
    expect(elapsedShare('2026-01-01', '2026-12-31', '2025-12-01')).toBe(0);
    expect(elapsedShare('2026-01-01', '2026-12-31', '2027-02-01')).toBe(1);
  });
});

describe('milestones and payments', () => {
  it('pays milestones as their events happen and never beyond a milestone or the contract', async () => {
    const p = await projectIn('contracted', 40_000_000);
    const over = await buyer.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}/milestones`,
      payload: {
        version: await p.version(),
        milestones: [
          { name: '首付款', percentBp: 4000, trigger: 'contract_signed' },
          { name: '中期款', percentBp: 4000, trigger: 'midterm_grade', minScore: 80 },
          { name: '尾款', percentBp: 3000, trigger: 'final_grade' },
        ],
      },
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'project.milestones_over_100' });
    expect(over.json().error.message).toContain('110%');
    const set = await buyer.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}/milestones`,
      payload: {
        version: await p.version(),
        milestones: [
          { name: '首付款', percentBp: 4000, trigger: 'contract_signed' },
          { name: '中期款', percentBp: 3000, trigger: 'midterm_grade', minScore: 80 },
          { name: '尾款', percentBp: 3000, trigger: 'final_grade' },
        ],
      },
    });
    expect(set.statusCode, set.body).toBe(200);
    const [first, mid, last] = set.json().milestones;
    expect([first.state, mid.state, last.state]).toEqual(['due', 'pending', 'pending']);
    expect(first.amountFen).toBe(16_000_000);

    const pay = (amountFen: number, milestoneId: string | null) =>
      buyer.inject({
        method: 'POST',
        url: `/api/projects/${p.id}/payments`,
        payload: { amountFen, milestoneId, paidOn: '2026-11-20', reference: '国库集中支付' },
      });
    const tooMuch = await pay(16_000_001, first.id);
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error.message).toContain('160000.00');
    const notDue = await pay(1_000_000, mid.id);
    expect(notDue.json().error.code).toBe('project.milestone_not_due');
    const ok = await pay(16_000_000, first.id);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ paidFen: 16_000_000, remainingFen: 24_000_000 });
    expect(ok.json().milestones[0].state).toBe('paid');

    // A mid-term grade below the milestone's mark withholds it; the contract balance is still the cap.
    const template = await t.deps.db
      .insertInto('evaluationTemplates')
      .values({ name: '测试模板', excellentFrom: 90, goodFrom: 80, passFrom: 60, createdAt: t.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const evaluator = await buildOrganization(t, { kind: 'evaluator', divisionCode: '440604' });
    await t.deps.db
      .insertInto('evaluations')
      .values({
        projectId: p.id,
        kind: 'midterm',
        templateId: template.id,
        evaluatorOrgId: evaluator.id,
        status: 'submitted',
        totalScore: 75,
        grade: 'pass',
        assignedAt: t.clock.now(),
        submittedAt: t.clock.now(),
      })
      .execute();
    const finance = (await buyer.inject({ method: 'GET', url: `/api/projects/${p.id}/finance` })).json();
    expect(finance.milestones[1].state).toBe('withheld');
    expect((await pay(24_000_001, null)).json().error.code).toBe('project.over_budget');
    expect((await pay(24_000_000, null)).statusCode).toBe(201);
    expect((await pay(1, null)).statusCode).toBe(409);

    const paid = await t.deps.db
      .selectFrom('payments')
      .select((eb) => eb.fn.sum<string>('amountFen').as('total'))
      .where('projectId', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(Number(paid.total)).toBe(40_000_000);
    const removePaid = await buyer.inject({
      method: 'PUT',
      url: `/api/projects/${p.id}/milestones`,
      payload: { version: await p.version(), milestones: [] },
    });
    expect(removePaid.json().error.code).toBe('project.milestone_has_payments');
    expect((await manager.inject({ method: 'GET', url: `/api/projects/${p.id}/finance` })).statusCode).toBe(200);
    expect((await pay(0, null)).statusCode).toBe(400);
  });

  it('refuses payments before a contract, from agencies, and concurrent overpayment', async () => {
    const draft = await projectIn('approved');
    const before = await buyer.inject({
      method: 'POST',
      url: `/api/projects/${draft.id}/payments`,
      payload: { amountFen: 100, paidOn: '2026-11-20' },
    });
    expect(before.json().error.code).toBe('project.no_contract');
    const p = await projectIn('in_service', 1_000_000);
    const fromAgency = await manager.inject({
      method: 'POST',
      url: `/api/projects/${p.id}/payments`,
      payload: { amountFen: 100, paidOn: '2026-11-20' },
    });
    expect(fromAgency.statusCode).toBe(403);
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () =>
        buyer.inject({
          method: 'POST',
          url: `/api/projects/${p.id}/payments`,
          payload: { amountFen: 300_000, paidOn: '2026-11-20' },
        }),
      ),
    );
    expect(attempts.filter((a) => a.statusCode === 201)).toHaveLength(3);
    expect(attempts.filter((a) => a.statusCode === 409)).toHaveLength(3);
  });

  it('derives milestone states from events (property: paid wins, no contract means pending)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('contract_signed', 'midterm_grade', 'final_grade', 'manual' as const),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 100 })),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (trigger, signed, score, amountFen, paidFen) => {
          const state = milestoneState({
            trigger,
            minScore: null,
            dueOn: null,
            amountFen,
            paidFen,
            contractSigned: signed,
            evaluations: score === null ? {} : { midterm: { score, passFrom: 60 }, final: { score, passFrom: 60 } },
            today: '2026-11-29',
          });
          if (paidFen >= amountFen) expect(state).toBe('paid');
          else if (!signed) expect(state).toBe('pending');
          else if (trigger === 'contract_signed' || trigger === 'manual') expect(state).toBe('due');
          else if (score === null) expect(state).toBe('pending');
          else expect(state).toBe(score >= 60 ? 'due' : 'withheld');
        },
      ),
    );
  });
});

describe('project ledger (台账)', () => {
  it('exports the caller’s projects with amounts in yuan and paid totals, audited, without other towns', async () => {
    const p = await projectIn('in_service', 12_345_678);
    await t.deps.db
      .insertInto('payments')
      .values({ projectId: p.id, amountFen: 1_000_050, paidOn: '2026-06-01', recordedAt: t.clock.now() })
      .execute();
    const res = await buyer.inject({ method: 'GET', url: '/api/projects/export?format=csv&status=in_service' });
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('项目台账.csv');
    const text = res.rawPayload.toString('utf8');
    expect(text).toContain('项目编号');
    expect(text).toContain('服务中');
    expect(text).toContain('123456.78');
    expect(text).toContain('10000.5');
    expect(text).not.toContain('草稿');
    const xlsx = await buyer.inject({ method: 'GET', url: '/api/projects/export' });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const theirs = await otherBuyer.inject({ method: 'GET', url: '/api/projects/export?format=csv' });
    expect(theirs.rawPayload.toString('utf8')).not.toContain('服务中');
    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .select('id')
      .where('action', '=', 'project.export')
      .execute();
    expect(audit.length).toBe(3);
  });
});
