import type { Executor } from '../../db/schema';

export async function insertLoginAttempt(
  db: Executor,
  attempt: { username: string; ip: string; succeeded: boolean; at: Date },
) {
  await db.insertInto('loginAttempts').values(attempt).execute();
}

/** Failed attempts for an account since `since`. */
export async function countFailuresForUsername(db: Executor, username: string, since: Date) {
  const row = await db
    .selectFrom('loginAttempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('username', '=', username)
    .where('succeeded', '=', false)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Failed attempts from one address since `since`, and the oldest of them (for Retry-After). */
export async function failuresFromIp(db: Executor, ip: string, since: Date) {
  const row = await db
    .selectFrom('loginAttempts')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('at').as('oldest')])
    .where('ip', '=', ip)
    .where('succeeded', '=', false)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: row.oldest as Date | null };
}

export async function lastSuccessAt(db: Executor, username: string): Promise<Date | null> {
  const row = await db
    .selectFrom('loginAttempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('username', '=', username)
    .where('succeeded', '=', true)
    .executeTakeFirst();
  return (row?.at as Date | null | undefined) ?? null;
}
