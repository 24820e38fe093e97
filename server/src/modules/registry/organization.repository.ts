import type { Insertable, Updateable } from 'kysely';
import type { OrganizationKind } from '../../../../contracts/roles';
import type { Executor } from '../../db/schema';
import { divisionPrefixFilter, servesWithin } from '../../db/scope-sql';
import type { OrganizationTable } from './organization.table';

/** Rows visible to a caller: inside one of their division prefixes, or one of their own organizations. */
export interface OrganizationScope {
  divisionPrefixes: readonly string[];
  organizationIds: readonly string[];
}

const columns = [
  'organizations.id',
  'organizations.name',
  'organizations.kind',
  'organizations.divisionCode',
  'divisions.name as divisionName',
  'organizations.status',
  'organizations.version',
  'organizations.createdAt',
] as const;

function scoped(db: Executor, scope: OrganizationScope) {
  return db
    .selectFrom('organizations')
    .innerJoin('divisions', 'divisions.code', 'organizations.divisionCode')
    .where((eb) => {
      const ors = [
        divisionPrefixFilter(eb, eb.ref('organizations.divisionCode'), scope.divisionPrefixes),
        // Agencies based elsewhere that serve the caller's divisions are in scope too.
        servesWithin(eb.ref('organizations.id'), scope.divisionPrefixes),
      ];
      if (scope.organizationIds.length > 0) ors.push(eb('organizations.id', 'in', [...scope.organizationIds]));
      return eb.or(ors);
    });
}

export async function findOrganizationById(db: Executor, id: string) {
  return db
    .selectFrom('organizations')
    .innerJoin('divisions', 'divisions.code', 'organizations.divisionCode')
    .select(columns)
    .where('organizations.id', '=', id)
    .executeTakeFirst();
}

export interface OrganizationFilter {
  q?: string;
  kind?: OrganizationKind;
  divisionCode?: string;
  limit: number;
  offset: number;
}

export async function listOrganizationsInScope(db: Executor, scope: OrganizationScope, f: OrganizationFilter) {
  let q = scoped(db, scope);
  if (f.q) q = q.where('organizations.name', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.kind) q = q.where('organizations.kind', '=', f.kind);
  const within = f.divisionCode;
  if (within) q = q.where((eb) => divisionPrefixFilter(eb, eb.ref('organizations.divisionCode'), [within]));
  const [rows, count] = await Promise.all([
    q
      .select(columns)
      .orderBy('organizations.divisionCode')
      .orderBy('organizations.name')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertOrganization(db: Executor, values: Insertable<OrganizationTable>) {
  return db.insertInto('organizations').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function findOrganizationByKindAndName(db: Executor, kind: OrganizationKind, name: string) {
  return db
    .selectFrom('organizations')
    .select('id')
    .where('kind', '=', kind)
    .where('name', '=', name)
    .executeTakeFirst();
}

const detailColumns = [
  ...columns,
  'organizations.department',
  'organizations.creditCode',
  'organizations.legalForm',
  'organizations.registeredOn',
  'organizations.registrationAuthority',
  'organizations.rating',
  'organizations.ratedOn',
  'organizations.address',
  'organizations.latitude',
  'organizations.longitude',
  'organizations.serviceFields',
  'organizations.contactName',
  'organizations.contactPhone',
  'organizations.verificationStatus',
  'organizations.verifiedAt',
  'organizations.updatedAt',
] as const;

export async function findOrganizationDetailInScope(db: Executor, id: string, scope: OrganizationScope) {
  return scoped(db, scope).select(detailColumns).where('organizations.id', '=', id).executeTakeFirst();
}

export async function serviceDivisionsOf(db: Executor, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('organizationServiceDivisions')
    .select('divisionCode')
    .where('organizationId', '=', organizationId)
    .orderBy('divisionCode')
    .execute();
  return rows.map((r) => r.divisionCode);
}

export async function replaceServiceDivisions(db: Executor, organizationId: string, codes: readonly string[]) {
  await db.deleteFrom('organizationServiceDivisions').where('organizationId', '=', organizationId).execute();
  if (codes.length > 0) {
    await db
      .insertInto('organizationServiceDivisions')
      .values(codes.map((divisionCode) => ({ organizationId, divisionCode })))
      .execute();
  }
}

export async function findOrganizationByCreditCode(db: Executor, creditCode: string) {
  return db.selectFrom('organizations').select(['id', 'name']).where('creditCode', '=', creditCode).executeTakeFirst();
}

export async function updateOrganizationRow(
  db: Executor,
  id: string,
  version: number,
  patch: Updateable<OrganizationTable>,
) {
  return db
    .updateTable('organizations')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

/** Full profiles of one kind within a scope, with their service divisions, for the spreadsheet export. */
export async function listProfilesInScope(
  db: Executor,
  scope: OrganizationScope,
  f: { kind: OrganizationKind; q?: string; divisionCode?: string; limit: number },
) {
  let q = scoped(db, scope).where('organizations.kind', '=', f.kind);
  if (f.q) q = q.where('organizations.name', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const within = f.divisionCode;
  if (within) q = q.where((eb) => divisionPrefixFilter(eb, eb.ref('organizations.divisionCode'), [within]));
  const rows = await q
    .select(detailColumns)
    .orderBy('organizations.divisionCode')
    .orderBy('organizations.name')
    .limit(f.limit)
    .execute();
  const served = new Map<string, string[]>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 1000) {
    const links = await db
      .selectFrom('organizationServiceDivisions')
      .select(['organizationId', 'divisionCode'])
      .where('organizationId', 'in', ids.slice(i, i + 1000))
      .orderBy('divisionCode')
      .execute();
    for (const l of links) served.set(l.organizationId, [...(served.get(l.organizationId) ?? []), l.divisionCode]);
  }
  return rows.map((r) => ({ ...r, serviceDivisionCodes: served.get(r.id) ?? [] }));
}
