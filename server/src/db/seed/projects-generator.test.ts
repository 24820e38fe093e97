import { describe, expect, it } from 'vitest';
import { gradeOf, milestoneAmountFen, PROJECT_STATUSES, type ProjectStatus } from '../../../../contracts/projects';
import { loadReferenceDivisions } from '../../modules/divisions/division.data';
import { milestoneState } from '../../modules/projects/payment.service';
import { findTransition } from '../../modules/projects/project.transitions';
import { addDays, addYears, shanghaiDate } from '../../platform/time';
import { generateProjects, type ProjectSeedInput } from './projects-generator';
import { generateRegistry } from './registry-generator';

// 04:00 UTC is noon in China: the same calendar date in both.
const NOW = new Date('2026-11-29T04:00:00Z');
const TODAY = '2026-11-29';
const divisions = loadReferenceDivisions();
const registry = generateRegistry({ seed: 20261129, today: NOW, divisions });

/** Registry keys stand in for database ids; the demo offices and accounts are added as demo.ts adds them. */
function buildInput(seed = 20261129, today = NOW): ProjectSeedInput {
  const office = (key: string, name: string, divisionCode: string, username: string | null) => ({
    id: `org-${key}`,
    name,
    divisionCode,
    department: null,
    users: username ? [{ id: `user-${username}`, username }] : [],
  });
  const offices = [
    office('buyer-zumiao', '祖庙街道办事处（示例）', '440604012', 'demo-buyer-zumiao'),
    office('buyer-shiwan', '石湾镇街道办事处（示例）', '440604010', 'demo-buyer-shiwan'),
    office('buyer-zhangcha', '张槎街道办事处（示例）', '440604011', null),
    office('buyer-nanzhuang', '南庄镇人民政府（示例）', '440604100', null),
  ];
  const demoAgency = registry.agencies.find((a) => a.status === 'active' && a.divisionCode.startsWith('440604012'))!;
  const demoWorker = registry.workers
    .filter((w) => w.agencyKey === demoAgency.key)
    .sort((a, b) => a.name.localeCompare(b.name))[0]!;
  return {
    seed,
    today,
    divisions,
    purchasers: [
      ...offices,
      ...registry.purchasers.map((p) => ({
        id: p.key,
        name: p.name,
        divisionCode: p.divisionCode,
        department: p.department,
        users: [{ id: `user-${p.accountUsername}`, username: p.accountUsername }],
      })),
    ].sort((a, b) => a.name.localeCompare(b.name)),
    agencies: registry.agencies.map((a) => ({
      id: a.key,
      name: a.name,
      status: a.status,
      serviceDivisionCodes: a.serviceDivisionCodes,
      serviceFields: a.serviceFields,
      managers: a.key === demoAgency.key ? [{ id: 'user-demo-agency', username: 'demo-agency' }] : [],
    })),
    workers: registry.workers.flatMap((w) =>
      w.agencyKey
        ? [{ id: w.key, agencyId: w.agencyKey, credentialLevel: w.credential.level, specialties: w.specialties }]
        : [],
    ),
    evaluator: { organizationId: 'org-evaluator', userId: 'user-demo-evaluator' },
    // The shape of the default template (evaluation-template.service): MZ/T 059's dimensions, weights adding to 100.
    template: {
      id: 'template-default',
      excellentFrom: 90,
      goodFrom: 80,
      passFrom: 60,
      criteria: [
        ['implementation', '服务计划执行', 15],
        ['implementation', '服务对象覆盖', 10],
        ['implementation', '服务过程记录', 10],
        ['management', '团队配置与督导', 10],
        ['management', '制度与档案', 10],
        ['finance', '预算执行', 10],
        ['finance', '资金使用合规', 10],
        ['outcome', '目标达成', 15],
        ['outcome', '服务对象满意度', 10],
      ].map(([dimension, name, weight], i) => ({
        id: `criterion-${i + 1}`,
        dimension: dimension as 'implementation',
        name: name as string,
        weight: weight as number,
      })),
    },
    demo: {
      offices: {
        zumiao: 'org-buyer-zumiao',
        shiwan: 'org-buyer-shiwan',
        zhangcha: 'org-buyer-zhangcha',
        nanzhuang: 'org-buyer-nanzhuang',
      },
      agencyId: demoAgency.key,
      workerId: demoWorker.key,
    },
  };
}

