import type { z } from 'zod';
import {
  CONSENT_PURPOSE_NAMES,
  CONSENT_PURPOSES,
  type ConsentPurpose,
  GUARDIAN_REQUIRED_UNDER_AGE,
  type recordConsentBody,
  type withdrawConsentBody,
} from '../../../../contracts/api/services';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError } from '../../platform/errors';
import { shanghaiDate } from '../../platform/time';
import { recordAudit } from '../audit/audit.service';
import * as repo from './beneficiary.repository';
import { ageOn, requireVisibleBeneficiary } from './beneficiary.service';
import type { ConsentTable } from './services.tables';

export type ConsentStatus = ConsentTable['status'] | 'expired';

/** A given consent is valid through its valid-until date (Shanghai calendar); the day after, it reads as expired. */
export function effectiveStatus(
  row: { status: ConsentTable['status']; validUntil: string | null },
  now: Date,
): ConsentStatus {
  if (row.status === 'given' && row.validUntil !== null && row.validUntil < shanghaiDate(now)) return 'expired';
  return row.status;
}

/**
 * The gate later features call (referrals, volunteer contact, photos) inside their own transaction: the latest
 * decision for the purpose must be `given` and not expired. A withdrawal is a newer row, so it blocks at once.
 */
export async function requireConsent(trx: Executor, beneficiaryId: string, purpose: ConsentPurpose, now: Date) {
  const latest = await repo.latestConsent(trx, beneficiaryId, purpose);
  const status = latest ? effectiveStatus(latest, now) : 'none';
  if (status !== 'given') {
    throw new AppError('consent.missing', { purpose, status, purposeName: CONSENT_PURPOSE_NAMES[purpose] });
  }
}

async function overview(db: Executor, beneficiaryId: string, now: Date) {
  const rows = await repo.listConsents(db, beneficiaryId);
  const history = rows.map((r) => ({
    id: String(r.id),
    purpose: r.purpose,
    status: effectiveStatus(r, now),
    givenBy: r.givenBy,
    evidence: r.evidence,
    validUntil: r.validUntil,
    recordedBy: r.recordedBy,
    recordedByName: r.recordedByName,
    recordedAt: r.recordedAt.toISOString(),
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: r.withdrawalReason,
  }));
  const current = CONSENT_PURPOSES.map((purpose) => {
    const record = history.find((h) => h.purpose === purpose) ?? null;
    return { purpose, status: record ? record.status : ('none' as const), record };
  });
  return { current, history };
}

export async function getConsents(deps: Deps, ctx: AuthedContext, beneficiaryId: string) {
  await requireVisibleBeneficiary(deps.db, ctx, beneficiaryId);
  return overview(deps.db, beneficiaryId, deps.clock.now());
}

export async function recordConsent(
  deps: Deps,
  ctx: AuthedContext,
  beneficiaryId: string,
  input: z.infer<typeof recordConsentBody>,
) {
  const now = deps.clock.now();
  const locale = ctx.locale;
  if (input.validUntil !== undefined && input.validUntil < shanghaiDate(now))
    throw fieldError(
      'body.validUntil',
      'consent.valid_until_past',
      '有效期不能早于今天',
      'the valid-until date cannot be in the past',
      locale,
    );
  return deps.db.transaction().execute(async (trx) => {
    const b = await requireVisibleBeneficiary(trx, ctx, beneficiaryId);
    await repo.lockBeneficiary(trx, beneficiaryId);
    // PIPL art. 31: for a child under 14 the guardian decides.
    if (input.givenBy === 'self' && ageOn(b.birthDate, now) < GUARDIAN_REQUIRED_UNDER_AGE)
      throw fieldError(
        'body.givenBy',
        'consent.guardian_required',
        '未满 14 周岁的服务对象须由监护人作出同意或拒绝（《个人信息保护法》第三十一条）',
        'for a beneficiary under 14 the guardian decides (PIPL art. 31)',
        locale,
      );
    if (input.givenBy === 'guardian' && b.guardianName === null)
      throw fieldError(
        'body.givenBy',
        'consent.no_guardian',
        '该服务对象没有登记监护人',
        'this beneficiary has no guardian on record',
        locale,
      );
    const { id } = await repo.insertConsent(trx, {
      beneficiaryId,
      purpose: input.purpose,
      status: input.decision,
      givenBy: input.givenBy,
      evidence: input.evidence,
      validUntil: input.validUntil ?? null,
      recordedBy: ctx.actor.userId,
      recordedAt: now,
      withdrawnAt: null,
      withdrawalReason: null,
    });
    await recordAudit(trx, ctx, now, {
      action: 'consent.record',
      targetType: 'beneficiary',
      targetId: beneficiaryId,
      divisionCode: b.divisionCode,
      summary: {
        consentId: String(id),
        purpose: input.purpose,
        decision: input.decision,
        givenBy: input.givenBy,
        validUntil: input.validUntil ?? null,
      },
    });
    return overview(trx, beneficiaryId, now);
  });
}

export async function withdrawConsent(
  deps: Deps,
  ctx: AuthedContext,
  beneficiaryId: string,
  purpose: ConsentPurpose,
  input: z.infer<typeof withdrawConsentBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const b = await requireVisibleBeneficiary(trx, ctx, beneficiaryId);
    await repo.lockBeneficiary(trx, beneficiaryId);
    const latest = await repo.latestConsent(trx, beneficiaryId, purpose);
    if (!latest || effectiveStatus(latest, now) !== 'given')
      throw new AppError('consent.not_given', { purpose, purposeName: CONSENT_PURPOSE_NAMES[purpose] });
    const { id } = await repo.insertConsent(trx, {
      beneficiaryId,
      purpose,
      status: 'withdrawn',
      givenBy: latest.givenBy,
      evidence: '',
      validUntil: null,
      recordedBy: ctx.actor.userId,
      recordedAt: now,
      withdrawnAt: now,
      withdrawalReason: input.reason,
    });
    await recordAudit(trx, ctx, now, {
      action: 'consent.withdraw',
      targetType: 'beneficiary',
      targetId: beneficiaryId,
      divisionCode: b.divisionCode,
      summary: { consentId: String(id), purpose, reason: input.reason, previousConsentId: String(latest.id) },
    });
    return overview(trx, beneficiaryId, now);
  });
}
