import { sql } from 'kysely';
import type { Executor } from '../db/schema';

export interface IdempotencyKeyTable {
  userId: string;
  key: string;
  requestHash: string;
  statusCode: number | null;
  responseBody: string | null;
  contentType: string | null;
  createdAt: Date;
}

/** How long an answer is kept for replay. */
const KEEP = '1 day';

export async function findKey(db: Executor, userId: string, key: string) {
  return db
    .selectFrom('idempotencyKeys')
    .selectAll()
    .where('userId', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Claims the key for a first request; false when another request holds it (inserted at the same moment). */
export async function claimKey(db: Executor, userId: string, key: string, requestHash: string, now: Date) {
  await db
    .deleteFrom('idempotencyKeys')
    .where('userId', '=', userId)
    .where('createdAt', '<', sql<Date>`${now}::timestamptz - ${KEEP}::interval`)
    .execute();
  const row = await db
    .insertInto('idempotencyKeys')
    .values({ userId, key, requestHash, statusCode: null, responseBody: null, contentType: null, createdAt: now })
    .onConflict((oc) => oc.columns(['userId', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** Takes over a claim whose request never finished (the process stopped before answering). */
export async function reclaimStale(
  db: Executor,
  userId: string,
  key: string,
  requestHash: string,
  now: Date,
  before: Date,
) {
  const row = await db
    .updateTable('idempotencyKeys')
    .set({ requestHash, createdAt: now })
    .where('userId', '=', userId)
    .where('key', '=', key)
    .where('statusCode', 'is', null)
    .where('createdAt', '<', before)
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

export async function storeAnswer(
  db: Executor,
  userId: string,
  key: string,
  answer: { statusCode: number; responseBody: string; contentType: string | null },
) {
  await db.updateTable('idempotencyKeys').set(answer).where('userId', '=', userId).where('key', '=', key).execute();
}

export async function releaseKey(db: Executor, userId: string, key: string) {
  await db.deleteFrom('idempotencyKeys').where('userId', '=', userId).where('key', '=', key).execute();
}
