import type { z } from 'zod';
import type { progressReportBody, setIndicatorsBody } from '../../../../contracts/api/projects';
import { type IndicatorKind, PROJECT_STATUS_NAMES, type ProjectStatus } from '../../../../contracts/projects';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { daysBetween, shanghaiDate } from '../../platform/time';
import { recordAudit } from '../audit/audit.service';
import * as repo from './indicator.repository';
import { decimal } from './money';
import { lockProject, updateProjectRow } from './project.repository';
import { partiesOf, requireProject } from './project.service';

/** Targets are set while the project is being prepared and contracted; once service starts they are the contract's. */
const TARGETS_EDITABLE: readonly ProjectStatus[] = ['draft', 'submitted', 'approved', 'tendering', 'contracted'];
/** Progress is reported while the agency delivers, and for the final review. */
const REPORTING: readonly ProjectStatus[] = ['in_service', 'final_review'];

/** Satisfaction is a rate: its actual is the latest measurement. Everything else is a count that adds up. */
const isRate = (kind: IndicatorKind) => kind === 'satisfaction';

/** Share of the service period elapsed on `today`, 0–1. */
export function elapsedShare(periodFrom: string, periodTo: string, today: string): number {
  const total = daysBetween(periodFrom, periodTo) + 1;
  const done = daysBetween(periodFrom, today) + 1;
  return Math.min(1, Math.max(0, done / total));
}

interface Actual {
  periodEnd: string;
  value: number;
}

/**
 * An indicator's standing: its actual (sum of counts, or the latest rate), progress against the target, where it
 * should be by now if delivery kept pace with the period (a rate is expected at target all along), and the series
 * of cumulative actuals per reporting period.
 */
export function indicatorStanding(kind: IndicatorKind, target: number, actuals: readonly Actual[], elapsed: number) {
  const series: Actual[] = [];
  let running = 0;
  for (const a of actuals) {
    running = isRate(kind) ? a.value : running + a.value;
    const last = series.at(-1);
    if (last?.periodEnd === a.periodEnd) last.value = running;
    else series.push({ periodEnd: a.periodEnd, value: running });
  }
  const actual = Math.round(running * 100) / 100;
  const expectedByNow = isRate(kind) ? target : Math.round(target * elapsed * 100) / 100;
  const shortfall = Math.max(0, Math.round((expectedByNow - actual) * 100) / 100);
  return {
    actual,
    progress: target > 0 ? actual / target : 0,
    expectedByNow,
    shortfall,
    onTrack: actual >= expectedByNow || (isRate(kind) && actuals.length === 0),
    series: series.map((s) => ({ periodEnd: s.periodEnd, actual: Math.round(s.value * 100) / 100 })),
  };
}

export async function indicatorOverview(deps: Deps, ctx: AuthedContext, projectId: string) {
  const project = await requireProject(deps.db, ctx, projectId);
  const parties = partiesOf(ctx, project);
  const [indicators, actuals] = await Promise.all([
    repo.listIndicators(deps.db, projectId),
    repo.listActuals(deps.db, projectId),
  ]);
  const today = shanghaiDate(deps.clock.now());
  const elapsed = elapsedShare(project.periodFrom, project.periodTo, today);
  return {
    elapsed,
    canEdit: parties.has('purchaser') && TARGETS_EDITABLE.includes(project.status),
    canReport: parties.has('agency') && REPORTING.includes(project.status),
    indicators: indicators.map((i) => {
      const target = decimal(i.target);
      const own = actuals.filter((a) => a.indicatorId === i.id);
      const recorded = own.filter((a) => a.source === 'service_record').map((a) => decimal(a.value));
      const fromServiceRecords =
        recorded.length === 0
          ? null
          : isRate(i.kind)
            ? recorded.at(-1)!
            : Math.round(recorded.reduce((s, v) => s + v, 0) * 100) / 100;
      return {
        id: i.id,
        kind: i.kind,
        name: i.name,
        unit: i.unit,
        target,
        fromServiceRecords,
        ...indicatorStanding(
          i.kind,
          target,
          own.map((a) => ({ periodEnd: a.periodEnd, value: decimal(a.value) })),
          elapsed,
        ),
      };
    }),
  };
}

