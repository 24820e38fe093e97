import { describe, expect, it } from 'vitest';
import { CASE_STAGES, type CaseStage } from '../../../../contracts/api/cases';
import { DISABLED_PERSON_CATEGORY, GUARDIAN_REQUIRED_UNDER_AGE } from '../../../../contracts/api/services';
import { birthDateOf, genderOf, idNumberProblem } from '../../../../contracts/identifiers';
import { scoreScale } from '../../../../contracts/scales';
import { BENEFICIARY_CATEGORIES } from '../../../../contracts/taxonomy';
import { loadReferenceDivisions } from '../../modules/divisions/division.data';
import { ageOn } from '../../modules/services/beneficiary.service';
import { findCaseTransition, STAGE_RECORD_KINDS } from '../../modules/services/case.transitions';
import {
  type Credit,
  caseOpenedCredits,
  recordCredits,
  satisfactionRate,
  sumCredits,
} from '../../modules/services/indicator-credit';
import { blindIndex, derivePiiKeys } from '../../platform/pii';
import { addDays, shanghaiDate } from '../../platform/time';
import { generateProjects } from './projects-generator';
import { generateRegistry } from './registry-generator';
import { generateServices, type ServiceSeedInput } from './services-generator';

// 04:00 UTC is noon in China: the same calendar date in both.
const NOW = new Date('2026-11-29T04:00:00Z');
const TODAY = '2026-11-29';
const SEED = 20261129;
const divisions = loadReferenceDivisions();

/**
 * The registry and projects the demo writes before the services, with registry keys standing in for database ids:
 * demo-worker and demo-supervisor are linked to two workers of the 祖庙 agency as demo.ts links them.
 */
