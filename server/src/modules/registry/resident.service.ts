import type { z } from 'zod';
import type {
  createResidentBody,
  listResidentsQuery,
  Resident,
  revealBody,
  updateResidentBody,
} from '../../../../contracts/api/registry';
import { birthDateOf, genderOf } from '../../../../contracts/identifiers';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { pageOf, pageWindow } from '../../platform/pagination';
import { decrypt, protectIdentity, protectMobile } from '../../platform/pii';
import { coversDivision, divisionPrefixes } from '../../platform/scope';
import { recordAudit } from '../audit/audit.service';
import { requireDivision } from '../divisions/division.service';
import * as repo from './resident.repository';
import { requireTerms } from './taxonomy.service';
import { checkIdNumber, checkMobile } from './worker.service';

/** Bureau, purchasers and community staff see residents of their divisions; a resident sees their own profile. */
export function residentScope(ctx: AuthedContext): repo.ResidentScope {
  return { divisionPrefixes: divisionPrefixes(ctx.actor), selfUserId: ctx.actor.userId };
}

/** Who may change a resident's record: the bureau and community staff of that division, and the person. */
function mayChange(ctx: AuthedContext, r: { divisionCode: string; userId: string | null }) {
  if (r.userId === ctx.actor.userId) return true;
  return coversDivision(divisionPrefixes(ctx.actor, ['bureau_admin', 'community_staff']), r.divisionCode);
}

/** Approximate location: three decimals (≈ 100 m), never a precise home position. */
const approx = (v: number | null | undefined) => (v === null || v === undefined ? v : Math.round(v * 1000) / 1000);

