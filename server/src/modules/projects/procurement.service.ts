import type { z } from 'zod';
import {
  type awardBody,
  BID_STATUS_NAMES,
  type Bid,
  type CallStatus,
  type Contract,
  type ProcurementCall,
  type publicListQuery,
  type publishCallBody,
  type scoreBidBody,
  type submitBidBody,
  type updateBidBody,
} from '../../../../contracts/api/procurement';
import { PROJECT_ACTION_NAMES, PROJECT_STATUS_NAMES, type ProjectAction } from '../../../../contracts/projects';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { pageOf, pageWindow } from '../../platform/pagination';
import { shanghaiDate } from '../../platform/time';
import { recordAudit } from '../audit/audit.service';
import { loadOrganization } from '../registry/organization.service';
import { decimal, fen } from './money';
import * as repo from './procurement.repository';
import * as projectRepo from './project.repository';
import {
  applyTransition,
  checkServicePeriod,
  partiesOf,
  requireProject,
  requirePurchaserSide,
} from './project.service';
import { findTransition } from './project.transitions';

/*
 * Procurement of a project (政府采购): the purchasing side publishes a call, agencies bid until the deadline, the
 * panel scores the bids, the purchasing side awards one and signs the contract.
 *
 * Bids are sealed until the deadline (财政部令第87号《政府采购货物和服务招标投标管理办法》: bids are opened at the
 * deadline, and who has bid is not disclosed before then). An agency always sees its own bid; the purchasing side sees no
 * bid at all before the deadline, and every bid with the panel's scores after it.
 */

type ProjectRow = projectRepo.ProjectRow;

/** An instant as the call shows it: Beijing time, to the minute. */
function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Exact yuan for messages (fen are integers; no floating point). */
function yuan(amountFen: number): string {
  return `${Math.floor(amountFen / 100)}.${String(amountFen % 100).padStart(2, '0')}`;
}

/** What the panel does once bids are opened (procurement.deadline_not_reached). */
const OPENED_ACTIONS = {
  score: { zh: '评分', en: 'score the bids' },
  award: { zh: '确定中标', en: 'award the contract' },
} as const;

/** What can only be done to a standing bid (procurement.bid_not_submitted). */
const BID_ACTIONS = {
  score: { zh: '评分', en: 'scored' },
  award: { zh: '中标', en: 'awarded' },
  withdraw: { zh: '撤回', en: 'withdrawn' },
} as const;

/** The same refusal applyTransition gives, raised before anything else is written for a dedicated move. */
function requireMove(project: ProjectRow, action: ProjectAction) {
  if (findTransition(project.status, action)) return;
  throw new AppError('project.invalid_transition', {
    from: project.status,
    action,
    fromName: PROJECT_STATUS_NAMES[project.status],
    actionName: PROJECT_ACTION_NAMES[action],
  });
}

function notTendering(project: ProjectRow) {
  return new AppError('procurement.not_tendering', { statusName: PROJECT_STATUS_NAMES[project.status] });
}

const LIMIT_NAMES = {
  budget: { zh: '项目预算', en: 'project budget' },
  bid: { zh: '投标报价', en: 'bid price' },
} as const;

function overBudget(amountFen: number, limitFen: number, limit: keyof typeof LIMIT_NAMES) {
  return new AppError('project.over_budget', {
    amountYuan: yuan(amountFen),
    limitYuan: yuan(limitFen),
    limitName: LIMIT_NAMES[limit],
  });
}

/** The call a bid may still be made to (or changed, or withdrawn from): the project tendering, before the deadline. */
async function requireOpenCall(db: Executor, project: ProjectRow, now: Date) {
  const call = await repo.findCall(db, project.id);
  if (project.status !== 'tendering' || !call || call.status !== 'open') throw notTendering(project);
  if (now >= call.bidDeadline)
    throw new AppError('procurement.deadline_passed', { deadline: shanghaiDateTime(call.bidDeadline) });
  return call;
}

/** The call whose bids are open for scoring and award: the project tendering, the deadline passed. */
async function requireOpenedBids(db: Executor, project: ProjectRow, now: Date, action: keyof typeof OPENED_ACTIONS) {
  const call = await repo.findCall(db, project.id);
  if (project.status !== 'tendering' || !call || call.status !== 'open') throw notTendering(project);
  if (now < call.bidDeadline)
    throw new AppError('procurement.deadline_not_reached', {
      deadline: shanghaiDateTime(call.bidDeadline),
      actionName: OPENED_ACTIONS[action],
    });
  return call;
}

