import type { Insertable } from 'kysely';
import type { Executor } from '../../db/schema';
import type { TaxonomyTermTable } from './worker.tables';

type Scheme = TaxonomyTermTable['scheme'];

export async function listTerms(db: Executor, scheme: Scheme) {
  return db
    .selectFrom('taxonomyTerms')
    .selectAll()
    .where('scheme', '=', scheme)
    .orderBy('sortOrder')
    .orderBy('code')
    .execute();
}

export async function activeCodes(db: Executor, scheme: Scheme, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('taxonomyTerms')
    .select('code')
    .where('scheme', '=', scheme)
    .where('active', '=', true)
    .where('code', 'in', [...codes])
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** Initial terms: added when missing, never overwriting what the bureau has edited. */
export async function insertMissingTerms(db: Executor, rows: Insertable<TaxonomyTermTable>[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('taxonomyTerms')
    .values(rows)
    .onConflict((oc) => oc.columns(['scheme', 'code']).doNothing())
    .execute();
}

export async function upsertTerm(db: Executor, row: Insertable<TaxonomyTermTable>) {
  return db
    .insertInto('taxonomyTerms')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['scheme', 'code'])
        .doUpdateSet({ nameZh: row.nameZh, nameEn: row.nameEn, sortOrder: row.sortOrder, active: row.active }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
