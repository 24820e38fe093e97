import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type {
  createProjectBody,
  listProjectsQuery,
  ProjectDetail,
  ProjectSummary,
  publicProjectsQuery,
  setTeamBody,
  transitionBody,
  updateProjectBody,
} from '../../../../contracts/api/projects';
import {
  MAX_RECURRING_TERM_YEARS,
  MAX_TERM_YEARS,
  PROJECT_ACTION_NAMES,
  PROJECT_STATUS_NAMES,
  type ProjectAction,
} from '../../../../contracts/projects';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { pageOf, pageWindow } from '../../platform/pagination';
import { coversDivision, divisionPrefixes } from '../../platform/scope';
import { addDays, addYears, shanghaiDate } from '../../platform/time';
import { recordAudit } from '../audit/audit.service';
import { requireDivision } from '../divisions/division.service';
import { loadOrganization } from '../registry/organization.service';
import { requireTerms } from '../registry/taxonomy.service';
import { decimalOrNull, fen, fenOrNull } from './money';
import * as repo from './project.repository';
import { findTransition, type ProjectParty, transitionsFrom } from './project.transitions';

/** Who sees which projects (see ProjectScope). */
export function projectScope(ctx: AuthedContext): repo.ProjectScope {
  const m = ctx.actor.memberships;
  return {
    divisionPrefixes: divisionPrefixes(ctx.actor, ['bureau_admin', 'purchaser']),
    purchaserIds: m.filter((x) => x.role === 'purchaser').map((x) => x.organizationId),
    agencyIds: m.filter((x) => x.role === 'agency_manager').map((x) => x.organizationId),
    workerUserId: ctx.actor.roles.has('social_worker') ? ctx.actor.userId : null,
    evaluatorUserId: ctx.actor.roles.has('evaluator') ? ctx.actor.userId : null,
  };
}

/** The sides of a project the caller is on: the purchasing side by division or unit, the contracted agency. */
export function partiesOf(
  ctx: AuthedContext,
  project: { divisionCode: string; purchaserId: string; agencyId: string | null },
) {
  const parties = new Set<ProjectParty>();
  const purchasing =
    coversDivision(divisionPrefixes(ctx.actor, ['bureau_admin', 'purchaser']), project.divisionCode) ||
    ctx.actor.memberships.some((m) => m.role === 'purchaser' && m.organizationId === project.purchaserId);
  if (purchasing) parties.add('purchaser');
  if (ctx.actor.memberships.some((m) => m.role === 'agency_manager' && m.organizationId === project.agencyId))
    parties.add('agency');
  return parties;
}

/** A project the caller can see (404 otherwise), inside the given transaction or the database. */
export async function requireProject(db: Executor, ctx: AuthedContext, id: string) {
  const row = await repo.findProjectInScope(db, id, projectScope(ctx));
  if (!row) throw notFound();
  return row;
}

/** A project the caller can see and act on as the purchasing side (403 when they only see it). */
export async function requirePurchaserSide(db: Executor, ctx: AuthedContext, id: string) {
  const row = await requireProject(db, ctx, id);
  if (!partiesOf(ctx, row).has('purchaser')) throw new AppError('auth.forbidden');
  return row;
}