function callStatus(call: repo.CallRow, project: ProjectRow, now: Date): CallStatus {
  if (call.status !== 'open') return call.status;
  if (project.status === 'terminated') return 'cancelled';
  return now >= call.bidDeadline ? 'closed' : 'open';
}

const managedAgencies = (ctx: AuthedContext) =>
  ctx.actor.memberships.filter((m) => m.role === 'agency_manager').map((m) => m.organizationId);

/** The agency a manager acts for: the one given (theirs), or their only one. */
function chooseAgency(ctx: AuthedContext, agencyId: string | undefined, field: string): string {
  const managed = managedAgencies(ctx);
  if (managed.length === 0) throw new AppError('auth.forbidden');
  const chosen = agencyId ?? (managed.length === 1 ? managed[0] : undefined);
  if (!chosen) throw fieldError(field, 'required', '请选择投标的社工机构', 'choose the agency you act for', ctx.locale);
  if (!managed.includes(chosen))
    throw fieldError(field, 'not_found', '您不是该社工机构的管理人员', 'you do not manage this agency', ctx.locale);
  return chosen;
}

/**
 * A project that this very agency can see (its own projects, those it bid on, open calls reaching its service
 * area); 404 otherwise, so an agency learns nothing of calls outside its area.
 */
async function requireProjectForAgency(db: Executor, id: string, agencyId: string) {
  const row = await projectRepo.findProjectInScope(db, id, {
    divisionPrefixes: [],
    purchaserIds: [],
    agencyIds: [agencyId],
    workerUserId: null,
    evaluatorUserId: null,
  });
  if (!row) throw notFound();
  return row;
}

/** A bid's team: the lead and members must work for the bidding agency now (workers.agency_id). */
async function checkTeam(
  db: Executor,
  ctx: AuthedContext,
  agencyId: string,
  input: { leadWorkerId: string; memberWorkerIds: string[] },
) {
  const members = [...new Set(input.memberWorkerIds)].filter((w) => w !== input.leadWorkerId);
  const found = new Map(
    (await projectRepo.workersOfAgency(db, agencyId, [input.leadWorkerId, ...members])).map((w) => [w.id, w]),
  );
  const issues: Array<{ field: string; code: string; message: string }> = [];
  const en = ctx.locale === 'en';
  if (!found.has(input.leadWorkerId))
    issues.push({
      field: 'body.leadWorkerId',
      code: 'worker.not_in_agency',
      message: en ? 'the lead must be a worker of the bidding agency' : '项目负责人须为投标机构的在职社工',
    });
  for (const workerId of members)
    if (!found.has(workerId))
      issues.push({
        field: `body.memberWorkerIds.${input.memberWorkerIds.indexOf(workerId)}`,
        code: 'worker.not_in_agency',
        message: en ? 'team members must be workers of the bidding agency' : '团队成员须为投标机构的在职社工',
      });
  if (issues.length > 0) throw new AppError('validation.failed', { issues });
  return { members, leadLevel: found.get(input.leadWorkerId)?.credentialLevel ?? null };
}

// ---- Presenters --------------------------------------------------------------------------------------------------

type ScoreRow = Awaited<ReturnType<typeof repo.listScores>>[number];

/** Bids with their teams' names; panel scores when `scores` is given (the purchasing side after the deadline). */
async function presentBids(
  db: Executor,
  ctx: AuthedContext,
  rows: repo.BidRow[],
  scores: ScoreRow[] | null,
): Promise<Bid[]> {
  const names = new Map(
    (await repo.workerNames(db, [...new Set(rows.flatMap((r) => r.teamWorkerIds))])).map((w) => [w.id, w]),
  );
  return rows.map((r) => {
    const own = scores?.filter((s) => s.bidId === r.id) ?? null;
    const values = own?.map((s) => decimal(s.score)) ?? [];
    const mine = own?.find((s) => s.scorerUserId === ctx.actor.userId);
    return {
      id: r.id,
      projectId: r.projectId,
      agencyId: r.agencyId,
      agencyName: r.agencyName,
      proposal: r.proposal,
      priceFen: fen(r.priceFen),
      leadWorkerId: r.leadWorkerId,
      leadWorkerName: r.leadWorkerName,
      leadLevel: r.leadLevel,
      members: r.teamWorkerIds.map((workerId) => ({
        workerId,
        name: names.get(workerId)?.name ?? '',
        credentialLevel: names.get(workerId)?.credentialLevel ?? null,
      })),
      status: r.status,
      submittedAt: r.submittedAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      version: r.version,
      scores:
        own?.map((s) => ({
          scorerUserId: s.scorerUserId,
          scorerName: s.scorerName,
          score: decimal(s.score),
          comment: s.comment,
          scoredAt: s.scoredAt.toISOString(),
        })) ?? null,
      averageScore:
        values.length > 0 ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null,
      myScore: mine ? decimal(mine.score) : null,
    };
  });
}