const input = buildInput();
const seed = generateProjects(input);
const byProject = <T extends { projectId: string }>(rows: readonly T[], id: string) =>
  rows.filter((r) => r.projectId === id);
const statusOf = new Map(seed.projects.map((p) => [p.id, p.status]));
const AFTER_CONTRACT: readonly ProjectStatus[] = ['contracted', 'in_service', 'final_review', 'closed'];
const hundredths = (x: number) => Math.round(x * 100);

describe('demo projects: determinism and coverage', () => {
  it('gives identical rows for the same input and different ids for another seed', () => {
    expect(JSON.stringify(generateProjects(buildInput()))).toBe(JSON.stringify(seed));
    const other = generateProjects(buildInput(7));
    expect(other.projects.map((p) => p.id)).not.toEqual(seed.projects.map((p) => p.id));
    expect(other.projects.map((p) => p.status)).toEqual(seed.projects.map((p) => p.status));
  });

  it('has about 35 projects in every lifecycle state, most in service', () => {
    const counts = Object.fromEntries(PROJECT_STATUSES.map((s) => [s, 0])) as Record<ProjectStatus, number>;
    for (const p of seed.projects) counts[p.status]++;
    expect(seed.projects.length).toBeGreaterThanOrEqual(30);
    expect(seed.projects.length).toBeLessThanOrEqual(40);
    for (const s of PROJECT_STATUSES) expect(counts[s], s).toBeGreaterThan(0);
    expect(Math.max(...Object.values(counts))).toBe(counts.in_service);
    expect(counts.in_service).toBeGreaterThanOrEqual(10);
    expect(counts.closed).toBeGreaterThanOrEqual(5);
  });

  it('numbers projects CC-<year of creation>-NNNN without gaps, and reports the counters to continue from', () => {
    const codes = seed.projects.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of seed.projects) {
      expect(p.code).toMatch(/^CC-\d{4}-\d{4}$/);
      expect(p.code.slice(3, 7)).toBe(shanghaiDate(p.createdAt).slice(0, 4));
    }
    for (const { year, lastValue } of seed.codeCounters) {
      const numbers = codes
        .filter((c) => c.startsWith(`CC-${year}-`))
        .map((c) => Number(c.slice(8)))
        .sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: lastValue }, (_, i) => i + 1));
    }
    expect(seed.codeCounters.map((c) => c.year)).toEqual([2025, 2026]);
  });

  it('uses only the given purchasers, agencies, workers and accounts', () => {
    const purchasers = new Map(input.purchasers.map((p) => [p.id, p]));
    const agencies = new Map(input.agencies.map((a) => [a.id, a]));
    const workers = new Map(input.workers.map((w) => [w.id, w]));
    const users = new Set(input.purchasers.flatMap((p) => p.users.map((u) => u.id)));
    for (const p of seed.projects) {
      const purchaser = purchasers.get(p.purchaserId)!;
      expect(purchaser, p.title).toBeDefined();
      expect(p.divisionCode).toBe(purchaser.divisionCode);
      expect(users.has(p.createdBy)).toBe(true);
      if (p.agencyId) expect(agencies.get(p.agencyId)?.status).toBe('active');
      if (p.leadWorkerId) expect(workers.get(p.leadWorkerId)?.agencyId).toBe(p.agencyId);
    }
    // Every move and panel score by a purchasing account covering the project (or the contracted agency's manager).
    const divisionOf = new Map(input.purchasers.flatMap((p) => p.users.map((u) => [u.id, p.divisionCode] as const)));
    const projects = new Map(seed.projects.map((p) => [p.id, p]));
    for (const t of seed.projectTransitions) {
      const p = projects.get(t.projectId)!;
      if (t.actorUserId === 'user-demo-agency') {
        expect(['start_service', 'request_final_review']).toContain(t.action);
        expect(p.agencyId).toBe(input.demo.agencyId);
      } else expect(p.divisionCode.startsWith(divisionOf.get(t.actorUserId!)!), t.action).toBe(true);
    }
    const bidProject = new Map(seed.bids.map((b) => [b.id, projects.get(b.projectId)!]));
    for (const s of seed.bidScores)
      expect(bidProject.get(s.bidId)!.divisionCode.startsWith(divisionOf.get(s.scorerUserId)!)).toBe(true);
  });

  it('keeps service areas within the purchaser and names no person in any text', () => {
    const codes = new Set(divisions.map((d) => d.code));
    for (const d of seed.projectDivisions) {
      expect(codes.has(d.divisionCode)).toBe(true);
      const p = seed.projects.find((x) => x.id === d.projectId)!;
      expect(d.divisionCode.startsWith(p.divisionCode)).toBe(true);
    }
    for (const p of seed.projects) {
      expect(byProject(seed.projectDivisions, p.id).length).toBeGreaterThan(0);
      expect(p.title.length).toBeLessThanOrEqual(100);
      expect(p.targetGroups.length).toBeGreaterThan(0);
    }
    expect(new Set(seed.projects.map((p) => p.title)).size).toBe(seed.projects.length);
    const texts = [
      ...seed.projects.flatMap((p) => [p.title, p.serviceContent, p.statusReason ?? '']),
      ...seed.procurementCalls.flatMap((c) => [c.title, c.content, c.eligibility]),
      ...seed.bids.map((b) => b.proposal),
      ...seed.bidScores.map((s) => s.comment),
      ...seed.contracts.flatMap((c) => [c.quantityTerms, c.qualityTerms, c.priceTerms, c.settlementTerms]),
      ...seed.progressReports.map((r) => r.summary),
      ...seed.evaluations.map((e) => e.summary),
      ...seed.evaluationScores.map((s) => s.comment),
      ...seed.rectifications.flatMap((r) => [r.description, r.response, r.reopenReason ?? '']),
      ...seed.projectTransitions.map((t) => t.reason ?? ''),
    ].join('\n');
    expect(texts).not.toMatch(/\d{17}[\dX]/);
    expect(texts).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    const names = new Set(
      [...registry.workers, ...registry.volunteers].map((p) => p.name).filter((n) => n.length >= 3),
    );
    const found = [...names].filter((n) => texts.includes(n));
    expect(found).toEqual([]);
  });
});

