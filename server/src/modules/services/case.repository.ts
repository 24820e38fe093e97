import { type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { CaseStage, RecordKind } from '../../../../contracts/api/cases';
import type { Executor } from '../../db/schema';
import type { CaseRecordTable, CaseStageHistoryTable, CaseTable } from './services.tables';

/** Who sees a case: managers see their agencies' cases; social workers the cases they work on or supervise. */
export interface CaseScope {
  agencyIds: readonly string[];
  userId: string;
  asWorker: boolean;
}

function base(db: Executor) {
  return db
    .selectFrom('cases')
    .innerJoin('beneficiaries', 'beneficiaries.id', 'cases.beneficiaryId')
    .innerJoin('workers as w', 'w.id', 'cases.workerId')
    .innerJoin('workers as s', 's.id', 'cases.supervisorWorkerId')
    .select([
      'cases.id',
      'cases.code',
      'cases.beneficiaryId',
      'beneficiaries.name as beneficiaryName',
      'beneficiaries.divisionCode',
      'cases.agencyId',
      'cases.projectId',
      'cases.workerId',
      'w.name as workerName',
      'w.userId as workerUserId',
      'cases.supervisorWorkerId',
      's.name as supervisorName',
      's.userId as supervisorUserId',
      'cases.stage',
      'cases.stageEnteredAt',
      'cases.intakeSource',
      'cases.openedOn',
      'cases.closedOn',
      'cases.closingReason',
      'cases.version',
      'cases.createdAt',
      'cases.updatedAt',
    ]);
}

function visible(db: Executor, scope: CaseScope) {
  return base(db).where((eb) => {
    const agencies = [...scope.agencyIds];
    return eb.or([
      agencies.length > 0 ? eb('cases.agencyId', 'in', agencies) : sql<SqlBool>`false`,
      scope.asWorker
        ? eb.or([eb('w.userId', '=', scope.userId), eb('s.userId', '=', scope.userId)])
        : sql<SqlBool>`false`,
    ]);
  });
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseInScope>>>;

export async function findCaseInScope(db: Executor, id: string, scope: CaseScope) {
  return visible(db, scope).where('cases.id', '=', id).executeTakeFirst();
}

export async function listCasesInScope(
  db: Executor,
  scope: CaseScope,
  filter: { stage?: CaseStage; beneficiaryId?: string; limit: number; offset: number },
) {
  let q = visible(db, scope);
  if (filter.stage) q = q.where('cases.stage', '=', filter.stage);
  if (filter.beneficiaryId) q = q.where('cases.beneficiaryId', '=', filter.beneficiaryId);
  const rows = await q
    .orderBy('cases.updatedAt', 'desc')
    .orderBy('cases.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

export async function lockCase(db: Executor, id: string) {
  await db.selectFrom('cases').select('id').where('id', '=', id).forUpdate().execute();
}

/** The next number of the year, under the counter row's lock. */
export async function nextCaseNumber(db: Executor, year: number) {
  const row = await db
    .insertInto('caseCodeCounters')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last: eb('caseCodeCounters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export async function insertCase(db: Executor, values: Insertable<CaseTable>) {
  return db.insertInto('cases').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateCaseRow(db: Executor, id: string, version: number, patch: Updateable<CaseTable>) {
  const res = await db
    .updateTable('cases')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function workersOfAgency(db: Executor, agencyId: string, ids: readonly string[]) {
  return db
    .selectFrom('workers')
    .select(['id', 'userId'])
    .where('agencyId', '=', agencyId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function projectOfAgency(db: Executor, projectId: string, agencyId: string) {
  return db
    .selectFrom('projects')
    .select(['id', 'status'])
    .where('id', '=', projectId)
    .where('agencyId', '=', agencyId)
    .executeTakeFirst();
}

const recordColumns = [
  'caseRecords.id',
  'caseRecords.caseId',
  'caseRecords.stage',
  'caseRecords.kind',
  'caseRecords.content',
  'caseRecords.status',
  'caseRecords.authorUserId',
  'caseRecords.submittedAt',
  'caseRecords.reviewedBy',
  'caseRecords.reviewedAt',
  'caseRecords.reviewComment',
  'caseRecords.amendsRecordId',
  'caseRecords.createdAt',
  'caseRecords.updatedAt',
] as const;

export type CaseRecordRow = NonNullable<Awaited<ReturnType<typeof findRecord>>>;

export async function findRecord(db: Executor, caseId: string, recordId: string) {
  return db
    .selectFrom('caseRecords')
    .select(recordColumns)
    .where('caseId', '=', caseId)
    .where('id', '=', recordId)
    .executeTakeFirst();
}

export async function listRecords(db: Executor, caseId: string) {
  return db
    .selectFrom('caseRecords')
    .select(recordColumns)
    .where('caseId', '=', caseId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function insertRecord(db: Executor, values: Insertable<CaseRecordTable>) {
  return db.insertInto('caseRecords').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateRecord(db: Executor, id: string, patch: Updateable<CaseRecordTable>) {
  await db.updateTable('caseRecords').set(patch).where('id', '=', id).execute();
}

/** Approved records of a kind written since the case entered its current stage. */
export async function approvedSince(db: Executor, caseId: string, kind: RecordKind, since: Date) {
  return db
    .selectFrom('caseRecords')
    .select(recordColumns)
    .where('caseId', '=', caseId)
    .where('kind', '=', kind)
    .where('status', '=', 'approved')
    .where('createdAt', '>=', since)
    .orderBy('reviewedAt', 'desc')
    .orderBy('createdAt', 'desc')
    .execute();
}

export async function insertStageHistory(db: Executor, values: Insertable<CaseStageHistoryTable>) {
  await db.insertInto('caseStageHistory').values(values).execute();
}

export async function listStageHistory(db: Executor, caseId: string) {
  return db
    .selectFrom('caseStageHistory')
    .leftJoin('users', 'users.id', 'caseStageHistory.actorUserId')
    .select([
      'caseStageHistory.fromStage',
      'caseStageHistory.toStage',
      'caseStageHistory.action',
      'caseStageHistory.reason',
      'users.displayName as actorName',
      'caseStageHistory.at',
    ])
    .where('caseStageHistory.caseId', '=', caseId)
    .orderBy('caseStageHistory.id')
    .execute();
}
