import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRADE_NAMES, gradeOf } from '../../../../contracts/projects';
import {
  buildAgency,
  buildOrganization,
  type Session,
  setupTestApp,
  signInAs,
  type TestApp,
} from '../../../../test/app';
import { buildProject } from '../../../../test/projects';
import { DEFAULT_TEMPLATE_NAME, syncDefaultEvaluationTemplate } from './evaluation-template.service';

let t: TestApp;
let admin: Session;
let buyer: Session;
let otherBuyer: Session;
let manager: Session;
let evaluator: Session;
let colleague: Session; // same evaluation organization, not assigned
let outsider: Session; // another evaluation organization
let purchaserId: string;
let agency: { id: string };
let evalOrg: { id: string };
let otherEvalOrg: { id: string };
let defaultTemplate: Template;

interface Criterion {
  id: string;
  dimension: string;
  name: string;
  weight: number;
}
interface Template {
  id: string;
  name: string;
  active: boolean;
  excellentFrom: number;
  goodFrom: number;
  passFrom: number;
  criteria: Criterion[];
}

const DUE = '2026-12-31';

beforeAll(async () => {
  t = await setupTestApp();
  admin = await signInAs(t, 'bureau_admin', { kind: 'bureau', divisionCode: '440604' });
  const unit = await buildOrganization(t, { kind: 'purchaser', divisionCode: '440604012' });
  purchaserId = unit.id;
  buyer = await signInAs(t, 'purchaser', { id: unit.id });
  otherBuyer = await signInAs(t, 'purchaser', { kind: 'purchaser', divisionCode: '440604011' });
  agency = await buildAgency(t, '440604012', ['440604012']);
  manager = await signInAs(t, 'agency_manager', { id: agency.id });
  evalOrg = await buildOrganization(t, { kind: 'evaluator', divisionCode: '440604' });
  otherEvalOrg = await buildOrganization(t, { kind: 'evaluator', divisionCode: '440604' });
  evaluator = await signInAs(t, 'evaluator', { id: evalOrg.id });
  colleague = await signInAs(t, 'evaluator', { id: evalOrg.id });
  outsider = await signInAs(t, 'evaluator', { id: otherEvalOrg.id });
  const list = await buyer.inject({ method: 'GET', url: '/api/evaluation-templates?active=true' });
  defaultTemplate = (list.json() as Template[]).find((x) => x.name === DEFAULT_TEMPLATE_NAME)!;
});
afterAll(() => t.close());

const inService = () => buildProject(t, { status: 'in_service', purchaserId, agencyId: agency.id });

async function assign(projectId: string, overrides: Record<string, unknown> = {}, session: Session = buyer) {
  return session.inject({
    method: 'POST',
    url: `/api/projects/${projectId}/evaluations`,
    payload: {
      kind: 'midterm',
      templateId: defaultTemplate.id,
      evaluatorOrgId: evalOrg.id,
      assigneeUserIds: [evaluator.userId],
      dueOn: DUE,
      ...overrides,
    },
  });
}

async function assigned(projectId: string, overrides: Record<string, unknown> = {}) {
  const res = await assign(projectId, overrides);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; criteria: Criterion[] };
}

/** Scores by criterion name; the rest of the template's criteria get full marks unless `only` is set. */
function scoresFor(
  criteria: Criterion[],
  byName: Record<string, number | [number, string]>,
  options: { only?: boolean } = {},
) {
  return criteria
    .filter((c) => !options.only || c.name in byName)
    .map((c) => {
      const given = byName[c.name];
      const [score, comment] = Array.isArray(given) ? given : [given ?? c.weight, ''];
      return { criterionId: c.id, score, comment, evidence: comment ? '查阅服务档案' : '' };
    });
}

async function projectVersion(id: string): Promise<number> {
  return (await buyer.inject({ method: 'GET', url: `/api/projects/${id}` })).json().version;
}

