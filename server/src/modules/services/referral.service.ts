import type { z } from 'zod';
import type { CaseStage } from '../../../../contracts/api/cases';
import type {
  acceptReferralBody,
  createReferralBody,
  decideReferralBody,
  listReferralsQuery,
  REFERRAL_STATUSES,
  referral,
} from '../../../../contracts/api/delivery';
import { CONSENT_PURPOSE_NAMES } from '../../../../contracts/api/services';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { pageOf, pageWindow } from '../../platform/pagination';
import { maskName } from '../../platform/pii';
import { recordAudit } from '../audit/audit.service';
import * as caseRepo from './case.repository';
import { caseScope, insertNewCase, requireCaseWorkers } from './case.service';
import { requireConsent } from './consent.service';
import * as repo from './referral.repository';

type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

const STATUS_NAMES: Record<ReferralStatus, { zh: string; en: string }> = {
  pending: { zh: '待接收', en: 'pending' },
  accepted: { zh: '已接收', en: 'accepted' },
  rejected: { zh: '已拒绝', en: 'rejected' },
  revoked: { zh: '已撤回', en: 'revoked' },
};

/** A closed case (结案, and 跟进 after it) is not referred or moved: reopen it first. */
const CLOSED_STAGES: ReadonlySet<CaseStage> = new Set(['closed', 'follow_up']);

function managerAgencyIds(ctx: AuthedContext): string[] {
  return [...new Set(ctx.actor.memberships.filter((m) => m.role === 'agency_manager').map((m) => m.organizationId))];
}

function referralScope(ctx: AuthedContext): repo.ReferralScope {
  return { managerAgencyIds: managerAgencyIds(ctx), userId: ctx.actor.userId };
}

/**
 * PIPL minimum necessary: the receiving agency learns who the person is (the full name) only once it takes them on;
 * while it decides, it sees the masked name, the categories and the reason. The referring side sees the name in full.
 */
function present(r: repo.ReferralRow): z.infer<typeof referral> {
  const full = r.outgoing || r.status === 'accepted';
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    caseId: r.caseId,
    caseCode: r.caseCode,
    beneficiaryName: full ? r.beneficiaryName : maskName(r.beneficiaryName),
    beneficiaryCategories: r.beneficiaryCategories,
    fromAgencyId: r.fromAgencyId,
    fromAgencyName: r.fromAgencyName,
    toAgencyId: r.toAgencyId,
    toAgencyName: r.toAgencyName,
    reason: r.reason,
    consentOverride: r.consentOverride,
    overrideReason: r.overrideReason,
    requestedAt: r.requestedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionNote: r.decisionNote,
    newCaseId: r.newCaseId,
  };
}

/** Out of scope and nonexistent look the same: 404. */
async function requireReferral(db: Executor, ctx: AuthedContext, id: string) {
  const row = await repo.findReferralInScope(db, id, referralScope(ctx));
  if (!row) throw notFound();
  return row;
}

function requirePending(r: repo.ReferralRow) {
  if (r.status !== 'pending')
    throw new AppError('referral.not_pending', { status: r.status, statusName: STATUS_NAMES[r.status] });
}

/** text() does not trim: a note of blanks is no note. */
function requireText(value: string, field: string, ctx: AuthedContext) {
  const trimmed = value.trim();
  if (!trimmed) throw fieldError(field, 'text.blank', '请填写内容', 'this cannot be blank', ctx.locale);
  return trimmed;
}

export async function listReferrals(deps: Deps, ctx: AuthedContext, query: z.infer<typeof listReferralsQuery>) {
  const { rows, total } = await repo.listReferralsInScope(deps.db, referralScope(ctx), {
    direction: query.direction,
    status: query.status,
    ...pageWindow(query),
  });
  return pageOf(rows.map(present), total, query);
}

export async function getReferral(deps: Deps, ctx: AuthedContext, id: string) {
  return present(await requireReferral(deps.db, ctx, id));
}

