import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { ProjectStatus } from '../../../../contracts/projects';
import type { DB, Executor } from '../../db/schema';
import { divisionPrefixFilter } from '../../db/scope-sql';
import type { ProjectDocumentTable, ProjectTable, ProjectTeamTable, ProjectTransitionTable } from './project.tables';

/**
 * Who sees which projects. The purchasing side by the project's division (its unit and the divisions below) or
 * its own unit; an agency its own projects, those it bid on, and open calls that reach its service area; a social
 * worker the projects whose team they are on; an evaluator the projects it has an evaluation of.
 */
export interface ProjectScope {
  divisionPrefixes: readonly string[];
  purchaserIds: readonly string[];
  agencyIds: readonly string[];
  workerUserId: string | null;
  evaluatorUserId: string | null;
}

function scopeFilter(eb: ExpressionBuilder<DB, 'projects'>, scope: ProjectScope): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = [
    divisionPrefixFilter(eb, eb.ref('projects.divisionCode'), scope.divisionPrefixes),
  ];
  if (scope.purchaserIds.length > 0) ors.push(eb('projects.purchaserId', 'in', [...scope.purchaserIds]));
  if (scope.agencyIds.length > 0) {
    const agencies = [...scope.agencyIds];
    ors.push(eb('projects.agencyId', 'in', agencies));
    ors.push(
      eb.exists(
        eb
          .selectFrom('bids')
          .select('bids.id')
          .whereRef('bids.projectId', '=', 'projects.id')
          .where('bids.agencyId', 'in', agencies),
      ),
    );
    // An open call reaches an agency whose service area overlaps one of the project's divisions.
    ors.push(
      eb.and([
        eb('projects.status', '=', 'tendering'),
        sql<SqlBool>`exists (
          select 1 from project_divisions pd
          join organization_service_divisions sd
            on pd.division_code like sd.division_code || '%' or sd.division_code like pd.division_code || '%'
          where pd.project_id = projects.id and sd.organization_id in (${sql.join(agencies)})
        )`,
      ]),
    );
  }
  if (scope.workerUserId) {
    ors.push(
      eb.exists(
        eb
          .selectFrom('projectTeam')
          .innerJoin('workers', 'workers.id', 'projectTeam.workerId')
          .select('projectTeam.workerId')
          .whereRef('projectTeam.projectId', '=', 'projects.id')
          .where('workers.userId', '=', scope.workerUserId),
      ),
    );
  }
  if (scope.evaluatorUserId) {
    ors.push(
      eb.exists(
        eb
          .selectFrom('evaluations')
          .innerJoin('evaluationAssignees', 'evaluationAssignees.evaluationId', 'evaluations.id')
          .select('evaluations.id')
          .whereRef('evaluations.projectId', '=', 'projects.id')
          .where('evaluationAssignees.userId', '=', scope.evaluatorUserId),
      ),
    );
  }
  return eb.or(ors);
}

const summaryColumns = [
  'projects.id',
  'projects.code',
  'projects.title',
  'projects.purchaserId',
  'purchaser.name as purchaserName',
  'projects.divisionCode',
  'divisions.name as divisionName',
  'projects.status',
  'projects.budgetFen',
  'projects.contractAmountFen',
  'projects.procurementMethod',
  'projects.periodFrom',
  'projects.periodTo',
  'projects.agencyId',
  'agency.name as agencyName',
  'projects.finalGrade',
  'projects.version',
  'projects.updatedAt',
] as const;

const detailColumns = [
  ...summaryColumns,
  'projects.fundingSource',
  'projects.targetGroups',
  'projects.serviceContent',
  'projects.recurring',
  'projects.statusReason',
  'projects.finalScore',
  'projects.leadWorkerId',
  'projects.createdAt',
] as const;

function joined(db: Executor) {
  return db
    .selectFrom('projects')
    .innerJoin('organizations as purchaser', 'purchaser.id', 'projects.purchaserId')
    .innerJoin('divisions', 'divisions.code', 'projects.divisionCode')
    .leftJoin('organizations as agency', 'agency.id', 'projects.agencyId');
}

function visible(db: Executor, scope: ProjectScope) {
  return joined(db).where((eb) => scopeFilter(eb as unknown as ExpressionBuilder<DB, 'projects'>, scope));
}

