import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';

/**
 * `column like 'p1%' or column like 'p2%' …` for data-scope filters; false when there are no prefixes (deny by
 * default). Prefixes are digit strings checked by the caller's scope, so no LIKE metacharacters can occur; they are
 * bound as parameters all the same.
 */
export function divisionPrefixFilter<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: Expression<string | null>,
  prefixes: readonly string[],
): Expression<SqlBool> {
  const safe = prefixes.filter((p) => /^\d+$/.test(p));
  if (safe.length === 0) return sql<SqlBool>`false`;
  return eb.or(safe.map((p) => sql<SqlBool>`${column} like ${`${p}%`}`));
}