function presentSummary(
  r: repo.ProjectRow | Awaited<ReturnType<typeof repo.listProjectsInScope>>['rows'][number],
): ProjectSummary {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    purchaserId: r.purchaserId,
    purchaserName: r.purchaserName,
    divisionCode: r.divisionCode,
    divisionName: r.divisionName,
    status: r.status,
    budgetFen: fen(r.budgetFen),
    contractAmountFen: fenOrNull(r.contractAmountFen),
    procurementMethod: r.procurementMethod,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    finalGrade: r.finalGrade,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listProjects(deps: Deps, ctx: AuthedContext, query: z.infer<typeof listProjectsQuery>) {
  const { rows, total, statusCounts } = await repo.listProjectsInScope(deps.db, projectScope(ctx), {
    q: query.q,
    status: query.status,
    divisionCode: query.divisionCode,
    agencyId: query.agencyId,
    purchaserId: query.purchaserId,
    year: query.year,
    ...pageWindow(query),
  });
  return { ...pageOf(rows.map(presentSummary), total, query), statusCounts };
}

export async function getProject(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  db: Executor = deps.db,
): Promise<ProjectDetail> {
  const row = await requireProject(db, ctx, id);
  const [divisions, team] = await Promise.all([repo.projectDivisions(db, id), repo.listTeam(db, id)]);
  const parties = partiesOf(ctx, row);
  const purchasing = parties.has('purchaser');
  const contracted = ['contracted', 'in_service', 'final_review'].includes(row.status);
  return {
    ...presentSummary(row),
    fundingSource: row.fundingSource,
    targetGroups: row.targetGroups,
    serviceContent: row.serviceContent,
    recurring: row.recurring,
    serviceDivisions: divisions,
    statusReason: row.statusReason,
    finalScore: decimalOrNull(row.finalScore),
    leadWorkerId: row.leadWorkerId,
    team,
    allowedActions: transitionsFrom(row.status, parties).map((t) => ({
      action: t.action,
      needsReason: t.needsReason ?? false,
      dedicated: t.dedicated ?? false,
    })),
    can: {
      edit: purchasing && row.status === 'draft',
      manageTeam: contracted && (purchasing || parties.has('agency')),
      uploadDocuments: row.status !== 'closed' && row.status !== 'terminated' && (purchasing || parties.has('agency')),
    },
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * 财政部令第102号《政府购买服务管理办法》第二十四条: a contract runs at most one year; a stable, recurring service
 * may be contracted for up to three. The period's last day is one day short of the anniversary.
 */
export function checkServicePeriod(periodFrom: string, periodTo: string, recurring: boolean, locale: string) {
  if (periodTo < periodFrom)
    throw fieldError('body.periodTo', 'date.order', '结束日期不能早于开始日期', 'cannot be before the start', locale);
  const years = recurring ? MAX_RECURRING_TERM_YEARS : MAX_TERM_YEARS;
  if (periodTo > addDays(addYears(periodFrom, years), -1)) throw new AppError('project.term_too_long', { years });
}

/** The purchasing unit of a new project: a purchaser's own unit, or one in a bureau admin's divisions. */
async function resolvePurchaser(db: Executor, ctx: AuthedContext, purchaserId: string | undefined) {
  const own = ctx.actor.memberships.filter((m) => m.role === 'purchaser').map((m) => m.organizationId);
  const chosen = purchaserId ?? (own.length === 1 ? own[0] : undefined);
  if (!chosen) throw new AppError('project.purchaser_required');
  const org = await loadOrganization(db, chosen);
  const adminOver = org && coversDivision(divisionPrefixes(ctx.actor, ['bureau_admin']), org.divisionCode);
  if (org?.kind !== 'purchaser' || (!own.includes(chosen) && !adminOver))
    throw fieldError(
      'body.purchaserId',
      'not_found',
      '采购单位不存在或不在您的管理范围内',
      'no such purchasing unit in your scope',
      ctx.locale,
    );
  return org;
}

/** Service divisions must lie within the purchasing unit's own division: a town buys for the town. */
async function checkServiceDivisions(db: Executor, ctx: AuthedContext, purchaserDivision: string, codes: string[]) {
  const unique = [...new Set(codes)];
  for (const code of unique) {
    await requireDivision(db, code);
    if (!code.startsWith(purchaserDivision))
      throw fieldError(
        'body.serviceDivisionCodes',
        'division.outside_purchaser',
        `服务区域 ${code} 不在采购单位的辖区内`,
        `${code} is outside the purchasing unit's area`,
        ctx.locale,
      );
  }
  return unique;
}

const searchText = (p: { code: string; title: string; serviceContent: string }) =>
  `${p.code} ${p.title} ${p.serviceContent}`.slice(0, 2000);

export async function createProject(deps: Deps, ctx: AuthedContext, input: z.infer<typeof createProjectBody>) {
  checkServicePeriod(input.periodFrom, input.periodTo, input.recurring, ctx.locale);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const purchaser = await resolvePurchaser(trx, ctx, input.purchaserId);
    const divisions = await checkServiceDivisions(trx, ctx, purchaser.divisionCode, input.serviceDivisionCodes);
    const targetGroups = await requireTerms(trx, 'specialty', input.targetGroups, 'body.targetGroups', ctx.locale);
    const code = await repo.nextProjectCode(trx, Number(shanghaiDate(now).slice(0, 4)));
    const { id } = await repo.insertProject(trx, {
      code,
      title: input.title,
      purchaserId: purchaser.id,
      divisionCode: purchaser.divisionCode,
      fundingSource: input.fundingSource,
      budgetFen: input.budgetFen,
      targetGroups,
      serviceContent: input.serviceContent,
      procurementMethod: input.procurementMethod,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      recurring: input.recurring,
      agencyId: null,
      leadWorkerId: null,
      statusReason: null,
      finalGrade: null,
      search: searchText({ code, ...input }),
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceProjectDivisions(trx, id, divisions);
    await repo.insertTransition(trx, {
      projectId: id,
      fromStatus: null,
      action: 'create',
      toStatus: 'draft',
      reason: null,
      actorUserId: ctx.actor.userId,
      actorUsername: ctx.actor.username,
      at: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'project.create',
      targetType: 'project',
      targetId: id,
      divisionCode: purchaser.divisionCode,
      summary: { after: { code, title: input.title, budgetFen: input.budgetFen } },
    });
    return getProject(deps, ctx, id, trx);
  });
}

export async function updateProject(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof updateProjectBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const project = await requirePurchaserSide(trx, ctx, id);
    if (project.status !== 'draft') {
      const names = PROJECT_STATUS_NAMES[project.status];
      throw new AppError('project.not_editable', { statusName: names });
    }
    const { version, serviceDivisionCodes, targetGroups, ...fields } = input;
    checkServicePeriod(
      fields.periodFrom ?? project.periodFrom,
      fields.periodTo ?? project.periodTo,
      fields.recurring ?? project.recurring,
      ctx.locale,
    );
    const patch: Parameters<typeof repo.updateProjectRow>[3] = { ...fields, updatedAt: now };
    if (targetGroups)
      patch.targetGroups = await requireTerms(trx, 'specialty', targetGroups, 'body.targetGroups', ctx.locale);
    patch.search = searchText({
      code: project.code,
      title: fields.title ?? project.title,
      serviceContent: fields.serviceContent ?? project.serviceContent,
    });
    const updated = await repo.updateProjectRow(trx, id, version, patch);
    if (!updated) throw new AppError('conflict.stale_version');
    if (serviceDivisionCodes) {
      const divisions = await checkServiceDivisions(trx, ctx, project.divisionCode, serviceDivisionCodes);
      await repo.replaceProjectDivisions(trx, id, divisions);
    }
    await recordAudit(trx, ctx, now, {
      action: 'project.update',
      targetType: 'project',
      targetId: id,
      divisionCode: project.divisionCode,
      summary: { changed: Object.keys(input).filter((k) => k !== 'version') },
    });
    return getProject(deps, ctx, id, trx);
  });
}

/** Why a move cannot happen yet, checked inside the transaction that would make it. */
async function guardProblem(trx: Executor, projectId: string, action: ProjectAction) {
  if (action !== 'close') return null;
  if (!(await repo.hasSubmittedFinalEvaluation(trx, projectId)))
    return { reason: { zh: '末期评估尚未提交', en: 'the final evaluation has not been submitted' } };
  const open = await repo.countOpenRectifications(trx, projectId);
  if (open > 0)
    return { reason: { zh: `还有 ${open} 项整改未验收`, en: `${open} rectification task(s) are not accepted yet` } };
  return null;
}

/**
 * Moves a project one step along the state machine inside the caller's transaction: looks the move up in the
 * transition table, checks the caller's side, the reason and the guard, writes the new state with a history row
 * and an audit row. Procurement and evaluation services call it for the moves they own.
 */
export async function applyTransition(
  trx: Executor,
  deps: Deps,
  ctx: AuthedContext,
  projectId: string,
  action: ProjectAction,
  options: { reason?: string; version?: number; patch?: Parameters<typeof repo.updateProjectRow>[3] } = {},
) {
  // Lock first: two people approving at once must not both pass the state check.
  await repo.lockProject(trx, projectId);
  const current = await requireProject(trx, ctx, projectId);
  const move = findTransition(current.status, action);
  const names = PROJECT_ACTION_NAMES[action];
  if (!move) {
    const from = PROJECT_STATUS_NAMES[current.status];
    throw new AppError('project.invalid_transition', {
      from: current.status,
      action,
      fromName: from,
      actionName: names,
    });
  }
  const parties = partiesOf(ctx, current);
  if (!move.who.some((p) => parties.has(p))) throw new AppError('auth.forbidden');
  if (move.needsReason && !options.reason?.trim()) throw new AppError('project.reason_required', { actionName: names });
  const problem = await guardProblem(trx, projectId, action);
  if (problem) throw new AppError('project.guard_failed', { actionName: names, ...problem });
  const now = deps.clock.now();
  const updated = await repo.updateProjectRow(trx, projectId, options.version ?? current.version, {
    ...options.patch,
    status: move.to,
    statusReason: move.needsReason ? options.reason!.trim() : null,
    updatedAt: now,
  });
  if (!updated) throw new AppError('conflict.stale_version');
  await repo.insertTransition(trx, {
    projectId,
    fromStatus: current.status,
    action,
    toStatus: move.to,
    reason: options.reason?.trim() || null,
    actorUserId: ctx.actor.userId,
    actorUsername: ctx.actor.username,
    at: now,
  });
  await recordAudit(trx, ctx, now, {
    action: `project.${action}`,
    targetType: 'project',
    targetId: projectId,
    divisionCode: current.divisionCode,
    summary: { before: { status: current.status }, after: { status: move.to }, reason: options.reason ?? null },
  });
  return move.to;
}

export async function transitionProject(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof transitionBody>,
) {
  return deps.db.transaction().execute(async (trx) => {
    await applyTransition(trx, deps, ctx, id, input.action, { reason: input.reason, version: input.version });
    return getProject(deps, ctx, id, trx);
  });
}

export async function projectHistory(deps: Deps, ctx: AuthedContext, id: string) {
  await requireProject(deps.db, ctx, id);
  const rows = await repo.listTransitions(deps.db, id);
  return rows.map((r) => ({ ...r, id: String(r.id), at: r.at.toISOString() }));
}

/** The delivery team: a lead and members, all workers of the contracted agency. */
export async function setTeam(deps: Deps, ctx: AuthedContext, id: string, input: z.infer<typeof setTeamBody>) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, ctx, id);
    const detail = await getProject(deps, ctx, id, trx);
    if (!detail.can.manageTeam) throw new AppError('auth.forbidden');
    const ids = [...new Set([input.leadWorkerId, ...input.memberWorkerIds])];
    const found = await repo.workersOfAgency(trx, project.agencyId!, ids);
    if (found.length !== ids.length)
      throw fieldError(
        'body.memberWorkerIds',
        'worker.not_in_agency',
        '团队成员须为承接机构的在职社工',
        'team members must be workers of the contracted agency',
        ctx.locale,
      );
    const today = shanghaiDate(now);
    const before = new Map((await repo.listTeam(trx, id)).map((m) => [m.workerId, m.joinedOn]));
    await repo.replaceTeam(
      trx,
      id,
      ids.map((workerId) => ({
        projectId: id,
        workerId,
        role: workerId === input.leadWorkerId ? ('lead' as const) : ('member' as const),
        joinedOn: before.get(workerId) ?? today,
      })),
    );
    const updated = await repo.updateProjectRow(trx, id, input.version, {
      leadWorkerId: input.leadWorkerId,
      updatedAt: now,
    });
    if (!updated) throw new AppError('conflict.stale_version');
    await recordAudit(trx, ctx, now, {
      action: 'project.team_set',
      targetType: 'project',
      targetId: id,
      divisionCode: project.divisionCode,
      summary: { after: { lead: input.leadWorkerId, members: ids.length } },
    });
    return getProject(deps, ctx, id, trx);
  });
}

