import type { z } from 'zod';
import type { recordPaymentBody, setMilestonesBody } from '../../../../contracts/api/projects';
import {
  type EvaluationKind,
  MILESTONE_TRIGGER_NAMES,
  type MilestoneTrigger,
  milestoneAmountFen,
  type ProjectStatus,
} from '../../../../contracts/projects';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { shanghaiDate } from '../../platform/time';
import { recordAudit } from '../audit/audit.service';
import { decimal, decimalOrNull, fen, fenOrNull } from './money';
import * as repo from './payment.repository';
import { lockProject, updateProjectRow } from './project.repository';
import { partiesOf, requireProject } from './project.service';

/** Payments are made against a signed contract, until the project is closed. */
const PAYABLE: readonly ProjectStatus[] = ['contracted', 'in_service', 'final_review', 'closed'];
const SIGNED: readonly ProjectStatus[] = PAYABLE;

const yuan = (f: number) => (f / 100).toFixed(2);

export type MilestoneState = 'pending' | 'due' | 'withheld' | 'paid';

interface StateInput {
  trigger: MilestoneTrigger;
  minScore: number | null;
  dueOn: string | null;
  amountFen: number | null;
  paidFen: number;
  contractSigned: boolean;
  /** Submitted evaluation per kind: its total and its template's pass mark. */
  evaluations: Partial<Record<EvaluationKind, { score: number; passFrom: number }>>;
  today: string;
}

/**
 * A milestone's state, derived from what happened rather than stored: paid once payments cover it; otherwise due
 * when its event has happened (contract signed; a mid-term or final grade at or above its mark — grades drive
 * payment release; a manual milestone on its date), withheld when the grade came in below the mark.
 */
export function milestoneState(m: StateInput): MilestoneState {
  if (m.amountFen !== null && m.paidFen >= m.amountFen) return 'paid';
  if (!m.contractSigned) return 'pending';
  switch (m.trigger) {
    case 'contract_signed':
      return 'due';
    case 'manual':
      return m.dueOn === null || m.dueOn <= m.today ? 'due' : 'pending';
    case 'midterm_grade':
    case 'final_grade': {
      const evaluation = m.evaluations[m.trigger === 'midterm_grade' ? 'midterm' : 'final'];
      if (!evaluation) return 'pending';
      return evaluation.score >= (m.minScore ?? evaluation.passFrom) ? 'due' : 'withheld';
    }
  }
}

async function loadFinance(deps: Deps, ctx: AuthedContext, projectId: string, db = deps.db) {
  const project = await requireProject(db, ctx, projectId);
  const [milestones, payments, evaluations] = await Promise.all([
    repo.listMilestones(db, projectId),
    repo.listPayments(db, projectId),
    repo.submittedEvaluationScores(db, projectId),
  ]);
  const contractAmountFen = fenOrNull(project.contractAmountFen);
  const scores: StateInput['evaluations'] = {};
  for (const e of evaluations)
    if (e.totalScore !== null) scores[e.kind] = { score: decimal(e.totalScore), passFrom: decimal(e.passFrom) };
  const paidBy = new Map<string, number>();
  let paidFen = 0;
  for (const p of payments) {
    paidFen += fen(p.amountFen);
    if (p.milestoneId) paidBy.set(p.milestoneId, (paidBy.get(p.milestoneId) ?? 0) + fen(p.amountFen));
  }
  const today = shanghaiDate(deps.clock.now());
  const views = milestones.map((m) => {
    const amountFen = contractAmountFen === null ? null : milestoneAmountFen(contractAmountFen, m.percentBp);
    const minScore = decimalOrNull(m.minScore);
    const milestonePaid = paidBy.get(m.id) ?? 0;
    return {
      id: m.id,
      name: m.name,
      percentBp: m.percentBp,
      trigger: m.trigger,
      minScore,
      dueOn: m.dueOn,
      amountFen,
      paidFen: milestonePaid,
      state: milestoneState({
        trigger: m.trigger,
        minScore,
        dueOn: m.dueOn,
        amountFen,
        paidFen: milestonePaid,
        contractSigned: SIGNED.includes(project.status),
        evaluations: scores,
        today,
      }),
    };
  });
  return { project, contractAmountFen, paidFen, milestones: views, payments };
}

export async function financeOverview(deps: Deps, ctx: AuthedContext, projectId: string) {
  const f = await loadFinance(deps, ctx, projectId);
  const purchasing = partiesOf(ctx, f.project).has('purchaser');
  return {
    contractAmountFen: f.contractAmountFen,
    paidFen: f.paidFen,
    remainingFen: f.contractAmountFen === null ? null : f.contractAmountFen - f.paidFen,
    canEdit: purchasing && f.project.status !== 'closed' && f.project.status !== 'terminated',
    canPay: purchasing && PAYABLE.includes(f.project.status) && f.project.status !== 'closed',
    milestones: f.milestones,
    payments: f.payments.map((p) => ({
      ...p,
      amountFen: fen(p.amountFen),
      recordedAt: p.recordedAt.toISOString(),
    })),
  };
}

