import type { z } from 'zod';
import type {
  assignEvaluationBody,
  EvaluationDetail,
  EvaluationSummary,
  myEvaluationsQuery,
  saveScoresBody,
  updateEvaluationBody,
} from '../../../../contracts/api/evaluations';
import {
  EVALUATION_DIMENSION_NAMES,
  type EvaluationKind,
  GRADE_NAMES,
  type Grade,
  gradeOf,
  type ProjectStatus,
} from '../../../../contracts/projects';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { pageOf, pageWindow } from '../../platform/pagination';
import { addDays, shanghaiDate } from '../../platform/time';
import { type AuditEntry, recordAudit, recordAudits } from '../audit/audit.service';
import * as repo from './evaluation.repository';
import * as templates from './evaluation-template.repository';
import { hundredths, requireActiveTemplate } from './evaluation-template.service';
import { decimal, decimalOrNull } from './money';
import { findProjectInScope, lockProject, type ProjectRow } from './project.repository';
import { partiesOf, projectScope, requireProject, requirePurchaserSide } from './project.service';

/** When each kind of evaluation can be assigned: mid-term during service, final once final review is requested. */
const ASSIGNABLE_IN: Record<
  EvaluationKind,
  { status: ProjectStatus; error: 'evaluation.midterm_not_in_service' | 'evaluation.final_not_in_review' }
> = {
  midterm: { status: 'in_service', error: 'evaluation.midterm_not_in_service' },
  final: { status: 'final_review', error: 'evaluation.final_not_in_review' },
};

const KIND_NAMES: Record<EvaluationKind, string> = { midterm: '中期评估', final: '末期评估' };

/** A rectification task is raised for every criterion scored below this share of its weight. */
const WEAK_CRITERION_PERCENT = 60;
/** Days the agency has to rectify, counted from the day the evaluation is submitted (Asia/Shanghai). */
export const RECTIFICATION_DAYS = 30;

export const isProjectActive = (status: ProjectStatus) => status !== 'closed' && status !== 'terminated';

/**
 * The caller's relation to an evaluation: an assigned evaluator (who still holds the evaluator role in the
 * evaluating organization) scores it; the purchasing side reads it; the contracted agency reads it once it is
 * submitted. Anyone else gets a 404, as if it did not exist.
 */
interface Access {
  evaluation: repo.EvaluationRow;
  project: ProjectRow;
  assigned: boolean;
  purchasing: boolean;
}

async function accessEvaluation(db: Executor, ctx: AuthedContext, id: string): Promise<Access> {
  const evaluation = await repo.findEvaluation(db, id);
  if (!evaluation) throw notFound();
  const evaluatorThere = ctx.actor.memberships.some(
    (m) => m.role === 'evaluator' && m.organizationId === evaluation.evaluatorOrgId,
  );
  const assigned = evaluatorThere && (await repo.isAssigned(db, id, ctx.actor.userId));
  const project = await findProjectInScope(db, evaluation.projectId, projectScope(ctx));
  if (!project) throw notFound();
  const parties = partiesOf(ctx, project);
  const purchasing = parties.has('purchaser');
  const agencyReads = parties.has('agency') && evaluation.status === 'submitted';
  if (!assigned && !purchasing && !agencyReads) throw notFound();
  return { evaluation, project, assigned, purchasing };
}

function presentSummary(
  e: repo.EvaluationRow,
  assignees: Awaited<ReturnType<typeof repo.assigneesOf>>,
): EvaluationSummary {
  return {
    id: e.id,
    projectId: e.projectId,
    projectCode: e.projectCode,
    projectTitle: e.projectTitle,
    kind: e.kind,
    status: e.status,
    templateId: e.templateId,
    templateName: e.templateName,
    evaluatorOrgId: e.evaluatorOrgId,
    evaluatorOrgName: e.evaluatorOrgName,
    assignees: assignees
      .filter((a) => a.evaluationId === e.id)
      .map((a) => ({ userId: a.userId, displayName: a.displayName })),
    dueOn: e.dueOn,
    assignedAt: e.assignedAt.toISOString(),
    submittedAt: e.submittedAt?.toISOString() ?? null,
    totalScore: decimalOrNull(e.totalScore),
    grade: e.grade,
    version: e.version,
  };
}

