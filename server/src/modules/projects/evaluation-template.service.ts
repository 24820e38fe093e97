import type { z } from 'zod';
import type { createTemplateBody, EvaluationTemplate, listTemplatesQuery } from '../../../../contracts/api/evaluations';
import type { EvaluationDimension } from '../../../../contracts/projects';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import * as repo from './evaluation-template.repository';
import { decimal } from './money';

/** Scores and weights are numeric(5, 2): compared and added in hundredths, so 33.33 × 3 + 0.01 is exactly 100. */
export const hundredths = (value: number | string) => Math.round(decimal(value) * 100);

/**
 * The template seeded at start-up, after MZ/T 059-2014《社会工作服务项目绩效评估指南》: its four dimensions with
 * weights adding up to 100 and the usual bands (优秀 ≥ 90, 良好 80–89, 合格 60–79, 不合格 < 60). A fixed id makes
 * seeding idempotent (and safe when two processes start at once); once retired it stays retired.
 */
export const DEFAULT_TEMPLATE_ID = '5a1f0590-2014-4000-8000-000000000059';
export const DEFAULT_TEMPLATE_NAME = '社会工作服务项目绩效评估（MZ/T 059-2014）';
const DEFAULT_CRITERIA: ReadonlyArray<{
  dimension: EvaluationDimension;
  name: string;
  guidance: string;
  weight: number;
}> = [
  {
    dimension: 'implementation',
    name: '服务计划执行',
    guidance: '对照项目书与合同，服务内容、进度与数量指标的完成情况',
    weight: 15,
  },
  {
    dimension: 'implementation',
    name: '服务对象覆盖',
    guidance: '目标人群的识别与覆盖程度，特殊困难群体是否优先得到服务',
    weight: 10,
  },
  {
    dimension: 'implementation',
    name: '服务过程记录',
    guidance: '个案、小组、社区活动记录的完整性、规范性与真实性',
    weight: 10,
  },
  {
    dimension: 'management',
    name: '团队配置与督导',
    guidance: '持证社工配备、人员稳定性、专业督导与培训的落实',
    weight: 10,
  },
  {
    dimension: 'management',
    name: '制度与档案',
    guidance: '项目管理制度、风险与安全预案、档案管理的健全程度',
    weight: 10,
  },
  { dimension: 'finance', name: '预算执行', guidance: '预算执行进度与预算调整的合理性', weight: 10 },
  {
    dimension: 'finance',
    name: '资金使用合规',
    guidance: '专款专用、票据合规、财务核算与信息公开情况',
    weight: 10,
  },
  { dimension: 'outcome', name: '目标达成', guidance: '项目目标与成效指标的达成程度及证据', weight: 15 },
  {
    dimension: 'outcome',
    name: '服务对象满意度',
    guidance: '服务对象及相关方满意度调查的结果与改进',
    weight: 10,
  },
];

/** Idempotent, like the initial taxonomies: called from prepareDatabase on every start. */
export async function syncDefaultEvaluationTemplate(db: Executor, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const inserted = await repo.insertTemplate(
      trx,
      {
        id: DEFAULT_TEMPLATE_ID,
        name: DEFAULT_TEMPLATE_NAME,
        description:
          '依据民政部《社会工作服务项目绩效评估指南》（MZ/T 059-2014），从项目实施、项目管理、财务管理、成效评估四个维度评分，' +
          '满分 100 分：优秀 ≥ 90，良好 80–89，合格 60–79，不合格 < 60。',
        excellentFrom: 90,
        goodFrom: 80,
        passFrom: 60,
        createdAt: now,
      },
      { onConflictDoNothing: true },
    );
    if (!inserted) return;
    await repo.insertCriteria(
      trx,
      DEFAULT_CRITERIA.map((c, i) => ({ templateId: DEFAULT_TEMPLATE_ID, ...c, sort: (i + 1) * 10 })),
    );
  });
}

function present(row: repo.TemplateRow, criteria: repo.CriterionRow[]): EvaluationTemplate {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    excellentFrom: decimal(row.excellentFrom),
    goodFrom: decimal(row.goodFrom),
    passFrom: decimal(row.passFrom),
    active: row.active,
    inUse: Boolean(row.inUse),
    criteria: criteria
      .filter((c) => c.templateId === row.id)
      .map((c) => ({
        id: c.id,
        dimension: c.dimension,
        name: c.name,
        guidance: c.guidance,
        weight: decimal(c.weight),
        sort: c.sort,
      })),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listTemplates(deps: Deps, query: z.infer<typeof listTemplatesQuery>) {
  const rows = await repo.listTemplates(deps.db, {
    active: query.active === undefined ? undefined : query.active === 'true',
  });
  const criteria = await repo.criteriaOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, criteria));
}

