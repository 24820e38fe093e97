import type { z } from 'zod';
import type {
  addCeRecordBody,
  createWorkerBody,
  revealBody,
  updateWorkerBody,
  verifyBody,
  WorkerDetail,
  WorkerSummary,
  workerSearchQuery,
} from '../../../../contracts/api/registry';
import {
  birthDateOf,
  genderOf,
  idNumberProblem,
  normalizeIdNumber,
  normalizeMobile,
} from '../../../../contracts/identifiers';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { pageOf, pageWindow } from '../../platform/pagination';
import { decrypt, protectIdentity, protectMobile } from '../../platform/pii';
import { divisionPrefixes, hasAnyRole } from '../../platform/scope';
import { tsQuery } from '../../platform/search-text';
import { shanghaiDate } from '../../platform/time';
import { recordAudit } from '../audit/audit.service';
import { requireDivision } from '../divisions/division.service';
import {
  addDays,
  assessCompliance,
  currentPeriod,
  minutesInPeriod,
  registrationEnd,
  requiredMinutes,
} from './compliance';
import { loadOrganization } from './organization.service';
import { requireTerms } from './taxonomy.service';
import type { WorkerScope } from './worker.repository';
import * as repo from './worker.repository';
import { workerSearchDocument } from './worker.search';

/** Who sees which workers (see WorkerScope). */
export function workerScope(ctx: AuthedContext): WorkerScope {
  const prefixes = divisionPrefixes(ctx.actor, ['bureau_admin', 'purchaser']);
  return {
    all: prefixes.some((p) => p.length === 6),
    divisionPrefixes: prefixes,
    agencyIds: ctx.actor.memberships.filter((m) => m.role === 'agency_manager').map((m) => m.organizationId),
    selfUserId: ctx.actor.roles.has('social_worker') ? ctx.actor.userId : null,
  };
}

type Action = 'edit' | 'reveal' | 'addCe';

/**
 * What a caller may do with a worker they can see: bureau admins anything in their scope; agency managers their
 * own agency's workers; a social worker their own profile. Purchasers only read.
 */
export function may(
  ctx: AuthedContext,
  action: Action,
  worker: { agencyId: string | null; userId: string | null },
): boolean {
  if (ctx.actor.roles.has('bureau_admin')) return true;
  const managesAgency = ctx.actor.memberships.some(
    (m) => m.role === 'agency_manager' && m.organizationId === worker.agencyId,
  );
  if (managesAgency) return true;
  const isSelf = worker.userId !== null && worker.userId === ctx.actor.userId;
  return isSelf && (action === 'edit' || action === 'reveal' || action === 'addCe');
}

const ID_PROBLEM_TEXT = {
  format: ['应为 18 位，最后一位可为 X', 'must have 18 characters, the last may be X'],
  region: ['地区码无效', 'the region code is not valid'],
  birth_date: ['出生日期无效', 'the birth date is not valid'],
  check_digit: ['校验位不正确', 'the check digit is wrong'],
} as const;

export function checkIdNumber(raw: string, field: string, locale: string, today: Date): string {
  const id = normalizeIdNumber(raw);
  const problem = idNumberProblem(id, today);
  if (problem) {
    const [zh, en] = ID_PROBLEM_TEXT[problem];
    throw fieldError(field, `id_number.${problem}`, `身份证号${zh}`, `ID number: ${en}`, locale);
  }
  return id;
}

export function checkMobile(raw: string, field: string, locale: string): string {
  const mobile = normalizeMobile(raw);
  if (!mobile)
    throw fieldError(
      field,
      'mobile.invalid',
      '手机号码应为 11 位中国大陆手机号',
      'must be an 11-digit mainland mobile number',
      locale,
    );
  return mobile;
}

/** Brings the denormalized search and compliance columns in step with the worker's rows. */
async function refreshDerived(trx: Executor, workerId: string) {
  const [credential, registrations, ce, w] = await Promise.all([
    repo.findCredential(trx, workerId),
    repo.listRegistrations(trx, workerId),
    repo.listCeRecords(trx, workerId),
    repo.loadForIndexing(trx, workerId),
  ]);
  const period = currentPeriod(registrations);
  const level = credential?.level ?? null;
  await repo.setDerived(trx, workerId, {
    credentialLevel: level,
    periodFrom: period?.validFrom ?? null,
    periodTo: period?.validTo ?? null,
    ceMinutesInPeriod: minutesInPeriod(ce, period),
    ceRequiredMinutes: requiredMinutes(level),
    search: workerSearchDocument(w),
  });
}

