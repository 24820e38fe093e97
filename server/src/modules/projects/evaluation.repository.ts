import { type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { EvaluationKind, Grade } from '../../../../contracts/projects';
import type { Executor } from '../../db/schema';
import type { EvaluationScoreTable, EvaluationTable, RectificationTable } from './project.tables';

// ---- Evaluations --------------------------------------------------------------------------------------------

const evaluationColumns = [
  'evaluations.id',
  'evaluations.projectId',
  'projects.code as projectCode',
  'projects.title as projectTitle',
  'evaluations.kind',
  'evaluations.status',
  'evaluations.templateId',
  'evaluationTemplates.name as templateName',
  'evaluations.evaluatorOrgId',
  'evaluator.name as evaluatorOrgName',
  'evaluations.totalScore',
  'evaluations.grade',
  'evaluations.summary',
  'evaluations.dueOn',
  'evaluations.assignedAt',
  'evaluations.submittedAt',
  'evaluations.version',
] as const;

function joined(db: Executor) {
  return db
    .selectFrom('evaluations')
    .innerJoin('projects', 'projects.id', 'evaluations.projectId')
    .innerJoin('evaluationTemplates', 'evaluationTemplates.id', 'evaluations.templateId')
    .innerJoin('organizations as evaluator', 'evaluator.id', 'evaluations.evaluatorOrgId');
}

export async function findEvaluation(db: Executor, id: string) {
  return joined(db).select(evaluationColumns).where('evaluations.id', '=', id).executeTakeFirst();
}
export type EvaluationRow = NonNullable<Awaited<ReturnType<typeof findEvaluation>>>;

/** A project's evaluations, or only those assigned to the given user. */
export async function listProjectEvaluations(db: Executor, projectId: string, onlyAssignedTo: string | null) {
  let q = joined(db).select(evaluationColumns).where('evaluations.projectId', '=', projectId);
  if (onlyAssignedTo) q = q.where(assignedTo(onlyAssignedTo));
  return q.orderBy('evaluations.kind', 'desc').execute();
}

/** The evaluation (aliased `evaluations`) is assigned to the user. */
const assignedTo = (userId: string) =>
  sql<SqlBool>`exists (select 1 from evaluation_assignees ea where ea.evaluation_id = evaluations.id and ea.user_id = ${userId})`;

/** Evaluations assigned to a user, due first. */
export async function listAssignedTo(
  db: Executor,
  userId: string,
  f: { status?: 'assigned' | 'submitted'; limit: number; offset: number },
) {
  let q = joined(db).where(assignedTo(userId));
  if (f.status) q = q.where('evaluations.status', '=', f.status);
  const [rows, count] = await Promise.all([
    q
      .select(evaluationColumns)
      .orderBy('evaluations.status')
      .orderBy('evaluations.dueOn')
      .orderBy('evaluations.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function assigneesOf(db: Executor, evaluationIds: readonly string[]) {
  if (evaluationIds.length === 0) return [];
  return db
    .selectFrom('evaluationAssignees')
    .innerJoin('users', 'users.id', 'evaluationAssignees.userId')
    .select(['evaluationAssignees.evaluationId', 'evaluationAssignees.userId', 'users.displayName'])
    .where('evaluationAssignees.evaluationId', 'in', [...evaluationIds])
    .orderBy('users.displayName')
    .execute();
}

export async function isAssigned(db: Executor, evaluationId: string, userId: string) {
  const row = await db
    .selectFrom('evaluationAssignees')
    .select('userId')
    .where('evaluationId', '=', evaluationId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findEvaluationOfKind(db: Executor, projectId: string, kind: EvaluationKind) {
  return db
    .selectFrom('evaluations')
    .select('id')
    .where('projectId', '=', projectId)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

export async function insertEvaluation(db: Executor, values: Insertable<EvaluationTable>) {
  return db.insertInto('evaluations').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Updates an evaluation still being scored when the version matches; undefined for a stale version. */
export async function updateOpenEvaluation(
  db: Executor,
  id: string,
  version: number,
  patch: Updateable<EvaluationTable>,
) {
  return db
    .updateTable('evaluations')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'assigned')
    .returning('version')
    .executeTakeFirst();
}

export async function replaceAssignees(db: Executor, evaluationId: string, userIds: readonly string[]) {
  await db.deleteFrom('evaluationAssignees').where('evaluationId', '=', evaluationId).execute();
  if (userIds.length > 0)
    await db
      .insertInto('evaluationAssignees')
      .values(userIds.map((userId) => ({ evaluationId, userId })))
      .execute();
}

export async function scoresOf(db: Executor, evaluationId: string) {
  return db
    .selectFrom('evaluationScores')
    .select(['criterionId', 'score', 'comment', 'evidence'])
    .where('evaluationId', '=', evaluationId)
    .execute();
}

export async function replaceScores(db: Executor, evaluationId: string, rows: Insertable<EvaluationScoreTable>[]) {
  await db.deleteFrom('evaluationScores').where('evaluationId', '=', evaluationId).execute();
  if (rows.length > 0) await db.insertInto('evaluationScores').values(rows).execute();
}

/** An organization that may evaluate: kind, status and name. */
export async function findOrganization(db: Executor, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'kind', 'status', 'divisionCode'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Active evaluation organizations with their active evaluator accounts (display names only). */
export async function listEvaluatorDirectory(db: Executor) {
  const [orgs, people] = await Promise.all([
    db
      .selectFrom('organizations')
      .select(['id', 'name', 'divisionCode'])
      .where('kind', '=', 'evaluator')
      .where('status', '=', 'active')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.userId')
      .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
      .select(['memberships.organizationId', 'users.id as userId', 'users.displayName'])
      .where('memberships.role', '=', 'evaluator')
      .where('organizations.kind', '=', 'evaluator')
      .where('users.status', '=', 'active')
      .orderBy('users.displayName')
      .execute(),
  ]);
  return orgs.map((o) => ({
    ...o,
    evaluators: people
      .filter((p) => p.organizationId === o.id)
      .map((p) => ({ userId: p.userId, displayName: p.displayName })),
  }));
}

/** Among the given users, the active ones holding an `evaluator` membership in the organization. */
export async function evaluatorsOf(db: Executor, organizationId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select('memberships.userId')
    .where('memberships.organizationId', '=', organizationId)
    .where('memberships.role', '=', 'evaluator')
    .where('users.status', '=', 'active')
    .where('memberships.userId', 'in', [...userIds])
    .execute();
  return rows.map((r) => r.userId);
}

/**
 * Records a submitted final evaluation on the project (projects.final_score and final_grade), bumping its version.
 * Only these columns: the project's other fields belong to the project service.
 */
export async function setProjectFinalResult(db: Executor, projectId: string, score: number, grade: Grade, now: Date) {
  await db
    .updateTable('projects')
    .set({ finalScore: score, finalGrade: grade, updatedAt: now, version: sql`version + 1` })
    .where('id', '=', projectId)
    .execute();
}

/** Whether a user is on the project's delivery team (through their worker record). */
export async function isTeamMember(db: Executor, projectId: string, userId: string) {
  const row = await db
    .selectFrom('projectTeam')
    .innerJoin('workers', 'workers.id', 'projectTeam.workerId')
    .select('projectTeam.workerId')
    .where('projectTeam.projectId', '=', projectId)
    .where('workers.userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

// ---- Rectifications --------------------------------------------------------------------------------------------

const rectificationColumns = [
  'rectifications.id',
  'rectifications.projectId',
  'rectifications.evaluationId',
  'evaluations.kind as evaluationKind',
  'rectifications.description',
  'rectifications.dueOn',
  'rectifications.status',
  'rectifications.response',
  'rectifications.respondedAt',
  'rectifications.closedAt',
  'rectifications.reopenReason',
  'rectifications.createdAt',
] as const;

export async function insertRectifications(db: Executor, rows: Insertable<RectificationTable>[]) {
  if (rows.length === 0) return [];
  return db.insertInto('rectifications').values(rows).returning(['id', 'description']).execute();
}

/** A project's rectification tasks, or only those raised by the given evaluations. */
export async function listRectifications(db: Executor, projectId: string, evaluationIds: readonly string[] | null) {
  if (evaluationIds && evaluationIds.length === 0) return [];
  let q = db
    .selectFrom('rectifications')
    .innerJoin('evaluations', 'evaluations.id', 'rectifications.evaluationId')
    .select(rectificationColumns)
    .where('rectifications.projectId', '=', projectId);
  if (evaluationIds) q = q.where('rectifications.evaluationId', 'in', [...evaluationIds]);
  return q.orderBy('rectifications.createdAt').orderBy('rectifications.dueOn').orderBy('rectifications.id').execute();
}

export async function findRectification(db: Executor, id: string) {
  return db
    .selectFrom('rectifications')
    .innerJoin('evaluations', 'evaluations.id', 'rectifications.evaluationId')
    .select(rectificationColumns)
    .where('rectifications.id', '=', id)
    .executeTakeFirst();
}
export type RectificationRow = NonNullable<Awaited<ReturnType<typeof findRectification>>>;

/** Moves a task from the given state (compare-and-set: a concurrent move makes this answer undefined). */
export async function moveRectification(
  db: Executor,
  id: string,
  from: RectificationRow['status'],
  patch: Updateable<RectificationTable>,
) {
  return db
    .updateTable('rectifications')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .returning('id')
    .executeTakeFirst();
}