async function presentDetail(db: Executor, access: Access): Promise<EvaluationDetail> {
  const e = (await repo.findEvaluation(db, access.evaluation.id))!;
  const [template, criteria, scores, assignees] = await Promise.all([
    templates.findTemplate(db, e.templateId),
    templates.criteriaOf(db, [e.templateId]),
    repo.scoresOf(db, e.id),
    repo.assigneesOf(db, [e.id]),
  ]);
  const byCriterion = new Map(scores.map((s) => [s.criterionId, s]));
  const open = e.status === 'assigned' && isProjectActive(access.project.status);
  return {
    ...presentSummary(e, assignees),
    template: {
      id: e.templateId,
      name: e.templateName,
      excellentFrom: decimal(template!.excellentFrom),
      goodFrom: decimal(template!.goodFrom),
      passFrom: decimal(template!.passFrom),
    },
    criteria: criteria.map((c) => {
      const s = byCriterion.get(c.id);
      return {
        id: c.id,
        dimension: c.dimension,
        name: c.name,
        guidance: c.guidance,
        weight: decimal(c.weight),
        sort: c.sort,
        score: s ? decimal(s.score) : null,
        comment: s?.comment ?? '',
        evidence: s?.evidence ?? '',
      };
    }),
    summary: e.summary,
    draftTotal: scores.reduce((sum, s) => sum + hundredths(s.score), 0) / 100,
    can: { score: open && access.assigned, reassign: open && access.purchasing },
  };
}

export async function getEvaluation(deps: Deps, ctx: AuthedContext, id: string, db: Executor = deps.db) {
  return presentDetail(db, await accessEvaluation(db, ctx, id));
}

/** A project's evaluations: all of them to the project's parties and team, the caller's own to an evaluator. */
export async function listProjectEvaluations(deps: Deps, ctx: AuthedContext, projectId: string) {
  const project = await requireProject(deps.db, ctx, projectId);
  const all = await seesWholeProject(deps.db, ctx, project);
  const rows = await repo.listProjectEvaluations(deps.db, projectId, all ? null : ctx.actor.userId);
  const assignees = await repo.assigneesOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentSummary(r, assignees));
}

/** The purchasing side, the contracted agency and the delivery team follow the whole project. */
export async function seesWholeProject(db: Executor, ctx: AuthedContext, project: ProjectRow) {
  const parties = partiesOf(ctx, project);
  if (parties.has('purchaser') || parties.has('agency')) return true;
  return ctx.actor.roles.has('social_worker') && repo.isTeamMember(db, project.id, ctx.actor.userId);
}

/** An evaluator's work list: evaluations assigned to them, open ones first, by due date. */
export async function listMyEvaluations(deps: Deps, ctx: AuthedContext, query: z.infer<typeof myEvaluationsQuery>) {
  const { rows, total } = await repo.listAssignedTo(deps.db, ctx.actor.userId, {
    status: query.status,
    ...pageWindow(query),
  });
  const assignees = await repo.assigneesOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return pageOf(
    rows.map((r) => presentSummary(r, assignees)),
    total,
    query,
  );
}

/** The evaluating organization must be an active third-party evaluator, the assignees its evaluator accounts. */
async function checkEvaluators(db: Executor, ctx: AuthedContext, organizationId: string, userIds: readonly string[]) {
  const org = await repo.findOrganization(db, organizationId);
  if (org?.kind !== 'evaluator' || org.status !== 'active')
    throw fieldError(
      'body.evaluatorOrgId',
      'evaluation.not_evaluator_org',
      '评估机构须为在册且状态正常的第三方评估机构',
      'must be an active third-party evaluation organization',
      ctx.locale,
    );
  const unique = [...new Set(userIds)];
  const found = new Set(await repo.evaluatorsOf(db, organizationId, unique));
  if (unique.some((id) => !found.has(id)))
    throw fieldError(
      'body.assigneeUserIds',
      'evaluation.not_evaluator',
      '评估人员须为该评估机构的在用评估专家账号',
      'assignees must be active evaluator accounts of that organization',
      ctx.locale,
    );
  return { org, userIds: unique };
}

function checkDueOn(dueOn: string, now: Date, locale: string) {
  if (dueOn < shanghaiDate(now))
    throw fieldError('body.dueOn', 'date.past', '截止日期不能早于今天', 'the due date cannot be in the past', locale);
}