/** Replaces the target list: kept ids are updated, new ones added, missing ones removed unless they have actuals. */
export async function setIndicators(
  deps: Deps,
  ctx: AuthedContext,
  projectId: string,
  input: z.infer<typeof setIndicatorsBody>,
) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await lockProject(trx, projectId);
    const project = await requireProject(trx, ctx, projectId);
    if (!partiesOf(ctx, project).has('purchaser')) throw new AppError('auth.forbidden');
    if (!TARGETS_EDITABLE.includes(project.status)) {
      const names = PROJECT_STATUS_NAMES[project.status];
      throw new AppError('project.targets_fixed', { statusName: names });
    }
    const existing = await repo.listIndicators(trx, projectId);
    const existingIds = new Set(existing.map((i) => i.id));
    input.indicators.forEach((i, index) => {
      if (i.id && !existingIds.has(i.id))
        throw fieldError(`body.indicators.${index}.id`, 'not_found', '指标不存在', 'no such indicator', ctx.locale);
      if (i.kind === 'satisfaction' && i.target > 100)
        throw fieldError(
          `body.indicators.${index}.target`,
          'range',
          '满意度目标不能超过 100%',
          'a satisfaction target cannot exceed 100%',
          ctx.locale,
        );
    });
    const kept = new Set(input.indicators.flatMap((i) => (i.id ? [i.id] : [])));
    const removed = existing.filter((i) => !kept.has(i.id)).map((i) => i.id);
    const reported = await repo.indicatorsWithActuals(trx, removed);
    if (reported.size > 0) throw new AppError('project.indicator_has_actuals');
    await repo.deleteIndicators(trx, projectId, removed);
    for (const [sort, i] of input.indicators.entries()) {
      const values = { kind: i.kind, name: i.name, unit: i.unit, target: i.target, sort };
      if (i.id) await repo.updateIndicator(trx, projectId, i.id, values);
      else await repo.insertIndicator(trx, { projectId, ...values, createdAt: now });
    }
    const updated = await updateProjectRow(trx, projectId, input.version, { updatedAt: now });
    if (!updated) throw new AppError('conflict.stale_version');
    await recordAudit(trx, ctx, now, {
      action: 'project.indicators_set',
      targetType: 'project',
      targetId: projectId,
      divisionCode: project.divisionCode,
      summary: {
        after: input.indicators.map((i) => ({ kind: i.kind, name: i.name, target: i.target })),
        removed: removed.length,
      },
    });
  });
  return indicatorOverview(deps, ctx, projectId);
}

/**
 * A periodic progress report from the contracted agency: one value per indicator for the period (the number
 * delivered in it; for satisfaction the rate measured), with evidence. Service records add to the same indicators
 * automatically (services/indicator-credit.ts); a report carries what was delivered outside the system.
 */
export async function submitProgressReport(
  deps: Deps,
  ctx: AuthedContext,
  projectId: string,
  input: z.infer<typeof progressReportBody>,
) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, ctx, projectId);
    if (!partiesOf(ctx, project).has('agency')) throw new AppError('auth.forbidden');
    if (!REPORTING.includes(project.status)) {
      const names = PROJECT_STATUS_NAMES[project.status];
      throw new AppError('project.not_reporting', { statusName: names });
    }
    if (input.periodEnd > shanghaiDate(now))
      throw fieldError('body.periodEnd', 'date.future', '报告期不能晚于今天', 'cannot be in the future', ctx.locale);
    if (input.periodEnd < project.periodFrom)
      throw fieldError(
        'body.periodEnd',
        'date.order',
        '报告期不能早于服务期开始',
        'cannot be before the service period',
        ctx.locale,
      );
    const indicators = new Map((await repo.listIndicators(trx, projectId)).map((i) => [i.id, i]));
    const seen = new Set<string>();
    input.values.forEach((v, index) => {
      const indicator = indicators.get(v.indicatorId);
      if (!indicator || seen.has(v.indicatorId))
        throw fieldError(
          `body.values.${index}.indicatorId`,
          indicator ? 'duplicate' : 'not_found',
          indicator ? '同一指标只能填写一次' : '该项目没有这个指标',
          indicator ? 'each indicator once' : 'no such indicator on this project',
          ctx.locale,
        );
      seen.add(v.indicatorId);
      if (indicator.kind === 'satisfaction' && v.value > 100)
        throw fieldError(`body.values.${index}.value`, 'range', '满意度不能超过 100%', 'at most 100%', ctx.locale);
    });
    const { id: reportId } = await repo.insertProgressReport(trx, {
      projectId,
      periodEnd: input.periodEnd,
      summary: input.summary,
      submittedBy: ctx.actor.userId,
      submittedAt: now,
    });
    await repo.insertActuals(
      trx,
      input.values.map((v) => ({
        indicatorId: v.indicatorId,
        projectId,
        source: 'report' as const,
        reportId,
        periodEnd: input.periodEnd,
        value: v.value,
        evidence: v.evidence,
        recordedAt: now,
      })),
    );
    await recordAudit(trx, ctx, now, {
      action: 'project.progress_report',
      targetType: 'project',
      targetId: projectId,
      divisionCode: project.divisionCode,
      summary: { after: { reportId, periodEnd: input.periodEnd, values: input.values.length } },
    });
  });
  return indicatorOverview(deps, ctx, projectId);
}

export async function listProgressReports(deps: Deps, ctx: AuthedContext, projectId: string) {
  await requireProject(deps.db, ctx, projectId);
  const { reports, values } = await repo.listProgressReports(deps.db, projectId);
  return reports.map((r) => ({
    ...r,
    submittedAt: r.submittedAt.toISOString(),
    values: values
      .filter((v) => v.reportId === r.id)
      .map((v) => ({ indicatorId: v.indicatorId, name: v.name, value: decimal(v.value), evidence: v.evidence })),
  }));
}