function presentContract(c: repo.ContractRow): Contract {
  return {
    ...c,
    amountFen: fen(c.amountFen),
    publishedAt: c.publishedAt?.toISOString() ?? null,
  };
}

// ---- The call ----------------------------------------------------------------------------------------------------

export async function getCall(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  db: Executor = deps.db,
): Promise<ProcurementCall> {
  const project = await requireProject(db, ctx, id);
  const call = await repo.findCall(db, id);
  if (!call) throw notFound();
  const now = deps.clock.now();
  const status = callStatus(call, project, now);
  const opened = status === 'closed' && partiesOf(ctx, project).has('purchaser');
  return {
    projectId: call.projectId,
    title: call.title,
    content: call.content,
    eligibility: call.eligibility,
    publishedAt: call.publishedAt.toISOString(),
    bidDeadline: call.bidDeadline.toISOString(),
    status,
    sealed: now < call.bidDeadline,
    can: { bid: status === 'open' && managedAgencies(ctx).length > 0, score: opened, award: opened },
  };
}

/** 采购公告: publishing the call moves an approved project into tendering. */
export async function publishCall(deps: Deps, ctx: AuthedContext, id: string, input: z.infer<typeof publishCallBody>) {
  const now = deps.clock.now();
  const deadline = new Date(input.bidDeadline);
  if (deadline <= now)
    throw fieldError(
      'body.bidDeadline',
      'date.not_future',
      '投标截止时间须晚于当前时间',
      'the bid deadline must be in the future',
      ctx.locale,
    );
  return deps.db.transaction().execute(async (trx) => {
    await projectRepo.lockProject(trx, id);
    const project = await requirePurchaserSide(trx, ctx, id);
    requireMove(project, 'publish_call');
    await repo.insertCall(trx, {
      projectId: id,
      title: input.title,
      content: input.content,
      eligibility: input.eligibility,
      publishedAt: now,
      bidDeadline: deadline,
    });
    await applyTransition(trx, deps, ctx, id, 'publish_call', { version: input.version });
    await recordAudit(trx, ctx, now, {
      action: 'procurement.call_publish',
      targetType: 'project',
      targetId: id,
      divisionCode: project.divisionCode,
      summary: { after: { title: input.title, bidDeadline: deadline.toISOString() } },
    });
    return getCall(deps, ctx, id, trx);
  });
}

// ---- Bids --------------------------------------------------------------------------------------------------------

export async function listBids(deps: Deps, ctx: AuthedContext, id: string) {
  const project = await requireProject(deps.db, ctx, id);
  const call = await repo.findCall(deps.db, id);
  if (!call) throw notFound();
  const sealed = deps.clock.now() < call.bidDeadline;
  const opened = !sealed && partiesOf(ctx, project).has('purchaser');
  const rows = await repo.listBids(deps.db, id, opened ? null : managedAgencies(ctx));
  const scores = opened
    ? await repo.listScores(
        deps.db,
        rows.map((r) => r.id),
      )
    : null;
  const bids = await presentBids(deps.db, ctx, rows, scores);
  // The panel reads the best-scored bids first; unscored ones after them, in the order they came in.
  if (opened) bids.sort((a, b) => (b.averageScore ?? -1) - (a.averageScore ?? -1));
  return { sealed, bidDeadline: call.bidDeadline.toISOString(), bids };
}