function buildInput(seed = SEED, now = NOW): ServiceSeedInput {
  const registry = generateRegistry({ seed: SEED, today: now, divisions });
  const demoAgency = registry.agencies.find((a) => a.status === 'active' && a.divisionCode.startsWith('440604012'))!;
  const staff = registry.workers
    .filter((w) => w.agencyKey === demoAgency.key)
    .sort((a, b) => a.name.localeCompare(b.name));
  const rank = (level: string) => ['senior', 'intermediate', 'assistant'].indexOf(level);
  const demoWorker = staff[0]!;
  const demoSupervisor = staff.slice(1).sort((a, b) => rank(a.credential.level) - rank(b.credential.level))[0]!;
  const office = (key: string, name: string, divisionCode: string, username: string | null) => ({
    id: `org-${key}`,
    name,
    divisionCode,
    department: null,
    users: username ? [{ id: `user-${username}`, username }] : [],
  });
  const projects = generateProjects({
    seed: SEED,
    today: now,
    divisions,
    purchasers: [
      office('buyer-zumiao', '祖庙街道办事处（示例）', '440604012', 'demo-buyer-zumiao'),
      office('buyer-shiwan', '石湾镇街道办事处（示例）', '440604010', 'demo-buyer-shiwan'),
      office('buyer-zhangcha', '张槎街道办事处（示例）', '440604011', null),
      office('buyer-nanzhuang', '南庄镇人民政府（示例）', '440604100', null),
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
    template: {
      id: 'template-default',
      excellentFrom: 90,
      goodFrom: 80,
      passFrom: 60,
      // The shape of the default template (evaluation-template.service), as projects-generator.test.ts has it.
      criteria: (
        [
          ['implementation', '服务计划执行', 15],
          ['implementation', '服务对象覆盖', 10],
          ['implementation', '服务过程记录', 10],
          ['management', '团队配置与督导', 10],
          ['management', '制度与档案', 10],
          ['finance', '预算执行', 10],
          ['finance', '资金使用合规', 10],
          ['outcome', '目标达成', 15],
          ['outcome', '服务对象满意度', 10],
        ] as const
      ).map(([dimension, name, weight], i) => ({ id: `criterion-${i + 1}`, dimension, name, weight })),
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
  });
  const userOf = (key: string) =>
    key === demoWorker.key ? 'user-demo-worker' : key === demoSupervisor.key ? 'user-demo-supervisor' : null;
  return {
    seed,
    today: now,
    divisions,
    categories: BENEFICIARY_CATEGORIES.map((c) => c.code),
    agencies: registry.agencies
      .filter((a) => a.status === 'active')
      .map((a) => ({ id: a.key, name: a.name, serviceDivisionCodes: a.serviceDivisionCodes })),
    workers: registry.workers.flatMap((w) =>
      w.agencyKey
        ? [
            {
              id: w.key,
              agencyId: w.agencyKey,
              name: w.name,
              credentialLevel: w.credential.level,
              userId: userOf(w.key),
              certificateNo: w.credential.certificateNo,
            },
          ]
        : [],
    ),
    projects: projects.projects
      .filter((p) => ['in_service', 'final_review', 'closed'].includes(p.status))
      .map((p) => ({
        id: p.id,
        code: p.code,
        title: p.title,
        status: p.status,
        agencyId: p.agencyId,
        periodFrom: p.periodFrom,
        periodTo: p.periodTo,
        divisionCodes: projects.projectDivisions.filter((d) => d.projectId === p.id).map((d) => d.divisionCode),
        targetGroups: p.targetGroups,
        teamWorkerIds: projects.projectTeam
          .filter((t) => t.projectId === p.id)
          .sort((a, b) => a.role.localeCompare(b.role))
          .map((t) => t.workerId),
        indicators: projects.indicators
          .filter((i) => i.projectId === p.id)
          .map((i) => ({ id: i.id, kind: i.kind, target: i.target })),
        reportedThrough:
          projects.progressReports
            .filter((r) => r.projectId === p.id)
            .map((r) => r.periodEnd)
            .sort()
            .at(-1) ?? null,
      })),
    demo: { agencyId: demoAgency.key, workerId: demoWorker.key, supervisorWorkerId: demoSupervisor.key },
  };
}

const input = buildInput();
const seed = generateServices(input);
const projectById = new Map(input.projects.map((p) => [p.id, p]));
const workerById = new Map(input.workers.map((w) => [w.id, w]));
const userOfWorker = new Map<string, string>();
for (const w of input.workers) if (w.userId) userOfWorker.set(w.id, w.userId);
for (const a of seed.accounts) userOfWorker.set(a.workerId, a.userId);
const beneficiaryById = new Map(seed.beneficiaries.map((b) => [b.id, b]));
const groupBy = <T, K>(rows: readonly T[], key: (r: T) => K) => {
  const map = new Map<K, T[]>();
  for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
  return map;
};
const recordsByCase = groupBy(seed.caseRecords, (r) => r.caseId);
const historyByCase = groupBy(seed.caseStageHistory, (h) => h.caseId);
const nowMs = NOW.getTime();

describe('demo service delivery: determinism and size', () => {
  it('gives identical rows for the same input and other ids for another seed', () => {
    expect(JSON.stringify(generateServices(buildInput()))).toBe(JSON.stringify(seed));
    const other = generateServices(buildInput(7));
    expect(other.beneficiaries[0]!.id).not.toBe(seed.beneficiaries[0]!.id);
  });

  it('has thousands of beneficiaries, hundreds of cases in every stage and tens of thousands of records', () => {
    expect(seed.beneficiaries.length).toBeGreaterThanOrEqual(2900);
    expect(seed.cases.length).toBeGreaterThanOrEqual(350);
    for (const stage of CASE_STAGES)
      expect(seed.cases.filter((c) => c.stage === stage).length, stage).toBeGreaterThan(15);
    expect(seed.serviceRecords.length).toBeGreaterThanOrEqual(20_000);
    expect(seed.serviceGroups.length).toBeGreaterThanOrEqual(35);
    expect(seed.communityActivities.length).toBeGreaterThanOrEqual(50);
    expect(seed.satisfactionSurveys.length).toBeGreaterThanOrEqual(150);
    const satisfied = seed.satisfactionSurveys.filter((s) => s.score >= 4).length;
    expect(satisfied / seed.satisfactionSurveys.length).toBeGreaterThan(0.8);
    const kinds = new Set(seed.serviceRecords.map((r) => `${r.kind}/${r.status}`));
    for (const k of ['case_session/completed', 'visit/completed', 'group_session/completed', 'activity/completed'])
      expect(kinds).toContain(k);
    for (const s of ['scheduled', 'voided'])
      expect(
        seed.serviceRecords.some((r) => r.status === s),
        s,
      ).toBe(true);
  });
});

describe('demo beneficiaries', () => {
  it('carry valid, unique 身份证号 of the 禅城 area consistent with birth date and gender', () => {
    const keys = derivePiiKeys(Buffer.alloc(32, 1));
    const indexes = new Set<string>();
    for (const b of seed.beneficiaries) {
      expect(idNumberProblem(b.idNumber, NOW), b.idNumber).toBeNull();
      expect(['440604', '440602', '440603']).toContain(b.idNumber.slice(0, 6));
      expect(birthDateOf(b.idNumber)!.toISOString().slice(0, 10)).toBe(b.birthDate);
      expect(genderOf(b.idNumber)).toBe(b.gender);
      indexes.add(blindIndex(keys, 'idNumber', b.idNumber));
    }
    expect(indexes.size).toBe(seed.beneficiaries.length);
    const mobiles = seed.beneficiaries.flatMap((b) => (b.mobile ? [b.mobile] : []));
    expect(new Set(mobiles).size).toBe(mobiles.length);
  });

  it('live in a community of their agency’s area, in households with one head, with categories as the rules ask', () => {
    const agencyArea = new Map(input.agencies.map((a) => [a.id, a.serviceDivisionCodes]));
    const community = new Set(divisions.filter((d) => d.level === 'community').map((d) => d.code));
    const categories = new Set(input.categories);
    const households = groupBy(seed.beneficiaries, (b) => b.householdId);
    expect(households.size).toBe(seed.households.length);
    expect([...households.values()].some((members) => members.length >= 3)).toBe(true);
    for (const members of households.values()) {
      expect(members.filter((m) => m.householdRelation === 'self')).toHaveLength(1);
      expect(new Set(members.map((m) => m.divisionCode)).size).toBe(1);
    }
    for (const b of seed.beneficiaries) {
      expect(community.has(b.divisionCode)).toBe(true);
      expect(agencyArea.get(b.agencyId)!.some((a) => b.divisionCode.startsWith(a))).toBe(true);
      for (const c of b.categories) expect(categories.has(c)).toBe(true);
      expect(b.disabilityType !== null).toBe(b.categories.includes(DISABLED_PERSON_CATEGORY));
      expect(b.disabilityGrade !== null).toBe(b.categories.includes(DISABLED_PERSON_CATEGORY));
      if (ageOn(b.birthDate, NOW) < GUARDIAN_REQUIRED_UNDER_AGE) expect(b.guardian, b.name).not.toBeNull();
      if (b.address) expect(b.addressMasked).toMatch(/^.+(街道|镇)\*\*\*\*$/);
    }
    // The demo agency serves a few hundred; every agency with a project in service serves some.
    const demoCount = seed.beneficiaries.filter((b) => b.agencyId === input.demo.agencyId).length;
    expect(demoCount).toBeGreaterThanOrEqual(200);
    for (const p of input.projects.filter((x) => x.status === 'in_service'))
      expect(seed.beneficiaries.some((b) => b.agencyId === p.agencyId)).toBe(true);
  });

  it('have service consent (by the guardian for children), many sharing, some photos, a few refused or withdrawn', () => {
    const byBeneficiary = groupBy(seed.consents, (c) => c.beneficiaryId);
    const current = (id: string, purpose: string) =>
      byBeneficiary
        .get(id)
        ?.filter((c) => c.purpose === purpose)
        .at(-1);
    let sharing = 0;
    let photos = 0;
    for (const b of seed.beneficiaries) {
      const consents = byBeneficiary.get(b.id) ?? [];
      for (const c of consents) {
        if (ageOn(b.birthDate, c.recordedAt) < GUARDIAN_REQUIRED_UNDER_AGE) expect(c.givenBy).toBe('guardian');
        if (c.givenBy === 'guardian') expect(b.guardian).not.toBeNull();
        expect(c.status === 'withdrawn').toBe(c.withdrawnAt !== null && c.withdrawalReason !== null);
        expect(c.recordedAt.getTime()).toBeGreaterThanOrEqual(b.createdAt.getTime());
      }
      if (current(b.id, 'sharing')?.status === 'given') sharing++;
      if (current(b.id, 'photos')?.status === 'given') photos++;
    }
    const given = seed.beneficiaries.filter((b) => current(b.id, 'service')?.status === 'given').length;
    expect(given / seed.beneficiaries.length).toBeGreaterThan(0.94);
    expect(sharing / seed.beneficiaries.length).toBeGreaterThan(0.4);
    expect(photos).toBeGreaterThan(300);
    expect(seed.consents.some((c) => c.status === 'withdrawn')).toBe(true);
    expect(seed.consents.some((c) => c.status === 'refused')).toBe(true);
    // Everyone served has service consent given before it, and never withdrawn.
    const served = new Set([
      ...seed.cases.map((c) => c.beneficiaryId),
      ...seed.serviceRecords.flatMap((r) => (r.beneficiaryId ? [r.beneficiaryId] : [])),
      ...seed.groupMembers.map((m) => m.beneficiaryId),
    ]);
    for (const id of served) expect(current(id, 'service')?.status, id).toBe('given');
  });
});

describe('demo cases', () => {
  const accountUsers = new Set(seed.accounts.map((a) => a.userId));
  it('are worked and supervised by two different account holders of the case’s agency', () => {
    for (const c of seed.cases) {
      expect(c.workerId).not.toBe(c.supervisorWorkerId);
      for (const id of [c.workerId, c.supervisorWorkerId]) {
        expect(workerById.get(id)!.agencyId).toBe(c.agencyId);
        expect(userOfWorker.get(id)).toBeDefined();
      }
      expect(beneficiaryById.get(c.beneficiaryId)!.agencyId).toBe(c.agencyId);
      expect(c.createdBy).toBe(userOfWorker.get(c.workerId));
    }
    // The generated accounts belong to workers of the agency they join.
    for (const a of seed.accounts) expect(workerById.get(a.workerId)!.agencyId).toBe(a.organizationId);
    expect(new Set(seed.accounts.map((a) => a.username)).size).toBe(seed.accounts.length);
    expect(accountUsers.size).toBe(seed.accounts.length);
  });

  it('walk the transition table: every stage left has its required records approved by the supervisor since entering it', () => {
    for (const c of seed.cases) {
      const history = historyByCase.get(c.id)!;
      const records = recordsByCase.get(c.id) ?? [];
      const supervisorUser = userOfWorker.get(c.supervisorWorkerId)!;
      const workerUser = userOfWorker.get(c.workerId)!;
      expect(history[0]).toMatchObject({ fromStage: null, toStage: 'intake', action: 'open' });
      expect(shanghaiDate(history[0]!.at)).toBe(c.openedOn);
      let stage: CaseStage = 'intake';
      let entered = history[0]!.at;
      let closedOn: string | null = null;
      for (const move of history.slice(1)) {
        expect(move.fromStage).toBe(stage);
        const t = findCaseTransition(stage, move.action as never);
        expect(t, `${c.code}: ${stage} ${move.action}`).toBeDefined();
        expect(move.toStage).toBe(t!.to);
        expect(move.at.getTime()).toBeGreaterThan(entered.getTime());
        if (t!.needsReason) expect(move.reason).toBeTruthy();
        for (const kind of t!.requires) {
          const ok = records.some(
            (r) =>
              r.kind === kind &&
              r.status === 'approved' &&
              r.createdAt >= entered &&
              r.reviewedAt! <= move.at &&
              r.reviewedBy === supervisorUser,
          );
          expect(ok, `${c.code}: ${kind} approved in ${stage}`).toBe(true);
        }
        if (t!.to === 'closed' && stage === 'evaluation') closedOn = shanghaiDate(move.at);
        if (move.action === 'reopen') closedOn = null;
        stage = t!.to;
        entered = move.at;
      }
      expect(c.stage).toBe(stage);
      expect(c.stageEnteredAt).toEqual(entered);
      expect(c.version).toBe(history.length);
      expect(c.closedOn).toBe(closedOn);
      expect(c.closingReason !== null).toBe(closedOn !== null);
      for (const r of records) {
        expect(STAGE_RECORD_KINDS[r.stage]).toContain(r.kind);
        expect(r.authorUserId).toBe(workerUser);
        if (r.reviewedAt) {
          expect(r.reviewedBy).toBe(supervisorUser);
          expect(r.reviewedAt.getTime()).toBeGreaterThan(r.submittedAt!.getTime());
        }
        if (r.submittedAt) expect(r.submittedAt.getTime()).toBeGreaterThan(r.createdAt.getTime());
        expect(r.status === 'draft').toBe(r.submittedAt === null);
        // Records still under way belong to the current stage.
        if (r.status !== 'approved') expect(r.stage).toBe(c.stage);
        for (const instant of [r.createdAt, r.submittedAt, r.reviewedAt])
          if (instant) expect(instant.getTime()).toBeLessThan(nowMs);
      }
    }
  });

  it('score Barthel assessments as the server does, and carry the latest approved risk level to the beneficiary', () => {
    const assessments = seed.caseRecords.filter((r) => r.kind === 'assessment');
    expect(assessments.length).toBeGreaterThan(200);
    for (const r of assessments) {
      const result = scoreScale('barthel', r.content.answers as Record<string, unknown>);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(r.content).toMatchObject({
        scale: 'barthel',
        total: result.total,
        band: result.band.key,
        riskLevel: result.band.riskLevel,
      });
    }
    const bands = new Set(assessments.map((r) => r.content.band));
    expect(bands.size).toBeGreaterThanOrEqual(3);
    const casesOf = groupBy(seed.cases, (c) => c.beneficiaryId);
    for (const b of seed.beneficiaries) {
      const approved = (casesOf.get(b.id) ?? [])
        .flatMap((c) => recordsByCase.get(c.id) ?? [])
        .filter((r) => r.kind === 'assessment' && r.status === 'approved')
        .sort((x, y) => x.reviewedAt!.getTime() - y.reviewedAt!.getTime());
      expect(b.riskLevel).toBe(approved.at(-1)?.content.riskLevel ?? null);
    }
  });

  it('are numbered GA-YYYY-NNNN in order of opening, the counters at the last number used', () => {
    const codes = seed.cases.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of seed.cases) expect(c.code.slice(3, 7)).toBe(c.openedOn.slice(0, 4));
    for (const { year, last } of seed.caseCodeCounters) {
      const numbers = seed.cases.filter((c) => c.code.startsWith(`GA-${year}-`)).map((c) => Number(c.code.slice(8)));
      expect(Math.max(...numbers)).toBe(last);
      expect(numbers.length).toBe(last);
    }
  });

  it('give demo-worker a caseload of about 15 open cases and demo-supervisor records awaiting review', () => {
    const open = seed.cases.filter((c) => c.workerId === input.demo.workerId && c.stage !== 'closed');
    expect(open.length).toBeGreaterThanOrEqual(12);
    expect(open.length).toBeLessThanOrEqual(20);
    const supervised = new Set(
      seed.cases.filter((c) => c.supervisorWorkerId === input.demo.supervisorWorkerId).map((c) => c.id),
    );
    const awaiting = seed.caseRecords.filter((r) => supervised.has(r.caseId) && r.status === 'submitted');
    expect(awaiting.length).toBeGreaterThanOrEqual(5);
    expect(seed.caseRecords.some((r) => r.status === 'returned')).toBe(true);
  });
});

describe('demo service records', () => {
  it('are held within their project’s period by its agency, completed ones not in the future', () => {
    for (const r of seed.serviceRecords) {
      if (r.status === 'scheduled') {
        expect(r.heldOn).toBeNull();
        expect(r.scheduledAt!.getTime()).toBeGreaterThan(nowMs);
        expect(shanghaiDate(r.scheduledAt!) <= addDays(TODAY, 14)).toBe(true);
        continue;
      }
      expect(r.heldOn! <= TODAY).toBe(true);
      expect(r.completedAt!.getTime()).toBeLessThan(nowMs);
      if (r.status === 'voided') expect(r.voidReason && r.voidedAt).toBeTruthy();
      if (!r.projectId) continue;
      const p = projectById.get(r.projectId)!;
      expect(p.agencyId).toBe(r.agencyId);
      expect(r.heldOn! >= p.periodFrom && r.heldOn! <= p.periodTo, `${p.code} ${r.heldOn}`).toBe(true);
    }
    const withProject = seed.serviceRecords.filter((r) => r.projectId).length;
    expect(withProject / seed.serviceRecords.length).toBeGreaterThan(0.75);
    const visits = seed.serviceRecords.filter((r) => r.kind === 'visit');
    expect(visits.filter((r) => !r.projectId).length / visits.length).toBeLessThan(0.3);
  });

  it('record one case session per approved session record, and group attendance of members', () => {
    const approvedSessions = seed.caseRecords.filter((r) => r.kind === 'session' && r.status === 'approved');
    const sessions = seed.serviceRecords.filter((r) => r.kind === 'case_session');
    expect(sessions.length).toBe(approvedSessions.length);
    const caseById = new Map(seed.cases.map((c) => [c.id, c]));
    const recordById = new Map(seed.caseRecords.map((r) => [r.id, r]));
    for (const s of sessions) {
      const record = recordById.get(s.caseRecordId!)!;
      const c = caseById.get(s.caseId!)!;
      expect(record.caseId).toBe(c.id);
      expect(s.beneficiaryId).toBe(c.beneficiaryId);
      expect(s.projectId).toBe(c.projectId);
      expect(s.heldOn).toBe(record.content.heldOn);
    }
    const members = groupBy(seed.groupMembers, (m) => m.groupId);
    for (const [, list] of members) {
      expect(list.length).toBeGreaterThanOrEqual(6);
      expect(list.length).toBeLessThanOrEqual(12);
    }
    const attendees = groupBy(seed.serviceRecordAttendees, (a) => a.recordId);
    for (const r of seed.serviceRecords.filter((x) => x.kind === 'group_session' && x.status === 'completed')) {
      const list = attendees.get(r.id) ?? [];
      const ids = new Set(members.get(r.groupId!)!.map((m) => m.beneficiaryId));
      for (const a of list) expect(ids.has(a.beneficiaryId)).toBe(true);
      expect(r.participantCount).toBe(list.filter((a) => a.present).length);
    }
  });

  it('hold indicator day totals equal to the live credits of the records, cases and surveys', () => {
    const credits: Credit[] = [];
    for (const r of seed.serviceRecords) {
      if (r.status !== 'completed' || !r.projectId) continue;
      const p = projectById.get(r.projectId)!;
      credits.push(
        ...recordCredits(
          { heldOn: r.heldOn!, participantCount: r.participantCount, countIndicatorId: r.indicatorId },
          p.indicators,
        ),
      );
    }
    for (const c of seed.cases)
      if (c.projectId) credits.push(...caseOpenedCredits(c.openedOn, projectById.get(c.projectId)!.indicators));
    for (const [projectId, surveys] of groupBy(seed.satisfactionSurveys, (s) => s.projectId)) {
      const indicator = projectById.get(projectId)!.indicators.find((i) => i.kind === 'satisfaction');
      if (!indicator) continue;
      for (const day of new Set(surveys.map((s) => s.surveyedOn)))
        credits.push({
          indicatorId: indicator.id,
          periodEnd: day,
          value: satisfactionRate(surveys.filter((s) => s.surveyedOn <= day).map((s) => s.score))!,
        });
    }
    const expected = new Map(
      sumCredits(credits)
        .filter((c) => c.value > 0)
        .map((c) => [`${c.indicatorId}|${c.periodEnd}`, Math.round(c.value * 100) / 100]),
    );
    const actual = new Map(seed.indicatorActuals.map((a) => [`${a.indicatorId}|${a.periodEnd}`, a.value]));
    expect(actual.size).toBe(seed.indicatorActuals.length);
    expect(actual).toEqual(expected);
    expect(actual.size).toBeGreaterThan(100);
    // Each row belongs to its indicator's project, and counts only after the project's latest progress report.
    for (const a of seed.indicatorActuals) {
      const p = projectById.get(a.projectId)!;
      expect(p.indicators.some((i) => i.id === a.indicatorId)).toBe(true);
      if (p.reportedThrough) expect(a.periodEnd > p.reportedThrough, `${p.code} ${a.periodEnd}`).toBe(true);
    }
  });

  it('give demo-worker scheduled records in the next two weeks', () => {
    const scheduled = new Set(seed.serviceRecords.filter((r) => r.status === 'scheduled').map((r) => r.id));
    expect(scheduled.size).toBeGreaterThanOrEqual(25);
    const mine = seed.serviceRecordWorkers.filter(
      (w) => scheduled.has(w.recordId) && w.workerId === input.demo.workerId,
    );
    expect(mine.length).toBeGreaterThanOrEqual(4);
  });
});

describe('demo service delivery on other days', () => {
  // Early October: the third quarter's reports are not all in yet, so the ledgers are longest; New Year's Eve late
  // in the evening (the next day already in UTC+8).
  it.each(['2026-10-05T04:00:00Z', '2026-12-31T15:30:00Z'])('keeps the rules on %s', (when) => {
    const now = new Date(when);
    const today = shanghaiDate(now);
    const other = buildInput(SEED, now);
    const rows = generateServices(other);
    const projects = new Map(other.projects.map((p) => [p.id, p]));
    expect(rows.beneficiaries.length).toBeGreaterThanOrEqual(2900);
    expect(rows.cases.length).toBeGreaterThanOrEqual(350);
    expect(rows.serviceRecords.length).toBeGreaterThanOrEqual(20_000);
    for (const r of rows.serviceRecords) {
      if (r.status === 'scheduled') expect(r.scheduledAt!.getTime()).toBeGreaterThan(now.getTime());
      else expect(r.heldOn! <= today).toBe(true);
      const p = r.projectId ? projects.get(r.projectId)! : null;
      if (p && r.heldOn) expect(r.heldOn >= p.periodFrom && r.heldOn <= p.periodTo).toBe(true);
    }
    for (const a of rows.indicatorActuals) {
      const p = projects.get(a.projectId)!;
      if (p.reportedThrough) expect(a.periodEnd > p.reportedThrough).toBe(true);
      expect(a.periodEnd <= today).toBe(true);
    }
    for (const c of rows.cases) expect(c.createdAt.getTime()).toBeLessThan(now.getTime());
  });
});
