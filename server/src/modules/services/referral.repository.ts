import { type ExpressionBuilder, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { REFERRAL_STATUSES } from '../../../../contracts/api/delivery';
import type { DB, Executor } from '../../db/schema';
import type { ReferralTable } from './services.tables';

/**
 * Who sees a referral. The sending side: managers of the referring agency, whoever asked for it, and the case's
 * worker or supervisor while the case is still at the referring agency (a transferred case's new worker is on the
 * receiving side). The receiving side: managers of the agency it is addressed to. Nobody else (deny by default).
 */
export interface ReferralScope {
  managerAgencyIds: readonly string[];
  userId: string;
}

type Tables = DB & { w: DB['workers']; s: DB['workers']; fa: DB['organizations']; ta: DB['organizations'] };
type Eb = ExpressionBuilder<Tables, 'referrals' | 'cases' | 'w' | 's'>;

function outgoing(eb: Eb, scope: ReferralScope) {
  const agencies = [...scope.managerAgencyIds];
  return eb.or([
    agencies.length > 0 ? eb('referrals.fromAgencyId', 'in', agencies) : sql<SqlBool>`false`,
    eb('referrals.requestedBy', '=', scope.userId),
    eb.and([
      eb('cases.agencyId', '=', eb.ref('referrals.fromAgencyId')),
      eb.or([eb('w.userId', '=', scope.userId), eb('s.userId', '=', scope.userId)]),
    ]),
  ]);
}

function incoming(eb: Eb, scope: ReferralScope) {
  const agencies = [...scope.managerAgencyIds];
  return eb.or([agencies.length > 0 ? eb('referrals.toAgencyId', 'in', agencies) : sql<SqlBool>`false`]);
}

function base(db: Executor, scope: ReferralScope) {
  return db
    .selectFrom('referrals')
    .innerJoin('cases', 'cases.id', 'referrals.caseId')
    .innerJoin('workers as w', 'w.id', 'cases.workerId')
    .innerJoin('workers as s', 's.id', 'cases.supervisorWorkerId')
    .innerJoin('beneficiaries', 'beneficiaries.id', 'referrals.beneficiaryId')
    .innerJoin('organizations as fa', 'fa.id', 'referrals.fromAgencyId')
    .innerJoin('organizations as ta', 'ta.id', 'referrals.toAgencyId')
    .select((eb) => [
      'referrals.id',
      'referrals.kind',
      'referrals.status',
      'referrals.caseId',
      'cases.code as caseCode',
      'cases.agencyId as caseAgencyId',
      'w.userId as workerUserId',
      'referrals.beneficiaryId',
      'beneficiaries.name as beneficiaryName',
      'beneficiaries.categories as beneficiaryCategories',
      'beneficiaries.divisionCode',
      'referrals.fromAgencyId',
      'fa.name as fromAgencyName',
      'referrals.toAgencyId',
      'ta.name as toAgencyName',
      'referrals.reason',
      'referrals.consentOverride',
      'referrals.overrideReason',
      'referrals.requestedBy',
      'referrals.requestedAt',
      'referrals.decidedAt',
      'referrals.decisionNote',
      'referrals.newCaseId',
      outgoing(eb, scope).as('outgoing'),
      incoming(eb, scope).as('incoming'),
    ]);
}

export type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferralInScope>>>;

/** A referral the caller sees from either side, with which side(s) they are on. */
export async function findReferralInScope(db: Executor, id: string, scope: ReferralScope) {
  return base(db, scope)
    .where('referrals.id', '=', id)
    .where((eb) => eb.or([outgoing(eb, scope), incoming(eb, scope)]))
    .executeTakeFirst();
}

export async function listReferralsInScope(
  db: Executor,
  scope: ReferralScope,
  filter: {
    direction: 'incoming' | 'outgoing';
    status?: (typeof REFERRAL_STATUSES)[number];
    limit: number;
    offset: number;
  },
) {
  let q = base(db, scope).where((eb) => (filter.direction === 'incoming' ? incoming(eb, scope) : outgoing(eb, scope)));
  if (filter.status) q = q.where('referrals.status', '=', filter.status);
  const [rows, count] = await Promise.all([
    q
      .orderBy('referrals.requestedAt', 'desc')
      .orderBy('referrals.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Serializes decisions on one referral (an accept and a revoke must not both pass the pending check). */
export async function lockReferral(db: Executor, id: string) {
  await db.selectFrom('referrals').select('id').where('id', '=', id).forUpdate().execute();
}

export async function findPendingForCase(db: Executor, caseId: string) {
  return db
    .selectFrom('referrals')
    .select('id')
    .where('caseId', '=', caseId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export async function insertReferral(db: Executor, values: Insertable<ReferralTable>) {
  return db.insertInto('referrals').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Moves a pending referral on; false when it was no longer pending. */
export async function decideReferral(db: Executor, id: string, patch: Updateable<ReferralTable>) {
  const res = await db
    .updateTable('referrals')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function findOrganization(db: Executor, id: string) {
  return db.selectFrom('organizations').select(['id', 'kind', 'status']).where('id', '=', id).executeTakeFirst();
}

/** The case as it stands (no scope: the caller's right to it was checked through the referral). */
export async function findCaseState(db: Executor, id: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'agencyId', 'stage', 'version', 'beneficiaryId'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** The latest sharing decision recorded after `since` (a referral request), if any. */
export async function sharingDecisionSince(db: Executor, beneficiaryId: string, since: Date) {
  return db
    .selectFrom('consents')
    .select(['id', 'status'])
    .where('beneficiaryId', '=', beneficiaryId)
    .where('purpose', '=', 'sharing')
    .where('recordedAt', '>', since)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A transferred case takes its beneficiary's serving agency with it, when the sending agency was that agency. */
export async function moveBeneficiaryAgency(db: Executor, id: string, from: string, to: string, now: Date) {
  const res = await db
    .updateTable('beneficiaries')
    .set((eb) => ({ agencyId: to, updatedAt: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('agencyId', '=', from)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** PostgreSQL unique_violation on the named index (a concurrent insert won the race). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.code === '23505' &&
    (e.constraint === constraint || (typeof e.message === 'string' && e.message.includes(constraint)))
  );
}

/** Active agencies by name (the directory of referral targets), without the caller's own. */
export async function listReferralTargets(db: Executor, excludeIds: readonly string[], q: string) {
  let query = db
    .selectFrom('organizations as o')
    .innerJoin('divisions as d', 'd.code', 'o.divisionCode')
    .select(['o.id', 'o.name', 'o.divisionCode', 'd.name as divisionName'])
    .where('o.kind', '=', 'agency')
    .where('o.status', '=', 'active');
  if (excludeIds.length > 0) query = query.where('o.id', 'not in', [...excludeIds]);
  if (q) query = query.where('o.name', 'like', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return query.orderBy('o.name').orderBy('o.id').limit(50).execute();
}