async function presentOne(db: Executor, ctx: AuthedContext, projectId: string, bidId: string, scored: boolean) {
  const row = await repo.findBid(db, projectId, bidId);
  if (!row) throw notFound();
  const scores = scored ? await repo.listScores(db, [bidId]) : null;
  const [bid] = await presentBids(db, ctx, [row], scores);
  return bid!;
}

/** 投标: one bid per agency, priced within the budget, staffed by the agency's own workers. */
export async function submitBid(deps: Deps, ctx: AuthedContext, id: string, input: z.infer<typeof submitBidBody>) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const agencyId = chooseAgency(ctx, input.agencyId, 'body.agencyId');
    // Bids and the award are serialised on the project row: no bid slips in while the contract is being signed.
    await projectRepo.lockProject(trx, id);
    const project = await requireProjectForAgency(trx, id, agencyId);
    await requireOpenCall(trx, project, now);
    const agency = await loadOrganization(trx, agencyId);
    if (agency?.status !== 'active') throw new AppError('procurement.agency_not_active');
    if (input.priceFen > fen(project.budgetFen)) throw overBudget(input.priceFen, fen(project.budgetFen), 'budget');
    const team = await checkTeam(trx, ctx, agencyId, input);
    if (await repo.findBidOfAgency(trx, id, agencyId)) throw new AppError('procurement.bid_exists');
    const { id: bidId } = await repo.insertBid(trx, {
      projectId: id,
      agencyId,
      proposal: input.proposal,
      priceFen: input.priceFen,
      leadWorkerId: input.leadWorkerId,
      leadLevel: team.leadLevel,
      teamWorkerIds: team.members,
      submittedBy: ctx.actor.userId,
      submittedAt: now,
      updatedAt: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'bid.submit',
      targetType: 'bid',
      targetId: bidId,
      divisionCode: project.divisionCode,
      summary: {
        after: {
          projectId: id,
          agencyId,
          priceFen: input.priceFen,
          leadWorkerId: input.leadWorkerId,
          members: team.members.length,
        },
      },
    });
    return presentOne(trx, ctx, id, bidId, false);
  });
}

async function requireOwnBid(trx: Executor, ctx: AuthedContext, id: string, agencyIdInput: string | undefined) {
  const agencyId = chooseAgency(ctx, agencyIdInput, 'query.agencyId');
  await projectRepo.lockProject(trx, id);
  const project = await requireProjectForAgency(trx, id, agencyId);
  const bid = await repo.findBidOfAgency(trx, id, agencyId);
  if (!bid) throw notFound();
  return { agencyId, project, bid };
}

/** Changing the bid before the deadline; a withdrawn bid is submitted again this way. */
export async function updateMyBid(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  agencyIdInput: string | undefined,
  input: z.infer<typeof updateBidBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { agencyId, project, bid } = await requireOwnBid(trx, ctx, id, agencyIdInput);
    await requireOpenCall(trx, project, now);
    const agency = await loadOrganization(trx, agencyId);
    if (agency?.status !== 'active') throw new AppError('procurement.agency_not_active');
    if (input.priceFen > fen(project.budgetFen)) throw overBudget(input.priceFen, fen(project.budgetFen), 'budget');
    const team = await checkTeam(trx, ctx, agencyId, input);
    const updated = await repo.updateBid(trx, bid.id, input.version, {
      proposal: input.proposal,
      priceFen: input.priceFen,
      leadWorkerId: input.leadWorkerId,
      leadLevel: team.leadLevel,
      teamWorkerIds: team.members,
      status: 'submitted',
      submittedBy: ctx.actor.userId,
      updatedAt: now,
    });
    if (!updated) throw new AppError('conflict.stale_version');
    await recordAudit(trx, ctx, now, {
      action: bid.status === 'withdrawn' ? 'bid.resubmit' : 'bid.update',
      targetType: 'bid',
      targetId: bid.id,
      divisionCode: project.divisionCode,
      summary: {
        before: { priceFen: fen(bid.priceFen), leadWorkerId: bid.leadWorkerId, status: bid.status },
        after: { priceFen: input.priceFen, leadWorkerId: input.leadWorkerId, status: 'submitted' },
      },
    });
    return presentOne(trx, ctx, id, bid.id, false);
  });
}

function requireSubmitted(bid: repo.BidRow, action: keyof typeof BID_ACTIONS) {
  if (bid.status === 'submitted') return;
  throw new AppError('procurement.bid_not_submitted', {
    statusName: BID_STATUS_NAMES[bid.status],
    actionName: BID_ACTIONS[action],
  });
}

