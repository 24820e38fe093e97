import type { Insertable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Executor } from '../../db/schema';
import type { SessionTable } from './identity.tables';
import { membershipColumns } from './user.repository';

export async function insertSession(db: Executor, values: Insertable<SessionTable>) {
  return db.insertInto('sessions').values(values).returning('id').executeTakeFirstOrThrow();
}

/** The session, its user and the user's memberships, in one round trip (this runs on every API request). */
export async function findSessionByTokenHash(db: Executor, hash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select((eb) => [
      'sessions.id',
      'sessions.userId',
      'sessions.csrfToken',
      'sessions.lastSeenAt',
      'sessions.expiresAt',
      'users.username',
      'users.displayName',
      'users.status',
      'users.mustChangePassword',
      jsonArrayFrom(
        eb
          .selectFrom('memberships')
          .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
          .innerJoin('divisions', 'divisions.code', 'organizations.divisionCode')
          .select(membershipColumns.filter((c) => c !== 'memberships.userId'))
          .whereRef('memberships.userId', '=', 'sessions.userId')
          .orderBy('memberships.createdAt'),
      ).as('memberships'),
    ])
    .where('sessions.tokenHash', '=', hash)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, id: string, at: Date) {
  await db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: string, exceptSessionId?: string) {
  let q = db.deleteFrom('sessions').where('userId', '=', userId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Executor, idleBefore: Date, now: Date) {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('lastSeenAt', '<', idleBefore), eb('expiresAt', '<', now)]))
    .execute();
}
