import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../../db/schema';
import type { ImportJobTable } from '../worker.tables';

const visibleColumns = [
  'id',
  'kind',
  'status',
  'mode',
  'fileName',
  'totalRows',
  'processedRows',
  'validRows',
  'invalidRows',
  'importedRows',
  'errors',
  'failure',
  'createdBy',
  'createdAt',
  'finishedAt',
] as const;

export async function insertJob(db: Executor, values: Insertable<ImportJobTable>) {
  return db.insertInto('importJobs').values(values).returning('id').executeTakeFirstOrThrow();
}

/** A job is visible to the user who started it. */
export async function findJob(db: Executor, id: string, userId: string) {
  return db
    .selectFrom('importJobs')
    .select(visibleColumns)
    .where('id', '=', id)
    .where('createdBy', '=', userId)
    .executeTakeFirst();
}

export async function loadJobFile(db: Executor, id: string) {
  return db.selectFrom('importJobs').select(['fileBytes', 'fileName', 'kind']).where('id', '=', id).executeTakeFirst();
}

export async function updateJob(db: Executor, id: string, patch: Updateable<ImportJobTable>) {
  await db.updateTable('importJobs').set(patch).where('id', '=', id).execute();
}

/** Moves a job from one status to another only if it is still in the first (two clicks cannot run it twice). */
export async function claimJob(
  db: Executor,
  id: string,
  from: ImportJobTable['status'],
  patch: Updateable<ImportJobTable>,
) {
  const row = await db
    .updateTable('importJobs')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