// ---- Documents ---------------------------------------------------------------------------------------------------

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** Accepted attachments, recognised by their first bytes rather than by what the client claims. */
const SIGNATURES: Array<{ type: string; test: (b: Buffer, name: string) => boolean }> = [
  { type: 'application/pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  {
    type: 'image/png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    // Office Open XML files and ZIP archives share the ZIP signature; the extension tells them apart.
    type: 'zip',
    test: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04,
  },
  {
    type: 'application/msword',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
  },
];
const ZIP_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
};

export function documentContentType(bytes: Buffer, fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const match = SIGNATURES.find((s) => s.test(bytes, fileName));
  if (!match) throw new AppError('project.document_type');
  if (match.type !== 'zip') return match.type;
  const type = ZIP_TYPES[ext];
  if (!type) throw new AppError('project.document_type');
  return type;
}

export async function uploadDocument(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  kind: 'proposal' | 'contract' | 'report' | 'evidence' | 'other',
  fileName: string,
  bytes: Buffer,
) {
  const contentType = documentContentType(bytes, fileName);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, ctx, id);
    const detail = await getProject(deps, ctx, id, trx);
    if (!detail.can.uploadDocuments) throw new AppError('auth.forbidden');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { id: documentId } = await repo.insertDocument(trx, {
      projectId: id,
      kind,
      fileName,
      contentType,
      byteSize: bytes.length,
      sha256,
      bytes,
      uploadedBy: ctx.actor.userId,
      uploadedAt: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'project.document_add',
      targetType: 'project',
      targetId: id,
      divisionCode: project.divisionCode,
      summary: { after: { documentId, kind, fileName, sha256, byteSize: bytes.length } },
    });
    return (await listProjectDocuments(deps, ctx, id, trx)).find((d) => d.id === documentId)!;
  });
}

