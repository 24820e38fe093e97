import type { Insertable } from 'kysely';
import type { Executor } from '../../db/schema';
import type { IndicatorActualTable, IndicatorTable, ProgressReportTable } from './project.tables';

export async function listIndicators(db: Executor, projectId: string) {
  return db
    .selectFrom('indicators')
    .select(['id', 'kind', 'name', 'unit', 'target', 'sort'])
    .where('projectId', '=', projectId)
    .orderBy('sort')
    .orderBy('createdAt')
    .execute();
}

/** Every actual of a project's indicators in period order: the series and the totals are computed from them. */
export async function listActuals(db: Executor, projectId: string) {
  return db
    .selectFrom('indicatorActuals')
    .select(['indicatorId', 'periodEnd', 'value', 'recordedAt', 'source'])
    .where('projectId', '=', projectId)
    .orderBy('periodEnd')
    .orderBy('recordedAt')
    .execute();
}

export async function indicatorsWithActuals(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('indicatorActuals')
    .select('indicatorId')
    .distinct()
    .where('indicatorId', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.indicatorId));
}

export async function deleteIndicators(db: Executor, projectId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db
    .deleteFrom('indicators')
    .where('projectId', '=', projectId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertIndicator(db: Executor, values: Insertable<IndicatorTable>) {
  await db.insertInto('indicators').values(values).execute();
}

export async function updateIndicator(
  db: Executor,
  projectId: string,
  id: string,
  values: { kind: IndicatorTable['kind']; name: string; unit: string; target: number; sort: number },
) {
  await db.updateTable('indicators').set(values).where('projectId', '=', projectId).where('id', '=', id).execute();
}

export async function insertProgressReport(db: Executor, values: Insertable<ProgressReportTable>) {
  return db.insertInto('progressReports').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function insertActuals(db: Executor, rows: Insertable<IndicatorActualTable>[]) {
  if (rows.length > 0) await db.insertInto('indicatorActuals').values(rows).execute();
}

export async function listProgressReports(db: Executor, projectId: string) {
  const [reports, values] = await Promise.all([
    db
      .selectFrom('progressReports')
      .leftJoin('users', 'users.id', 'progressReports.submittedBy')
      .select([
        'progressReports.id',
        'progressReports.periodEnd',
        'progressReports.summary',
        'users.username as submittedBy',
        'progressReports.submittedAt',
      ])
      .where('progressReports.projectId', '=', projectId)
      .orderBy('progressReports.periodEnd', 'desc')
      .orderBy('progressReports.submittedAt', 'desc')
      .execute(),
    db
      .selectFrom('indicatorActuals')
      .innerJoin('indicators', 'indicators.id', 'indicatorActuals.indicatorId')
      .select([
        'indicatorActuals.reportId',
        'indicatorActuals.indicatorId',
        'indicators.name',
        'indicatorActuals.value',
        'indicatorActuals.evidence',
      ])
      .where('indicatorActuals.projectId', '=', projectId)
      .where('indicatorActuals.reportId', 'is not', null)
      .orderBy('indicators.sort')
      .execute(),
  ]);
  return { reports, values };
}