export async function createReferral(deps: Deps, ctx: AuthedContext, input: z.infer<typeof createReferralBody>) {
  const now = deps.clock.now();
  const locale = ctx.locale;
  const reason = requireText(input.reason, 'body.reason', ctx);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await caseRepo.lockCase(trx, input.caseId);
      const c = await caseRepo.findCaseInScope(trx, input.caseId, caseScope(ctx));
      if (!c) throw notFound();
      // The case worker refers their case; the agency's managers may refer any of its cases.
      const isManager = managerAgencyIds(ctx).includes(c.agencyId);
      if (!isManager && c.workerUserId !== ctx.actor.userId) throw new AppError('auth.forbidden');
      if (CLOSED_STAGES.has(c.stage)) throw new AppError('referral.case_closed');
      if (input.toAgencyId === c.agencyId)
        throw fieldError(
          'body.toAgencyId',
          'referral.own_agency',
          '不能转介给个案所属的本机构',
          'a case cannot be referred to its own agency',
          locale,
        );
      const target = await repo.findOrganization(trx, input.toAgencyId);
      if (target?.kind !== 'agency' || target.status !== 'active')
        throw fieldError(
          'body.toAgencyId',
          'referral.target_not_agency',
          '须为已登记且正常运营的社工机构',
          'must be a registered, active social-work agency',
          locale,
        );
      if (await repo.findPendingForCase(trx, c.id)) throw new AppError('referral.pending_exists');

      // PIPL art. 23: giving the person's information to another processor needs their separate consent. Without it
      // only a manager of the case's agency may go ahead (an emergency, a person who cannot decide), on the record.
      let override: { reason: string } | undefined;
      let consentStatus: unknown = null;
      try {
        await requireConsent(trx, c.beneficiaryId, 'sharing', now);
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'consent.missing') || !input.consentOverride) throw error;
        if (!isManager) throw new AppError('referral.override_forbidden');
        // Only an override that stood in for a missing consent is recorded as one (with consent, none is needed).
        override = input.consentOverride;
        consentStatus = error.details?.status ?? null;
      }

      const { id } = await repo.insertReferral(trx, {
        caseId: c.id,
        beneficiaryId: c.beneficiaryId,
        kind: input.kind,
        fromAgencyId: c.agencyId,
        toAgencyId: input.toAgencyId,
        toWorkerId: null,
        reason,
        consentOverride: override !== undefined,
        overrideReason: override?.reason ?? null,
        requestedBy: ctx.actor.userId,
        requestedAt: now,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
        newCaseId: null,
      });
      await recordAudit(trx, ctx, now, {
        action: 'referral.create',
        targetType: 'referral',
        targetId: id,
        divisionCode: c.divisionCode,
        summary: {
          caseId: c.id,
          kind: input.kind,
          fromAgencyId: c.agencyId,
          toAgencyId: input.toAgencyId,
          consentOverride: override !== undefined,
        },
      });
      if (override)
        await recordAudit(trx, ctx, now, {
          action: 'referral.consent_override',
          targetType: 'referral',
          targetId: id,
          divisionCode: c.divisionCode,
          summary: {
            caseId: c.id,
            beneficiaryId: c.beneficiaryId,
            consentStatus,
            reason: override.reason,
          },
        });
      return present((await repo.findReferralInScope(trx, id, referralScope(ctx)))!);
    });
  } catch (error) {
    // Two requests for the same case at once: the partial unique index lets one through.
    if (repo.isUniqueViolation(error, 'referrals_one_pending_uq')) throw new AppError('referral.pending_exists');
    throw error;
  }
}

/** The sharing consent still holds when the receiving agency takes the person on. */
async function recheckSharingConsent(trx: Executor, r: repo.ReferralRow, now: Date) {
  if (!r.consentOverride) {
    await requireConsent(trx, r.beneficiaryId, 'sharing', now);
    return;
  }
  // The override stood in for a consent that was missing when it was asked for; a refusal or withdrawal recorded
  // since then is the person's answer and stops the referral.
  const since = await repo.sharingDecisionSince(trx, r.beneficiaryId, r.requestedAt);
  if (since && since.status !== 'given')
    throw new AppError('consent.missing', {
      purpose: 'sharing',
      status: since.status,
      purposeName: CONSENT_PURPOSE_NAMES.sharing,
    });
}

