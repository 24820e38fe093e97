import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { CredentialLevel } from '../../../../contracts/taxonomy';
import type { DB, Executor } from '../../db/schema';
import { divisionPrefixFilter, servesWithin } from '../../db/scope-sql';
import type {
  CeRecordTable,
  WorkerCredentialTable,
  WorkerEmploymentTable,
  WorkerPhotoTable,
  WorkerRegistrationTable,
  WorkerTable,
} from './worker.tables';

/**
 * Who may see which workers. A district-wide scope sees all; otherwise a worker is visible through their own
 * division, their agency's division or service area (division-scoped roles), their agency (agency staff), or
 * being the caller themselves.
 */
export interface WorkerScope {
  all: boolean;
  divisionPrefixes: readonly string[];
  agencyIds: readonly string[];
  selfUserId: string | null;
}

function scopeFilter(eb: ExpressionBuilder<DB, 'workers'>, scope: WorkerScope): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  const ors: Expression<SqlBool>[] = [
    divisionPrefixFilter(eb, eb.ref('workers.divisionCode'), scope.divisionPrefixes),
    servesWithin(eb.ref('workers.agencyId'), scope.divisionPrefixes),
  ];
  if (scope.divisionPrefixes.length > 0) {
    ors.push(
      eb.exists(
        eb
          .selectFrom('organizations as agency')
          .select('agency.id')
          .whereRef('agency.id', '=', 'workers.agencyId')
          .where((e) => divisionPrefixFilter(e, e.ref('agency.divisionCode'), scope.divisionPrefixes)),
      ),
    );
  }
  if (scope.agencyIds.length > 0) ors.push(eb('workers.agencyId', 'in', [...scope.agencyIds]));
  if (scope.selfUserId) ors.push(eb('workers.userId', '=', scope.selfUserId));
  return eb.or(ors);
}

const summaryColumns = [
  'workers.id',
  'workers.name',
  'workers.gender',
  'workers.birthDate',
  'workers.idNumberMasked',
  'workers.mobileMasked',
  'workers.agencyId',
  'agencies.name as agencyName',
  'workers.divisionCode',
  'divisions.name as divisionName',
  'workers.specialties',
  'workers.languages',
  'workers.availability',
  'workers.credentialLevel',
  'workers.periodFrom',
  'workers.periodTo',
  'workers.ceMinutesInPeriod',
  'workers.ceRequiredMinutes',
  'workers.version',
] as const;

/** Workers within a scope, with their agency and division joined. */
export function visible(db: Executor, scope: WorkerScope) {
  return db
    .selectFrom('workers')
    .leftJoin('organizations as agencies', 'agencies.id', 'workers.agencyId')
    .leftJoin('divisions', 'divisions.code', 'workers.divisionCode')
    .where((eb) => scopeFilter(eb as unknown as ExpressionBuilder<DB, 'workers'>, scope));
}

export type WorkerSummaryRow = Awaited<ReturnType<typeof findWorkerInScope>> & object;

export async function findWorkerInScope(db: Executor, id: string, scope: WorkerScope) {
  return visible(db, scope)
    .select([...summaryColumns, 'workers.notes', 'workers.userId', 'workers.createdAt', 'workers.updatedAt'])
    .where('workers.id', '=', id)
    .executeTakeFirst();
}