/** The purchasing side assigns a mid-term (during service) or final (in final review) evaluation. */
export async function assignEvaluation(
  deps: Deps,
  ctx: AuthedContext,
  projectId: string,
  input: z.infer<typeof assignEvaluationBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const visible = await requirePurchaserSide(trx, ctx, projectId);
    // Locked: the state check and the one-per-kind check hold until commit.
    const project = (await lockProject(trx, projectId))!;
    const rule = ASSIGNABLE_IN[input.kind];
    if (project.status !== rule.status) throw new AppError(rule.error, { status: project.status });
    if (await repo.findEvaluationOfKind(trx, projectId, input.kind))
      throw new AppError('evaluation.exists', { kind: input.kind });
    await requireActiveTemplate(trx, input.templateId, 'body.templateId', ctx.locale);
    const { org, userIds } = await checkEvaluators(trx, ctx, input.evaluatorOrgId, input.assigneeUserIds);
    checkDueOn(input.dueOn, now, ctx.locale);
    const { id } = await repo.insertEvaluation(trx, {
      projectId,
      kind: input.kind,
      templateId: input.templateId,
      evaluatorOrgId: org.id,
      dueOn: input.dueOn,
      assignedAt: now,
    });
    await repo.replaceAssignees(trx, id, userIds);
    await recordAudit(trx, ctx, now, {
      action: 'evaluation.assign',
      targetType: 'evaluation',
      targetId: id,
      divisionCode: visible.divisionCode,
      summary: {
        after: {
          projectId,
          kind: input.kind,
          templateId: input.templateId,
          evaluatorOrgId: org.id,
          assigneeUserIds: userIds,
          dueOn: input.dueOn,
        },
      },
    });
    return getEvaluation(deps, ctx, id, trx);
  });
}

/**
 * Reassigning before submission: another template (only before scoring starts), another evaluating organization
 * (the previous one's drafts are discarded: its scores are not the new evaluators' work), assignees, due date.
 */
export async function updateEvaluation(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof updateEvaluationBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findEvaluation(trx, id);
    if (!before) throw notFound();
    const visible = await requirePurchaserSide(trx, ctx, before.projectId);
    const project = (await lockProject(trx, before.projectId))!;
    if (!isProjectActive(project.status)) throw new AppError('evaluation.project_inactive');
    if (before.status === 'submitted') throw new AppError('evaluation.submitted');
    const patch: Parameters<typeof repo.updateOpenEvaluation>[3] = {};
    const scores = await repo.scoresOf(trx, id);
    if (input.templateId && input.templateId !== before.templateId) {
      await requireActiveTemplate(trx, input.templateId, 'body.templateId', ctx.locale);
      if (scores.length > 0) throw new AppError('evaluation.scoring_started');
      patch.templateId = input.templateId;
    }
    const orgChanged = input.evaluatorOrgId !== undefined && input.evaluatorOrgId !== before.evaluatorOrgId;
    const current = (await repo.assigneesOf(trx, [id])).map((a) => a.userId);
    let assignees = current;
    if (input.evaluatorOrgId !== undefined || input.assigneeUserIds !== undefined) {
      const checked = await checkEvaluators(
        trx,
        ctx,
        input.evaluatorOrgId ?? before.evaluatorOrgId,
        input.assigneeUserIds ?? current,
      );
      assignees = checked.userIds;
      patch.evaluatorOrgId = checked.org.id;
    }
    if (input.dueOn !== undefined) {
      checkDueOn(input.dueOn, now, ctx.locale);
      patch.dueOn = input.dueOn;
    }
    const discarded = orgChanged ? scores.length : 0;
    if (orgChanged) {
      await repo.replaceScores(trx, id, []);
      patch.summary = '';
    }
    const updated = await repo.updateOpenEvaluation(trx, id, input.version, patch);
    if (!updated) throw new AppError('conflict.stale_version');
    await repo.replaceAssignees(trx, id, assignees);
    await recordAudit(trx, ctx, now, {
      action: 'evaluation.reassign',
      targetType: 'evaluation',
      targetId: id,
      divisionCode: visible.divisionCode,
      summary: {
        before: {
          templateId: before.templateId,
          evaluatorOrgId: before.evaluatorOrgId,
          assigneeUserIds: current,
          dueOn: before.dueOn,
        },
        after: {
          templateId: patch.templateId ?? before.templateId,
          evaluatorOrgId: patch.evaluatorOrgId ?? before.evaluatorOrgId,
          assigneeUserIds: assignees,
          dueOn: patch.dueOn ?? before.dueOn,
        },
        discardedScores: discarded,
      },
    });
    return getEvaluation(deps, ctx, id, trx);
  });
}