describe('demo projects: lifecycle', () => {
  it('walks the transition table from creation to the current state, in time order and in the past', () => {
    for (const p of seed.projects) {
      const history = byProject(seed.projectTransitions, p.id);
      expect(history[0]).toMatchObject({ fromStatus: null, action: 'create', toStatus: 'draft' });
      expect(history[0]!.at).toEqual(p.createdAt);
      for (let i = 1; i < history.length; i++) {
        const t = history[i]!;
        expect(t.fromStatus, p.title).toBe(history[i - 1]!.toStatus);
        expect(findTransition(t.fromStatus!, t.action as never)?.to, `${p.title}: ${t.action}`).toBe(t.toStatus);
        expect(t.at.getTime()).toBeGreaterThan(history[i - 1]!.at.getTime());
        if (t.action === 'reject' || t.action === 'terminate') expect(t.reason).toBeTruthy();
      }
      expect(history.at(-1)!.toStatus).toBe(p.status);
      expect(history.at(-1)!.at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(p.updatedAt).toEqual(history.at(-1)!.at);
      expect(p.statusReason !== null).toBe(p.status === 'terminated' || history.at(-1)!.action === 'reject');
    }
    const rejected = seed.projects.filter((p) =>
      byProject(seed.projectTransitions, p.id).some((t) => t.action === 'reject'),
    );
    expect(rejected.some((p) => p.status === 'draft')).toBe(true);
    expect(rejected.some((p) => p.status !== 'draft')).toBe(true);
  });

  it('keeps service periods to one year, or three for a recurring service, consistent with the state and today', () => {
    for (const p of seed.projects) {
      const years = p.recurring ? 3 : 1;
      expect(p.periodTo <= addDays(addYears(p.periodFrom, years), -1), p.title).toBe(true);
      expect(p.periodFrom >= '2025-01-01' && p.periodTo <= '2027-12-31', p.title).toBe(true);
      if (p.status === 'in_service') expect(p.periodFrom <= TODAY && TODAY <= p.periodTo, p.title).toBe(true);
      if (p.status === 'closed' || p.status === 'final_review') expect(p.periodTo < TODAY).toBe(true);
      if (['draft', 'submitted', 'approved', 'tendering', 'contracted'].includes(p.status))
        expect(p.periodFrom > TODAY, p.title).toBe(true);
    }
  });

  it('holds open calls with a future deadline, sealed bids from agencies serving the area', () => {
    const agencies = new Map(input.agencies.map((a) => [a.id, a]));
    const workers = new Map(input.workers.map((w) => [w.id, w]));
    for (const p of seed.projects.filter((x) => x.status === 'tendering')) {
      const call = seed.procurementCalls.find((c) => c.projectId === p.id)!;
      expect(call.status).toBe('open');
      const bids = byProject(seed.bids, p.id);
      expect(bids.length).toBeGreaterThanOrEqual(1);
      expect(bids.length).toBeLessThanOrEqual(3);
      for (const b of bids) expect(b.status).toBe('submitted');
      if (call.bidDeadline > NOW) {
        const ids = new Set(bids.map((b) => b.id));
        expect(seed.bidScores.filter((s) => ids.has(s.bidId))).toEqual([]);
      }
    }
    expect(
      seed.projects.filter(
        (p) => p.status === 'tendering' && seed.procurementCalls.find((c) => c.projectId === p.id)!.bidDeadline > NOW,
      ).length,
    ).toBeGreaterThanOrEqual(2);
    for (const b of seed.bids) {
      const p = seed.projects.find((x) => x.id === b.projectId)!;
      const call = seed.procurementCalls.find((c) => c.projectId === b.projectId)!;
      const areas = byProject(seed.projectDivisions, p.id).map((d) => d.divisionCode);
      const agency = agencies.get(b.agencyId)!;
      expect(agency.status).toBe('active');
      expect(agency.serviceDivisionCodes.some((s) => areas.some((a) => a.startsWith(s) || s.startsWith(a)))).toBe(true);
      expect(b.priceFen).toBeLessThanOrEqual(p.budgetFen);
      expect(Number.isInteger(b.priceFen)).toBe(true);
      expect(b.submittedAt > call.publishedAt && b.submittedAt < call.bidDeadline).toBe(true);
      for (const w of [b.leadWorkerId, ...b.teamWorkerIds]) expect(workers.get(w)?.agencyId).toBe(b.agencyId);
      expect(b.teamWorkerIds).not.toContain(b.leadWorkerId);
      expect(b.leadLevel).toBe(workers.get(b.leadWorkerId)!.credentialLevel);
    }
  });

  it('contracts the best-scored bid within the budget, with its team on the project', () => {
    for (const p of seed.projects.filter((x) => x.contractAmountFen !== null)) {
      const contract = seed.contracts.find((c) => c.projectId === p.id)!;
      const bids = byProject(seed.bids, p.id);
      const winner = bids.find((b) => b.status === 'awarded')!;
      expect(bids.filter((b) => b.status !== 'awarded').every((b) => b.status === 'not_awarded')).toBe(true);
      expect(seed.procurementCalls.find((c) => c.projectId === p.id)!.status).toBe('awarded');
      expect(contract).toMatchObject({
        bidId: winner.id,
        agencyId: p.agencyId,
        amountFen: p.contractAmountFen,
        termFrom: p.periodFrom,
        termTo: p.periodTo,
      });
      expect(contract.publishedAt).not.toBeNull();
      expect(contract.amountFen).toBeLessThanOrEqual(winner.priceFen);
      expect(contract.amountFen).toBeLessThanOrEqual(p.budgetFen);
      expect(p.leadWorkerId).toBe(winner.leadWorkerId);
      const team = byProject(seed.projectTeam, p.id);
      expect(team.filter((m) => m.role === 'lead').map((m) => m.workerId)).toEqual([winner.leadWorkerId]);
      expect(new Set(team.map((m) => m.workerId))).toEqual(new Set([winner.leadWorkerId, ...winner.teamWorkerIds]));
      // 2–3 panel members scored every bid; the awarded one has the best average.
      const average = (bidId: string) => {
        const s = seed.bidScores.filter((x) => x.bidId === bidId).map((x) => x.score);
        return s.reduce((a, b) => a + b, 0) / s.length;
      };
      for (const b of bids) {
        const scorers = seed.bidScores.filter((s) => s.bidId === b.id);
        expect(scorers.length).toBeGreaterThanOrEqual(2);
        expect(scorers.length).toBeLessThanOrEqual(3);
        if (b !== winner) expect(average(b.id)).toBeLessThan(average(winner.id));
      }
    }
    for (const p of seed.projects)
      expect(p.contractAmountFen !== null, p.title).toBe(
        AFTER_CONTRACT.includes(p.status) || byProject(seed.projectTransitions, p.id).some((t) => t.action === 'award'),
      );
  });
});

describe('demo projects: delivery, money and evaluations', () => {
  it('sets 3–5 indicators from approval on and reports them quarterly in service, some behind', () => {
    for (const p of seed.projects) {
      const approved = byProject(seed.projectTransitions, p.id).some((t) => t.action === 'approve');
      const indicators = byProject(seed.indicators, p.id);
      if (!approved) expect(indicators).toEqual([]);
      else {
        expect(indicators.length).toBeGreaterThanOrEqual(3);
        expect(indicators.length).toBeLessThanOrEqual(5);
        for (const i of indicators) expect(i.target).toBeGreaterThan(0);
        expect(indicators.find((i) => i.kind === 'satisfaction')!.target).toBeLessThanOrEqual(100);
      }
      const reports = byProject(seed.progressReports, p.id);
      if (!['in_service', 'final_review', 'closed', 'terminated'].includes(p.status)) expect(reports).toEqual([]);
      for (const r of reports) {
        expect(r.periodEnd >= p.periodFrom && r.periodEnd <= p.periodTo).toBe(true);
        expect(shanghaiDate(r.submittedAt) > r.periodEnd).toBe(true);
        expect(r.submittedAt <= NOW).toBe(true);
        const values = seed.indicatorActuals.filter((a) => a.reportId === r.id);
        expect(values.map((v) => v.indicatorId).sort()).toEqual(indicators.map((i) => i.id).sort());
        for (const v of values) {
          expect(v.value).toBeGreaterThanOrEqual(0);
          if (indicators.find((i) => i.id === v.indicatorId)!.kind === 'satisfaction')
            expect(v.value).toBeLessThanOrEqual(100);
        }
      }
    }
    const served = seed.projects.filter((p) => ['in_service', 'final_review', 'closed'].includes(p.status));
    expect(served.filter((p) => byProject(seed.progressReports, p.id).length > 0).length).toBeGreaterThan(10);
    // Cumulative cases against the share of the period elapsed: some projects ahead, some well behind.
    const standing = served.flatMap((p) => {
      const cases = byProject(seed.indicators, p.id).find((i) => i.kind === 'cases')!;
      const actual = seed.indicatorActuals.filter((a) => a.indicatorId === cases.id).reduce((s, a) => s + a.value, 0);
      if (actual === 0) return [];
      const elapsed = Math.min(
        1,
        (Date.parse(TODAY) - Date.parse(p.periodFrom)) / (Date.parse(p.periodTo) - Date.parse(p.periodFrom)),
      );
      return [actual / (cases.target * elapsed)];
    });
    expect(standing.filter((x) => x >= 1).length).toBeGreaterThan(5);
    expect(standing.filter((x) => x < 0.85).length).toBeGreaterThanOrEqual(2);
  });

  it('schedules milestones up to 100 % and pays only due milestones, never beyond them or the contract', () => {
    let withheld = 0;
    let dueUnpaid = 0;
    for (const p of seed.projects) {
      const milestones = byProject(seed.milestones, p.id);
      const payments = byProject(seed.payments, p.id);
      if (p.contractAmountFen === null) {
        expect(milestones).toEqual([]);
        expect(payments).toEqual([]);
        continue;
      }
      expect(milestones.length).toBeGreaterThan(0);
      expect(milestones.reduce((s, m) => s + m.percentBp, 0)).toBeLessThanOrEqual(10_000);
      const total = payments.reduce((s, x) => s + x.amountFen, 0);
      expect(total).toBeLessThanOrEqual(p.contractAmountFen);
      const evaluations = byProject(seed.evaluations, p.id).filter((e) => e.status === 'submitted');
      const scores = Object.fromEntries(evaluations.map((e) => [e.kind, { score: e.totalScore!, passFrom: 60 }]));
      const close = byProject(seed.projectTransitions, p.id).find(
        (t) => t.action === 'close' || t.action === 'terminate',
      );
      for (const m of milestones) {
        const amountFen = milestoneAmountFen(p.contractAmountFen, m.percentBp);
        const own = payments.filter((x) => x.milestoneId === m.id);
        const paidFen = own.reduce((s, x) => s + x.amountFen, 0);
        expect(paidFen).toBeLessThanOrEqual(amountFen);
        for (const x of own) {
          expect(Number.isInteger(x.amountFen) && x.amountFen > 0).toBe(true);
          expect(x.paidOn <= TODAY).toBe(true);
          if (close) expect(x.paidOn <= shanghaiDate(close.at)).toBe(true);
          // Due on the day it was paid: the event had happened by then.
          const on = x.paidOn;
          const then = Object.fromEntries(
            evaluations
              .filter((e) => shanghaiDate(e.submittedAt!) <= on)
              .map((e) => [e.kind, { score: e.totalScore!, passFrom: 60 }]),
          );
          const state = milestoneState({
            trigger: m.trigger,
            minScore: m.minScore,
            dueOn: m.dueOn,
            amountFen,
            paidFen: 0,
            contractSigned: true,
            evaluations: then,
            today: on,
          });
          expect(state, `${p.title} ${m.name}`).toBe('due');
        }
        const now = milestoneState({
          trigger: m.trigger,
          minScore: m.minScore,
          dueOn: m.dueOn,
          amountFen,
          paidFen,
          contractSigned: true,
          evaluations: scores,
          today: TODAY,
        });
        if (now === 'withheld') withheld++;
        if (now === 'due') dueUnpaid++;
        if (p.status === 'closed') expect(now, `${p.title} ${m.name}`).toBe('paid');
      }
    }
    expect(withheld).toBeGreaterThan(0);
    expect(dueUnpaid).toBeGreaterThan(0);
  });

  it('scores evaluations within the weights, with totals and grades as the service computes them', () => {
    const weights = new Map(input.template.criteria.map((c) => [c.id, c.weight]));
    for (const e of seed.evaluations) {
      const scores = seed.evaluationScores.filter((s) => s.evaluationId === e.id);
      expect(seed.evaluationAssignees.filter((a) => a.evaluationId === e.id)).toEqual([
        { evaluationId: e.id, userId: input.evaluator.userId },
      ]);
      const project = seed.projects.find((p) => p.id === e.projectId)!;
      const history = byProject(seed.projectTransitions, project.id);
      const into = history.find((t) => t.toStatus === (e.kind === 'midterm' ? 'in_service' : 'final_review'))!;
      expect(e.assignedAt > into.at).toBe(true);
      if (e.status === 'assigned') {
        expect(scores).toEqual([]);
        expect(e.totalScore).toBeNull();
        expect(e.dueOn > TODAY).toBe(true);
        continue;
      }
      expect(scores.map((s) => s.criterionId).sort()).toEqual([...weights.keys()].sort());
      for (const s of scores) {
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(hundredths(s.score)).toBeLessThanOrEqual(hundredths(weights.get(s.criterionId)!));
      }
      const total = scores.reduce((sum, s) => sum + hundredths(s.score), 0) / 100;
      expect(e.totalScore).toBe(total);
      expect(e.grade).toBe(gradeOf(total, input.template));
      expect(e.submittedAt! > e.assignedAt && e.submittedAt! <= NOW).toBe(true);
      // One rectification task per weak criterion (< 60 % of its weight), due 30 days after submission.
      const weak = scores.filter((s) => hundredths(s.score) * 100 < hundredths(weights.get(s.criterionId)!) * 60);
      const tasks = seed.rectifications.filter((r) => r.evaluationId === e.id);
      expect(tasks.map((r) => r.criterionId).sort()).toEqual(weak.map((s) => s.criterionId).sort());
      for (const r of tasks) {
        expect(r.dueOn).toBe(addDays(shanghaiDate(e.submittedAt!), 30));
        expect(r.status === 'open' ? r.closedAt === null : r.respondedAt !== null).toBe(true);
        expect(r.closedAt !== null).toBe(r.status === 'accepted');
      }
      if (e.kind === 'final') expect([project.finalScore, project.finalGrade]).toEqual([e.totalScore, e.grade]);
    }
    // Mid-term for most projects in service, one or two failing with rectifications; finals for the closed ones.
    const inService = seed.projects.filter((p) => p.status === 'in_service');
    const midterms = seed.evaluations.filter((e) => e.kind === 'midterm' && statusOf.get(e.projectId) === 'in_service');
    expect(midterms.filter((e) => e.status === 'submitted').length).toBeGreaterThanOrEqual(inService.length / 2);
    const failing = midterms.filter((e) => e.grade === 'fail');
    expect(failing.length).toBeGreaterThanOrEqual(1);
    expect(failing.length).toBeLessThanOrEqual(2);
    const states = new Set(seed.rectifications.map((r) => r.status));
    expect(states).toEqual(new Set(['open', 'submitted', 'accepted']));
    for (const p of seed.projects) {
      const final = seed.evaluations.find((e) => e.projectId === p.id && e.kind === 'final');
      if (p.status === 'closed') {
        expect(final?.status).toBe('submitted');
        expect(seed.rectifications.filter((r) => r.projectId === p.id && r.status !== 'accepted')).toEqual([]);
      }
      if (final?.status !== 'submitted') expect([p.finalScore, p.finalGrade]).toEqual([null, null]);
    }
    expect(
      seed.evaluations.some(
        (e) => e.kind === 'final' && e.status === 'assigned' && statusOf.get(e.projectId) === 'final_review',
      ),
    ).toBe(true);
  });
});

describe('demo projects: what the demo accounts see', () => {
  const demo = input.demo;
  const zumiao = seed.projects.filter((p) => p.divisionCode.startsWith('440604012'));

  it('gives demo-buyer-zumiao projects in most states', () => {
    expect(new Set(zumiao.map((p) => p.status)).size).toBeGreaterThanOrEqual(8);
    expect(zumiao.filter((p) => p.createdBy === 'user-demo-buyer-zumiao').length).toBeGreaterThan(5);
  });

  it('gives demo-agency a project in service with demo-worker on its team, an open call and a standing bid', () => {
    const own = seed.projects.filter((p) => p.agencyId === demo.agencyId && p.status === 'in_service');
    expect(own.some((p) => byProject(seed.projectTeam, p.id).some((m) => m.workerId === demo.workerId))).toBe(true);
    const agency = input.agencies.find((a) => a.id === demo.agencyId)!;
    const open = seed.projects.filter(
      (p) =>
        p.status === 'tendering' &&
        seed.procurementCalls.find((c) => c.projectId === p.id)!.bidDeadline > NOW &&
        byProject(seed.projectDivisions, p.id).some((d) =>
          agency.serviceDivisionCodes.some((s) => d.divisionCode.startsWith(s) || s.startsWith(d.divisionCode)),
        ),
    );
    const bidOn = (p: { id: string }) => byProject(seed.bids, p.id).some((b) => b.agencyId === demo.agencyId);
    expect(open.some((p) => !bidOn(p))).toBe(true);
    expect(open.some((p) => bidOn(p))).toBe(true);
    expect(seed.bids.some((b) => b.agencyId === demo.agencyId && b.status === 'submitted')).toBe(true);
    // Something to respond to: an open rectification task of its own.
    const ownIds = new Set(seed.projects.filter((p) => p.agencyId === demo.agencyId).map((p) => p.id));
    expect(seed.rectifications.some((r) => ownIds.has(r.projectId) && r.status === 'open')).toBe(true);
  });

  it('gives demo-evaluator an assigned evaluation to score', () => {
    const open = seed.evaluations.filter((e) => e.status === 'assigned');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(seed.evaluationAssignees.filter((a) => open.some((e) => e.id === a.evaluationId))[0]?.userId).toBe(
      'user-demo-evaluator',
    );
  });

  it('works for another clock date as well (dates are placed relative to today)', () => {
    const later = new Date('2027-03-14T04:00:00Z');
    const other = generateProjects(buildInput(20261129, later));
    expect(new Set(other.projects.map((p) => p.status)).size).toBe(PROJECT_STATUSES.length);
    const today = shanghaiDate(later);
    for (const p of other.projects.filter((x) => x.status === 'in_service'))
      expect(p.periodFrom <= today && today <= p.periodTo).toBe(true);
    for (const t of other.projectTransitions) expect(t.at.getTime()).toBeLessThanOrEqual(later.getTime());
  });
});
