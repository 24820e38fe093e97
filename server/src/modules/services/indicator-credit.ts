import type { ServiceRecordKind } from '../../../../contracts/api/delivery';
import type { IndicatorKind } from '../../../../contracts/projects';

/**
 * How delivery counts toward a project's indicators — the one place the rule is written (the live services and the
 * demo generator both use it):
 * - a case opened under the project adds 1 to its 个案 indicator on the day it is opened;
 * - a completed group session adds 1 to its 小组 indicator, a completed activity session 1 to its 社区活动 indicator;
 * - every completed record adds its participant count (服务人次) to the 服务人次 indicators;
 * - satisfaction is a rate: the share of surveys scoring 4 or 5 among all of the project's surveys so far.
 * A voided record takes back exactly what it added.
 */
export interface IndicatorRef {
  id: string;
  kind: IndicatorKind;
}

export interface Credit {
  indicatorId: string;
  periodEnd: string;
  value: number;
}

const COUNTED_KIND: Partial<Record<ServiceRecordKind, IndicatorKind>> = {
  group_session: 'groups',
  activity: 'activities',
};

/** The count indicator a record of this kind counts toward, if the project has one kind of it. */
export function countIndicatorKind(kind: ServiceRecordKind): IndicatorKind | undefined {
  return COUNTED_KIND[kind];
}

/**
 * The credits of one completed record. `countIndicatorId` is the chosen indicator of the record's count kind
 * (null when the project has none).
 */
export function recordCredits(
  record: { heldOn: string; participantCount: number; countIndicatorId: string | null },
  indicators: readonly IndicatorRef[],
): Credit[] {
  const credits: Credit[] = [];
  if (record.countIndicatorId)
    credits.push({ indicatorId: record.countIndicatorId, periodEnd: record.heldOn, value: 1 });
  if (record.participantCount > 0)
    for (const i of indicators)
      if (i.kind === 'contacts')
        credits.push({ indicatorId: i.id, periodEnd: record.heldOn, value: record.participantCount });
  return credits;
}

/** The credits of a case opened under a project. */
export function caseOpenedCredits(openedOn: string, indicators: readonly IndicatorRef[]): Credit[] {
  return indicators
    .filter((i) => i.kind === 'cases')
    .map((i) => ({ indicatorId: i.id, periodEnd: openedOn, value: 1 }));
}

export const SATISFIED_MIN_SCORE = 4;

/** Satisfied share in percent, two decimals; null without surveys. */
export function satisfactionRate(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const satisfied = scores.filter((s) => s >= SATISFIED_MIN_SCORE).length;
  return Math.round((satisfied / scores.length) * 10_000) / 100;
}

/** Sums credits per indicator and day: the rows indicator_actuals holds for source 'service_record'. */
export function sumCredits(credits: readonly Credit[]): Credit[] {
  const byKey = new Map<string, Credit>();
  for (const c of credits) {
    const key = `${c.indicatorId}|${c.periodEnd}`;
    const seen = byKey.get(key);
    if (seen) seen.value += c.value;
    else byKey.set(key, { ...c });
  }
  return [...byKey.values()];
}
