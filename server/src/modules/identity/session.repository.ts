import type { Insertable } from 'kysely';
import type { Executor } from '../../db/schema';
import type { SessionTable } from './identity.tables';

export async function insertSession(db: Executor, values: Insertable<SessionTable>) {
  return db.insertInto('sessions').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function findSessionByTokenHash(db: Executor, hash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'sessions.id',
      'sessions.userId',
      'sessions.csrfToken',
      'sessions.lastSeenAt',
      'sessions.expiresAt',
      'users.username',
      'users.displayName',
      'users.status',
      'users.mustChangePassword',
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