export async function getTemplate(deps: Deps, id: string, db: Executor = deps.db) {
  const row = await repo.findTemplate(db, id);
  if (!row) throw notFound();
  return present(row, await repo.criteriaOf(db, [id]));
}

/** A template that can be assigned now (active), or a 400 on the given field. */
export async function requireActiveTemplate(db: Executor, id: string, field: string, locale: string) {
  const row = await repo.findTemplate(db, id);
  if (!row?.active)
    throw fieldError(
      field,
      'evaluation_template.not_active',
      '评估模板不存在或已停用',
      'no such template, or it has been retired',
      locale,
    );
  return row;
}

/** Bands rise strictly (合格 < 良好 < 优秀) and the criterion weights add up to exactly 100. */
function checkTemplate(input: z.infer<typeof createTemplateBody>, locale: string) {
  const issues: Array<{ field: string; code: string; message: string }> = [];
  const en = locale === 'en';
  const { passFrom, goodFrom, excellentFrom } = input;
  if (!(passFrom > 0))
    issues.push({
      field: 'body.passFrom',
      code: 'evaluation_template.band_order',
      message: en ? 'the pass mark must be above 0' : '合格分数线应大于 0',
    });
  if (!(goodFrom > passFrom))
    issues.push({
      field: 'body.goodFrom',
      code: 'evaluation_template.band_order',
      message: en
        ? `the "good" mark must be above the pass mark (${passFrom})`
        : `良好分数线应高于合格分数线（${passFrom}）`,
    });
  if (!(excellentFrom > goodFrom))
    issues.push({
      field: 'body.excellentFrom',
      code: 'evaluation_template.band_order',
      message: en
        ? `the "excellent" mark must be above the "good" mark (${goodFrom})`
        : `优秀分数线应高于良好分数线（${goodFrom}）`,
    });
  const total = input.criteria.reduce((sum, c) => sum + hundredths(c.weight), 0);
  if (total !== 10_000) {
    const shown = total / 100;
    issues.push({
      field: 'body.criteria',
      code: 'evaluation_template.weights_sum',
      message: en
        ? `criterion weights must add up to exactly 100 (they add up to ${shown})`
        : `各评分项分值合计应为 100 分（当前合计 ${shown} 分）`,
    });
  }
  const seen = new Set<string>();
  input.criteria.forEach((c, i) => {
    const key = `${c.dimension}\u0000${c.name}`;
    if (seen.has(key))
      issues.push({
        field: `body.criteria.${i}.name`,
        code: 'evaluation_template.duplicate_criterion',
        message: en ? 'the same criterion appears twice in this dimension' : '同一维度下评分项名称重复',
      });
    seen.add(key);
  });
  if (issues.length > 0) throw new AppError('validation.failed', { issues });
}

export async function createTemplate(deps: Deps, ctx: AuthedContext, input: z.infer<typeof createTemplateBody>) {
  checkTemplate(input, ctx.locale);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const created = await repo.insertTemplate(trx, {
      name: input.name,
      description: input.description,
      excellentFrom: input.excellentFrom,
      goodFrom: input.goodFrom,
      passFrom: input.passFrom,
      createdAt: now,
    });
    const id = created!.id;
    await repo.insertCriteria(
      trx,
      input.criteria.map((c, i) => ({
        templateId: id,
        dimension: c.dimension,
        name: c.name,
        guidance: c.guidance,
        weight: c.weight,
        sort: (i + 1) * 10,
      })),
    );
    await recordAudit(trx, ctx, now, {
      action: 'evaluation_template.create',
      targetType: 'evaluation_template',
      targetId: id,
      summary: {
        after: {
          name: input.name,
          bands: [input.passFrom, input.goodFrom, input.excellentFrom],
          criteria: input.criteria.length,
        },
      },
    });
    return getTemplate(deps, id, trx);
  });
}

/** A retired template is no longer offered for new evaluations; those already using it keep it. */
export async function retireTemplate(deps: Deps, ctx: AuthedContext, id: string) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.findTemplate(trx, id);
    if (!row) throw notFound();
    if (row.active) {
      await repo.setTemplateActive(trx, id, false);
      await recordAudit(trx, ctx, now, {
        action: 'evaluation_template.retire',
        targetType: 'evaluation_template',
        targetId: id,
        summary: { before: { active: true }, after: { active: false } },
      });
    }
    return getTemplate(deps, id, trx);
  });
}