type SummaryRow = NonNullable<Awaited<ReturnType<typeof repo.findWorkerInScope>>>;

function presentSummary(
  r: Omit<SummaryRow, 'notes' | 'userId' | 'createdAt' | 'updatedAt'>,
  today: string,
): WorkerSummary {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    idNumberMasked: r.idNumberMasked,
    mobileMasked: r.mobileMasked,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    divisionCode: r.divisionCode,
    divisionName: r.divisionName,
    specialties: r.specialties,
    languages: r.languages,
    availability: r.availability,
    credentialLevel: r.credentialLevel,
    compliance: assessCompliance({
      level: r.credentialLevel,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      completedMinutes: r.ceMinutesInPeriod,
      today,
    }),
    version: r.version,
  };
}

export async function searchWorkerPool(deps: Deps, ctx: AuthedContext, query: z.infer<typeof workerSearchQuery>) {
  const today = shanghaiDate(deps.clock.now());
  const q = query.q?.trim() ?? '';
  // One Chinese character is a surname (陈, 梁…): a prefix match on the name, not a full-text match anywhere.
  const surname = /^\p{Script=Han}$/u.test(q) ? q : undefined;
  const textQuery = q && !surname ? tsQuery(q) : null;
  // A query with no searchable token (only punctuation) matches nothing rather than everything.
  if (q && !surname && !textQuery) return { ...pageOf([], 0, query), totalCapped: false };
  const { rows, total, capped } = await repo.searchWorkers(deps.db, workerScope(ctx), {
    tsQuery: textQuery,
    surname,
    level: query.level,
    specialty: query.specialty,
    language: query.language,
    agencyId: query.agencyId,
    divisionCode: query.divisionCode,
    compliance: query.compliance,
    registration: query.registration,
    availability: query.availability,
    today,
    expiringBefore: addDays(today, 90),
    sort: query.sort,
    order: query.order,
    ...pageWindow(query),
  });
  return {
    ...pageOf(
      rows.map((r) => presentSummary(r, today)),
      Math.min(total, repo.COUNT_CAP),
      query,
    ),
    totalCapped: capped,
  };
}

export async function workerDistribution(deps: Deps, ctx: AuthedContext) {
  const { byStreet, byLevel } = await repo.distribution(deps.db, workerScope(ctx));
  return {
    byStreet: byStreet.map((r) => ({
      divisionCode: r.divisionCode ?? '',
      divisionName: r.divisionName ?? '',
      count: Number(r.n),
    })),
    byLevel: byLevel.map((r) => ({ level: r.credentialLevel, count: Number(r.n) })),
    total: byLevel.reduce((s, r) => s + Number(r.n), 0),
  };
}

/** The worker if the caller may see them; out of scope and non-existent look the same (404). */
export async function requireVisible(db: Executor, ctx: AuthedContext, id: string) {
  const row = await repo.findWorkerInScope(db, id, workerScope(ctx));
  if (!row) throw notFound();
  return row;
}