export async function listProjectDocuments(deps: Deps, ctx: AuthedContext, id: string, db: Executor = deps.db) {
  await requireProject(db, ctx, id);
  const rows = await repo.listDocuments(db, id);
  return rows.map((d) => ({ ...d, uploadedAt: d.uploadedAt.toISOString() }));
}

export async function downloadDocument(deps: Deps, ctx: AuthedContext, id: string, documentId: string) {
  await requireProject(deps.db, ctx, id);
  const doc = await repo.findDocument(deps.db, id, documentId);
  if (!doc) throw notFound();
  return doc;
}

// ---- Public disclosure -------------------------------------------------------------------------------------------

/** 政府购买服务信息公开: approved projects and their contracts, without any personal data. */
export async function listPublicProjects(deps: Deps, query: z.infer<typeof publicProjectsQuery>) {
  const { rows, total } = await repo.listPublicProjects(deps.db, {
    q: query.q,
    divisionCode: query.divisionCode,
    ...pageWindow(query),
  });
  return pageOf(
    rows.map((r) => ({
      code: r.code,
      title: r.title,
      status: r.status,
      purchaserName: r.purchaserName,
      agencyName: r.agencyName,
      amountFen: fen(r.contractAmountFen ?? r.budgetFen),
      amountIsContract: r.contractAmountFen !== null,
      procurementMethod: r.procurementMethod,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      serviceContent: r.serviceContent,
      targetGroups: r.targetGroups,
      serviceDivisionNames: r.serviceDivisionNames ?? [],
      finalGrade: r.finalGrade,
    })),
    total,
    query,
  );
}