export async function isWorkerVisible(db: Executor, id: string, scope: WorkerScope): Promise<boolean> {
  const row = await visible(db, scope).select('workers.id').where('workers.id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export interface WorkerFilter {
  tsQuery: string | null;
  /** A single Chinese character is searched as a surname: names starting with it. */
  surname?: string;
  level?: CredentialLevel;
  specialty?: string;
  language?: string;
  agencyId?: string;
  divisionCode?: string;
  compliance?: 'compliant' | 'shortfall';
  registration?: 'valid' | 'expiring' | 'expired' | 'none';
  availability?: 'available' | 'limited' | 'unavailable';
  today: string;
  expiringBefore: string;
  sort: 'name' | 'level' | 'periodTo' | 'ceHours' | 'updatedAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

function filtered(db: Executor, scope: WorkerScope, f: Omit<WorkerFilter, 'sort' | 'order' | 'limit' | 'offset'>) {
  let q = visible(db, scope);
  const tsq = f.tsQuery;
  if (tsq) q = q.where(sql<SqlBool>`workers.search @@ to_tsquery('simple', ${tsq})`);
  // Byte order ("C"), as the name index is built: the prefix range and the listing order come from one index.
  if (f.surname) q = q.where(sql<SqlBool>`workers.name collate "C" like ${`${f.surname}%`}`);
  if (f.level) q = q.where('workers.credentialLevel', '=', f.level);
  if (f.specialty) q = q.where(sql<SqlBool>`workers.specialties @> array[${f.specialty}]::text[]`);
  if (f.language) q = q.where(sql<SqlBool>`workers.languages @> array[${f.language}]::text[]`);
  if (f.agencyId) q = q.where('workers.agencyId', '=', f.agencyId);
  const within = f.divisionCode;
  if (within) q = q.where((eb) => divisionPrefixFilter(eb, eb.ref('workers.divisionCode'), [within]));
  if (f.availability) q = q.where('workers.availability', '=', f.availability);
  if (f.compliance === 'compliant')
    q = q.where(sql<SqlBool>`workers.ce_minutes_in_period >= workers.ce_required_minutes`);
  if (f.compliance === 'shortfall')
    q = q.where(sql<SqlBool>`workers.ce_minutes_in_period < workers.ce_required_minutes`);
  if (f.registration === 'none') q = q.where('workers.periodTo', 'is', null);
  if (f.registration === 'expired') q = q.where('workers.periodTo', '<', f.today);
  if (f.registration === 'expiring') {
    q = q.where('workers.periodTo', '>=', f.today).where('workers.periodTo', '<=', f.expiringBefore);
  }
  if (f.registration === 'valid') q = q.where('workers.periodTo', '>', f.expiringBefore);
  return q;
}

const SORTS = {
  name: sql`workers.name collate "C"`,
  level: 'workers.credentialLevel',
  periodTo: 'workers.periodTo',
  ceHours: 'workers.ceMinutesInPeriod',
  updatedAt: 'workers.updatedAt',
} as const;

/**
 * Counting stops at COUNT_CAP: beyond that an exact figure costs a scan of every match and helps no one choosing
 * whom to contact (the UI shows "10,000+").
 */
export const COUNT_CAP = 10_000;

export async function searchWorkers(db: Executor, scope: WorkerScope, f: WorkerFilter) {
  const q = filtered(db, scope, f);
  const [rows, count] = await Promise.all([
    q
      .select(summaryColumns)
      .orderBy(SORTS[f.sort], (ob) => (f.order === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsLast()))
      .orderBy('workers.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    db
      .selectFrom(
        q
          .select(sql`1`.as('one'))
          .limit(COUNT_CAP + 1)
          .as('matches'),
      )
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), capped: Number(count.n) > COUNT_CAP };
}

export async function distribution(db: Executor, scope: WorkerScope) {
  const base = visible(db, scope);
  const [byStreet, byLevel] = await Promise.all([
    base
      .leftJoin('divisions as street', (join) =>
        join.on(sql<SqlBool>`street.code = substr(workers.division_code, 1, 9)`),
      )
      .select((eb) => [
        sql<string>`substr(workers.division_code, 1, 9)`.as('divisionCode'),
        eb.fn.max('street.name').as('divisionName'),
        eb.fn.countAll<string>().as('n'),
      ])
      .groupBy(sql`substr(workers.division_code, 1, 9)`)
      .orderBy(sql`substr(workers.division_code, 1, 9)`)
      .execute(),
    base
      .select((eb) => ['workers.credentialLevel', eb.fn.countAll<string>().as('n')])
      .groupBy('workers.credentialLevel')
      .orderBy('workers.credentialLevel')
      .execute(),
  ]);
  return { byStreet, byLevel };
}

export async function findByIdNumberIndex(db: Executor, index: string) {
  return db
    .selectFrom('workers')
    .select(['id', 'name', 'agencyId', 'divisionCode', 'version'])
    .where('idNumberIndex', '=', index)
    .executeTakeFirst();
}

export async function insertWorker(db: Executor, values: Insertable<WorkerTable>) {
  return db.insertInto('workers').values(values).returning(['id']).executeTakeFirstOrThrow();
}

export async function updateWorkerRow(db: Executor, id: string, version: number, patch: Updateable<WorkerTable>) {
  return db
    .updateTable('workers')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

/** Denormalized fields only: no version bump (they follow other rows, not an edit of this one). */
export async function setDerived(db: Executor, id: string, patch: Updateable<WorkerTable>) {
  await db.updateTable('workers').set(patch).where('id', '=', id).execute();
}

export async function loadSecrets(db: Executor, id: string) {
  return db.selectFrom('workers').select(['idNumberEnc', 'mobileEnc', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function loadForIndexing(db: Executor, id: string) {
  return db
    .selectFrom('workers')
    .select(['name', 'notes', 'specialties', 'languages'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function findCredential(db: Executor, workerId: string) {
  return db.selectFrom('workerCredentials').selectAll().where('workerId', '=', workerId).executeTakeFirst();
}

export async function insertCredential(db: Executor, values: Insertable<WorkerCredentialTable>) {
  await db.insertInto('workerCredentials').values(values).execute();
}

export async function updateCredential(db: Executor, workerId: string, patch: Updateable<WorkerCredentialTable>) {
  await db.updateTable('workerCredentials').set(patch).where('workerId', '=', workerId).execute();
}

export async function certificateTaken(db: Executor, certificateNo: string) {
  const row = await db
    .selectFrom('workerCredentials')
    .select('id')
    .where('certificateNo', '=', certificateNo)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listRegistrations(db: Executor, workerId: string) {
  return db
    .selectFrom('workerRegistrations')
    .selectAll()
    .where('workerId', '=', workerId)
    .orderBy('validFrom')
    .execute();
}

export async function insertRegistration(db: Executor, values: Insertable<WorkerRegistrationTable>) {
  return db.insertInto('workerRegistrations').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function listCeRecords(db: Executor, workerId: string) {
  return db
    .selectFrom('ceRecords')
    .selectAll()
    .where('workerId', '=', workerId)
    .orderBy('completedOn', 'desc')
    .execute();
}

export async function insertCeRecord(db: Executor, values: Insertable<CeRecordTable>) {
  return db.insertInto('ceRecords').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function listEmployment(db: Executor, workerId: string) {
  return db
    .selectFrom('workerEmployments')
    .innerJoin('organizations', 'organizations.id', 'workerEmployments.agencyId')
    .select([
      'workerEmployments.id',
      'workerEmployments.agencyId',
      'organizations.name as agencyName',
      'workerEmployments.role',
      'workerEmployments.startedOn',
      'workerEmployments.endedOn',
      'workerEmployments.endReason',
    ])
    .where('workerEmployments.workerId', '=', workerId)
    .orderBy('workerEmployments.startedOn')
    .orderBy('workerEmployments.endedOn', (ob) => ob.asc().nullsLast())
    .execute();
}

export async function insertEmployment(db: Executor, values: Insertable<WorkerEmploymentTable>) {
  await db.insertInto('workerEmployments').values(values).execute();
}

/** The job a worker holds now (at most one: employment changes end the open row before opening another). */
export async function findOpenEmployment(db: Executor, workerId: string) {
  return db
    .selectFrom('workerEmployments')
    .select(['id', 'agencyId', 'role', 'startedOn'])
    .where('workerId', '=', workerId)
    .where('endedOn', 'is', null)
    .orderBy('startedOn', 'desc')
    .executeTakeFirst();
}

/** The latest day an earlier job ended (a new job may not start before it). */
export async function lastEmploymentEnd(db: Executor, workerId: string): Promise<string | null> {
  const row = await db
    .selectFrom('workerEmployments')
    .select((eb) => eb.fn.max('endedOn').as('endedOn'))
    .where('workerId', '=', workerId)
    .executeTakeFirst();
  return row?.endedOn ?? null;
}

export async function endEmployment(db: Executor, employmentId: string, endedOn: string, endReason: string) {
  await db
    .updateTable('workerEmployments')
    .set({ endedOn, endReason })
    .where('id', '=', employmentId)
    .where('endedOn', 'is', null)
    .execute();
}

export async function hasPhoto(db: Executor, workerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('workerPhotos')
    .select('workerId')
    .where('workerId', '=', workerId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findPhoto(db: Executor, workerId: string) {
  return db
    .selectFrom('workerPhotos')
    .select(['contentType', 'bytes', 'byteSize', 'updatedAt'])
    .where('workerId', '=', workerId)
    .executeTakeFirst();
}

export async function findPhotoInfo(db: Executor, workerId: string) {
  return db
    .selectFrom('workerPhotos')
    .select(['contentType', 'byteSize', 'updatedAt'])
    .where('workerId', '=', workerId)
    .executeTakeFirst();
}

export async function upsertPhoto(db: Executor, values: Insertable<WorkerPhotoTable>) {
  const { workerId: _id, ...changes } = values;
  await db
    .insertInto('workerPhotos')
    .values(values)
    .onConflict((oc) => oc.column('workerId').doUpdateSet(changes))
    .execute();
}

export async function deletePhoto(db: Executor, workerId: string): Promise<boolean> {
  const rows = await db.deleteFrom('workerPhotos').where('workerId', '=', workerId).returning('workerId').execute();
  return rows.length > 0;
}

/** CE records of the workers within a scope, newest first, for the spreadsheet export. */
export async function listCeRecordsInScope(db: Executor, scope: WorkerScope, f: { from?: string; limit: number }) {
  let q = visible(db, scope)
    .innerJoin('ceRecords', 'ceRecords.workerId', 'workers.id')
    .leftJoin('workerCredentials', 'workerCredentials.workerId', 'workers.id');
  if (f.from) q = q.where('ceRecords.completedOn', '>=', f.from);
  return q
    .select([
      'workers.name',
      'workers.idNumberMasked',
      'workerCredentials.certificateNo',
      'agencies.name as agencyName',
      'ceRecords.course',
      'ceRecords.provider',
      'ceRecords.minutes',
      'ceRecords.completedOn',
      'ceRecords.evidence',
    ])
    .orderBy('ceRecords.completedOn', 'desc')
    .orderBy('workers.name')
    .limit(f.limit)
    .execute();
}

/** The agency's current workers, for assigning work inside the agency. */
export async function listColleagues(db: Executor, agencyId: string) {
  return db
    .selectFrom('workers')
    .select(['id', 'name', 'credentialLevel', 'userId'])
    .where('agencyId', '=', agencyId)
    .orderBy('name')
    .orderBy('id')
    .limit(1000)
    .execute();
}