export async function withdrawMyBid(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  agencyIdInput: string | undefined,
  version: number,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { project, bid } = await requireOwnBid(trx, ctx, id, agencyIdInput);
    await requireOpenCall(trx, project, now);
    requireSubmitted(bid, 'withdraw');
    const updated = await repo.updateBid(trx, bid.id, version, { status: 'withdrawn', updatedAt: now });
    if (!updated) throw new AppError('conflict.stale_version');
    await recordAudit(trx, ctx, now, {
      action: 'bid.withdraw',
      targetType: 'bid',
      targetId: bid.id,
      divisionCode: project.divisionCode,
      summary: { before: { status: bid.status }, after: { status: 'withdrawn' } },
    });
    return presentOne(trx, ctx, id, bid.id, false);
  });
}

// ---- Panel scores ------------------------------------------------------------------------------------------------

/** One score per panel member per bid (a second one replaces the first), after the deadline, before the award. */
export async function scoreBid(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  bidId: string,
  input: z.infer<typeof scoreBidBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await projectRepo.lockProject(trx, id);
    const project = await requirePurchaserSide(trx, ctx, id);
    await requireOpenedBids(trx, project, now, 'score');
    const bid = await repo.findBid(trx, id, bidId);
    if (!bid) throw notFound();
    requireSubmitted(bid, 'score');
    const before = await repo.findScore(trx, bidId, ctx.actor.userId);
    await repo.upsertScore(trx, {
      bidId,
      scorerUserId: ctx.actor.userId,
      score: input.score,
      comment: input.comment,
      scoredAt: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'bid.score',
      targetType: 'bid',
      targetId: bidId,
      divisionCode: project.divisionCode,
      summary: {
        before: before ? { score: decimal(before.score) } : null,
        after: { score: input.score, agencyId: bid.agencyId },
      },
    });
    return presentOne(trx, ctx, id, bidId, true);
  });
}

// ---- Award and contract ------------------------------------------------------------------------------------------

/**
 * 定标与签约, in one transaction: the contract, the bids settled, the call awarded, the bid's team on the project
 * and the project contracted with the agency, amount, lead and service period of the contract.
 */
export async function award(deps: Deps, ctx: AuthedContext, id: string, input: z.infer<typeof awardBody>) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await projectRepo.lockProject(trx, id);
    const project = await requirePurchaserSide(trx, ctx, id);
    requireMove(project, 'award');
    await requireOpenedBids(trx, project, now, 'award');
    const bid = await repo.findBid(trx, id, input.bidId);
    if (!bid)
      throw fieldError('body.bidId', 'not_found', '该项目没有这份投标', 'no such bid for this project', ctx.locale);
    requireSubmitted(bid, 'award');
    if (input.amountFen > fen(bid.priceFen)) throw overBudget(input.amountFen, fen(bid.priceFen), 'bid');
    if (input.amountFen > fen(project.budgetFen)) throw overBudget(input.amountFen, fen(project.budgetFen), 'budget');
    if (input.termTo < input.termFrom)
      throw fieldError(
        'body.termTo',
        'date.order',
        '结束日期不能早于开始日期',
        'cannot be before the start',
        ctx.locale,
      );
    checkServicePeriod(input.termFrom, input.termTo, project.recurring, ctx.locale);
    if (input.signedOn > shanghaiDate(now))
      throw fieldError('body.signedOn', 'date.future', '签订日期不能晚于今天', 'cannot be in the future', ctx.locale);

    // The team is the bid's; members who have left the agency since bidding are left out, the lead cannot be.
    const employed = new Set(
      (await projectRepo.workersOfAgency(trx, bid.agencyId, [bid.leadWorkerId, ...bid.teamWorkerIds])).map((w) => w.id),
    );
    if (!employed.has(bid.leadWorkerId)) throw new AppError('procurement.lead_unavailable');
    const members = bid.teamWorkerIds.filter((w) => employed.has(w));

    await applyTransition(trx, deps, ctx, id, 'award', {
      version: input.version,
      patch: {
        agencyId: bid.agencyId,
        contractAmountFen: input.amountFen,
        leadWorkerId: bid.leadWorkerId,
        periodFrom: input.termFrom,
        periodTo: input.termTo,
      },
    });
    await repo.insertContract(trx, {
      projectId: id,
      bidId: bid.id,
      agencyId: bid.agencyId,
      amountFen: input.amountFen,
      termFrom: input.termFrom,
      termTo: input.termTo,
      quantityTerms: input.quantityTerms,
      qualityTerms: input.qualityTerms,
      priceTerms: input.priceTerms,
      settlementTerms: input.settlementTerms,
      signedOn: input.signedOn,
      publishedAt: input.publish ? now : null,
    });
    await repo.settleBids(trx, id, bid.id, now);
    await repo.setCallStatus(trx, id, 'awarded');
    await projectRepo.replaceTeam(trx, id, [
      { projectId: id, workerId: bid.leadWorkerId, role: 'lead', joinedOn: input.signedOn },
      ...members.map((workerId) => ({
        projectId: id,
        workerId,
        role: 'member' as const,
        joinedOn: input.signedOn,
      })),
    ]);
    await recordAudit(trx, ctx, now, {
      action: 'contract.create',
      targetType: 'project',
      targetId: id,
      divisionCode: project.divisionCode,
      summary: {
        after: {
          bidId: bid.id,
          agencyId: bid.agencyId,
          amountFen: input.amountFen,
          termFrom: input.termFrom,
          termTo: input.termTo,
          signedOn: input.signedOn,
          published: input.publish,
          team: members.length + 1,
          leftAgency: bid.teamWorkerIds.length - members.length,
        },
      },
    });
    return getContract(deps, ctx, id, trx);
  });
}

