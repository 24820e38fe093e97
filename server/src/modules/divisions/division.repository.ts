import type { Insertable } from 'kysely';
import type { Executor } from '../../db/schema';
import { divisionPrefixFilter } from '../../db/scope-sql';
import type { DivisionTable } from './division.table';

export async function listDivisions(db: Executor, withinPrefix?: string) {
  let q = db.selectFrom('divisions').selectAll();
  if (withinPrefix) q = q.where((eb) => divisionPrefixFilter(eb, eb.ref('code'), [withinPrefix]));
  return q.orderBy('code').execute();
}

export async function findDivisions(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('divisions')
    .selectAll()
    .where('code', 'in', [...codes])
    .execute();
}

export async function countDivisions(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('divisions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function upsertDivisions(db: Executor, rows: Insertable<DivisionTable>[]): Promise<void> {
  // Parents first (rows are ordered by code length by the caller), in chunks to stay under the bind-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('divisions')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          parentCode: eb.ref('excluded.parentCode'),
          name: eb.ref('excluded.name'),
          level: eb.ref('excluded.level'),
          kind: eb.ref('excluded.kind'),
          source: eb.ref('excluded.source'),
        })),
      )
      .execute();
  }
}