export async function getWorker(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  db: Executor = deps.db,
): Promise<WorkerDetail> {
  const row = await requireVisible(db, ctx, id);
  const today = shanghaiDate(deps.clock.now());
  const [credential, registrations, ce, employment, hasPhoto] = await Promise.all([
    repo.findCredential(db, id),
    repo.listRegistrations(db, id),
    repo.listCeRecords(db, id),
    repo.listEmployment(db, id),
    repo.hasPhoto(db, id),
  ]);
  return {
    ...presentSummary(row, today),
    notes: row.notes,
    userId: row.userId,
    credential: credential
      ? {
          level: credential.level,
          certificateNo: credential.certificateNo,
          issuedOn: credential.issuedOn,
          verificationStatus: credential.verificationStatus,
          verifiedAt: credential.verifiedAt?.toISOString() ?? null,
        }
      : null,
    registrations: registrations.map((r) => ({
      id: r.id,
      validFrom: r.validFrom,
      validTo: r.validTo,
      status: r.status,
    })),
    ceRecords: ce.map((r) => ({
      id: r.id,
      course: r.course,
      provider: r.provider,
      hours: r.minutes / 60,
      completedOn: r.completedOn,
      evidence: r.evidence,
      createdAt: r.createdAt.toISOString(),
    })),
    employment,
    hasPhoto,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The agency a new worker joins: agency managers add to their own agency; admins to any agency in scope. */
async function resolveAgency(db: Executor, ctx: AuthedContext, agencyId: string | undefined) {
  const managed = ctx.actor.memberships.filter((m) => m.role === 'agency_manager').map((m) => m.organizationId);
  if (!ctx.actor.roles.has('bureau_admin')) {
    const chosen = agencyId ?? managed[0];
    if (!chosen || !managed.includes(chosen)) throw new AppError('auth.forbidden');
    return chosen;
  }
  if (!agencyId) return null;
  const org = await loadOrganization(db, agencyId);
  const prefixes = divisionPrefixes(ctx.actor, ['bureau_admin']);
  if (org?.kind !== 'agency' || !prefixes.some((p) => org.divisionCode.startsWith(p))) {
    throw fieldError(
      'body.agencyId',
      'not_found',
      '社工机构不存在或不在您的管理范围内',
      'no such agency in your scope',
      ctx.locale,
    );
  }
  return org.id;
}

export async function createWorker(deps: Deps, ctx: AuthedContext, input: z.infer<typeof createWorkerBody>) {
  const now = deps.clock.now();
  const idNumber = checkIdNumber(input.idNumber, 'body.idNumber', ctx.locale, now);
  const mobile = input.mobile ? checkMobile(input.mobile, 'body.mobile', ctx.locale) : null;
  const birth = birthDateOf(idNumber)!;
  return deps.db.transaction().execute(async (trx) => {
    const agencyId = await resolveAgency(trx, ctx, input.agencyId);
    if (input.divisionCode) await requireDivision(trx, input.divisionCode);
    const specialties = await requireTerms(trx, 'specialty', input.specialties, 'body.specialties', ctx.locale);
    const languages = await requireTerms(trx, 'language', input.languages, 'body.languages', ctx.locale);
    const secrets = protectIdentity(deps.pii, 'worker', idNumber, mobile);
    const existing = await repo.findByIdNumberIndex(trx, secrets.idNumberIndex);
    if (existing) {
      const canSee = await repo.isWorkerVisible(trx, existing.id, workerScope(ctx));
      throw new AppError('worker.duplicate', canSee ? { existingId: existing.id, existingName: existing.name } : {});
    }
    if (input.credential && (await repo.certificateTaken(trx, input.credential.certificateNo))) {
      throw fieldError(
        'body.credential.certificateNo',
        'credential.taken',
        '证书编号已登记',
        'this certificate number is already registered',
        ctx.locale,
      );
    }
    const { id } = await repo.insertWorker(trx, {
      name: input.name,
      gender: genderOf(idNumber),
      birthDate: birth.toISOString().slice(0, 10),
      ...secrets,
      agencyId,
      divisionCode: input.divisionCode ?? null,
      specialties,
      languages,
      availability: input.availability,
      notes: input.notes,
      credentialLevel: null,
      periodFrom: null,
      periodTo: null,
      userId: null,
      createdAt: now,
      updatedAt: now,
    });
    if (input.credential) await repo.insertCredential(trx, { workerId: id, ...input.credential });
    if (agencyId)
      await repo.insertEmployment(trx, {
        workerId: id,
        agencyId,
        role: '社工',
        startedOn: shanghaiDate(now),
        endedOn: null,
      });
    await refreshDerived(trx, id);
    await recordAudit(trx, ctx, now, {
      action: 'worker.create',
      targetType: 'worker',
      targetId: id,
      divisionCode: input.divisionCode ?? null,
      summary: {
        after: {
          name: input.name,
          idNumber: secrets.idNumberMasked,
          agencyId,
          credential: input.credential?.level ?? null,
        },
      },
    });
    return getWorker(deps, ctx, id, trx);
  });
}

export async function updateWorker(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof updateWorkerBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const current = await requireVisible(trx, ctx, id);
    if (!may(ctx, 'edit', current)) throw new AppError('auth.forbidden');
    if (current.version !== input.version) throw new AppError('conflict.stale_version');
    const patch: Parameters<typeof repo.updateWorkerRow>[3] = { updatedAt: now };
    if (input.name !== undefined) patch.name = input.name;
    if (input.mobile !== undefined) {
      const mobile = input.mobile ? checkMobile(input.mobile, 'body.mobile', ctx.locale) : null;
      Object.assign(patch, protectMobile(deps.pii, 'worker', mobile));
    }
    if (input.divisionCode !== undefined) {
      if (input.divisionCode) await requireDivision(trx, input.divisionCode);
      patch.divisionCode = input.divisionCode;
    }
    if (input.specialties)
      patch.specialties = await requireTerms(trx, 'specialty', input.specialties, 'body.specialties', ctx.locale);
    if (input.languages)
      patch.languages = await requireTerms(trx, 'language', input.languages, 'body.languages', ctx.locale);
    if (input.availability) patch.availability = input.availability;
    if (input.notes !== undefined) patch.notes = input.notes;
    const updated = await repo.updateWorkerRow(trx, id, input.version, patch);
    if (!updated) throw new AppError('conflict.stale_version');
    await refreshDerived(trx, id);
    const { version: _v, ...changes } = input;
    await recordAudit(trx, ctx, now, {
      action: 'worker.update',
      targetType: 'worker',
      targetId: id,
      divisionCode: current.divisionCode,
      summary: {
        fields: Object.keys(changes),
        before: { name: current.name, mobile: current.mobileMasked, availability: current.availability },
        after: { name: input.name, mobile: patch.mobileMasked, availability: input.availability },
      },
    });
    return getWorker(deps, ctx, id, trx);
  });
}

