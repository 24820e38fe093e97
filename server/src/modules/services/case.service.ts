import type { Insertable } from 'kysely';
import type { z } from 'zod';
import {
  CASE_ACTION_NAMES,
  CASE_STAGE_NAMES,
  type CaseAction,
  type CaseDetail,
  type caseTransitionBody,
  type createCaseBody,
  type createRecordBody,
  type listCasesQuery,
  RECORD_CONTENT,
  RECORD_KIND_NAMES,
  type RecordKind,
  type updateRecordBody,
} from '../../../../contracts/api/cases';
import { SCALES, type ScaleId, scoreScale } from '../../../../contracts/scales';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { pageOf, pageWindow } from '../../platform/pagination';
import { shanghaiDate } from '../../platform/time';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleBeneficiary } from './beneficiary.service';
import * as repo from './case.repository';
import { type CaseParty, caseTransitionsFrom, findCaseTransition, STAGE_RECORD_KINDS } from './case.transitions';
import { requireConsent } from './consent.service';
import { creditCaseOpened, recordCaseSession } from './service-record.service';
import type { CaseTable } from './services.tables';

/** Case code prefix: 个案 (GeAn), then the Shanghai calendar year and a yearly sequence, e.g. GA-2026-0001. */
const CODE_PREFIX = 'GA';
/** A case may count toward a project only while the agency is delivering it. */
const DELIVERING = new Set(['contracted', 'in_service']);

/**
 * Who sees a case (PIPL minimum necessary): agency managers see all their agencies' cases; a social worker sees the
 * cases they work on or supervise (their caseload), not every case of the agency. Anyone else: 404.
 */
export function caseScope(ctx: AuthedContext): repo.CaseScope {
  return {
    agencyIds: [
      ...new Set(ctx.actor.memberships.filter((m) => m.role === 'agency_manager').map((m) => m.organizationId)),
    ],
    userId: ctx.actor.userId,
    asWorker: ctx.actor.roles.has('social_worker'),
  };
}

function partiesOf(ctx: AuthedContext, row: repo.CaseRow): Set<CaseParty> {
  const parties = new Set<CaseParty>();
  if (row.workerUserId === ctx.actor.userId) parties.add('worker');
  if (row.supervisorUserId === ctx.actor.userId) parties.add('supervisor');
  return parties;
}

async function requireCase(db: Executor, ctx: AuthedContext, id: string) {
  const row = await repo.findCaseInScope(db, id, caseScope(ctx));
  if (!row) throw notFound();
  return row;
}