type Row = NonNullable<Awaited<ReturnType<typeof repo.findResidentInScope>>>;
function present(r: Row): Resident {
  const { userId: _u, ...rest } = r;
  return {
    ...rest,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    contactConsentAt: r.contactConsentAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listResidents(deps: Deps, ctx: AuthedContext, query: z.infer<typeof listResidentsQuery>) {
  const { rows, total } = await repo.listResidentsInScope(deps.db, residentScope(ctx), {
    q: query.q,
    divisionCode: query.divisionCode,
    skill: query.skill,
    volunteer: query.volunteer === undefined ? undefined : query.volunteer === 'true',
    consent: query.consent === undefined ? undefined : query.consent === 'true',
    ...pageWindow(query),
  });
  return pageOf(rows.map(present), total, query);
}

async function requireVisible(db: Executor, ctx: AuthedContext, id: string) {
  const row = await repo.findResidentInScope(db, id, residentScope(ctx));
  if (!row) throw notFound();
  return row;
}

export async function getResident(deps: Deps, ctx: AuthedContext, id: string, db: Executor = deps.db) {
  return present(await requireVisible(db, ctx, id));
}

export async function createResident(deps: Deps, ctx: AuthedContext, input: z.infer<typeof createResidentBody>) {
  const now = deps.clock.now();
  const idNumber = checkIdNumber(input.idNumber, 'body.idNumber', ctx.locale, now);
  const mobile = input.mobile ? checkMobile(input.mobile, 'body.mobile', ctx.locale) : null;
  return deps.db.transaction().execute(async (trx) => {
    await requireDivision(trx, input.divisionCode);
    if (!mayChange(ctx, { divisionCode: input.divisionCode, userId: null }))
      throw new AppError('organization.out_of_scope');
    const skills = await requireTerms(trx, 'skill', input.skills, 'body.skills', ctx.locale);
    const secrets = protectIdentity(deps.pii, 'resident', idNumber, mobile);
    const existing = await repo.findResidentByIdNumberIndex(trx, secrets.idNumberIndex);
    if (existing) {
      const canSee = await repo.findResidentInScope(trx, existing.id, residentScope(ctx));
      throw new AppError('resident.duplicate', canSee ? { existingId: existing.id } : {});
    }
    const { id } = await repo.insertResident(trx, {
      name: input.name,
      gender: genderOf(idNumber),
      birthDate: birthDateOf(idNumber)!.toISOString().slice(0, 10),
      ...secrets,
      divisionCode: input.divisionCode,
      latitude: approx(input.latitude) ?? null,
      longitude: approx(input.longitude) ?? null,
      skills,
      isVolunteer: input.isVolunteer,
      volunteerNo: input.isVolunteer ? await repo.nextVolunteerNo(trx) : null,
      contactConsent: input.contactConsent,
      contactConsentAt: input.contactConsent ? now : null,
      userId: null,
      notes: input.notes,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'resident.create',
      targetType: 'resident',
      targetId: id,
      divisionCode: input.divisionCode,
      summary: {
        after: {
          name: input.name,
          idNumber: secrets.idNumberMasked,
          isVolunteer: input.isVolunteer,
          contactConsent: input.contactConsent,
        },
      },
    });
    return getResident(deps, ctx, id, trx);
  });
}

export async function updateResident(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof updateResidentBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const current = await requireVisible(trx, ctx, id);
    if (!mayChange(ctx, current)) throw new AppError('auth.forbidden');
    if (current.version !== input.version) throw new AppError('conflict.stale_version');
    const patch: Parameters<typeof repo.updateResidentRow>[3] = { updatedAt: now };
    if (input.name !== undefined) patch.name = input.name;
    if (input.mobile !== undefined) {
      const mobile = input.mobile ? checkMobile(input.mobile, 'body.mobile', ctx.locale) : null;
      Object.assign(patch, protectMobile(deps.pii, 'resident', mobile));
    }
    if (input.divisionCode !== undefined) {
      await requireDivision(trx, input.divisionCode);
      if (!mayChange(ctx, { divisionCode: input.divisionCode, userId: current.userId }))
        throw new AppError('organization.out_of_scope');
      patch.divisionCode = input.divisionCode;
    }
    if (input.latitude !== undefined) patch.latitude = approx(input.latitude);
    if (input.longitude !== undefined) patch.longitude = approx(input.longitude);
    if (input.skills) patch.skills = await requireTerms(trx, 'skill', input.skills, 'body.skills', ctx.locale);
    if (input.isVolunteer !== undefined && input.isVolunteer !== current.isVolunteer) {
      patch.isVolunteer = input.isVolunteer;
      patch.volunteerNo = input.isVolunteer ? (current.volunteerNo ?? (await repo.nextVolunteerNo(trx))) : null;
    }
    if (input.contactConsent !== undefined && input.contactConsent !== current.contactConsent) {
      patch.contactConsent = input.contactConsent;
      patch.contactConsentAt = now;
    }
    if (input.notes !== undefined) patch.notes = input.notes;
    if (!(await repo.updateResidentRow(trx, id, input.version, patch))) throw new AppError('conflict.stale_version');
    await recordAudit(trx, ctx, now, {
      action: 'resident.update',
      targetType: 'resident',
      targetId: id,
      divisionCode: current.divisionCode,
      summary: {
        fields: Object.keys(input).filter((k) => k !== 'version'),
        before: {
          contactConsent: current.contactConsent,
          isVolunteer: current.isVolunteer,
          mobile: current.mobileMasked,
        },
        after: { contactConsent: patch.contactConsent, isVolunteer: patch.isVolunteer, mobile: patch.mobileMasked },
      },
    });
    return getResident(deps, ctx, id, trx);
  });
}

export async function revealResidentField(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof revealBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const r = await requireVisible(trx, ctx, id);
    if (!mayChange(ctx, r)) throw new AppError('auth.forbidden');
    const secrets = await repo.loadResidentSecrets(trx, id);
    if (!secrets) throw notFound();
    const value =
      input.field === 'idNumber'
        ? decrypt(deps.pii, 'resident.idNumber', secrets.idNumberEnc)
        : secrets.mobileEnc
          ? decrypt(deps.pii, 'resident.mobile', secrets.mobileEnc)
          : null;
    await recordAudit(trx, ctx, now, {
      action: 'resident.reveal',
      targetType: 'resident',
      targetId: id,
      divisionCode: r.divisionCode,
      summary: { field: input.field, reason: input.reason },
    });
    return { field: input.field, value };
  });
}
