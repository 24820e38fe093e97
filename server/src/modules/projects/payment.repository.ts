import type { Insertable } from 'kysely';
import type { Executor } from '../../db/schema';
import type { MilestoneTable, PaymentTable } from './project.tables';

export async function listMilestones(db: Executor, projectId: string) {
  return db
    .selectFrom('milestones')
    .select(['id', 'name', 'percentBp', 'trigger', 'minScore', 'dueOn', 'sort'])
    .where('projectId', '=', projectId)
    .orderBy('sort')
    .execute();
}

export async function listPayments(db: Executor, projectId: string) {
  return db
    .selectFrom('payments')
    .leftJoin('users', 'users.id', 'payments.recordedBy')
    .select([
      'payments.id',
      'payments.milestoneId',
      'payments.amountFen',
      'payments.paidOn',
      'payments.reference',
      'users.username as recordedBy',
      'payments.recordedAt',
    ])
    .where('payments.projectId', '=', projectId)
    .orderBy('payments.paidOn')
    .orderBy('payments.recordedAt')
    .execute();
}

/** Submitted evaluations' scores and the pass mark of their template, which grade triggers compare against. */
export async function submittedEvaluationScores(db: Executor, projectId: string) {
  return db
    .selectFrom('evaluations')
    .innerJoin('evaluationTemplates', 'evaluationTemplates.id', 'evaluations.templateId')
    .select(['evaluations.kind', 'evaluations.totalScore', 'evaluationTemplates.passFrom'])
    .where('evaluations.projectId', '=', projectId)
    .where('evaluations.status', '=', 'submitted')
    .execute();
}

export async function deleteMilestones(db: Executor, projectId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db
    .deleteFrom('milestones')
    .where('projectId', '=', projectId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertMilestone(db: Executor, values: Insertable<MilestoneTable>) {
  await db.insertInto('milestones').values(values).execute();
}

export async function updateMilestone(
  db: Executor,
  projectId: string,
  id: string,
  values: Omit<Insertable<MilestoneTable>, 'id' | 'projectId'>,
) {
  await db.updateTable('milestones').set(values).where('projectId', '=', projectId).where('id', '=', id).execute();
}

export async function insertPayment(db: Executor, values: Insertable<PaymentTable>) {
  return db.insertInto('payments').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Total paid per project, for the given projects. */
export async function paidByProject(db: Executor, projectIds: readonly string[]) {
  const paid = new Map<string, string>();
  for (let i = 0; i < projectIds.length; i += 1000) {
    const rows = await db
      .selectFrom('payments')
      .select(['projectId', (eb) => eb.fn.sum<string>('amountFen').as('total')])
      .where('projectId', 'in', projectIds.slice(i, i + 1000))
      .groupBy('projectId')
      .execute();
    for (const r of rows) paid.set(r.projectId, r.total);
  }
  return paid;
}