function presentSummary(r: repo.CaseRow) {
  return {
    id: r.id,
    code: r.code,
    beneficiaryId: r.beneficiaryId,
    beneficiaryName: r.beneficiaryName,
    agencyId: r.agencyId,
    projectId: r.projectId,
    workerId: r.workerId,
    workerName: r.workerName,
    supervisorWorkerId: r.supervisorWorkerId,
    supervisorName: r.supervisorName,
    stage: r.stage,
    intakeSource: r.intakeSource,
    openedOn: r.openedOn,
    closedOn: r.closedOn,
    closingReason: r.closingReason,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function presentRecords(records: repo.CaseRecordRow[]) {
  const amendedBy = new Map<string, string>();
  for (const r of records) if (r.amendsRecordId && r.status === 'approved') amendedBy.set(r.amendsRecordId, r.id);
  return records.map((r) => ({
    id: r.id,
    caseId: r.caseId,
    stage: r.stage,
    kind: r.kind,
    content: r.content,
    status: r.status,
    authorUserId: r.authorUserId,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewComment: r.reviewComment,
    amendsRecordId: r.amendsRecordId,
    amendedByRecordId: amendedBy.get(r.id) ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

async function detail(db: Executor, ctx: AuthedContext, row: repo.CaseRow): Promise<CaseDetail> {
  const parties = partiesOf(ctx, row);
  return {
    ...presentSummary(row),
    records: presentRecords(await repo.listRecords(db, row.id)),
    can: {
      writeRecords: parties.has('worker'),
      review: parties.has('supervisor'),
      actions: [...new Set(caseTransitionsFrom(row.stage, parties).map((t) => t.action))],
    },
  };
}

export async function listCases(deps: Deps, ctx: AuthedContext, query: z.infer<typeof listCasesQuery>) {
  const { rows, total } = await repo.listCasesInScope(deps.db, caseScope(ctx), {
    stage: query.stage,
    beneficiaryId: query.beneficiaryId,
    ...pageWindow(query),
  });
  return pageOf(rows.map(presentSummary), total, query);
}

export async function getCase(deps: Deps, ctx: AuthedContext, id: string) {
  return detail(deps.db, ctx, await requireCase(deps.db, ctx, id));
}

/**
 * The case worker and supervisor (督导) a case is given to: two different workers of the agency, each with a user
 * account. Shared by opening a case and by accepting a referral or transfer from another agency.
 */
export async function requireCaseWorkers(
  trx: Executor,
  agencyId: string,
  workerId: string,
  supervisorWorkerId: string,
  locale: string,
) {
  if (workerId === supervisorWorkerId)
    throw fieldError(
      'body.supervisorWorkerId',
      'case.supervisor_is_worker',
      '督导不能由个案社工本人担任',
      'the supervisor cannot be the case worker',
      locale,
    );
  const found = await repo.workersOfAgency(trx, agencyId, [workerId, supervisorWorkerId]);
  for (const [field, id] of [
    ['body.workerId', workerId],
    ['body.supervisorWorkerId', supervisorWorkerId],
  ] as const) {
    const w = found.find((f) => f.id === id);
    if (!w)
      throw fieldError(field, 'worker.not_in_agency', '须为本机构的社工', 'must be a worker of the agency', locale);
    // Records are written and reviewed by signed-in people: a worker without an account could do neither.
    if (!w.userId)
      throw fieldError(
        field,
        'case.worker_no_account',
        '该社工没有系统账号，不能承担个案',
        'this worker has no user account and cannot take a case',
        locale,
      );
  }
}

/**
 * Writes a new case at intake: its yearly code, the row and the first stage-history entry ('open'). Shared by opening
 * a case and by accepting a referral (the receiving agency's own case).
 */
export async function insertNewCase(
  trx: Executor,
  actorUserId: string,
  now: Date,
  values: Pick<
    Insertable<CaseTable>,
    'beneficiaryId' | 'agencyId' | 'projectId' | 'workerId' | 'supervisorWorkerId' | 'intakeSource' | 'referralId'
  >,
) {
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const code = `${CODE_PREFIX}-${year}-${String(await repo.nextCaseNumber(trx, year)).padStart(4, '0')}`;
  const { id } = await repo.insertCase(trx, {
    ...values,
    code,
    stage: 'intake',
    stageEnteredAt: now,
    openedOn: today,
    closedOn: null,
    closingReason: null,
    createdBy: actorUserId,
    createdAt: now,
    updatedAt: now,
  });
  await repo.insertStageHistory(trx, {
    caseId: id,
    fromStage: null,
    toStage: 'intake',
    action: 'open',
    reason: null,
    actorUserId,
    at: now,
  });
  return { id, code };
}

export async function createCase(deps: Deps, ctx: AuthedContext, input: z.infer<typeof createCaseBody>) {
  const now = deps.clock.now();
  const locale = ctx.locale;
  return deps.db.transaction().execute(async (trx) => {
    const b = await requireVisibleBeneficiary(trx, ctx, input.beneficiaryId);
    // The case belongs to the agency serving the beneficiary; only that agency's staff open it.
    const agencyId = b.agencyId;
    const staff = ctx.actor.memberships.some(
      (m) => m.organizationId === agencyId && (m.role === 'agency_manager' || m.role === 'social_worker'),
    );
    if (!agencyId || !staff) throw notFound();
    await requireCaseWorkers(trx, agencyId, input.workerId, input.supervisorWorkerId, locale);
    if (input.projectId !== undefined) {
      const project = await repo.projectOfAgency(trx, input.projectId, agencyId);
      if (!project || !DELIVERING.has(project.status))
        throw fieldError(
          'body.projectId',
          'case.project_not_delivered',
          '须为本机构正在承接的项目',
          'must be a project the agency is delivering',
          locale,
        );
    }
    // PIPL art. 13/29: case work processes sensitive information only with the beneficiary's service consent.
    await requireConsent(trx, b.id, 'service', now);
    const today = shanghaiDate(now);
    const { id, code } = await insertNewCase(trx, ctx.actor.userId, now, {
      beneficiaryId: b.id,
      agencyId,
      projectId: input.projectId ?? null,
      workerId: input.workerId,
      supervisorWorkerId: input.supervisorWorkerId,
      intakeSource: input.intakeSource,
    });
    if (input.projectId !== undefined) await creditCaseOpened(trx, input.projectId, today, now);
    await recordAudit(trx, ctx, now, {
      action: 'case.open',
      targetType: 'case',
      targetId: id,
      divisionCode: b.divisionCode,
      summary: { code, beneficiaryId: b.id, workerId: input.workerId, supervisorWorkerId: input.supervisorWorkerId },
    });
    // The opener may be neither worker nor supervisor: answer with the new case seen from its agency.
    const row = await repo.findCaseInScope(trx, id, {
      agencyIds: [agencyId],
      userId: ctx.actor.userId,
      asWorker: false,
    });
    return detail(trx, ctx, row!);
  });
}

// ---- records ---------------------------------------------------------------------------------------------------

/** Checks content against its kind's form; an assessment is scored here, never trusted from the client. */
function validateContent(kind: RecordKind, content: Record<string, unknown>, locale: string) {
  const kindName = RECORD_KIND_NAMES[kind];
  const parsed = RECORD_CONTENT[kind].safeParse(content);
  if (!parsed.success)
    throw new AppError('validation.failed', {
      issues: parsed.error.issues.map((i) => ({
        field: ['body', 'content', ...i.path.map(String)].join('.'),
        code: i.code,
        message: locale === 'en' ? `invalid ${kindName.en}: ${i.message}` : `${kindName.zh}内容不正确：${i.message}`,
      })),
    });
  const value = parsed.data as Record<string, unknown>;
  if (kind !== 'assessment') return value;
  const scaleId = value.scale as ScaleId;
  const scale = SCALES[scaleId];
  const result = scoreScale(scaleId, value.answers as Record<string, unknown>);
  if (!result.ok)
    throw new AppError('validation.failed', {
      issues: result.problems.map((p) => {
        const item = scale.items.find((i) => i.key === p.item);
        const allowed = item ? item.scores.join('/') : '';
        return {
          field: `body.content.answers.${p.item}`,
          code: `scale.${p.problem}`,
          message:
            p.problem === 'unknown'
              ? locale === 'en'
                ? `${scale.name.en} has no item "${p.item}"`
                : `${scale.name.zh}没有“${p.item}”这一项`
              : locale === 'en'
                ? `${item!.name.en}: answer with one of ${allowed}`
                : `${item!.name.zh}：请在 ${allowed} 中选择`,
        };
      }),
    });
  return { ...value, total: result.total, band: result.band.key, riskLevel: result.band.riskLevel };
}

async function requireRecord(trx: Executor, caseId: string, recordId: string) {
  const record = await repo.findRecord(trx, caseId, recordId);
  if (!record) throw notFound();
  return record;
}

/** The case worker writes the records. */
async function requireWriter(trx: Executor, ctx: AuthedContext, caseId: string) {
  await repo.lockCase(trx, caseId);
  const row = await requireCase(trx, ctx, caseId);
  if (!partiesOf(ctx, row).has('worker')) throw new AppError('auth.forbidden');
  return row;
}

export async function createRecord(
  deps: Deps,
  ctx: AuthedContext,
  caseId: string,
  input: z.infer<typeof createRecordBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await requireWriter(trx, ctx, caseId);
    let stage = row.stage;
    if (input.amendsRecordId !== undefined) {
      // An approved record is never edited: the correction is a new record pointing at it, reviewed again.
      const original = await requireRecord(trx, caseId, input.amendsRecordId);
      if (original.status !== 'approved') throw new AppError('case.amend_not_approved');
      if (original.kind !== input.kind)
        throw fieldError(
          'body.kind',
          'case.amend_kind',
          '更正记录须与原记录类型相同',
          'an amendment has the kind of the record it amends',
          ctx.locale,
        );
      stage = original.stage;
    } else if (!STAGE_RECORD_KINDS[row.stage].includes(input.kind)) {
      throw new AppError('case.record_kind_not_allowed', {
        stage: row.stage,
        kind: input.kind,
        stageName: CASE_STAGE_NAMES[row.stage],
        kindName: RECORD_KIND_NAMES[input.kind],
      });
    }
    const content = validateContent(input.kind, input.content, ctx.locale);
    // A withdrawn service consent stops further service work at once; closing the case stays possible.
    if (input.kind !== 'closing') await requireConsent(trx, row.beneficiaryId, 'service', now);
    const { id } = await repo.insertRecord(trx, {
      caseId,
      stage,
      kind: input.kind,
      content: JSON.stringify(content),
      authorUserId: ctx.actor.userId,
      submittedAt: null,
      reviewedBy: null,
      reviewedAt: null,
      reviewComment: null,
      amendsRecordId: input.amendsRecordId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'case.record_create',
      targetType: 'case',
      targetId: caseId,
      divisionCode: row.divisionCode,
      summary: { recordId: id, kind: input.kind, amendsRecordId: input.amendsRecordId ?? null },
    });
    return presentRecords([(await repo.findRecord(trx, caseId, id))!])[0]!;
  });
}

export async function updateRecord(
  deps: Deps,
  ctx: AuthedContext,
  caseId: string,
  recordId: string,
  input: z.infer<typeof updateRecordBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await requireWriter(trx, ctx, caseId);
    const record = await requireRecord(trx, caseId, recordId);
    // Drafts and records returned by the supervisor are edited; submitted and approved ones are not.
    if (record.status !== 'draft' && record.status !== 'returned')
      throw new AppError('case.record_locked', { status: record.status });
    const content = validateContent(record.kind, input.content, ctx.locale);
    await repo.updateRecord(trx, recordId, { content: JSON.stringify(content), status: 'draft', updatedAt: now });
    await recordAudit(trx, ctx, now, {
      action: 'case.record_update',
      targetType: 'case',
      targetId: caseId,
      divisionCode: row.divisionCode,
      summary: { recordId, kind: record.kind },
    });
    return presentRecords([(await repo.findRecord(trx, caseId, recordId))!])[0]!;
  });
}

export async function submitRecord(deps: Deps, ctx: AuthedContext, caseId: string, recordId: string) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const row = await requireWriter(trx, ctx, caseId);
    const record = await requireRecord(trx, caseId, recordId);
    if (record.status !== 'draft' && record.status !== 'returned')
      throw new AppError('case.record_locked', { status: record.status });
    await repo.updateRecord(trx, recordId, { status: 'submitted', submittedAt: now, updatedAt: now });
    await recordAudit(trx, ctx, now, {
      action: 'case.record_submit',
      targetType: 'case',
      targetId: caseId,
      divisionCode: row.divisionCode,
      summary: { recordId, kind: record.kind },
    });
    return presentRecords([(await repo.findRecord(trx, caseId, recordId))!])[0]!;
  });
}