export async function findProjectInScope(db: Executor, id: string, scope: ProjectScope) {
  return visible(db, scope).select(detailColumns).where('projects.id', '=', id).executeTakeFirst();
}
export type ProjectRow = NonNullable<Awaited<ReturnType<typeof findProjectInScope>>>;

/** Locks the project row for the rest of the transaction (state changes, payments against its contract). */
export async function lockProject(db: Executor, id: string) {
  return db.selectFrom('projects').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface ProjectFilter {
  q?: string;
  status?: ProjectStatus;
  divisionCode?: string;
  agencyId?: string;
  purchaserId?: string;
  year?: number;
  limit: number;
  offset: number;
}

export async function listProjectsInScope(db: Executor, scope: ProjectScope, f: ProjectFilter) {
  let q = visible(db, scope);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('projects.title', 'ilike', like), eb('projects.code', 'ilike', like)]));
  }
  const within = f.divisionCode;
  if (within)
    q = q.where((eb) =>
      eb.or([
        divisionPrefixFilter(eb, eb.ref('projects.divisionCode'), [within]),
        eb.exists(
          eb
            .selectFrom('projectDivisions')
            .select('projectDivisions.projectId')
            .whereRef('projectDivisions.projectId', '=', 'projects.id')
            .where('projectDivisions.divisionCode', 'like', `${within}%`),
        ),
      ]),
    );
  if (f.agencyId) q = q.where('projects.agencyId', '=', f.agencyId);
  if (f.purchaserId) q = q.where('projects.purchaserId', '=', f.purchaserId);
  if (f.year) q = q.where(sql<SqlBool>`extract(year from projects.period_from) = ${f.year}`);
  const filtered = f.status ? q.where('projects.status', '=', f.status) : q;
  const [rows, count, byStatus] = await Promise.all([
    filtered
      .select(summaryColumns)
      .orderBy('projects.updatedAt', 'desc')
      .orderBy('projects.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    q
      .select(['projects.status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('projects.status')
      .execute(),
  ]);
  return {
    rows,
    total: Number(count.n),
    statusCounts: Object.fromEntries(byStatus.map((s) => [s.status, Number(s.n)])) as Record<string, number>,
  };
}

/** CC-2026-0031: 禅城, the year, a number counted per year. */
export async function nextProjectCode(db: Executor, year: number): Promise<string> {
  const row = await db
    .insertInto('projectCodeCounters')
    .values({ year, lastValue: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ lastValue: sql`project_code_counters.last_value + 1` }))
    .returning('lastValue')
    .executeTakeFirstOrThrow();
  return `CC-${year}-${String(row.lastValue).padStart(4, '0')}`;
}

export async function insertProject(db: Executor, values: Insertable<ProjectTable>) {
  return db.insertInto('projects').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Updates when the version matches; answers the new version, or undefined for a stale one. */
export async function updateProjectRow(db: Executor, id: string, version: number, patch: Updateable<ProjectTable>) {
  return db
    .updateTable('projects')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
}

export async function replaceProjectDivisions(db: Executor, projectId: string, codes: readonly string[]) {
  await db.deleteFrom('projectDivisions').where('projectId', '=', projectId).execute();
  if (codes.length > 0)
    await db
      .insertInto('projectDivisions')
      .values(codes.map((divisionCode) => ({ projectId, divisionCode })))
      .execute();
}

export async function projectDivisions(db: Executor, projectId: string) {
  return db
    .selectFrom('projectDivisions')
    .innerJoin('divisions', 'divisions.code', 'projectDivisions.divisionCode')
    .select(['divisions.code', 'divisions.name'])
    .where('projectDivisions.projectId', '=', projectId)
    .orderBy('divisions.code')
    .execute();
}

export async function insertTransition(db: Executor, values: Insertable<ProjectTransitionTable>) {
  await db.insertInto('projectTransitions').values(values).execute();
}

export async function listTransitions(db: Executor, projectId: string) {
  return db
    .selectFrom('projectTransitions')
    .select(['id', 'fromStatus', 'action', 'toStatus', 'reason', 'actorUsername', 'at'])
    .where('projectId', '=', projectId)
    .orderBy('id')
    .execute();
}

export async function listTeam(db: Executor, projectId: string) {
  return db
    .selectFrom('projectTeam')
    .innerJoin('workers', 'workers.id', 'projectTeam.workerId')
    .select([
      'projectTeam.workerId',
      'workers.name',
      'workers.credentialLevel',
      'projectTeam.role',
      'projectTeam.joinedOn',
    ])
    .where('projectTeam.projectId', '=', projectId)
    .orderBy('projectTeam.role')
    .orderBy('workers.name')
    .execute();
}

export async function replaceTeam(db: Executor, projectId: string, rows: Insertable<ProjectTeamTable>[]) {
  await db.deleteFrom('projectTeam').where('projectId', '=', projectId).execute();
  if (rows.length > 0) await db.insertInto('projectTeam').values(rows).execute();
}

/** Workers of an agency among the given ids (a team is drawn from the contracted agency's workers). */
export async function workersOfAgency(db: Executor, agencyId: string, workerIds: readonly string[]) {
  if (workerIds.length === 0) return [];
  return db
    .selectFrom('workers')
    .select(['id', 'credentialLevel'])
    .where('agencyId', '=', agencyId)
    .where('id', 'in', [...workerIds])
    .execute();
}

export async function insertDocument(db: Executor, values: Insertable<ProjectDocumentTable>) {
  return db.insertInto('projectDocuments').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function listDocuments(db: Executor, projectId: string) {
  return db
    .selectFrom('projectDocuments')
    .leftJoin('users', 'users.id', 'projectDocuments.uploadedBy')
    .select([
      'projectDocuments.id',
      'projectDocuments.kind',
      'projectDocuments.fileName',
      'projectDocuments.contentType',
      'projectDocuments.byteSize',
      'projectDocuments.sha256',
      'users.username as uploadedBy',
      'projectDocuments.uploadedAt',
    ])
    .where('projectDocuments.projectId', '=', projectId)
    .orderBy('projectDocuments.uploadedAt')
    .execute();
}

export async function findDocument(db: Executor, projectId: string, documentId: string) {
  return db
    .selectFrom('projectDocuments')
    .select(['id', 'fileName', 'contentType', 'bytes'])
    .where('projectId', '=', projectId)
    .where('id', '=', documentId)
    .executeTakeFirst();
}

export async function hasSubmittedFinalEvaluation(db: Executor, projectId: string) {
  const row = await db
    .selectFrom('evaluations')
    .select('id')
    .where('projectId', '=', projectId)
    .where('kind', '=', 'final')
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return row !== undefined;
}

export async function countOpenRectifications(db: Executor, projectId: string) {
  const row = await db
    .selectFrom('rectifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('projectId', '=', projectId)
    .where('status', '!=', 'accepted')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Disclosed projects: approved or later, never terminated drafts; no personal data selected. */
export async function listPublicProjects(
  db: Executor,
  f: { q?: string; divisionCode?: string; limit: number; offset: number },
) {
  let q = joined(db).where('projects.status', 'in', [
    'approved',
    'tendering',
    'contracted',
    'in_service',
    'final_review',
    'closed',
  ]);
  if (f.q) q = q.where('projects.title', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const within = f.divisionCode;
  if (within) q = q.where((eb) => divisionPrefixFilter(eb, eb.ref('projects.divisionCode'), [within]));
  const [rows, count] = await Promise.all([
    q
      .select([
        'projects.id',
        'projects.code',
        'projects.title',
        'projects.status',
        'purchaser.name as purchaserName',
        'agency.name as agencyName',
        'projects.budgetFen',
        'projects.contractAmountFen',
        'projects.procurementMethod',
        'projects.periodFrom',
        'projects.periodTo',
        'projects.serviceContent',
        'projects.targetGroups',
        'projects.finalGrade',
        (eb) =>
          eb
            .selectFrom('projectDivisions')
            .innerJoin('divisions as d', 'd.code', 'projectDivisions.divisionCode')
            .select(sql<string[]>`coalesce(array_agg(d.name order by d.code), '{}')`.as('names'))
            .whereRef('projectDivisions.projectId', '=', 'projects.id')
            .as('serviceDivisionNames'),
      ])
      .orderBy('projects.periodFrom', 'desc')
      .orderBy('projects.code', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
