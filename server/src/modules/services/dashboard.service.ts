import type { z } from 'zod';
import type { dashboardQuery, deliveryDashboard, myWork } from '../../../../contracts/api/delivery';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { divisionPrefixes } from '../../platform/scope';
import { addDays, shanghaiDate } from '../../platform/time';
import { divisionNames } from '../divisions/division.service';
import { decimal } from '../projects/money';
import * as repo from './delivery.repository';

/**
 * District-wide delivery data: what service records added to the indicators, per month, per town and per project.
 * The bureau and purchasers see the projects in their divisions, agency managers the projects they deliver —
 * aggregates only, never a person.
 */
export async function deliveryDashboardFor(
  deps: Deps,
  ctx: AuthedContext,
  query: z.infer<typeof dashboardQuery>,
): Promise<z.infer<typeof deliveryDashboard>> {
  const today = shanghaiDate(deps.clock.now());
  const to = query.to ?? today;
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to)
    throw fieldError(
      'query.from',
      'date.order',
      '开始日期不能晚于结束日期',
      'must not be after the end date',
      ctx.locale,
    );
  const scope: repo.DashboardScope = {
    divisionPrefixes: divisionPrefixes(ctx.actor, ['bureau_admin', 'purchaser']),
    agencyIds: ctx.actor.memberships.filter((m) => m.role === 'agency_manager').map((m) => m.organizationId),
  };
  if (scope.divisionPrefixes.length === 0 && scope.agencyIds.length === 0) throw new AppError('auth.forbidden');
  const [totals, standings] = await Promise.all([
    repo.deliveryTotals(deps.db, scope, from, to, query.divisionCode),
    repo.projectStandings(deps.db, scope, from, to, query.divisionCode),
  ]);
  type Counted = 'cases' | 'groups' | 'activities' | 'contacts';
  const byMonth = new Map<string, { month: string } & Record<Counted, number>>();
  const contactsByTown = new Map<string, number>();
  for (const m of totals) {
    const row = byMonth.get(m.month) ?? { month: m.month, cases: 0, groups: 0, activities: 0, contacts: 0 };
    row[m.kind as Counted] += decimal(m.total);
    byMonth.set(m.month, row);
    if (m.kind === 'contacts') contactsByTown.set(m.town, (contactsByTown.get(m.town) ?? 0) + decimal(m.total));
  }
  const towns = [...contactsByTown].map(([town, total]) => ({ town, total }));
  const series = [...byMonth.values()];
  const sum = (k: 'cases' | 'groups' | 'activities' | 'contacts') => series.reduce((s, m) => s + m[k], 0);
  const names = await divisionNames(
    deps.db,
    towns.map((t) => t.town),
  );
  const projects = new Map<
    string,
    {
      projectId: string;
      name: string;
      status: string;
      indicators: { kind: string; name: string; target: number; actual: number }[];
    }
  >();
  const rates: number[] = [];
  for (const s of standings) {
    const p = projects.get(s.projectId) ?? {
      projectId: s.projectId,
      name: s.projectName,
      status: s.status,
      indicators: [],
    };
    const actual = s.kind === 'satisfaction' ? decimal(s.latest ?? '0') : decimal(s.countTotal ?? '0');
    if (s.kind === 'satisfaction' && s.latest !== null) rates.push(actual);
    p.indicators.push({ kind: s.kind, name: s.name, target: decimal(s.target), actual });
    projects.set(s.projectId, p);
  }
  return {
    from,
    to,
    totals: {
      cases: sum('cases'),
      groups: sum('groups'),
      activities: sum('activities'),
      contacts: sum('contacts'),
      satisfaction: rates.length > 0 ? Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 100) / 100 : null,
    },
    byMonth: series,
    byTown: towns
      .map((t) => ({ divisionCode: t.town, divisionName: names.get(t.town) ?? t.town, contacts: t.total }))
      .sort((a, b) => a.divisionCode.localeCompare(b.divisionCode)),
    projects: [...projects.values()],
  };
}

/** A social worker's day: open cases, sessions coming up in the next 14 days, records waiting for their review. */
export async function myWorkFor(deps: Deps, ctx: AuthedContext): Promise<z.infer<typeof myWork>> {
  const now = deps.clock.now();
  const startOfToday = new Date(`${shanghaiDate(now)}T00:00:00+08:00`);
  const end = new Date(`${addDays(shanghaiDate(now), 14)}T00:00:00+08:00`);
  const [caseload, upcoming, awaiting] = await Promise.all([
    repo.myCaseload(deps.db, ctx.actor.userId),
    repo.myUpcoming(deps.db, ctx.actor.userId, startOfToday, end),
    repo.awaitingMyReview(deps.db, ctx.actor.userId),
  ]);
  return {
    caseload: caseload.map((c) => ({
      id: c.id,
      code: c.code,
      beneficiaryName: c.beneficiaryName,
      stage: c.stage,
      stageEnteredAt: c.stageEnteredAt.toISOString(),
      lastSessionOn: c.lastSessionOn ?? null,
    })),
    upcoming: upcoming.map((r) => ({
      id: r.id,
      kind: r.kind,
      subject: r.groupName ?? r.activityName ?? [r.caseCode, r.beneficiaryName].filter(Boolean).join(' · '),
      scheduledAt: r.scheduledAt!.toISOString(),
      location: r.location,
      version: r.version,
    })),
    awaitingReview: awaiting.map((a) => ({
      ...a,
      submittedAt: a.submittedAt!.toISOString(),
    })),
  };
}