/** The case's supervisor (督导) approves or returns a submitted record. */
export async function reviewRecord(
  deps: Deps,
  ctx: AuthedContext,
  caseId: string,
  recordId: string,
  decision: 'approve' | 'return',
  comment: string,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockCase(trx, caseId);
    const row = await requireCase(trx, ctx, caseId);
    if (!partiesOf(ctx, row).has('supervisor')) throw new AppError('auth.forbidden');
    const record = await requireRecord(trx, caseId, recordId);
    if (record.status !== 'submitted') throw new AppError('case.record_not_submitted', { status: record.status });
    await repo.updateRecord(trx, recordId, {
      status: decision === 'approve' ? 'approved' : 'returned',
      reviewedBy: ctx.actor.userId,
      reviewedAt: now,
      reviewComment: comment.trim() || null,
      updatedAt: now,
    });
    // The beneficiary's risk level follows the latest approved assessment (this one).
    const riskLevel = record.content.riskLevel as 'low' | 'medium' | 'high' | undefined;
    if (decision === 'approve' && record.kind === 'assessment' && riskLevel) {
      await trx
        .updateTable('beneficiaries')
        .set((eb) => ({ riskLevel, updatedAt: now, version: eb('version', '+', 1) }))
        .where('id', '=', row.beneficiaryId)
        .execute();
    }
    // An approved session is a service record: it counts toward the project's indicators from now on.
    if (decision === 'approve' && record.kind === 'session') await recordCaseSession(trx, ctx, row, record, now);
    await recordAudit(trx, ctx, now, {
      action: decision === 'approve' ? 'case.record_approve' : 'case.record_return',
      targetType: 'case',
      targetId: caseId,
      divisionCode: row.divisionCode,
      summary: { recordId, kind: record.kind, comment: comment.trim() || null },
    });
    return presentRecords([(await repo.findRecord(trx, caseId, recordId))!])[0]!;
  });
}

