import type { Insertable, Updateable } from 'kysely';
import type { Role } from '../../../../contracts/roles';
import type { Executor } from '../../db/schema';
import { divisionPrefixFilter } from '../../db/scope-sql';
import type { MembershipTable, UserTable } from './identity.tables';

export async function findUserByUsername(db: Executor, username: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export async function findUserById(db: Executor, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Executor, values: Insertable<UserTable>) {
  return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Optimistic update: only if the row still has `version`; bumps the version. Undefined when stale. */
export async function updateUser(db: Executor, id: string, version: number, patch: Updateable<UserTable>) {
  return db
    .updateTable('users')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function setUserLoginState(
  db: Executor,
  id: string,
  patch: Pick<Updateable<UserTable>, 'lockedUntil' | 'lastLoginAt'>,
) {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** Columns of a membership as presented (with its organization and division names). */
export const membershipColumns = [
  'memberships.id',
  'memberships.userId',
  'memberships.organizationId',
  'organizations.name as organizationName',
  'organizations.kind as organizationKind',
  'organizations.divisionCode',
  'divisions.name as divisionName',
  'memberships.role',
] as const;

export async function membershipsOfUsers(db: Executor, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
    .innerJoin('divisions', 'divisions.code', 'organizations.divisionCode')
    .select(membershipColumns)
    .where('memberships.userId', 'in', [...userIds])
    .orderBy('memberships.createdAt')
    .execute();
}

export async function findMembership(db: Executor, userId: string, membershipId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
    .innerJoin('divisions', 'divisions.code', 'organizations.divisionCode')
    .select(membershipColumns)
    .where('memberships.userId', '=', userId)
    .where('memberships.id', '=', membershipId)
    .executeTakeFirst();
}

export async function insertMembership(db: Executor, values: Insertable<MembershipTable>) {
  return db
    .insertInto('memberships')
    .values(values)
    .onConflict((oc) => oc.columns(['userId', 'organizationId', 'role']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function deleteMembership(db: Executor, membershipId: string) {
  await db.deleteFrom('memberships').where('id', '=', membershipId).execute();
}

export async function countActiveUsersWithRole(db: Executor, role: Role) {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select((eb) => eb.fn.count<string>('users.id').distinct().as('n'))
    .where('memberships.role', '=', role)
    .where('users.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UserAdminScope {
  /** Division prefixes of the admin; a user is in scope when one of their memberships is. */
  divisionPrefixes: readonly string[];
  /** District-wide admins also see users without any membership. */
  includeUnaffiliated: boolean;
}

function usersInScope(db: Executor, scope: UserAdminScope) {
  return db.selectFrom('users').where((eb) => {
    const inScope = eb.exists(
      eb
        .selectFrom('memberships')
        .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
        .select('memberships.id')
        .whereRef('memberships.userId', '=', 'users.id')
        .where((eb2) => divisionPrefixFilter(eb2, eb2.ref('organizations.divisionCode'), scope.divisionPrefixes)),
    );
    if (!scope.includeUnaffiliated) return inScope;
    return eb.or([
      inScope,
      eb.not(eb.exists(eb.selectFrom('memberships').select('id').whereRef('memberships.userId', '=', 'users.id'))),
    ]);
  });
}

export async function findUserInScope(db: Executor, id: string, scope: UserAdminScope) {
  return usersInScope(db, scope).selectAll().where('users.id', '=', id).executeTakeFirst();
}

export interface UserFilter {
  q?: string;
  organizationId?: string;
  status?: 'active' | 'disabled';
  limit: number;
  offset: number;
}

export async function listUsersInScope(db: Executor, scope: UserAdminScope, f: UserFilter) {
  let q = usersInScope(db, scope);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('users.username', 'ilike', pattern), eb('users.displayName', 'ilike', pattern)]));
  }
  if (f.status) q = q.where('users.status', '=', f.status);
  const orgId = f.organizationId;
  if (orgId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships')
          .select('memberships.id')
          .whereRef('memberships.userId', '=', 'users.id')
          .where('memberships.organizationId', '=', orgId),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('users.username').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
