import type { Insertable } from 'kysely';
import type { Executor } from '../../db/schema';
import type { EvaluationCriterionTable, EvaluationTemplateTable } from './project.tables';

const templateColumns = [
  'evaluationTemplates.id',
  'evaluationTemplates.name',
  'evaluationTemplates.description',
  'evaluationTemplates.excellentFrom',
  'evaluationTemplates.goodFrom',
  'evaluationTemplates.passFrom',
  'evaluationTemplates.active',
  'evaluationTemplates.createdAt',
] as const;

function withUse(db: Executor) {
  return db
    .selectFrom('evaluationTemplates')
    .select(templateColumns)
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('evaluations')
            .select('evaluations.id')
            .whereRef('evaluations.templateId', '=', 'evaluationTemplates.id'),
        )
        .as('inUse'),
    );
}

export async function listTemplates(db: Executor, filter: { active?: boolean }) {
  let q = withUse(db);
  if (filter.active !== undefined) q = q.where('evaluationTemplates.active', '=', filter.active);
  return q.orderBy('evaluationTemplates.active', 'desc').orderBy('evaluationTemplates.createdAt', 'desc').execute();
}

export async function findTemplate(db: Executor, id: string) {
  return withUse(db).where('evaluationTemplates.id', '=', id).executeTakeFirst();
}
export type TemplateRow = NonNullable<Awaited<ReturnType<typeof findTemplate>>>;

export async function criteriaOf(db: Executor, templateIds: readonly string[]) {
  if (templateIds.length === 0) return [];
  return db
    .selectFrom('evaluationCriteria')
    .select(['id', 'templateId', 'dimension', 'name', 'guidance', 'weight', 'sort'])
    .where('templateId', 'in', [...templateIds])
    .orderBy('templateId')
    .orderBy('sort')
    .orderBy('id')
    .execute();
}
export type CriterionRow = Awaited<ReturnType<typeof criteriaOf>>[number];

/** Inserts a template; with `onConflictDoNothing` (the seeded default) answers undefined when it already exists. */
export async function insertTemplate(
  db: Executor,
  values: Insertable<EvaluationTemplateTable>,
  options: { onConflictDoNothing?: boolean } = {},
) {
  const q = db.insertInto('evaluationTemplates').values(values);
  return (options.onConflictDoNothing ? q.onConflict((oc) => oc.column('id').doNothing()) : q)
    .returning('id')
    .executeTakeFirst();
}

export async function insertCriteria(db: Executor, rows: Insertable<EvaluationCriterionTable>[]) {
  if (rows.length > 0) await db.insertInto('evaluationCriteria').values(rows).execute();
}

export async function setTemplateActive(db: Executor, id: string, active: boolean) {
  await db.updateTable('evaluationTemplates').set({ active }).where('id', '=', id).execute();
}