/** Full ID number or mobile, for a stated reason; the reveal itself is audited in the same transaction. */
export async function revealWorkerField(deps: Deps, ctx: AuthedContext, id: string, input: z.infer<typeof revealBody>) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const worker = await requireVisible(trx, ctx, id);
    if (!may(ctx, 'reveal', worker)) throw new AppError('auth.forbidden');
    const secrets = await repo.loadSecrets(trx, id);
    if (!secrets) throw notFound();
    const value =
      input.field === 'idNumber'
        ? decrypt(deps.pii, 'worker.idNumber', secrets.idNumberEnc)
        : secrets.mobileEnc
          ? decrypt(deps.pii, 'worker.mobile', secrets.mobileEnc)
          : null;
    await recordAudit(trx, ctx, now, {
      action: 'worker.reveal',
      targetType: 'worker',
      targetId: id,
      divisionCode: worker.divisionCode,
      summary: { field: input.field, reason: input.reason },
    });
    return { field: input.field, value };
  });
}

export async function addRegistration(deps: Deps, ctx: AuthedContext, id: string, validFrom: string) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const worker = await requireVisible(trx, ctx, id);
    const credential = await repo.findCredential(trx, id);
    if (!credential) throw new AppError('registration.no_credential');
    if (validFrom < credential.issuedOn)
      throw new AppError('registration.before_credential', { issuedOn: credential.issuedOn });
    const validTo = registrationEnd(validFrom);
    const overlap = (await repo.listRegistrations(trx, id)).find(
      (r) => r.status === 'active' && r.validFrom <= validTo && validFrom <= r.validTo,
    );
    if (overlap) throw new AppError('registration.overlap', { validFrom: overlap.validFrom, validTo: overlap.validTo });
    const { id: registrationId } = await repo.insertRegistration(trx, { workerId: id, validFrom, validTo });
    await refreshDerived(trx, id);
    await recordAudit(trx, ctx, now, {
      action: 'worker.registration_add',
      targetType: 'worker',
      targetId: id,
      divisionCode: worker.divisionCode,
      summary: { after: { registrationId, validFrom, validTo } },
    });
    return getWorker(deps, ctx, id, trx);
  });
}

export async function addCeRecord(deps: Deps, ctx: AuthedContext, id: string, input: z.infer<typeof addCeRecordBody>) {
  const now = deps.clock.now();
  if (input.completedOn > shanghaiDate(now)) {
    throw fieldError('body.completedOn', 'date.future', '完成日期不能晚于今天', 'cannot be in the future', ctx.locale);
  }
  return deps.db.transaction().execute(async (trx) => {
    const worker = await requireVisible(trx, ctx, id);
    if (!may(ctx, 'addCe', worker)) throw new AppError('auth.forbidden');
    const minutes = Math.round(input.hours * 60);
    const { id: recordId } = await repo.insertCeRecord(trx, {
      workerId: id,
      course: input.course,
      provider: input.provider,
      minutes,
      completedOn: input.completedOn,
      evidence: input.evidence,
      createdBy: ctx.actor.userId,
      createdAt: now,
    });
    await refreshDerived(trx, id);
    await recordAudit(trx, ctx, now, {
      action: 'worker.ce_add',
      targetType: 'worker',
      targetId: id,
      divisionCode: worker.divisionCode,
      summary: { after: { recordId, course: input.course, hours: input.hours, completedOn: input.completedOn } },
    });
    return getWorker(deps, ctx, id, trx);
  });
}

