import { type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/schema';
import { divisionPrefixFilter } from '../../db/scope-sql';
import type { BeneficiaryTable, ConsentTable } from './services.tables';

/**
 * Who sees a beneficiary: staff of the serving agency or of an agency holding a case of the person, and community
 * staff whose division covers the person's community. Empty lists see nothing (deny by default).
 */
export interface BeneficiaryScope {
  agencyIds: readonly string[];
  divisionPrefixes: readonly string[];
}

const columns = [
  'beneficiaries.id',
  'beneficiaries.name',
  'beneficiaries.gender',
  'beneficiaries.birthDate',
  'beneficiaries.idNumberMasked',
  'beneficiaries.mobileMasked',
  'beneficiaries.addressMasked',
  'beneficiaries.divisionCode',
  'divisions.name as divisionName',
  'beneficiaries.latitude',
  'beneficiaries.longitude',
  'beneficiaries.categories',
  'beneficiaries.disabilityType',
  'beneficiaries.disabilityGrade',
  'beneficiaries.riskLevel',
  'beneficiaries.householdId',
  'beneficiaries.householdRelation',
  'beneficiaries.guardianName',
  'beneficiaries.guardianRelation',
  'beneficiaries.guardianMobileMasked',
  'beneficiaries.agencyId',
  'organizations.name as agencyName',
  'beneficiaries.version',
  'beneficiaries.createdAt',
  'beneficiaries.updatedAt',
] as const;

function base(db: Executor) {
  return db
    .selectFrom('beneficiaries')
    .innerJoin('divisions', 'divisions.code', 'beneficiaries.divisionCode')
    .leftJoin('organizations', 'organizations.id', 'beneficiaries.agencyId');
}

function visible(db: Executor, scope: BeneficiaryScope) {
  return base(db).where((eb) => {
    const agencies = [...scope.agencyIds];
    return eb.or([
      agencies.length > 0 ? eb('beneficiaries.agencyId', 'in', agencies) : sql<SqlBool>`false`,
      // An agency that holds a case of the person (one referred or transferred to it) serves them too.
      agencies.length > 0
        ? eb.exists(
            eb
              .selectFrom('cases')
              .select('cases.id')
              .whereRef('cases.beneficiaryId', '=', 'beneficiaries.id')
              .where('cases.agencyId', 'in', agencies),
          )
        : sql<SqlBool>`false`,
      divisionPrefixFilter(eb, eb.ref('beneficiaries.divisionCode'), scope.divisionPrefixes),
    ]);
  });
}

export type BeneficiaryRow = NonNullable<Awaited<ReturnType<typeof findBeneficiaryInScope>>>;

export async function findBeneficiaryInScope(db: Executor, id: string, scope: BeneficiaryScope) {
  return visible(db, scope).select(columns).where('beneficiaries.id', '=', id).executeTakeFirst();
}

/** The bureau's exact lookup: by blind index, within division prefixes. */
export async function findBeneficiaryByIndexWithin(db: Executor, index: string, prefixes: readonly string[]) {
  return base(db)
    .select(columns)
    .where('beneficiaries.idNumberIndex', '=', index)
    .where((eb) => divisionPrefixFilter(eb, eb.ref('beneficiaries.divisionCode'), prefixes))
    .executeTakeFirst();
}

export interface BeneficiaryFilter {
  q?: string;
  divisionCode?: string;
  category?: string;
  riskLevel?: string;
  householdId?: string;
  limit: number;
  offset: number;
}

export async function listBeneficiariesInScope(db: Executor, scope: BeneficiaryScope, f: BeneficiaryFilter) {
  let q = visible(db, scope);
  if (f.q) q = q.where('beneficiaries.name', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const within = f.divisionCode;
  if (within) q = q.where((eb) => divisionPrefixFilter(eb, eb.ref('beneficiaries.divisionCode'), [within]));
  if (f.category) q = q.where(sql<SqlBool>`beneficiaries.categories @> array[${f.category}]::text[]`);
  if (f.riskLevel) q = q.where('beneficiaries.riskLevel', '=', f.riskLevel as 'low');
  if (f.householdId) q = q.where('beneficiaries.householdId', '=', f.householdId);
  const [rows, count] = await Promise.all([
    q
      .select(columns)
      .orderBy('beneficiaries.divisionCode')
      .orderBy('beneficiaries.name')
      .orderBy('beneficiaries.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findBeneficiaryIdByIndex(db: Executor, index: string) {
  return db.selectFrom('beneficiaries').select('id').where('idNumberIndex', '=', index).executeTakeFirst();
}

export async function insertHousehold(db: Executor, divisionCode: string, now: Date) {
  return db.insertInto('households').values({ divisionCode, createdAt: now }).returning('id').executeTakeFirstOrThrow();
}

export async function insertBeneficiary(db: Executor, values: Insertable<BeneficiaryTable>) {
  return db.insertInto('beneficiaries').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateBeneficiaryRow(
  db: Executor,
  id: string,
  version: number,
  patch: Updateable<BeneficiaryTable>,
) {
  return db
    .updateTable('beneficiaries')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

export async function loadBeneficiarySecrets(db: Executor, id: string) {
  return db
    .selectFrom('beneficiaries')
    .select(['idNumberEnc', 'mobileEnc', 'addressEnc', 'guardianMobileEnc'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function countByCategory(db: Executor, prefixes: readonly string[], within?: string) {
  return db
    .selectFrom('beneficiaries')
    .innerJoin(sql<{ code: string }>`unnest(beneficiaries.categories)`.as('c'), (join) => join.onTrue())
    .where((eb) => divisionPrefixFilter(eb, eb.ref('beneficiaries.divisionCode'), prefixes))
    .$if(within !== undefined, (q) =>
      q.where((eb) => divisionPrefixFilter(eb, eb.ref('beneficiaries.divisionCode'), [within ?? ''])),
    )
    .select([sql<string>`c`.as('code'), (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(sql`c`)
    .execute();
}

export async function countByDivision(db: Executor, prefixes: readonly string[], within?: string) {
  return db
    .selectFrom('beneficiaries')
    .innerJoin('divisions', 'divisions.code', 'beneficiaries.divisionCode')
    .where((eb) => divisionPrefixFilter(eb, eb.ref('beneficiaries.divisionCode'), prefixes))
    .$if(within !== undefined, (q) =>
      q.where((eb) => divisionPrefixFilter(eb, eb.ref('beneficiaries.divisionCode'), [within ?? ''])),
    )
    .select(['beneficiaries.divisionCode', 'divisions.name', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['beneficiaries.divisionCode', 'divisions.name'])
    .orderBy('beneficiaries.divisionCode')
    .execute();
}

// ---- consents ---------------------------------------------------------------------------------------------------

const consentColumns = [
  'consents.id',
  'consents.purpose',
  'consents.status',
  'consents.givenBy',
  'consents.evidence',
  'consents.validUntil',
  'consents.recordedBy',
  'users.displayName as recordedByName',
  'consents.recordedAt',
  'consents.withdrawnAt',
  'consents.withdrawalReason',
] as const;

/** Every decision about a beneficiary, newest first. */
export async function listConsents(db: Executor, beneficiaryId: string) {
  return db
    .selectFrom('consents')
    .innerJoin('users', 'users.id', 'consents.recordedBy')
    .select(consentColumns)
    .where('consents.beneficiaryId', '=', beneficiaryId)
    .orderBy('consents.id', 'desc')
    .execute();
}

/** The current decision for one purpose: the latest row. */
export async function latestConsent(db: Executor, beneficiaryId: string, purpose: ConsentTable['purpose']) {
  return db
    .selectFrom('consents')
    .select(['id', 'status', 'givenBy', 'validUntil'])
    .where('beneficiaryId', '=', beneficiaryId)
    .where('purpose', '=', purpose)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertConsent(db: Executor, values: Insertable<ConsentTable>) {
  return db.insertInto('consents').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Serializes decisions about one beneficiary (two concurrent withdrawals must not both pass the check). */
export async function lockBeneficiary(db: Executor, id: string) {
  return db.selectFrom('beneficiaries').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Without scope: for the answer to the person who just created the record (they typed it in). */
export async function findBeneficiaryById(db: Executor, id: string) {
  return base(db).select(columns).where('beneficiaries.id', '=', id).executeTakeFirst();
}

/** A household with at least one member in scope (otherwise the caller may not learn it exists). */
export async function findHouseholdInScope(db: Executor, id: string, scope: BeneficiaryScope) {
  return visible(db, scope)
    .innerJoin('households', 'households.id', 'beneficiaries.householdId')
    .select(['households.id', 'households.divisionCode'])
    .where('households.id', '=', id)
    .executeTakeFirst();
}
