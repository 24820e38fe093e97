import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';

function digitsOnly(prefixes: readonly string[]) {
  return prefixes.filter((p) => /^\d+$/.test(p));
}

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
  const safe = digitsOnly(prefixes);
  if (safe.length === 0) return sql<SqlBool>`false`;
  return eb.or(safe.map((p) => sql<SqlBool>`${column} like ${`${p}%`}`));
}

/**
 * The organization (by id expression) delivers services somewhere inside the prefixes, or covers them whole: an
 * agency serving 440604 (the district) serves 祖庙 (440604012); one serving 440604012001 serves part of 祖庙.
 */
export function servesWithin(
  organizationId: Expression<string | null>,
  prefixes: readonly string[],
): Expression<SqlBool> {
  const safe = digitsOnly(prefixes);
  if (safe.length === 0) return sql<SqlBool>`false`;
  const overlaps = sql.join(
    safe.map((p) => sql`(sd.division_code like ${`${p}%`} or ${p} like sd.division_code || '%')`),
    sql` or `,
  );
  return sql<SqlBool>`exists (select 1 from organization_service_divisions sd where sd.organization_id = ${organizationId} and (${overlaps}))`;
}
