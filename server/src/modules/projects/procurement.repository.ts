import { type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/schema';
import { divisionPrefixFilter } from '../../db/scope-sql';
import type { BidScoreTable, BidTable, ContractTable, ProcurementCallTable } from './project.tables';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Projects whose contracts the public may see (the disclosure list's states; never drafts or terminated ones). */
const DISCLOSED = ['approved', 'tendering', 'contracted', 'in_service', 'final_review', 'closed'] as const;

// ---- Calls -------------------------------------------------------------------------------------------------------

export async function insertCall(db: Executor, values: Insertable<ProcurementCallTable>) {
  await db.insertInto('procurementCalls').values(values).execute();
}

export async function findCall(db: Executor, projectId: string) {
  return db.selectFrom('procurementCalls').selectAll().where('projectId', '=', projectId).executeTakeFirst();
}
export type CallRow = NonNullable<Awaited<ReturnType<typeof findCall>>>;

export async function setCallStatus(db: Executor, projectId: string, status: 'open' | 'closed' | 'awarded') {
  await db.updateTable('procurementCalls').set({ status }).where('projectId', '=', projectId).execute();
}

// ---- Bids --------------------------------------------------------------------------------------------------------

function bidsJoined(db: Executor) {
  return db
    .selectFrom('bids')
    .innerJoin('organizations as agency', 'agency.id', 'bids.agencyId')
    .innerJoin('workers as lead', 'lead.id', 'bids.leadWorkerId')
    .select([
      'bids.id',
      'bids.projectId',
      'bids.agencyId',
      'agency.name as agencyName',
      'bids.proposal',
      'bids.priceFen',
      'bids.leadWorkerId',
      'lead.name as leadWorkerName',
      'bids.leadLevel',
      'bids.teamWorkerIds',
      'bids.status',
      'bids.submittedAt',
      'bids.updatedAt',
      'bids.version',
    ]);
}

/** A project's bids, all of them (agencyIds null) or those of the given agencies. */
export async function listBids(db: Executor, projectId: string, agencyIds: readonly string[] | null) {
  if (agencyIds !== null && agencyIds.length === 0) return [];
  let q = bidsJoined(db).where('bids.projectId', '=', projectId);
  if (agencyIds !== null) q = q.where('bids.agencyId', 'in', [...agencyIds]);
  return q.orderBy('bids.submittedAt').orderBy('bids.id').execute();
}
export type BidRow = Awaited<ReturnType<typeof listBids>>[number];

export async function findBid(db: Executor, projectId: string, bidId: string) {
  return bidsJoined(db).where('bids.projectId', '=', projectId).where('bids.id', '=', bidId).executeTakeFirst();
}

export async function findBidOfAgency(db: Executor, projectId: string, agencyId: string) {
  return bidsJoined(db)
    .where('bids.projectId', '=', projectId)
    .where('bids.agencyId', '=', agencyId)
    .executeTakeFirst();
}

export async function insertBid(db: Executor, values: Insertable<BidTable>) {
  return db.insertInto('bids').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Updates when the version matches; answers undefined for a stale one. */
export async function updateBid(db: Executor, id: string, version: number, patch: Updateable<BidTable>) {
  return db
    .updateTable('bids')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

/** Awards one bid; every other standing bid of the project is not awarded (withdrawn ones stay withdrawn). */
export async function settleBids(db: Executor, projectId: string, winnerId: string, at: Date) {
  const settle = (status: 'awarded' | 'not_awarded') =>
    db
      .updateTable('bids')
      .set({ status, updatedAt: at, version: sql`version + 1` })
      .where('projectId', '=', projectId)
      .where('status', '=', 'submitted');
  await settle('awarded').where('id', '=', winnerId).execute();
  await settle('not_awarded').execute();
}

/** Names and levels of workers (bid teams), whatever their agency now. */
export async function workerNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('workers')
    .select(['id', 'name', 'credentialLevel'])
    .where('id', 'in', [...ids])
    .execute();
}

// ---- Panel scores ------------------------------------------------------------------------------------------------

export async function upsertScore(db: Executor, values: Insertable<BidScoreTable>) {
  await db
    .insertInto('bidScores')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['bidId', 'scorerUserId']).doUpdateSet((eb) => ({
        score: eb.ref('excluded.score'),
        comment: eb.ref('excluded.comment'),
        scoredAt: eb.ref('excluded.scoredAt'),
      })),
    )
    .execute();
}

export async function findScore(db: Executor, bidId: string, scorerUserId: string) {
  return db
    .selectFrom('bidScores')
    .select(['score', 'comment'])
    .where('bidId', '=', bidId)
    .where('scorerUserId', '=', scorerUserId)
    .executeTakeFirst();
}

export async function listScores(db: Executor, bidIds: readonly string[]) {
  if (bidIds.length === 0) return [];
  return db
    .selectFrom('bidScores')
    .innerJoin('users', 'users.id', 'bidScores.scorerUserId')
    .select([
      'bidScores.bidId',
      'bidScores.scorerUserId',
      'users.displayName as scorerName',
      'bidScores.score',
      'bidScores.comment',
      'bidScores.scoredAt',
    ])
    .where('bidScores.bidId', 'in', [...bidIds])
    .orderBy('bidScores.scoredAt')
    .execute();
}

// ---- Contracts ---------------------------------------------------------------------------------------------------

export async function insertContract(db: Executor, values: Insertable<ContractTable>) {
  await db.insertInto('contracts').values(values).execute();
}

export async function findContract(db: Executor, projectId: string) {
  return db
    .selectFrom('contracts')
    .innerJoin('organizations as agency', 'agency.id', 'contracts.agencyId')
    .select([
      'contracts.projectId',
      'contracts.bidId',
      'contracts.agencyId',
      'agency.name as agencyName',
      'contracts.amountFen',
      'contracts.termFrom',
      'contracts.termTo',
      'contracts.quantityTerms',
      'contracts.qualityTerms',
      'contracts.priceTerms',
      'contracts.settlementTerms',
      'contracts.signedOn',
      'contracts.publishedAt',
    ])
    .where('contracts.projectId', '=', projectId)
    .executeTakeFirst();
}
export type ContractRow = NonNullable<Awaited<ReturnType<typeof findContract>>>;

/** Publishes once: answers undefined when the contract was already published. */
export async function publishContract(db: Executor, projectId: string, at: Date) {
  return db
    .updateTable('contracts')
    .set({ publishedAt: at })
    .where('projectId', '=', projectId)
    .where('publishedAt', 'is', null)
    .returning('projectId')
    .executeTakeFirst();
}

// ---- Public disclosure (no personal data is selected) ------------------------------------------------------------

interface PublicFilter {
  q?: string;
  divisionCode?: string;
  limit: number;
  offset: number;
}

/** Open calls: the project is tendering, the call open and its deadline still ahead. */
export async function listPublicCalls(db: Executor, now: Date, f: PublicFilter) {
  let q = db
    .selectFrom('procurementCalls')
    .innerJoin('projects', 'projects.id', 'procurementCalls.projectId')
    .innerJoin('organizations as purchaser', 'purchaser.id', 'projects.purchaserId')
    .where('projects.status', '=', 'tendering')
    .where('procurementCalls.status', '=', 'open')
    .where('procurementCalls.bidDeadline', '>', now);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('procurementCalls.title', 'ilike', like),
        eb('projects.title', 'ilike', like),
        eb('projects.code', 'ilike', like),
      ]),
    );
  }
  const within = f.divisionCode;
  // A call concerns an area when one of its service divisions lies inside it or covers it whole.
  if (within)
    q = q.where(
      sql<SqlBool>`exists (select 1 from project_divisions pd where pd.project_id = projects.id
        and (pd.division_code like ${`${within}%`} or ${within} like pd.division_code || '%'))`,
    );
  const [rows, count] = await Promise.all([
    q
      .select([
        'projects.code as projectCode',
        'projects.title as projectTitle',
        'purchaser.name as purchaserName',
        'projects.budgetFen',
        'projects.procurementMethod',
        'procurementCalls.title',
        'procurementCalls.content',
        'procurementCalls.eligibility',
        'procurementCalls.publishedAt',
        'procurementCalls.bidDeadline',
        (eb) =>
          eb
            .selectFrom('projectDivisions')
            .innerJoin('divisions as d', 'd.code', 'projectDivisions.divisionCode')
            .select(sql<string[]>`coalesce(array_agg(d.name order by d.code), '{}')`.as('names'))
            .whereRef('projectDivisions.projectId', '=', 'projects.id')
            .as('serviceDivisionNames'),
      ])
      .orderBy('procurementCalls.bidDeadline')
      .orderBy('projects.code')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Published contracts of disclosed projects. */
export async function listPublicContracts(db: Executor, f: PublicFilter) {
  let q = db
    .selectFrom('contracts')
    .innerJoin('projects', 'projects.id', 'contracts.projectId')
    .innerJoin('organizations as purchaser', 'purchaser.id', 'projects.purchaserId')
    .innerJoin('organizations as agency', 'agency.id', 'contracts.agencyId')
    .where('contracts.publishedAt', 'is not', null)
    .where('projects.status', 'in', [...DISCLOSED]);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('projects.title', 'ilike', like),
        eb('projects.code', 'ilike', like),
        eb('agency.name', 'ilike', like),
      ]),
    );
  }
  const within = f.divisionCode;
  if (within) q = q.where((eb) => divisionPrefixFilter(eb, eb.ref('projects.divisionCode'), [within]));
  const [rows, count] = await Promise.all([
    q
      .select([
        'projects.code as projectCode',
        'projects.title as projectTitle',
        'purchaser.name as purchaserName',
        'agency.name as agencyName',
        'contracts.amountFen',
        'contracts.termFrom',
        'contracts.termTo',
        'contracts.quantityTerms',
        'contracts.qualityTerms',
        'contracts.priceTerms',
        'contracts.settlementTerms',
        'contracts.signedOn',
        'contracts.publishedAt',
      ])
      .orderBy('contracts.signedOn', 'desc')
      .orderBy('projects.code', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