/** The bureau verifies a credential against the certificate. */
export async function verifyCredential(deps: Deps, ctx: AuthedContext, id: string, input: z.infer<typeof verifyBody>) {
  if (!hasAnyRole(ctx.actor, ['bureau_admin'])) throw new AppError('auth.forbidden');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const worker = await requireVisible(trx, ctx, id);
    const credential = await repo.findCredential(trx, id);
    if (!credential) throw new AppError('registration.no_credential');
    await repo.updateCredential(trx, id, {
      verificationStatus: input.decision,
      verifiedAt: now,
      verifiedBy: ctx.actor.userId,
    });
    await recordAudit(trx, ctx, now, {
      action: 'worker.credential_verify',
      targetType: 'worker',
      targetId: id,
      divisionCode: worker.divisionCode,
      summary: {
        before: { status: credential.verificationStatus },
        after: { status: input.decision },
        note: input.note,
      },
    });
    return getWorker(deps, ctx, id, trx);
  });
}

/** The signed-in social worker's own record (404 when the account is not linked to one). */
export async function myWorkerRecord(deps: Deps, ctx: AuthedContext) {
  const row = await deps.db
    .selectFrom('workers')
    .select('id')
    .where('userId', '=', ctx.actor.userId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return getWorker(deps, ctx, row.id);
}

/**
 * Records a credential for a worker registered without one, or corrects one the bureau has not verified yet
 * (a verified credential changes only through the bureau).
 */
export async function setCredential(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: { level: 'assistant' | 'intermediate' | 'senior'; certificateNo: string; issuedOn: string },
) {
  const now = deps.clock.now();
  if (input.issuedOn > shanghaiDate(now)) {
    throw fieldError('body.issuedOn', 'date.future', '日期不能晚于今天', 'cannot be in the future', ctx.locale);
  }
  return deps.db.transaction().execute(async (trx) => {
    const worker = await requireVisible(trx, ctx, id);
    if (!may(ctx, 'edit', worker) || (worker.userId === ctx.actor.userId && !ctx.actor.roles.has('bureau_admin'))) {
      throw new AppError('auth.forbidden');
    }
    const existing = await repo.findCredential(trx, id);
    if (existing?.verificationStatus === 'verified' && !ctx.actor.roles.has('bureau_admin'))
      throw new AppError('credential.verified');
    if (existing?.certificateNo !== input.certificateNo && (await repo.certificateTaken(trx, input.certificateNo))) {
      throw fieldError(
        'body.certificateNo',
        'credential.taken',
        '证书编号已登记',
        'this certificate number is already registered',
        ctx.locale,
      );
    }
    if (existing) {
      await repo.updateCredential(trx, id, {
        ...input,
        verificationStatus: 'unverified',
        verifiedAt: null,
        verifiedBy: null,
      });
    } else {
      await repo.insertCredential(trx, { workerId: id, ...input });
    }
    await refreshDerived(trx, id);
    await recordAudit(trx, ctx, now, {
      action: 'worker.credential_set',
      targetType: 'worker',
      targetId: id,
      divisionCode: worker.divisionCode,
      summary: {
        before: existing
          ? { level: existing.level, certificateNo: existing.certificateNo, issuedOn: existing.issuedOn }
          : null,
        after: input,
      },
    });
    return getWorker(deps, ctx, id, trx);
  });
}

/**
 * An agency's workers for its own managers and social workers (a social worker assigns a supervisor or a session
 * partner): names and levels only, nothing personal. Anyone else: 404.
 */
export async function listColleagues(deps: Deps, ctx: AuthedContext, agencyId: string) {
  const staff = ctx.actor.memberships.some(
    (m) => m.organizationId === agencyId && (m.role === 'agency_manager' || m.role === 'social_worker'),
  );
  if (!staff) throw notFound();
  const rows = await repo.listColleagues(deps.db, agencyId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    credentialLevel: r.credentialLevel,
    hasAccount: r.userId !== null,
  }));
}