/** The payment schedule: shares of the contract tied to events; together at most 100 %. */
export async function setMilestones(
  deps: Deps,
  ctx: AuthedContext,
  projectId: string,
  input: z.infer<typeof setMilestonesBody>,
) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await lockProject(trx, projectId);
    const f = await loadFinance(deps, ctx, projectId, trx);
    if (!partiesOf(ctx, f.project).has('purchaser')) throw new AppError('auth.forbidden');
    const totalBp = input.milestones.reduce((sum, m) => sum + m.percentBp, 0);
    if (totalBp > 10_000) throw new AppError('project.milestones_over_100', { percent: totalBp / 100 });
    const existing = new Map(f.milestones.map((m) => [m.id, m]));
    input.milestones.forEach((m, index) => {
      if (m.id && !existing.has(m.id))
        throw fieldError(`body.milestones.${index}.id`, 'not_found', '付款节点不存在', 'no such milestone', ctx.locale);
      if (m.minScore !== null && m.trigger !== 'midterm_grade' && m.trigger !== 'final_grade')
        throw fieldError(
          `body.milestones.${index}.minScore`,
          'not_applicable',
          `“${MILESTONE_TRIGGER_NAMES[m.trigger].zh}”类节点不设分数线`,
          'a score threshold applies to grade milestones only',
          ctx.locale,
        );
      const before = m.id ? existing.get(m.id) : undefined;
      if (before && before.paidFen > 0 && before.percentBp !== m.percentBp)
        throw new AppError('project.milestone_has_payments');
    });
    const kept = new Set(input.milestones.flatMap((m) => (m.id ? [m.id] : [])));
    const removed = f.milestones.filter((m) => !kept.has(m.id));
    if (removed.some((m) => m.paidFen > 0)) throw new AppError('project.milestone_has_payments');
    await repo.deleteMilestones(
      trx,
      projectId,
      removed.map((m) => m.id),
    );
    for (const [sort, m] of input.milestones.entries()) {
      const values = {
        name: m.name,
        percentBp: m.percentBp,
        trigger: m.trigger,
        minScore: m.minScore,
        dueOn: m.dueOn,
        sort,
      };
      if (m.id) await repo.updateMilestone(trx, projectId, m.id, values);
      else await repo.insertMilestone(trx, { projectId, ...values });
    }
    const updated = await updateProjectRow(trx, projectId, input.version, { updatedAt: now });
    if (!updated) throw new AppError('conflict.stale_version');
    await recordAudit(trx, ctx, now, {
      action: 'project.milestones_set',
      targetType: 'project',
      targetId: projectId,
      divisionCode: f.project.divisionCode,
      summary: { after: input.milestones.map((m) => ({ name: m.name, percentBp: m.percentBp, trigger: m.trigger })) },
    });
  });
  return financeOverview(deps, ctx, projectId);
}

/**
 * Records a payment. The project row is locked first, so that two payments recorded at the same moment are
 * checked one after the other: neither a milestone nor the contract can ever be overpaid.
 */
export async function recordPayment(
  deps: Deps,
  ctx: AuthedContext,
  projectId: string,
  input: z.infer<typeof recordPaymentBody>,
) {
  const now = deps.clock.now();
  if (input.paidOn > shanghaiDate(now))
    throw fieldError('body.paidOn', 'date.future', '付款日期不能晚于今天', 'cannot be in the future', ctx.locale);
  await deps.db.transaction().execute(async (trx) => {
    await lockProject(trx, projectId);
    const f = await loadFinance(deps, ctx, projectId, trx);
    if (!partiesOf(ctx, f.project).has('purchaser')) throw new AppError('auth.forbidden');
    if (f.contractAmountFen === null || !PAYABLE.includes(f.project.status) || f.project.status === 'closed')
      throw new AppError('project.no_contract');
    const remaining = f.contractAmountFen - f.paidFen;
    if (input.amountFen > remaining)
      throw new AppError('project.over_budget', {
        amountYuan: yuan(input.amountFen),
        limitName: { zh: '合同未付余额', en: 'unpaid contract balance' },
        limitYuan: yuan(remaining),
      });
    if (input.milestoneId) {
      const milestone = f.milestones.find((m) => m.id === input.milestoneId);
      if (!milestone)
        throw fieldError('body.milestoneId', 'not_found', '付款节点不存在', 'no such milestone', ctx.locale);
      if (milestone.state !== 'due') {
        const names = {
          pending: { zh: '未到付款条件', en: 'pending' },
          withheld: { zh: '因评估未达标暂缓', en: 'withheld' },
          paid: { zh: '已付清', en: 'paid' },
        } as const;
        throw new AppError('project.milestone_not_due', { name: milestone.name, statusName: names[milestone.state] });
      }
      const left = (milestone.amountFen ?? 0) - milestone.paidFen;
      if (input.amountFen > left)
        throw new AppError('project.over_budget', {
          amountYuan: yuan(input.amountFen),
          limitName: {
            zh: `付款节点“${milestone.name}”的未付金额`,
            en: `unpaid amount of milestone "${milestone.name}"`,
          },
          limitYuan: yuan(left),
        });
    }
    const { id } = await repo.insertPayment(trx, {
      projectId,
      milestoneId: input.milestoneId,
      amountFen: input.amountFen,
      paidOn: input.paidOn,
      reference: input.reference,
      recordedBy: ctx.actor.userId,
      recordedAt: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'project.payment',
      targetType: 'project',
      targetId: projectId,
      divisionCode: f.project.divisionCode,
      summary: { after: { paymentId: id, amountFen: input.amountFen, milestoneId: input.milestoneId } },
    });
  });
  return financeOverview(deps, ctx, projectId);
}