/** An assigned evaluator that may still change the evaluation (403 for readers, 409 once submitted or closed). */
async function requireScorer(trx: Executor, ctx: AuthedContext, id: string) {
  const access = await accessEvaluation(trx, ctx, id);
  if (!access.assigned) throw new AppError('auth.forbidden');
  const project = (await lockProject(trx, access.evaluation.projectId))!;
  if (!isProjectActive(project.status)) throw new AppError('evaluation.project_inactive');
  if (access.evaluation.status === 'submitted') throw new AppError('evaluation.submitted');
  return access;
}

/** Saves the draft as it stands (criteria left out are unscored); each score is between 0 and its weight. */
export async function saveScores(deps: Deps, ctx: AuthedContext, id: string, input: z.infer<typeof saveScoresBody>) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const access = await requireScorer(trx, ctx, id);
    const criteria = new Map((await templates.criteriaOf(trx, [access.evaluation.templateId])).map((c) => [c.id, c]));
    const en = ctx.locale === 'en';
    const issues: Array<{ field: string; code: string; message: string }> = [];
    const seen = new Set<string>();
    input.scores.forEach((s, i) => {
      const criterion = criteria.get(s.criterionId);
      if (!criterion)
        issues.push({
          field: `body.scores.${i}.criterionId`,
          code: 'evaluation.unknown_criterion',
          message: en ? 'not a criterion of this evaluation’s template' : '不是本次评估模板中的评分项',
        });
      else if (seen.has(s.criterionId))
        issues.push({
          field: `body.scores.${i}.criterionId`,
          code: 'evaluation.duplicate_criterion',
          message: en ? 'this criterion is scored twice' : '同一评分项重复打分',
        });
      else if (hundredths(s.score) > hundredths(criterion.weight)) {
        const weight = decimal(criterion.weight);
        issues.push({
          field: `body.scores.${i}.score`,
          code: 'evaluation.score_over_weight',
          message: en
            ? `must be at most ${weight} (the weight of “${criterion.name}”)`
            : `不能超过该项分值 ${weight} 分（${criterion.name}）`,
        });
      }
      seen.add(s.criterionId);
    });
    if (issues.length > 0) throw new AppError('validation.failed', { issues });
    const updated = await repo.updateOpenEvaluation(
      trx,
      id,
      input.version,
      input.summary === undefined ? {} : { summary: input.summary },
    );
    if (!updated) throw new AppError('conflict.stale_version');
    await repo.replaceScores(
      trx,
      id,
      input.scores.map((s) => ({
        evaluationId: id,
        criterionId: s.criterionId,
        score: s.score,
        comment: s.comment,
        evidence: s.evidence,
      })),
    );
    await recordAudit(trx, ctx, now, {
      action: 'evaluation.save_scores',
      targetType: 'evaluation',
      targetId: id,
      divisionCode: access.project.divisionCode,
      summary: { after: { scored: input.scores.length, of: criteria.size } },
    });
    return getEvaluation(deps, ctx, id, trx);
  });
}

/**
 * What has to be put right after an evaluation: every criterion scored below 60 % of its weight; and when the
 * grade is 不合格 although no single criterion is that low (a template with a higher pass mark), the evaluation as
 * a whole. The descriptions are stored in Chinese, the language of the record.
 */