/**
 * The contract, to those who can see the project. Until it is published, an agency that only bid (and lost) does
 * not see another agency's contract terms.
 */
export async function getContract(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  db: Executor = deps.db,
): Promise<Contract> {
  const project = await requireProject(db, ctx, id);
  const row = await repo.findContract(db, id);
  if (!row) throw notFound();
  const parties = partiesOf(ctx, project);
  const through = parties.has('purchaser') || parties.has('agency');
  const otherReader = ctx.actor.roles.has('social_worker') || ctx.actor.roles.has('evaluator');
  if (!through && !otherReader && row.publishedAt === null) throw notFound();
  return presentContract(row);
}

/** 合同公开 (政府采购法实施条例 第五十条): published once, by the purchasing side. */
export async function publishContract(deps: Deps, ctx: AuthedContext, id: string) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await projectRepo.lockProject(trx, id);
    const project = await requirePurchaserSide(trx, ctx, id);
    const row = await repo.findContract(trx, id);
    if (!row) throw notFound();
    if (row.publishedAt)
      throw new AppError('procurement.contract_published', { publishedAt: shanghaiDateTime(row.publishedAt) });
    await repo.publishContract(trx, id, now);
    await recordAudit(trx, ctx, now, {
      action: 'contract.publish',
      targetType: 'project',
      targetId: id,
      divisionCode: project.divisionCode,
      summary: { after: { publishedAt: now.toISOString() } },
    });
    return getContract(deps, ctx, id, trx);
  });
}

// ---- Public disclosure -------------------------------------------------------------------------------------------

export async function listPublicCalls(deps: Deps, query: z.infer<typeof publicListQuery>) {
  const { rows, total } = await repo.listPublicCalls(deps.db, deps.clock.now(), {
    q: query.q,
    divisionCode: query.divisionCode,
    ...pageWindow(query),
  });
  return pageOf(
    rows.map((r) => ({
      ...r,
      budgetFen: fen(r.budgetFen),
      serviceDivisionNames: r.serviceDivisionNames ?? [],
      publishedAt: r.publishedAt.toISOString(),
      bidDeadline: r.bidDeadline.toISOString(),
    })),
    total,
    query,
  );
}

export async function listPublicContracts(deps: Deps, query: z.infer<typeof publicListQuery>) {
  const { rows, total } = await repo.listPublicContracts(deps.db, {
    q: query.q,
    divisionCode: query.divisionCode,
    ...pageWindow(query),
  });
  return pageOf(
    rows.map((r) => ({
      ...r,
      amountFen: fen(r.amountFen),
      // The query keeps published contracts only.
      publishedAt: r.publishedAt!.toISOString(),
    })),
    total,
    query,
  );
}
