import { type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { ServiceRecordKind } from '../../../../contracts/api/delivery';
import type { Executor } from '../../db/schema';
import type { Credit } from './indicator-credit';
import type {
  CommunityActivityTable,
  ServiceGroupTable,
  ServiceRecordAttachmentTable,
  ServiceRecordTable,
} from './services.tables';

// ---- indicator day totals ------------------------------------------------------------------------------------------

/**
 * Adds credits to the per-day totals of indicator_actuals (source 'service_record'); negative credits take back
 * what a voided record added. `set` replaces the day's value instead (rates).
 */
export async function applyCredits(
  db: Executor,
  projectId: string,
  credits: readonly Credit[],
  now: Date,
  mode: 'add' | 'set' = 'add',
) {
  // Taking back updates the existing day row: an insert of a negative value would fail the value >= 0 check
  // before ON CONFLICT is considered.
  for (const c of credits.filter((x) => x.value < 0 && mode === 'add'))
    await db
      .updateTable('indicatorActuals')
      .set({ value: sql`value + ${c.value}`, recordedAt: now })
      .where('indicatorId', '=', c.indicatorId)
      .where('periodEnd', '=', c.periodEnd)
      .where('source', '=', 'service_record')
      .execute();
  if (mode === 'add') await addToMonthTotals(db, projectId, credits);
  const added = credits.filter((x) => x.value >= 0 || mode === 'set');
  if (added.length === 0) return;
  await db
    .insertInto('indicatorActuals')
    .values(
      added.map((c) => ({
        indicatorId: c.indicatorId,
        projectId,
        source: 'service_record' as const,
        reportId: null,
        periodEnd: c.periodEnd,
        value: c.value,
        evidence: '',
        recordedAt: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['indicatorId', 'periodEnd'])
        .where('source', '=', 'service_record')
        .doUpdateSet((eb) => ({
          value:
            mode === 'add' ? eb('indicatorActuals.value', '+', eb.ref('excluded.value')) : eb.ref('excluded.value'),
          recordedAt: eb.ref('excluded.recordedAt'),
        })),
    )
    .execute();
}

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/** The month totals move with the day rows (counts only: rates are set, never added). */
async function addToMonthTotals(db: Executor, projectId: string, credits: readonly Credit[]) {
  const byMonth = new Map<string, { indicatorId: string; month: string; value: number }>();
  for (const c of credits) {
    const key = `${c.indicatorId}|${monthOf(c.periodEnd)}`;
    const row = byMonth.get(key) ?? { indicatorId: c.indicatorId, month: monthOf(c.periodEnd), value: 0 };
    row.value += c.value;
    byMonth.set(key, row);
  }
  if (byMonth.size === 0) return;
  await db
    .insertInto('indicatorMonthTotals')
    .values([...byMonth.values()].map((r) => ({ ...r, projectId })))
    .onConflict((oc) =>
      oc
        .columns(['indicatorId', 'month'])
        .doUpdateSet((eb) => ({ value: eb('indicatorMonthTotals.value', '+', eb.ref('excluded.value')) })),
    )
    .execute();
}

/**
 * Rebuilds the month totals of the given projects from their day rows (bulk loads — the demo seed, benchmarks —
 * write day rows directly).
 */
export async function rebuildMonthTotals(db: Executor, projectIds: readonly string[]) {
  if (projectIds.length === 0) return;
  await db
    .deleteFrom('indicatorMonthTotals')
    .where('projectId', 'in', [...projectIds])
    .execute();
  await db
    .insertInto('indicatorMonthTotals')
    .columns(['indicatorId', 'month', 'projectId', 'value'])
    .expression((eb) =>
      eb
        .selectFrom('indicatorActuals as ia')
        .innerJoin('indicators as i', 'i.id', 'ia.indicatorId')
        .select((x) => [
          'ia.indicatorId',
          sql<string>`date_trunc('month', ia.period_end)::date`.as('month'),
          'ia.projectId',
          x.fn.sum<number>('ia.value').as('value'),
        ])
        .where('ia.source', '=', 'service_record')
        .where('i.kind', '<>', 'satisfaction')
        .where('ia.projectId', 'in', [...projectIds])
        .groupBy(['ia.indicatorId', sql`date_trunc('month', ia.period_end)::date`, 'ia.projectId']),
    )
    .execute();
}

/** A project records may be attached to, with its indicators. */
export async function deliveryProject(db: Executor, projectId: string) {
  return db
    .selectFrom('projects')
    .select(['id', 'title', 'status', 'agencyId', 'divisionCode', 'periodFrom', 'periodTo'])
    .where('id', '=', projectId)
    .executeTakeFirst();
}

export async function projectIndicators(db: Executor, projectId: string) {
  return db.selectFrom('indicators').select(['id', 'kind']).where('projectId', '=', projectId).execute();
}

export async function projectSurveyScores(db: Executor, projectId: string, upTo: string) {
  const rows = await db
    .selectFrom('satisfactionSurveys')
    .select('score')
    .where('projectId', '=', projectId)
    .where('surveyedOn', '<=', upTo)
    .execute();
  return rows.map((r) => r.score);
}

export async function insertSurvey(
  db: Executor,
  values: Insertable<import('./services.tables').SatisfactionSurveyTable>,
) {
  return db.insertInto('satisfactionSurveys').values(values).returning('id').executeTakeFirstOrThrow();
}

/** The days after `day` on which the project has surveys (their running rate changes when an earlier one is added). */
export async function laterSurveyDays(db: Executor, projectId: string, day: string) {
  const rows = await db
    .selectFrom('satisfactionSurveys')
    .select('surveyedOn')
    .distinct()
    .where('projectId', '=', projectId)
    .where('surveyedOn', '>', day)
    .orderBy('surveyedOn')
    .execute();
  return rows.map((r) => r.surveyedOn);
}

// ---- workers and beneficiaries ---------------------------------------------------------------------------------------

export async function workersOfAgency(db: Executor, agencyId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('workers')
    .select(['id', 'name', 'userId'])
    .where('agencyId', '=', agencyId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function workerIdOfUser(db: Executor, userId: string) {
  const row = await db.selectFrom('workers').select('id').where('userId', '=', userId).executeTakeFirst();
  return row?.id ?? null;
}

// ---- groups and activities -----------------------------------------------------------------------------------------

/** Which programmes (groups, activities) a caller sees: their agencies' (managers and social workers alike). */
export interface ProgrammeScope {
  agencyIds: readonly string[];
}

const inAgencies = (ids: readonly string[]) => (ids.length > 0 ? [...ids] : ['00000000-0000-0000-0000-000000000000']);

function groupBase(db: Executor) {
  return db
    .selectFrom('serviceGroups as g')
    .innerJoin('organizations as a', 'a.id', 'g.agencyId')
    .leftJoin('projects as p', 'p.id', 'g.projectId')
    .innerJoin('divisions as d', 'd.code', 'g.divisionCode')
    .innerJoin('workers as l', 'l.id', 'g.leaderWorkerId')
    .select((eb) => [
      'g.id',
      'g.agencyId',
      'a.name as agencyName',
      'g.projectId',
      'p.title as projectName',
      'g.name',
      'g.groupType',
      'g.goals',
      'g.plannedSessions',
      'g.divisionCode',
      'd.name as divisionName',
      'g.leaderWorkerId',
      'l.name as leaderName',
      'g.status',
      'g.version',
      'g.createdAt',
      eb
        .selectFrom('groupMembers')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('groupMembers.groupId', '=', 'g.id')
        .where('groupMembers.leftOn', 'is', null)
        .as('memberCount'),
      eb
        .selectFrom('serviceRecords as r')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('r.groupId', '=', 'g.id')
        .where('r.status', '=', 'completed')
        .as('sessionsHeld'),
      eb
        .selectFrom('serviceRecords as r')
        .select((x) => x.fn.coalesce(x.fn.sum<string>('r.participantCount'), sql<string>`0`).as('n'))
        .whereRef('r.groupId', '=', 'g.id')
        .where('r.status', '=', 'completed')
        .as('participantTotal'),
    ]);
}

export type GroupRow = NonNullable<Awaited<ReturnType<typeof findGroupInScope>>>;

export async function findGroupInScope(db: Executor, id: string, scope: ProgrammeScope) {
  return groupBase(db).where('g.id', '=', id).where('g.agencyId', 'in', inAgencies(scope.agencyIds)).executeTakeFirst();
}

export interface ProgrammeFilter {
  status?: 'active' | 'closed';
  projectId?: string;
  q?: string;
  limit: number;
  offset: number;
}

export async function listGroupsInScope(db: Executor, scope: ProgrammeScope, f: ProgrammeFilter) {
  let q = groupBase(db).where('g.agencyId', 'in', inAgencies(scope.agencyIds));
  if (f.status) q = q.where('g.status', '=', f.status);
  if (f.projectId) q = q.where('g.projectId', '=', f.projectId);
  if (f.q) q = q.where('g.name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [rows, total] = await Promise.all([
    q.orderBy('g.createdAt', 'desc').orderBy('g.id').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function insertGroup(db: Executor, values: Insertable<ServiceGroupTable>) {
  return db.insertInto('serviceGroups').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateGroupRow(db: Executor, id: string, version: number, patch: Updateable<ServiceGroupTable>) {
  return db
    .updateTable('serviceGroups')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function lockProgramme(db: Executor, table: 'serviceGroups' | 'communityActivities', id: string) {
  await db.selectFrom(table).select('id').where('id', '=', id).forUpdate().execute();
}

export async function listMembers(db: Executor, groupId: string) {
  return db
    .selectFrom('groupMembers')
    .innerJoin('beneficiaries', 'beneficiaries.id', 'groupMembers.beneficiaryId')
    .select(['groupMembers.beneficiaryId', 'beneficiaries.name', 'groupMembers.joinedOn', 'groupMembers.leftOn'])
    .where('groupMembers.groupId', '=', groupId)
    .orderBy('groupMembers.joinedOn')
    .orderBy('beneficiaries.name')
    .execute();
}

export async function addMembers(db: Executor, groupId: string, beneficiaryIds: readonly string[], on: string) {
  if (beneficiaryIds.length === 0) return;
  await db
    .insertInto('groupMembers')
    .values(beneficiaryIds.map((beneficiaryId) => ({ groupId, beneficiaryId, joinedOn: on, leftOn: null })))
    // Rejoining after leaving: the membership is current again.
    .onConflict((oc) => oc.columns(['groupId', 'beneficiaryId']).doUpdateSet({ leftOn: null }))
    .execute();
}

export async function removeMembers(db: Executor, groupId: string, beneficiaryIds: readonly string[], on: string) {
  if (beneficiaryIds.length === 0) return;
  await db
    .updateTable('groupMembers')
    .set({ leftOn: on })
    .where('groupId', '=', groupId)
    .where('beneficiaryId', 'in', [...beneficiaryIds])
    .where('leftOn', 'is', null)
    .execute();
}

function activityBase(db: Executor) {
  return db
    .selectFrom('communityActivities as c')
    .innerJoin('organizations as a', 'a.id', 'c.agencyId')
    .leftJoin('projects as p', 'p.id', 'c.projectId')
    .innerJoin('divisions as d', 'd.code', 'c.divisionCode')
    .innerJoin('workers as l', 'l.id', 'c.leadWorkerId')
    .select((eb) => [
      'c.id',
      'c.agencyId',
      'a.name as agencyName',
      'c.projectId',
      'p.title as projectName',
      'c.name',
      'c.theme',
      'c.description',
      'c.divisionCode',
      'd.name as divisionName',
      'c.location',
      'c.leadWorkerId',
      'l.name as leadName',
      'c.status',
      'c.version',
      'c.createdAt',
      eb
        .selectFrom('serviceRecords as r')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('r.activityId', '=', 'c.id')
        .where('r.status', '=', 'completed')
        .as('sessionsHeld'),
      eb
        .selectFrom('serviceRecords as r')
        .select((x) => x.fn.coalesce(x.fn.sum<string>('r.participantCount'), sql<string>`0`).as('n'))
        .whereRef('r.activityId', '=', 'c.id')
        .where('r.status', '=', 'completed')
        .as('participantTotal'),
    ]);
}

export type ActivityRow = NonNullable<Awaited<ReturnType<typeof findActivityInScope>>>;

export async function findActivityInScope(db: Executor, id: string, scope: ProgrammeScope) {
  return activityBase(db)
    .where('c.id', '=', id)
    .where('c.agencyId', 'in', inAgencies(scope.agencyIds))
    .executeTakeFirst();
}

export async function listActivitiesInScope(db: Executor, scope: ProgrammeScope, f: ProgrammeFilter) {
  let q = activityBase(db).where('c.agencyId', 'in', inAgencies(scope.agencyIds));
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.projectId) q = q.where('c.projectId', '=', f.projectId);
  if (f.q) q = q.where('c.name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [rows, total] = await Promise.all([
    q.orderBy('c.createdAt', 'desc').orderBy('c.id').limit(f.limit).offset(f.offset).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function insertActivity(db: Executor, values: Insertable<CommunityActivityTable>) {
  return db.insertInto('communityActivities').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateActivityRow(
  db: Executor,
  id: string,
  version: number,
  patch: Updateable<CommunityActivityTable>,
) {
  return db
    .updateTable('communityActivities')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

// ---- service records ---------------------------------------------------------------------------------------------

/**
 * Which records a caller sees. Agency managers: all of their agencies'. Social workers: their agencies' group and
 * activity sessions, and the visits and case sessions they took part in or whose case they work on or supervise
 * (PIPL minimum necessary: not every beneficiary of the agency).
 */
export interface RecordScope {
  managerAgencyIds: readonly string[];
  workerAgencyIds: readonly string[];
  userId: string;
}

function recordBase(db: Executor) {
  return db
    .selectFrom('serviceRecords as r')
    .innerJoin('organizations as a', 'a.id', 'r.agencyId')
    .leftJoin('projects as p', 'p.id', 'r.projectId')
    .leftJoin('cases as c', 'c.id', 'r.caseId')
    .leftJoin('serviceGroups as g', 'g.id', 'r.groupId')
    .leftJoin('communityActivities as act', 'act.id', 'r.activityId')
    .leftJoin('beneficiaries as b', 'b.id', 'r.beneficiaryId')
    .select([
      'r.id',
      'r.kind',
      'r.status',
      'r.agencyId',
      'a.name as agencyName',
      'r.projectId',
      'p.title as projectName',
      'r.caseId',
      'c.code as caseCode',
      'r.groupId',
      'g.name as groupName',
      'r.activityId',
      'act.name as activityName',
      'r.beneficiaryId',
      'b.name as beneficiaryName',
      'r.indicatorId',
      'r.divisionCode',
      'r.scheduledAt',
      'r.heldOn',
      'r.durationMinutes',
      'r.participantCount',
      'r.location',
      'r.content',
      'r.outcome',
      'r.voidReason',
      'r.version',
      'r.createdAt',
    ]);
}

export type ServiceRecordRow = Awaited<ReturnType<typeof listRecordsWhere>>[number];

function inScope(db: Executor, scope: RecordScope) {
  return recordBase(db).where((eb) => {
    const managed = [...scope.managerAgencyIds];
    const worked = [...scope.workerAgencyIds];
    const mine = eb.exists(
      eb
        .selectFrom('serviceRecordWorkers as rw')
        .innerJoin('workers as w', 'w.id', 'rw.workerId')
        .select('rw.recordId')
        .whereRef('rw.recordId', '=', 'r.id')
        .where('w.userId', '=', scope.userId),
    );
    const myCase = eb.exists(
      eb
        .selectFrom('workers as w')
        .select('w.id')
        .where('w.userId', '=', scope.userId)
        .where((inner) =>
          inner.or([
            inner('w.id', '=', inner.ref('c.workerId')),
            inner('w.id', '=', inner.ref('c.supervisorWorkerId')),
          ]),
        ),
    );
    return eb.or([
      managed.length > 0 ? eb('r.agencyId', 'in', managed) : sql<SqlBool>`false`,
      worked.length > 0
        ? eb.and([
            eb('r.agencyId', 'in', worked),
            eb.or([eb('r.kind', 'in', ['group_session', 'activity']), mine, myCase]),
          ])
        : sql<SqlBool>`false`,
    ]);
  });
}

export interface RecordFilter {
  kind?: ServiceRecordKind;
  status?: 'scheduled' | 'completed' | 'voided';
  projectId?: string;
  groupId?: string;
  activityId?: string;
  caseId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

function filtered<Q extends ReturnType<typeof recordBase>>(q: Q, f: Omit<RecordFilter, 'limit' | 'offset'>): Q {
  let out = q;
  if (f.kind) out = out.where('r.kind', '=', f.kind) as Q;
  if (f.status) out = out.where('r.status', '=', f.status) as Q;
  if (f.projectId) out = out.where('r.projectId', '=', f.projectId) as Q;
  if (f.groupId) out = out.where('r.groupId', '=', f.groupId) as Q;
  if (f.activityId) out = out.where('r.activityId', '=', f.activityId) as Q;
  if (f.caseId) out = out.where('r.caseId', '=', f.caseId) as Q;
  if (f.from) out = out.where('r.heldOn', '>=', f.from) as Q;
  if (f.to) out = out.where('r.heldOn', '<=', f.to) as Q;
  return out;
}

async function page(q: ReturnType<typeof recordBase>, f: RecordFilter) {
  const where = filtered(q, f);
  const [rows, total] = await Promise.all([
    where
      .orderBy(sql`coalesce(r.held_on, (r.scheduled_at at time zone 'Asia/Shanghai')::date)`, 'desc')
      .orderBy('r.createdAt', 'desc')
      .orderBy('r.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    where
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function listRecordsInScope(db: Executor, scope: RecordScope, f: RecordFilter) {
  return page(inScope(db, scope), f);
}

/** A project's records, for the purchasing side and evaluators (who see them masked or anonymised). */
export async function listProjectRecords(db: Executor, projectId: string, f: RecordFilter) {
  return page(recordBase(db).where('r.projectId', '=', projectId), f);
}

export async function listRecordsWhere(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return recordBase(db)
    .where('r.id', 'in', [...ids])
    .execute();
}

export async function findRecordInScope(db: Executor, id: string, scope: RecordScope) {
  return inScope(db, scope).where('r.id', '=', id).executeTakeFirst();
}

export async function findRecordByCaseRecord(db: Executor, caseRecordId: string) {
  return db.selectFrom('serviceRecords').selectAll().where('caseRecordId', '=', caseRecordId).executeTakeFirst();
}

export async function lockRecord(db: Executor, id: string) {
  return db.selectFrom('serviceRecords').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertRecord(db: Executor, values: Insertable<ServiceRecordTable>) {
  return db.insertInto('serviceRecords').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateRecordRow(
  db: Executor,
  id: string,
  version: number,
  patch: Updateable<ServiceRecordTable>,
) {
  return db
    .updateTable('serviceRecords')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function insertRecordWorkers(db: Executor, recordId: string, workerIds: readonly string[]) {
  if (workerIds.length === 0) return;
  await db
    .insertInto('serviceRecordWorkers')
    .values([...new Set(workerIds)].map((workerId) => ({ recordId, workerId })))
    .execute();
}

export async function replaceAttendees(
  db: Executor,
  recordId: string,
  rows: readonly { beneficiaryId: string; present: boolean }[],
) {
  await db.deleteFrom('serviceRecordAttendees').where('recordId', '=', recordId).execute();
  if (rows.length > 0)
    await db
      .insertInto('serviceRecordAttendees')
      .values(rows.map((r) => ({ recordId, ...r })))
      .execute();
}

export async function recordDetails(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return { workers: [], attendees: [], attachments: [] };
  const list = [...ids];
  const [workers, attendees, attachments] = await Promise.all([
    db
      .selectFrom('serviceRecordWorkers as rw')
      .innerJoin('workers as w', 'w.id', 'rw.workerId')
      .select(['rw.recordId', 'w.id', 'w.name'])
      .where('rw.recordId', 'in', list)
      .orderBy('w.name')
      .execute(),
    db
      .selectFrom('serviceRecordAttendees as ra')
      .innerJoin('beneficiaries as b', 'b.id', 'ra.beneficiaryId')
      .select(['ra.recordId', 'ra.beneficiaryId', 'b.name', 'ra.present'])
      .where('ra.recordId', 'in', list)
      .orderBy('b.name')
      .execute(),
    db
      .selectFrom('serviceRecordAttachments')
      .select(['recordId', 'id', 'fileName', 'contentType', 'sizeBytes'])
      .where('recordId', 'in', list)
      .orderBy('uploadedAt')
      .execute(),
  ]);
  return { workers, attendees, attachments };
}

export async function insertAttachment(db: Executor, values: Insertable<ServiceRecordAttachmentTable>) {
  return db.insertInto('serviceRecordAttachments').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function findAttachment(db: Executor, recordId: string, id: string) {
  return db
    .selectFrom('serviceRecordAttachments')
    .select(['id', 'fileName', 'contentType', 'content', 'picturedBeneficiaryIds'])
    .where('recordId', '=', recordId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function activeMemberIds(db: Executor, groupId: string) {
  const rows = await db
    .selectFrom('groupMembers')
    .select('beneficiaryId')
    .where('groupId', '=', groupId)
    .where('leftOn', 'is', null)
    .execute();
  return rows.map((r) => r.beneficiaryId);
}

// ---- worker tools ------------------------------------------------------------------------------------------------

export async function myCaseload(db: Executor, userId: string) {
  return db
    .selectFrom('cases')
    .innerJoin('workers as w', 'w.id', 'cases.workerId')
    .innerJoin('beneficiaries as b', 'b.id', 'cases.beneficiaryId')
    .select((eb) => [
      'cases.id',
      'cases.code',
      'b.name as beneficiaryName',
      'cases.stage',
      'cases.stageEnteredAt',
      eb
        .selectFrom('serviceRecords as r')
        .select((x) => x.fn.max('r.heldOn').as('d'))
        .whereRef('r.caseId', '=', 'cases.id')
        .where('r.status', '=', 'completed')
        .as('lastSessionOn'),
    ])
    .where('w.userId', '=', userId)
    .where('cases.stage', '<>', 'closed')
    .orderBy('cases.stageEnteredAt')
    .limit(200)
    .execute();
}

export async function myUpcoming(db: Executor, userId: string, from: Date, to: Date) {
  return recordBase(db)
    .innerJoin('serviceRecordWorkers as rw', 'rw.recordId', 'r.id')
    .innerJoin('workers as w', 'w.id', 'rw.workerId')
    .where('w.userId', '=', userId)
    .where('r.status', '=', 'scheduled')
    .where('r.scheduledAt', '>=', from)
    .where('r.scheduledAt', '<', to)
    .orderBy('r.scheduledAt')
    .limit(200)
    .execute();
}

export async function awaitingMyReview(db: Executor, userId: string) {
  return db
    .selectFrom('caseRecords as cr')
    .innerJoin('cases', 'cases.id', 'cr.caseId')
    .innerJoin('workers as s', 's.id', 'cases.supervisorWorkerId')
    .innerJoin('beneficiaries as b', 'b.id', 'cases.beneficiaryId')
    .innerJoin('users as author', 'author.id', 'cr.authorUserId')
    .select([
      'cases.id as caseId',
      'cases.code as caseCode',
      'b.name as beneficiaryName',
      'cr.id as recordId',
      'cr.kind',
      'cr.submittedAt',
      'author.displayName as authorName',
    ])
    .where('s.userId', '=', userId)
    .where('cr.status', '=', 'submitted')
    .orderBy('cr.submittedAt')
    .limit(200)
    .execute();
}

// ---- dashboard ---------------------------------------------------------------------------------------------------

export interface DashboardScope {
  /** Division prefixes the caller covers (bureau, purchasers); projects whose division starts with one. */
  divisionPrefixes: readonly string[];
  /** Projects the caller's agencies deliver. */
  agencyIds: readonly string[];
}

function scopedProjects(db: Executor, scope: DashboardScope, divisionCode?: string) {
  return db
    .selectFrom('projects')
    .select('projects.id')
    .where((eb) =>
      eb.or([
        ...scope.divisionPrefixes.map((p) => eb('projects.divisionCode', 'like', `${p}%`)),
        ...(scope.agencyIds.length > 0 ? [eb('projects.agencyId', 'in', [...scope.agencyIds])] : []),
        sql<SqlBool>`false`,
      ]),
    )
    .$if(divisionCode !== undefined, (q) => q.where('projects.divisionCode', 'like', `${divisionCode}%`));
}

/**
 * What service records added to the counted indicators over a period, per month, kind and town: whole months from
 * the month totals, the days of partial months at the period's edges from the day rows (never the records).
 */
export async function deliveryTotals(
  db: Executor,
  scope: DashboardScope,
  from: string,
  to: string,
  divisionCode?: string,
) {
  const { firstFull, lastFull } = wholeMonths(from, to);
  const projects = scopedProjects(db, scope, divisionCode);
  const months =
    firstFull <= lastFull
      ? db
          .selectFrom('indicatorMonthTotals as m')
          .innerJoin('indicators as i', 'i.id', 'm.indicatorId')
          .innerJoin('projects as p', 'p.id', 'm.projectId')
          .select((eb) => [
            sql<string>`to_char(m.month, 'YYYY-MM')`.as('month'),
            'i.kind',
            sql<string>`left(p.division_code, 9)`.as('town'),
            eb.fn.sum<string>('m.value').as('total'),
          ])
          .where('m.month', '>=', firstFull)
          .where('m.month', '<=', lastFull)
          .where('i.kind', 'in', ['cases', 'groups', 'activities', 'contacts'])
          .where('m.projectId', 'in', projects)
          .groupBy([sql`to_char(m.month, 'YYYY-MM')`, 'i.kind', sql`left(p.division_code, 9)`])
          .execute()
      : Promise.resolve([]);
  const edges = db
    .selectFrom('indicatorActuals as ia')
    .innerJoin('indicators as i', 'i.id', 'ia.indicatorId')
    .innerJoin('projects as p', 'p.id', 'ia.projectId')
    .select((eb) => [
      sql<string>`to_char(ia.period_end, 'YYYY-MM')`.as('month'),
      'i.kind',
      sql<string>`left(p.division_code, 9)`.as('town'),
      eb.fn.sum<string>('ia.value').as('total'),
    ])
    .where('ia.source', '=', 'service_record')
    .where('i.kind', 'in', ['cases', 'groups', 'activities', 'contacts'])
    .where('ia.periodEnd', '>=', from)
    .where('ia.periodEnd', '<=', to)
    .where((eb) =>
      firstFull <= lastFull
        ? eb.or([eb('ia.periodEnd', '<', firstFull), eb('ia.periodEnd', '>', lastDayOf(lastFull))])
        : sql<SqlBool>`true`,
    )
    .where('ia.projectId', 'in', projects)
    .groupBy([sql`to_char(ia.period_end, 'YYYY-MM')`, 'i.kind', sql`left(p.division_code, 9)`])
    .execute();
  const [a, b] = await Promise.all([months, edges]);
  return [...a, ...b];
}

/** The first and last whole months (first days) inside [from, to]; firstFull > lastFull when there is none. */
export function wholeMonths(from: string, to: string) {
  const firstFull = from.endsWith('-01') ? from : nextMonth(monthOf(from));
  const lastMonth = monthOf(to);
  const lastFull = to === lastDayOf(lastMonth) ? lastMonth : previousMonth(lastMonth);
  return { firstFull, lastFull };
}

function shiftMonth(month: string, by: number) {
  const d = new Date(`${month}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + by);
  return d.toISOString().slice(0, 10);
}
const nextMonth = (month: string) => shiftMonth(month, 1);
const previousMonth = (month: string) => shiftMonth(month, -1);
function lastDayOf(month: string) {
  const d = new Date(`${nextMonth(month)}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

/** Every in-scope project delivering in the period, with each indicator's target and all-time actual. */
export async function projectStandings(
  db: Executor,
  scope: DashboardScope,
  from: string,
  to: string,
  divisionCode?: string,
) {
  return db
    .selectFrom('projects as p')
    .innerJoin('indicators as i', 'i.projectId', 'p.id')
    .select((eb) => [
      'p.id as projectId',
      'p.title as projectName',
      'p.status',
      'i.id as indicatorId',
      'i.kind',
      'i.name',
      'i.target',
      'i.sort',
      eb
        .selectFrom('indicatorActuals as ia')
        .select((x) => x.fn.coalesce(x.fn.sum<string>('ia.value'), sql<string>`0`).as('v'))
        .whereRef('ia.indicatorId', '=', 'i.id')
        .where('i.kind', '<>', 'satisfaction')
        .as('countTotal'),
      eb
        .selectFrom('indicatorActuals as ia')
        .select('ia.value')
        .whereRef('ia.indicatorId', '=', 'i.id')
        .orderBy('ia.periodEnd', 'desc')
        .orderBy('ia.recordedAt', 'desc')
        .limit(1)
        .as('latest'),
    ])
    .where('p.id', 'in', scopedProjects(db, scope, divisionCode))
    .where('p.status', 'in', ['in_service', 'final_review', 'closed'])
    .where('p.periodFrom', '<=', to)
    .where('p.periodTo', '>=', from)
    .orderBy('p.title')
    .orderBy('p.id')
    .orderBy('i.sort')
    .limit(2000)
    .execute();
}