function rectificationsFor(
  kind: EvaluationKind,
  grade: Grade,
  total: number,
  passFrom: number,
  summary: string,
  criteria: templates.CriterionRow[],
  scores: Map<string, { score: string; comment: string }>,
): Array<{ criterionId: string | null; description: string }> {
  const weak = criteria.filter((c) => {
    const s = scores.get(c.id)!;
    return hundredths(s.score) * 100 < hundredths(c.weight) * WEAK_CRITERION_PERCENT;
  });
  const drafts = weak.map((c): { criterionId: string | null; description: string } => {
    const s = scores.get(c.id)!;
    const comment = s.comment.trim() || '（无）';
    return {
      criterionId: c.id,
      description:
        `【${EVALUATION_DIMENSION_NAMES[c.dimension].zh}·${c.name}】${KIND_NAMES[kind]}得分 ${decimal(s.score)} / ` +
        `${decimal(c.weight)} 分，低于该项分值的 ${WEAK_CRITERION_PERCENT}%。评估意见：${comment}`,
    };
  });
  if (grade === 'fail' && drafts.length === 0)
    drafts.push({
      criterionId: null,
      description:
        `【总分】${KIND_NAMES[kind]}总分 ${total} 分，低于合格分数线 ${passFrom} 分（${GRADE_NAMES.fail.zh}）。` +
        `评估总结：${summary.trim() || '（无）'}`,
    });
  return drafts;
}

/**
 * Submits the evaluation: every criterion scored; total = the sum; grade by the template's bands. In the same
 * transaction: the rectification tasks it calls for and, for a final evaluation, the project's final score and
 * grade. Immutable afterwards.
 */
export async function submitEvaluation(deps: Deps, ctx: AuthedContext, id: string, version: number) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const access = await requireScorer(trx, ctx, id);
    const e = access.evaluation;
    const [template, criteria, scoreRows] = await Promise.all([
      templates.findTemplate(trx, e.templateId),
      templates.criteriaOf(trx, [e.templateId]),
      repo.scoresOf(trx, id),
    ]);
    const scores = new Map(scoreRows.map((s) => [s.criterionId, s]));
    const missing = criteria.filter((c) => !scores.has(c.id));
    if (missing.length > 0)
      throw new AppError('evaluation.incomplete', {
        missing: missing.length,
        criterionIds: missing.map((c) => c.id),
      });
    const total = criteria.reduce((sum, c) => sum + hundredths(scores.get(c.id)!.score), 0) / 100;
    const bands = {
      excellentFrom: decimal(template!.excellentFrom),
      goodFrom: decimal(template!.goodFrom),
      passFrom: decimal(template!.passFrom),
    };
    const grade = gradeOf(total, bands);
    const updated = await repo.updateOpenEvaluation(trx, id, version, {
      status: 'submitted',
      totalScore: total,
      grade,
      submittedAt: now,
    });
    if (!updated) throw new AppError('conflict.stale_version');

    const dueOn = addDays(shanghaiDate(now), RECTIFICATION_DAYS);
    const drafts = rectificationsFor(e.kind, grade, total, bands.passFrom, e.summary, criteria, scores);
    const created = await repo.insertRectifications(
      trx,
      drafts.map(({ criterionId, description }) => ({
        projectId: e.projectId,
        evaluationId: id,
        criterionId,
        description,
        reopenReason: null,
        dueOn,
        createdAt: now,
      })),
    );
    if (e.kind === 'final') await repo.setProjectFinalResult(trx, e.projectId, total, grade, now);

    const divisionCode = access.project.divisionCode;
    const audits: AuditEntry[] = [
      {
        action: 'evaluation.submit',
        targetType: 'evaluation',
        targetId: id,
        divisionCode,
        summary: {
          before: { status: 'assigned' },
          after: { status: 'submitted', totalScore: total, grade },
          rectifications: created.length,
        },
      },
      ...created.map(
        (r): AuditEntry => ({
          action: 'rectification.create',
          targetType: 'rectification',
          targetId: r.id,
          divisionCode,
          summary: { after: { evaluationId: id, status: 'open', dueOn } },
        }),
      ),
    ];
    if (e.kind === 'final')
      audits.push({
        action: 'project.final_result',
        targetType: 'project',
        targetId: e.projectId,
        divisionCode,
        summary: {
          before: { finalScore: decimalOrNull(access.project.finalScore), finalGrade: access.project.finalGrade },
          after: { finalScore: total, finalGrade: grade },
          evaluationId: id,
        },
      });
    await recordAudits(trx, ctx, now, audits);
    return getEvaluation(deps, ctx, id, trx);
  });
}

/** Who can be assigned: the active evaluation organizations and their evaluator accounts. */
export function listEvaluators(deps: Deps) {
  return repo.listEvaluatorDirectory(deps.db);
}
