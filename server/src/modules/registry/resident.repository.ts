import { type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/schema';
import { divisionPrefixFilter } from '../../db/scope-sql';
import type { ResidentTable } from './worker.tables';

/** Residents are visible by their community's division prefix, or to themselves. */
export interface ResidentScope {
  divisionPrefixes: readonly string[];
  selfUserId: string;
}

const columns = [
  'residents.id',
  'residents.name',
  'residents.gender',
  'residents.birthDate',
  'residents.idNumberMasked',
  'residents.mobileMasked',
  'residents.divisionCode',
  'divisions.name as divisionName',
  'residents.latitude',
  'residents.longitude',
  'residents.skills',
  'residents.isVolunteer',
  'residents.volunteerNo',
  'residents.contactConsent',
  'residents.contactConsentAt',
  'residents.notes',
  'residents.userId',
  'residents.version',
  'residents.createdAt',
] as const;

function visible(db: Executor, scope: ResidentScope) {
  return db
    .selectFrom('residents')
    .innerJoin('divisions', 'divisions.code', 'residents.divisionCode')
    .where((eb) =>
      eb.or([
        divisionPrefixFilter(eb, eb.ref('residents.divisionCode'), scope.divisionPrefixes),
        eb('residents.userId', '=', scope.selfUserId),
      ]),
    );
}

export async function findResidentInScope(db: Executor, id: string, scope: ResidentScope) {
  return visible(db, scope).select(columns).where('residents.id', '=', id).executeTakeFirst();
}

export interface ResidentFilter {
  q?: string;
  divisionCode?: string;
  skill?: string;
  volunteer?: boolean;
  consent?: boolean;
  limit: number;
  offset: number;
}

export async function listResidentsInScope(db: Executor, scope: ResidentScope, f: ResidentFilter) {
  let q = visible(db, scope);
  if (f.q) q = q.where('residents.name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const within = f.divisionCode;
  if (within) q = q.where((eb) => divisionPrefixFilter(eb, eb.ref('residents.divisionCode'), [within]));
  if (f.skill) q = q.where(sql<SqlBool>`residents.skills @> array[${f.skill}]::text[]`);
  if (f.volunteer !== undefined) q = q.where('residents.isVolunteer', '=', f.volunteer);
  if (f.consent !== undefined) q = q.where('residents.contactConsent', '=', f.consent);
  const [rows, count] = await Promise.all([
    q
      .select(columns)
      .orderBy('residents.divisionCode')
      .orderBy('residents.name')
      .orderBy('residents.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findResidentByIdNumberIndex(db: Executor, index: string) {
  return db.selectFrom('residents').select(['id']).where('idNumberIndex', '=', index).executeTakeFirst();
}

export async function nextVolunteerNo(db: Executor): Promise<string> {
  return (await nextVolunteerNos(db, 1))[0]!;
}

/** Volunteer numbers V440604-000123, one per registration, in order. */
export async function nextVolunteerNos(db: Executor, count: number): Promise<string[]> {
  const result = await sql<{ n: string }>`
    select nextval('volunteer_no_seq') as n from generate_series(1, ${count}::int) order by 1
  `.execute(db);
  return result.rows.map((row) => `V440604-${String(row.n).padStart(6, '0')}`);
}

export async function insertResident(db: Executor, values: Insertable<ResidentTable>) {
  return db.insertInto('residents').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateResidentRow(db: Executor, id: string, version: number, patch: Updateable<ResidentTable>) {
  return db
    .updateTable('residents')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function loadResidentSecrets(db: Executor, id: string) {
  return db.selectFrom('residents').select(['idNumberEnc', 'mobileEnc']).where('id', '=', id).executeTakeFirst();
}