// ---- stage transitions -----------------------------------------------------------------------------------------

export async function transitionCase(
  deps: Deps,
  ctx: AuthedContext,
  caseId: string,
  input: z.infer<typeof caseTransitionBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // Lock first: a move and a concurrent approval must not interleave.
    await repo.lockCase(trx, caseId);
    const row = await requireCase(trx, ctx, caseId);
    const action: CaseAction = input.action;
    const stageName = CASE_STAGE_NAMES[row.stage];
    const actionName = CASE_ACTION_NAMES[action];
    const move = findCaseTransition(row.stage, action);
    if (!move) throw new AppError('case.invalid_transition', { stage: row.stage, action, stageName, actionName });
    if (!move.who.some((p) => partiesOf(ctx, row).has(p))) throw new AppError('auth.forbidden');
    if (move.needsReason && !input.reason?.trim()) throw new AppError('case.reason_required', { actionName });
    let closing: repo.CaseRecordRow | undefined;
    for (const kind of move.requires) {
      const approved = await repo.approvedSince(trx, caseId, kind, row.stageEnteredAt);
      if (approved.length === 0)
        throw new AppError('case.record_required', {
          stage: row.stage,
          kind,
          stageName,
          kindName: RECORD_KIND_NAMES[kind],
        });
      if (kind === 'closing') closing = approved[0];
    }
    const patch =
      move.to === 'closed' && closing
        ? {
            closedOn: shanghaiDate(now),
            closingReason: closing.content.reason as NonNullable<repo.CaseRow['closingReason']>,
          }
        : action === 'reopen'
          ? { closedOn: null, closingReason: null }
          : {};
    const updated = await repo.updateCaseRow(trx, caseId, input.version, {
      ...patch,
      stage: move.to,
      stageEnteredAt: now,
      updatedAt: now,
    });
    if (!updated) throw new AppError('conflict.stale_version');
    await repo.insertStageHistory(trx, {
      caseId,
      fromStage: row.stage,
      toStage: move.to,
      action,
      reason: input.reason?.trim() || null,
      actorUserId: ctx.actor.userId,
      at: now,
    });
    await recordAudit(trx, ctx, now, {
      action: `case.${action}`,
      targetType: 'case',
      targetId: caseId,
      divisionCode: row.divisionCode,
      summary: { before: { stage: row.stage }, after: { stage: move.to }, reason: input.reason?.trim() ?? null },
    });
    return detail(trx, ctx, (await repo.findCaseInScope(trx, caseId, caseScope(ctx)))!);
  });
}

export async function caseHistory(deps: Deps, ctx: AuthedContext, caseId: string) {
  await requireCase(deps.db, ctx, caseId);
  const rows = await repo.listStageHistory(deps.db, caseId);
  return rows.map((r) => ({ ...r, actorName: r.actorName ?? '—', at: r.at.toISOString() }));
}