export async function acceptReferral(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof acceptReferralBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockReferral(trx, id);
    const r = await requireReferral(trx, ctx, id);
    if (!r.incoming) throw new AppError('auth.forbidden');
    requirePending(r);
    await caseRepo.lockCase(trx, r.caseId);
    const c = await repo.findCaseState(trx, r.caseId);
    await recheckSharingConsent(trx, r, now);
    await requireCaseWorkers(trx, r.toAgencyId, input.workerId, input.supervisorWorkerId, ctx.locale);

    let newCaseId: string | null = null;
    if (r.kind === 'refer') {
      // The receiving agency opens its own case; like any case it needs the person's service consent.
      await requireConsent(trx, r.beneficiaryId, 'service', now);
      const opened = await insertNewCase(trx, ctx.actor.userId, now, {
        beneficiaryId: r.beneficiaryId,
        agencyId: r.toAgencyId,
        projectId: null,
        workerId: input.workerId,
        supervisorWorkerId: input.supervisorWorkerId,
        intakeSource: 'referral',
        referralId: r.id,
      });
      newCaseId = opened.id;
      await recordAudit(trx, ctx, now, {
        action: 'case.open',
        targetType: 'case',
        targetId: opened.id,
        divisionCode: r.divisionCode,
        summary: {
          code: opened.code,
          beneficiaryId: r.beneficiaryId,
          workerId: input.workerId,
          supervisorWorkerId: input.supervisorWorkerId,
          referralId: r.id,
        },
      });
    } else {
      if (CLOSED_STAGES.has(c.stage)) throw new AppError('referral.case_closed');
      // The case moves whole, in its stage. Its project was the sending agency's contract, so it no longer counts
      // toward it (the services already delivered stay counted).
      const moved = await caseRepo.updateCaseRow(trx, c.id, c.version, {
        agencyId: r.toAgencyId,
        projectId: null,
        workerId: input.workerId,
        supervisorWorkerId: input.supervisorWorkerId,
        updatedAt: now,
      });
      if (!moved) throw new AppError('conflict.stale_version');
      await caseRepo.insertStageHistory(trx, {
        caseId: c.id,
        fromStage: c.stage,
        toStage: c.stage,
        action: 'transfer',
        reason: r.reason,
        actorUserId: ctx.actor.userId,
        at: now,
      });
      // The receiving agency now serves the person; the sending one keeps sight of them only through another case.
      const beneficiaryMoved = await repo.moveBeneficiaryAgency(
        trx,
        r.beneficiaryId,
        r.fromAgencyId,
        r.toAgencyId,
        now,
      );
      await recordAudit(trx, ctx, now, {
        action: 'case.transfer',
        targetType: 'case',
        targetId: c.id,
        divisionCode: r.divisionCode,
        summary: {
          referralId: r.id,
          before: { agencyId: c.agencyId, stage: c.stage },
          after: {
            agencyId: r.toAgencyId,
            workerId: input.workerId,
            supervisorWorkerId: input.supervisorWorkerId,
          },
          beneficiaryAgencyMoved: beneficiaryMoved,
        },
      });
    }
    const note = input.note.trim() || null;
    await repo.decideReferral(trx, r.id, {
      status: 'accepted',
      toWorkerId: input.workerId,
      decidedBy: ctx.actor.userId,
      decidedAt: now,
      decisionNote: note,
      newCaseId,
    });
    await recordAudit(trx, ctx, now, {
      action: 'referral.accept',
      targetType: 'referral',
      targetId: r.id,
      divisionCode: r.divisionCode,
      summary: { caseId: r.caseId, kind: r.kind, newCaseId, workerId: input.workerId, note },
    });
    return present((await repo.findReferralInScope(trx, r.id, referralScope(ctx)))!);
  });
}

/** Reject (receiving agency) or revoke (sending side) a pending referral, with a note. */
export async function decideReferral(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  decision: 'reject' | 'revoke',
  input: z.infer<typeof decideReferralBody>,
) {
  const now = deps.clock.now();
  const note = requireText(input.note, 'body.note', ctx);
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockReferral(trx, id);
    const r = await requireReferral(trx, ctx, id);
    const allowed =
      decision === 'reject'
        ? r.incoming
        : managerAgencyIds(ctx).includes(r.fromAgencyId) ||
          (r.workerUserId === ctx.actor.userId && r.caseAgencyId === r.fromAgencyId);
    if (!allowed) throw new AppError('auth.forbidden');
    requirePending(r);
    await repo.decideReferral(trx, r.id, {
      status: decision === 'reject' ? 'rejected' : 'revoked',
      decidedBy: ctx.actor.userId,
      decidedAt: now,
      decisionNote: note,
    });
    await recordAudit(trx, ctx, now, {
      action: `referral.${decision}`,
      targetType: 'referral',
      targetId: r.id,
      divisionCode: r.divisionCode,
      summary: { caseId: r.caseId, kind: r.kind, note },
    });
    return present((await repo.findReferralInScope(trx, r.id, referralScope(ctx)))!);
  });
}

/** Where a case may go: active agencies other than the caller's own, by name. */
export async function referralTargets(deps: Deps, ctx: AuthedContext, q: string) {
  const own = ctx.actor.memberships
    .filter((m) => m.role === 'agency_manager' || m.role === 'social_worker')
    .map((m) => m.organizationId);
  return repo.listReferralTargets(deps.db, own, q);
}