describe('evaluation templates', () => {
  it('seeds the MZ/T 059-2014 template once, its weights adding up to 100 over the four dimensions', async () => {
    expect(defaultTemplate).toBeDefined();
    expect(defaultTemplate).toMatchObject({ active: true, excellentFrom: 90, goodFrom: 80, passFrom: 60 });
    expect(defaultTemplate.criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
    expect(new Set(defaultTemplate.criteria.map((c) => c.dimension))).toEqual(
      new Set(['implementation', 'management', 'finance', 'outcome']),
    );
    expect(defaultTemplate.criteria.map((c) => c.name)).toContain('服务对象满意度');
    // Idempotent: running the start-up sync again adds nothing.
    await syncDefaultEvaluationTemplate(t.deps.db, t.clock.now());
    const rows = await t.deps.db
      .selectFrom('evaluationTemplates')
      .select('id')
      .where('name', '=', DEFAULT_TEMPLATE_NAME)
      .execute();
    expect(rows).toHaveLength(1);
    const criteria = await t.deps.db
      .selectFrom('evaluationCriteria')
      .select('id')
      .where('templateId', '=', defaultTemplate.id)
      .execute();
    expect(criteria).toHaveLength(9);
    // Everyone involved reads templates.
    for (const s of [manager, evaluator]) {
      const one = await s.inject({ method: 'GET', url: `/api/evaluation-templates/${defaultTemplate.id}` });
      expect(one.statusCode, one.body).toBe(200);
    }
  });

  it('refuses weights that do not add up to 100 and bands that do not rise, naming the field', async () => {
    const criteria = [
      { dimension: 'implementation', name: '计划执行', weight: 50 },
      { dimension: 'outcome', name: '目标达成', weight: 49 },
    ];
    const zh = await admin.inject({
      method: 'POST',
      url: '/api/evaluation-templates',
      payload: { name: '简易模板', criteria },
    });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.details.issues).toEqual([
      {
        field: 'body.criteria',
        code: 'evaluation_template.weights_sum',
        message: '各评分项分值合计应为 100 分（当前合计 99 分）',
      },
    ]);
    const en = await admin.inject({
      method: 'POST',
      url: '/api/evaluation-templates',
      headers: { 'accept-language': 'en' },
      payload: { name: '简易模板', criteria, goodFrom: 95 },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.details.issues).toEqual([
      expect.objectContaining({ field: 'body.excellentFrom', code: 'evaluation_template.band_order' }),
      {
        field: 'body.criteria',
        code: 'evaluation_template.weights_sum',
        message: 'criterion weights must add up to exactly 100 (they add up to 99)',
      },
    ]);
    const threeDecimals = await admin.inject({
      method: 'POST',
      url: '/api/evaluation-templates',
      payload: { name: '简易模板', criteria: [{ dimension: 'outcome', name: '目标达成', weight: 99.995 }] },
    });
    expect(threeDecimals.statusCode).toBe(400);
    const count = await t.deps.db
      .selectFrom('evaluationTemplates')
      .select('id')
      .where('name', '=', '简易模板')
      .execute();
    expect(count).toHaveLength(0);
    // Only the bureau manages templates.
    const byBuyer = await buyer.inject({
      method: 'POST',
      url: '/api/evaluation-templates',
      payload: { name: '简易模板', criteria: [{ dimension: 'outcome', name: '目标达成', weight: 100 }] },
    });
    expect(byBuyer.statusCode).toBe(403);
  });

  it('creates a template with hundredths adding up to exactly 100, and retires it', async () => {
    const res = await admin.inject({
      method: 'POST',
      url: '/api/evaluation-templates',
      payload: {
        name: '三项等分模板',
        criteria: [
          { dimension: 'implementation', name: '计划执行', weight: 33.33 },
          { dimension: 'management', name: '团队管理', weight: 33.33 },
          { dimension: 'outcome', name: '目标达成', weight: 33.34 },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const template = res.json();
    expect(template).toMatchObject({ active: true, inUse: false, excellentFrom: 90, goodFrom: 80, passFrom: 60 });
    const retired = await admin.inject({ method: 'POST', url: `/api/evaluation-templates/${template.id}/retire` });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json().active).toBe(false);
    const active = await buyer.inject({ method: 'GET', url: '/api/evaluation-templates?active=true' });
    expect(active.json().map((x: Template) => x.id)).not.toContain(template.id);
    // A retired template is not offered for new evaluations.
    const project = await inService();
    const refused = await assign(project.id, { templateId: template.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.issues[0]).toMatchObject({
      field: 'body.templateId',
      code: 'evaluation_template.not_active',
    });
    const audit = await t.deps.db
      .selectFrom('auditEvents')
      .select('action')
      .where('targetId', '=', template.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['evaluation_template.create', 'evaluation_template.retire']);
  });
});

describe('assigning evaluations', () => {
  it('assigns a mid-term only in service and a final only in final review', async () => {
    const contracted = await buildProject(t, { status: 'contracted', purchaserId, agencyId: agency.id });
    const early = await assign(contracted.id);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('evaluation.midterm_not_in_service');
    expect(early.json().error.message).toBe('中期评估只能在项目“服务中”时安排');
    const project = await inService();
    const finalEarly = await assign(project.id, { kind: 'final' });
    expect(finalEarly.statusCode).toBe(409);
    expect(finalEarly.json().error.code).toBe('evaluation.final_not_in_review');
  });

  it('requires an active evaluation organization and evaluator accounts of it', async () => {
    const project = await inService();
    const notEvaluator = await assign(project.id, { evaluatorOrgId: agency.id });
    expect(notEvaluator.statusCode).toBe(400);
    expect(notEvaluator.json().error.details.issues[0]).toMatchObject({
      field: 'body.evaluatorOrgId',
      code: 'evaluation.not_evaluator_org',
    });
    const wrongPerson = await assign(project.id, { assigneeUserIds: [evaluator.userId, outsider.userId] });
    expect(wrongPerson.statusCode).toBe(400);
    expect(wrongPerson.json().error.details.issues[0].field).toBe('body.assigneeUserIds');
    const past = await assign(project.id, { dueOn: '2026-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details.issues[0].field).toBe('body.dueOn');
    await t.deps.db
      .updateTable('organizations')
      .set({ status: 'suspended' })
      .where('id', '=', otherEvalOrg.id)
      .execute();
    const suspended = await assign(project.id, { evaluatorOrgId: otherEvalOrg.id, assigneeUserIds: [outsider.userId] });
    await t.deps.db.updateTable('organizations').set({ status: 'active' }).where('id', '=', otherEvalOrg.id).execute();
    expect(suspended.statusCode).toBe(400);
    const none = await t.deps.db.selectFrom('evaluations').select('id').where('projectId', '=', project.id).execute();
    expect(none).toHaveLength(0);
  });

  it('lists evaluation organizations and their evaluators to the purchasing side', async () => {
    const res = await buyer.inject({ method: 'GET', url: '/api/evaluators' });
    expect(res.statusCode, res.body).toBe(200);
    const org = res.json().find((o: { id: string }) => o.id === evalOrg.id);
    expect(org.evaluators.map((e: { userId: string }) => e.userId)).toContain(evaluator.userId);
    expect(res.body).not.toMatch(/1[3-9]\d{9}/);
    expect((await t.app.inject({ method: 'GET', url: '/api/evaluators' })).statusCode).toBe(401);
  });

  it('lets only the purchasing side assign, once per kind', async () => {
    const project = await inService();
    expect((await assign(project.id, {}, manager)).statusCode).toBe(403);
    expect((await assign(project.id, {}, otherBuyer)).statusCode).toBe(404);
    await assigned(project.id);
    const again = await assign(project.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('evaluation.exists');
    // The bureau (by division) is on the purchasing side too.
    const other = await inService();
    const byBureau = await assign(other.id, {}, admin);
    expect(byBureau.statusCode, byBureau.body).toBe(201);
  });
});

describe('scoring a mid-term evaluation', () => {
  let projectId: string;
  let evaluation: { id: string; version: number; criteria: Criterion[] };

  beforeAll(async () => {
    projectId = (await inService()).id;
    evaluation = await assigned(projectId);
  });

  it('shows the evaluation to its assigned evaluator and the purchasing side only', async () => {
    const mine = await evaluator.inject({ method: 'GET', url: '/api/evaluations' });
    expect(mine.statusCode).toBe(200);
    const item = mine.json().items.find((x: { id: string }) => x.id === evaluation.id);
    expect(item).toMatchObject({ kind: 'midterm', status: 'assigned', dueOn: DUE, projectId });
    expect(item.projectCode).toMatch(/^T-/);
    expect(item.projectTitle).toContain('测试项目');

    const own = await evaluator.inject({ method: 'GET', url: `/api/evaluations/${evaluation.id}` });
    expect(own.statusCode).toBe(200);
    expect(own.json().can).toEqual({ score: true, reassign: false });
    expect(own.json().criteria).toHaveLength(9);

    for (const s of [colleague, outsider, manager, otherBuyer]) {
      const res = await s.inject({ method: 'GET', url: `/api/evaluations/${evaluation.id}` });
      expect(res.statusCode, res.body).toBe(404);
    }
    expect((await colleague.inject({ method: 'GET', url: '/api/evaluations' })).json().total).toBe(0);
    expect((await outsider.inject({ method: 'GET', url: `/api/projects/${projectId}/evaluations` })).statusCode).toBe(
      404,
    );
    const read = await buyer.inject({ method: 'GET', url: `/api/evaluations/${evaluation.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json().can).toEqual({ score: false, reassign: true });
    const listed = await manager.inject({ method: 'GET', url: `/api/projects/${projectId}/evaluations` });
    expect(listed.json()).toEqual([expect.objectContaining({ id: evaluation.id, totalScore: null })]);

    const notMine = await colleague.inject({
      method: 'PUT',
      url: `/api/evaluations/${evaluation.id}/scores`,
      payload: { scores: [], version: evaluation.version },
    });
    expect(notMine.statusCode).toBe(404);
    const buyerScores = await buyer.inject({
      method: 'PUT',
      url: `/api/evaluations/${evaluation.id}/scores`,
      payload: { scores: [], version: evaluation.version },
    });
    expect(buyerScores.statusCode).toBe(403);
  });

  it('refuses a score above the weight of its criterion', async () => {
    const criterion = evaluation.criteria.find((c) => c.name === '服务对象覆盖')!;
    const res = await evaluator.inject({
      method: 'PUT',
      url: `/api/evaluations/${evaluation.id}/scores`,
      payload: { scores: [{ criterionId: criterion.id, score: 10.5 }], version: evaluation.version },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([
      {
        field: 'body.scores.0.score',
        code: 'evaluation.score_over_weight',
        message: '不能超过该项分值 10 分（服务对象覆盖）',
      },
    ]);
    const foreign = await evaluator.inject({
      method: 'PUT',
      url: `/api/evaluations/${evaluation.id}/scores`,
      payload: {
        scores: [{ criterionId: '00000000-0000-4000-8000-000000000000', score: 1 }],
        version: evaluation.version,
      },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details.issues[0].field).toBe('body.scores.0.criterionId');
  });

  it('saves partial drafts, refuses stale versions and submitting with criteria unscored', async () => {
    const partial = await evaluator.inject({
      method: 'PUT',
      url: `/api/evaluations/${evaluation.id}/scores`,
      payload: {
        scores: scoresFor(evaluation.criteria, { 服务计划执行: 12, 服务对象覆盖: 8 }, { only: true }),
        summary: '中期进展总体良好',
        version: evaluation.version,
      },
    });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json()).toMatchObject({ draftTotal: 20, summary: '中期进展总体良好', status: 'assigned' });
    const stale = await evaluator.inject({
      method: 'PUT',
      url: `/api/evaluations/${evaluation.id}/scores`,
      payload: { scores: [], version: evaluation.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict.stale_version');
    const early = await evaluator.inject({
      method: 'POST',
      url: `/api/evaluations/${evaluation.id}/submit`,
      payload: { version: partial.json().version },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'evaluation.incomplete',
      message: '还有 7 个评分项未打分，全部打分后才能提交',
    });
    evaluation.version = partial.json().version;
  });

  it('submits 89.5 as 良好 without rectifications, and is immutable afterwards', async () => {
    const full = await evaluator.inject({
      method: 'PUT',
      url: `/api/evaluations/${evaluation.id}/scores`,
      payload: {
        scores: scoresFor(evaluation.criteria, {
          服务计划执行: 12,
          服务对象覆盖: 8,
          服务过程记录: 8,
          团队配置与督导: 8.5,
          制度与档案: 8,
        }),
        version: evaluation.version,
      },
    });
    expect(full.statusCode, full.body).toBe(200);
    expect(full.json()).toMatchObject({ draftTotal: 89.5, summary: '中期进展总体良好' });
    const submitted = await evaluator.inject({
      method: 'POST',
      url: `/api/evaluations/${evaluation.id}/submit`,
      payload: { version: full.json().version },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', totalScore: 89.5, grade: 'good' });
    expect(GRADE_NAMES[submitted.json().grade as 'good'].zh).toBe('良好');
    expect(submitted.json().can).toEqual({ score: false, reassign: false });

    const rectifications = await buyer.inject({ method: 'GET', url: `/api/projects/${projectId}/rectifications` });
    expect(rectifications.json()).toEqual([]);
    // A mid-term evaluation does not touch the project's final result.
    expect((await buyer.inject({ method: 'GET', url: `/api/projects/${projectId}` })).json().finalGrade).toBeNull();

    const after = await evaluator.inject({
      method: 'PUT',
      url: `/api/evaluations/${evaluation.id}/scores`,
      payload: { scores: [], version: submitted.json().version },
    });
    expect(after.statusCode).toBe(409);
    expect(after.json().error.code).toBe('evaluation.submitted');
    const reassign = await buyer.inject({
      method: 'PATCH',
      url: `/api/evaluations/${evaluation.id}`,
      payload: { dueOn: '2027-01-31', version: submitted.json().version },
    });
    expect(reassign.statusCode).toBe(409);
    // The contracted agency reads the submitted result.
    expect((await manager.inject({ method: 'GET', url: `/api/evaluations/${evaluation.id}` })).statusCode).toBe(200);
    expect((await evaluator.inject({ method: 'GET', url: '/api/evaluations?status=submitted' })).json().total).toBe(1);
  });
});

describe('grades', () => {
  it('follows the bands: 89.5 is 良好, 59 is 不合格, 90 优秀, 60 合格', () => {
    const bands = { excellentFrom: 90, goodFrom: 80, passFrom: 60 };
    expect(GRADE_NAMES[gradeOf(89.5, bands)].zh).toBe('良好');
    expect(GRADE_NAMES[gradeOf(59, bands)].zh).toBe('不合格');
    expect(gradeOf(90, bands)).toBe('excellent');
    expect(gradeOf(60, bands)).toBe('pass');
  });

  it('raises one overall rectification when the total fails although no criterion is below 60 %', async () => {
    const template = await admin.inject({
      method: 'POST',
      url: '/api/evaluation-templates',
      payload: {
        name: '高合格线模板',
        passFrom: 70,
        criteria: [
          { dimension: 'implementation', name: '计划执行', weight: 50 },
          { dimension: 'outcome', name: '目标达成', weight: 50 },
        ],
      },
    });
    expect(template.statusCode, template.body).toBe(201);
    const project = await inService();
    const e = await assigned(project.id, { templateId: template.json().id });
    const saved = await evaluator.inject({
      method: 'PUT',
      url: `/api/evaluations/${e.id}/scores`,
      payload: {
        scores: scoresFor(e.criteria, { 计划执行: 33, 目标达成: 32 }),
        summary: '进度滞后',
        version: e.version,
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await evaluator.inject({
      method: 'POST',
      url: `/api/evaluations/${e.id}/submit`,
      payload: { version: saved.json().version },
    });
    expect(submitted.json()).toMatchObject({ totalScore: 65, grade: 'fail' });
    const tasks = (await buyer.inject({ method: 'GET', url: `/api/projects/${project.id}/rectifications` })).json();
    expect(tasks).toHaveLength(1);
    expect(tasks[0].description).toContain('低于合格分数线 70 分');
    expect(tasks[0].description).toContain('进度滞后');
  });
});

describe('final evaluation, rectification and closing', () => {
  it('records the final grade, raises rectifications, and closes only once they are accepted', async () => {
    const project = await inService();
    const review = await manager.inject({
      method: 'POST',
      url: `/api/projects/${project.id}/transitions`,
      payload: { action: 'request_final_review', version: await projectVersion(project.id) },
    });
    expect(review.statusCode, review.body).toBe(200);
    const e = await assigned(project.id, { kind: 'final', assigneeUserIds: [colleague.userId] });
    expect((await evaluator.inject({ method: 'GET', url: `/api/evaluations/${e.id}` })).statusCode).toBe(404);

    // Reassigned to both evaluators; a stale version is refused.
    const patched = await buyer.inject({
      method: 'PATCH',
      url: `/api/evaluations/${e.id}`,
      payload: { assigneeUserIds: [evaluator.userId, colleague.userId], version: e.version },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(
      patched
        .json()
        .assignees.map((a: { userId: string }) => a.userId)
        .sort(),
    ).toEqual([evaluator.userId, colleague.userId].sort());
    const stale = await buyer.inject({
      method: 'PATCH',
      url: `/api/evaluations/${e.id}`,
      payload: { dueOn: '2027-01-15', version: e.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict.stale_version');

    // 59 in all: four criteria below 60 % of their weight.
    const saved = await evaluator.inject({
      method: 'PUT',
      url: `/api/evaluations/${e.id}/scores`,
      payload: {
        scores: scoresFor(e.criteria, {
          预算执行: [2, '预算执行率仅 20%'],
          资金使用合规: [0, '缺少票据'],
          目标达成: [2, '目标达成率低'],
          服务对象满意度: [0, '未开展满意度调查'],
        }),
        summary: '项目成效与财务管理均不达标',
        version: patched.json().version,
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().draftTotal).toBe(59);
    const submitted = await colleague.inject({
      method: 'POST',
      url: `/api/evaluations/${e.id}/submit`,
      payload: { version: saved.json().version },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ totalScore: 59, grade: 'fail' });
    expect(GRADE_NAMES[submitted.json().grade as 'fail'].zh).toBe('不合格');

    const detail = (await buyer.inject({ method: 'GET', url: `/api/projects/${project.id}` })).json();
    expect(detail).toMatchObject({ status: 'final_review', finalScore: 59, finalGrade: 'fail' });

    const tasks = (await manager.inject({ method: 'GET', url: `/api/projects/${project.id}/rectifications` })).json();
    expect(tasks).toHaveLength(4);
    expect(tasks.every((x: { status: string; dueOn: string }) => x.status === 'open' && x.dueOn === '2026-12-29')).toBe(
      true,
    );
    const budget = tasks.find((x: { description: string }) => x.description.includes('预算执行'));
    expect(budget.description).toBe(
      '【财务管理·预算执行】末期评估得分 2 / 10 分，低于该项分值的 60%。评估意见：预算执行率仅 20%',
    );
    expect(budget.can).toEqual({ respond: true, review: false });
    // An evaluator sees the tasks its evaluation raised.
    expect(
      (await colleague.inject({ method: 'GET', url: `/api/projects/${project.id}/rectifications` })).json(),
    ).toHaveLength(4);

    const close = async () =>
      buyer.inject({
        method: 'POST',
        url: `/api/projects/${project.id}/transitions`,
        payload: { action: 'close', version: await projectVersion(project.id) },
      });
    const refused = await close();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('project.guard_failed');
    expect(refused.json().error.message).toContain('还有 4 项整改未验收');

    // The agency responds; the purchasing side sends one back, then accepts them all.
    const acceptEarly = await buyer.inject({ method: 'POST', url: `/api/rectifications/${budget.id}/accept` });
    expect(acceptEarly.statusCode).toBe(409);
    expect(acceptEarly.json().error.code).toBe('rectification.invalid_transition');
    for (const task of tasks) {
      const res = await manager.inject({
        method: 'POST',
        url: `/api/rectifications/${task.id}/respond`,
        payload: { response: '已整改，补充材料见附件' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'submitted', response: '已整改，补充材料见附件' });
    }
    expect((await manager.inject({ method: 'POST', url: `/api/rectifications/${budget.id}/accept` })).statusCode).toBe(
      403,
    );
    expect(
      (
        await buyer.inject({
          method: 'POST',
          url: `/api/rectifications/${budget.id}/respond`,
          payload: { response: '代为回复' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await otherBuyer.inject({ method: 'POST', url: `/api/rectifications/${budget.id}/accept` })).statusCode,
    ).toBe(404);
    const reopened = await buyer.inject({
      method: 'POST',
      url: `/api/rectifications/${budget.id}/reopen`,
      payload: { reason: '请补充预算调整审批文件' },
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', reopenReason: '请补充预算调整审批文件' });
    const seen = (await manager.inject({ method: 'GET', url: `/api/projects/${project.id}/rectifications` })).json();
    expect(seen.find((x: { id: string }) => x.id === budget.id).reopenReason).toBe('请补充预算调整审批文件');
    const blank = await manager.inject({
      method: 'POST',
      url: `/api/rectifications/${budget.id}/respond`,
      payload: { response: '   ' },
    });
    expect(blank.statusCode).toBe(400);
    const again = await manager.inject({
      method: 'POST',
      url: `/api/rectifications/${budget.id}/respond`,
      payload: { response: '已补充区财政局预算调整批复' },
    });
    expect(again.statusCode, again.body).toBe(200);
    for (const task of tasks) {
      const res = await buyer.inject({ method: 'POST', url: `/api/rectifications/${task.id}/accept` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe('accepted');
      expect(res.json().closedAt).not.toBeNull();
    }

    const closed = await close();
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', finalGrade: 'fail' });

    const actions = await t.deps.db
      .selectFrom('auditEvents')
      .select(['action'])
      .where((eb) =>
        eb.or([
          eb('targetId', '=', e.id),
          eb('targetId', '=', project.id),
          eb(
            'targetId',
            'in',
            tasks.map((x: { id: string }) => x.id),
          ),
        ]),
      )
      .execute();
    const count = (a: string) => actions.filter((x) => x.action === a).length;
    expect(count('evaluation.assign')).toBe(1);
    expect(count('evaluation.reassign')).toBe(1);
    expect(count('evaluation.save_scores')).toBe(1);
    expect(count('evaluation.submit')).toBe(1);
    expect(count('project.final_result')).toBe(1);
    expect(count('rectification.create')).toBe(4);
    expect(count('rectification.respond')).toBe(5);
    expect(count('rectification.reopen')).toBe(1);
    expect(count('rectification.accept')).toBe(4);

    // Nothing changes once the project is closed.
    const late = await manager.inject({
      method: 'POST',
      url: `/api/rectifications/${budget.id}/respond`,
      payload: { response: '补充' },
    });
    expect(late.statusCode).toBe(409);
  });
});
