import type { Updateable } from 'kysely';
import type { z } from 'zod';
import {
  type Beneficiary,
  type beneficiaryLookupBody,
  type beneficiaryRevealBody,
  type beneficiaryStatsQuery,
  type createBeneficiaryBody,
  DISABLED_PERSON_CATEGORY,
  GUARDIAN_REQUIRED_UNDER_AGE,
  type guardianInput,
  type listBeneficiariesQuery,
  SMALL_COUNT_SUPPRESSED_BELOW,
  type updateBeneficiaryBody,
} from '../../../../contracts/api/services';
import { birthDateOf, genderOf } from '../../../../contracts/identifiers';
import type { Role } from '../../../../contracts/roles';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { pageOf, pageWindow } from '../../platform/pagination';
import { decrypt, encrypt, maskMobile, type PiiKeys, protectIdentity, protectMobile } from '../../platform/pii';
import { coversDivision, divisionPrefixes } from '../../platform/scope';
import { shanghaiDate } from '../../platform/time';
import { recordAudit } from '../audit/audit.service';
import { findDivision } from '../divisions/division.service';
import { loadOrganization } from '../registry/organization.service';
import { requireTerms, taxonomy } from '../registry/taxonomy.service';
import { checkIdNumber, checkMobile } from '../registry/worker.service';
import * as repo from './beneficiary.repository';
import type { BeneficiaryTable } from './services.tables';

const AGENCY_ROLES: readonly Role[] = ['agency_manager', 'social_worker'];

/**
 * Who sees a beneficiary (search-first: nobody browses the district):
 * - agency managers and social workers: the beneficiaries their agency serves;
 * - community staff: those living in their community (division prefix);
 * - the bureau: nobody by default. It gets aggregates (stats) and an exact, audited lookup by 身份证号 that answers
 *   with the masked record and grants nothing more (no detail, change, reveal or consent access afterwards).
 */
export function beneficiaryScope(ctx: AuthedContext): repo.BeneficiaryScope {
  return {
    agencyIds: [
      ...new Set(ctx.actor.memberships.filter((m) => AGENCY_ROLES.includes(m.role)).map((m) => m.organizationId)),
    ],
    divisionPrefixes: divisionPrefixes(ctx.actor, ['community_staff']),
  };
}

/** Approximate location: three decimals (≈ 100 m), never a precise home position. */
const approx = (v: number | null | undefined) => (v === null || v === undefined ? v : Math.round(v * 1000) / 1000);

/** Whole years of age on the Shanghai calendar date of `now`. */
export function ageOn(birthDate: string, now: Date): number {
  const today = shanghaiDate(now);
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function present(r: repo.BeneficiaryRow): Beneficiary {
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    idNumberMasked: r.idNumberMasked,
    mobileMasked: r.mobileMasked,
    addressMasked: r.addressMasked,
    divisionCode: r.divisionCode,
    divisionName: r.divisionName,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    categories: r.categories,
    disability:
      r.disabilityType && r.disabilityGrade !== null ? { type: r.disabilityType, grade: r.disabilityGrade } : null,
    riskLevel: r.riskLevel,
    householdId: r.householdId,
    householdRelation: r.householdRelation,
    guardian:
      r.guardianName && r.guardianRelation
        ? { name: r.guardianName, relation: r.guardianRelation, mobileMasked: r.guardianMobileMasked }
        : null,
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Out of scope and nonexistent look the same: 404. */
export async function requireVisibleBeneficiary(db: Executor, ctx: AuthedContext, id: string) {
  const row = await repo.findBeneficiaryInScope(db, id, beneficiaryScope(ctx));
  if (!row) throw notFound();
  return row;
}

export async function listBeneficiaries(deps: Deps, ctx: AuthedContext, query: z.infer<typeof listBeneficiariesQuery>) {
  const { rows, total } = await repo.listBeneficiariesInScope(deps.db, beneficiaryScope(ctx), {
    q: query.q,
    divisionCode: query.divisionCode,
    category: query.category,
    riskLevel: query.riskLevel,
    householdId: query.householdId,
    ...pageWindow(query),
  });
  return pageOf(rows.map(present), total, query);
}

export async function getBeneficiary(deps: Deps, ctx: AuthedContext, id: string) {
  return present(await requireVisibleBeneficiary(deps.db, ctx, id));
}

// ---- checks -----------------------------------------------------------------------------------------------------

/** A beneficiary lives in a community (社区/村): a known division at that level. */
async function requireCommunity(db: Executor, code: string, field: string, locale: string) {
  const division = await findDivision(db, code);
  if (division?.level !== 'community' || !division.parentCode) {
    throw fieldError(
      field,
      'division.not_community',
      `行政区划代码 ${code} 不是已登记的社区/村`,
      `${code} is not a known community or village`,
      locale,
    );
  }
  return division;
}

/** Street level only (the 街道/镇 name): enough to place the person, never the house number. */
async function maskedAddress(db: Executor, streetCode: string) {
  const street = await findDivision(db, streetCode);
  return `${street?.name ?? ''}****`;
}

function checkDisability(
  categories: readonly string[],
  disability: { type: string; grade: number } | null | undefined,
  locale: string,
) {
  const disabled = categories.includes(DISABLED_PERSON_CATEGORY);
  if (disabled && !disability)
    throw fieldError(
      'body.disability',
      'beneficiary.disability_required',
      '残疾人须填写残疾类别和等级',
      'a person with a disability needs a disability type and grade',
      locale,
    );
  if (!disabled && disability)
    throw fieldError(
      'body.disability',
      'beneficiary.disability_without_category',
      '只有“残疾人”类别的服务对象才填写残疾类别和等级',
      'a disability type and grade are recorded only for the category "person with a disability"',
      locale,
    );
}

function checkGuardian(birthDate: string, hasGuardian: boolean, now: Date, locale: string) {
  if (!hasGuardian && ageOn(birthDate, now) < GUARDIAN_REQUIRED_UNDER_AGE)
    throw fieldError(
      'body.guardian',
      'beneficiary.guardian_required',
      '未满 14 周岁的服务对象须登记监护人（《个人信息保护法》第三十一条）',
      'a beneficiary under 14 needs a guardian on record (PIPL art. 31)',
      locale,
    );
}

function guardianColumns(keys: PiiKeys, g: z.infer<typeof guardianInput> | null, locale: string) {
  if (!g) return { guardianName: null, guardianRelation: null, guardianMobileEnc: null, guardianMobileMasked: null };
  const mobile = checkMobile(g.mobile, 'body.guardian.mobile', locale);
  return {
    guardianName: g.name,
    guardianRelation: g.relation,
    guardianMobileEnc: encrypt(keys, 'beneficiary.guardianMobile', mobile),
    guardianMobileMasked: maskMobile(mobile),
  };
}

const mayPlaceIn = (ctx: AuthedContext, divisionCode: string) =>
  coversDivision(divisionPrefixes(ctx.actor, ['bureau_admin', 'community_staff']), divisionCode);

// ---- create / update ----------------------------------------------------------------------------------------------

export async function createBeneficiary(deps: Deps, ctx: AuthedContext, input: z.infer<typeof createBeneficiaryBody>) {
  const now = deps.clock.now();
  const locale = ctx.locale;
  const idNumber = checkIdNumber(input.idNumber, 'body.idNumber', locale, now);
  const birthDate = birthDateOf(idNumber)!.toISOString().slice(0, 10);
  const mobile = input.mobile ? checkMobile(input.mobile, 'body.mobile', locale) : null;
  checkGuardian(birthDate, input.guardian !== undefined, now, locale);
  const guardian = guardianColumns(deps.pii, input.guardian ?? null, locale);
  const scope = beneficiaryScope(ctx);

  return deps.db.transaction().execute(async (trx) => {
    const community = await requireCommunity(trx, input.divisionCode, 'body.divisionCode', locale);
    const categories = await requireTerms(trx, 'beneficiary_category', input.categories, 'body.categories', locale);
    checkDisability(categories, input.disability, locale);

    // Where the caller may register: their community/district by division, or their own agency.
    const byDivision = mayPlaceIn(ctx, input.divisionCode);
    let agencyId = input.agencyId ?? null;
    if (agencyId === null && !byDivision && scope.agencyIds.length > 0) {
      if (scope.agencyIds.length > 1)
        throw fieldError(
          'body.agencyId',
          'beneficiary.agency_required',
          '您在多个社工机构任职，请选择服务机构',
          'you work for several agencies; choose the serving agency',
          locale,
        );
      agencyId = scope.agencyIds[0]!;
    }
    const byAgency = agencyId !== null && scope.agencyIds.includes(agencyId);
    if (!byDivision && !byAgency) throw new AppError('organization.out_of_scope');
    if (agencyId !== null && !byAgency) {
      const org = await loadOrganization(trx, agencyId);
      if (org?.kind !== 'agency')
        throw fieldError(
          'body.agencyId',
          'beneficiary.agency_unknown',
          '服务机构不存在或不是社工机构',
          'the serving agency does not exist or is not a social-work agency',
          locale,
        );
    }

    let household: { id: string; relation: BeneficiaryTable['householdRelation'] };
    if (input.household) {
      const found = await repo.findHouseholdInScope(trx, input.household.id, scope);
      if (!found) throw fieldError('body.household.id', 'household.unknown', '家庭不存在', 'no such household', locale);
      if (input.household.relation === 'self')
        throw fieldError(
          'body.household.relation',
          'household.head_exists',
          '该家庭已有户主，请选择与户主的关系',
          'the household already has a head; choose the relation to the head',
          locale,
        );
      household = { id: found.id, relation: input.household.relation };
    } else {
      household = { id: (await repo.insertHousehold(trx, input.divisionCode, now)).id, relation: 'self' };
    }

    const secrets = protectIdentity(deps.pii, 'beneficiary', idNumber, mobile);
    const existing = await repo.findBeneficiaryIdByIndex(trx, secrets.idNumberIndex);
    if (existing) {
      const canSee = await repo.findBeneficiaryInScope(trx, existing.id, scope);
      throw new AppError('beneficiary.duplicate', canSee ? { existingId: existing.id } : {});
    }

    const { id } = await repo.insertBeneficiary(trx, {
      name: input.name,
      gender: genderOf(idNumber),
      birthDate,
      ...secrets,
      addressEnc: input.address ? encrypt(deps.pii, 'beneficiary.address', input.address) : null,
      addressMasked: input.address ? await maskedAddress(trx, community.parentCode!) : null,
      divisionCode: input.divisionCode,
      latitude: approx(input.latitude) ?? null,
      longitude: approx(input.longitude) ?? null,
      categories,
      disabilityType: input.disability?.type ?? null,
      disabilityGrade: input.disability?.grade ?? null,
      riskLevel: null,
      householdId: household.id,
      householdRelation: household.relation,
      ...guardian,
      agencyId,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'beneficiary.create',
      targetType: 'beneficiary',
      targetId: id,
      divisionCode: input.divisionCode,
      summary: {
        after: {
          name: input.name,
          idNumber: secrets.idNumberMasked,
          categories,
          agencyId,
          householdId: household.id,
          guardian: guardian.guardianName !== null,
        },
      },
    });
    // The creator gets the record they typed in (masked), even if their scope does not reach it afterwards.
    return present((await repo.findBeneficiaryById(trx, id))!);
  });
}

export async function updateBeneficiary(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof updateBeneficiaryBody>,
) {
  const now = deps.clock.now();
  const locale = ctx.locale;
  return deps.db.transaction().execute(async (trx) => {
    const current = await requireVisibleBeneficiary(trx, ctx, id);
    if (current.version !== input.version) throw new AppError('conflict.stale_version');
    const patch: Updateable<BeneficiaryTable> = { updatedAt: now };
    if (input.name !== undefined) patch.name = input.name;
    if (input.mobile !== undefined) {
      const mobile = input.mobile ? checkMobile(input.mobile, 'body.mobile', locale) : null;
      Object.assign(patch, protectMobile(deps.pii, 'beneficiary', mobile));
    }
    let divisionCode = current.divisionCode;
    if (input.divisionCode !== undefined && input.divisionCode !== current.divisionCode) {
      await requireCommunity(trx, input.divisionCode, 'body.divisionCode', locale);
      // Moving someone out of one's own area is for their agency (or a wider scope), not for community staff.
      const viaAgency = current.agencyId !== null && beneficiaryScope(ctx).agencyIds.includes(current.agencyId);
      if (!viaAgency && !mayPlaceIn(ctx, input.divisionCode)) throw new AppError('organization.out_of_scope');
      divisionCode = input.divisionCode;
      patch.divisionCode = divisionCode;
    }
    if (input.address !== undefined || patch.divisionCode !== undefined) {
      const address =
        input.address !== undefined
          ? input.address
          : current.addressMasked === null
            ? null
            : decrypt(deps.pii, 'beneficiary.address', (await repo.loadBeneficiarySecrets(trx, id))!.addressEnc!);
      const community = await findDivision(trx, divisionCode);
      patch.addressEnc = address ? encrypt(deps.pii, 'beneficiary.address', address) : null;
      patch.addressMasked = address ? await maskedAddress(trx, community!.parentCode!) : null;
    }
    if (input.latitude !== undefined) patch.latitude = approx(input.latitude);
    if (input.longitude !== undefined) patch.longitude = approx(input.longitude);
    const categories =
      input.categories !== undefined
        ? await requireTerms(trx, 'beneficiary_category', input.categories, 'body.categories', locale)
        : current.categories;
    if (input.categories !== undefined) patch.categories = categories;
    const disability =
      input.disability !== undefined
        ? input.disability
        : current.disabilityType && current.disabilityGrade !== null
          ? { type: current.disabilityType, grade: current.disabilityGrade }
          : null;
    checkDisability(categories, disability, locale);
    if (input.disability !== undefined) {
      patch.disabilityType = input.disability?.type ?? null;
      patch.disabilityGrade = input.disability?.grade ?? null;
    }
    if (input.guardian !== undefined) {
      checkGuardian(current.birthDate, input.guardian !== null, now, locale);
      Object.assign(patch, guardianColumns(deps.pii, input.guardian, locale));
    }
    if (!(await repo.updateBeneficiaryRow(trx, id, input.version, patch))) throw new AppError('conflict.stale_version');
    await recordAudit(trx, ctx, now, {
      action: 'beneficiary.update',
      targetType: 'beneficiary',
      targetId: id,
      divisionCode: current.divisionCode,
      summary: {
        fields: Object.keys(input).filter((k) => k !== 'version'),
        before: {
          divisionCode: current.divisionCode,
          categories: current.categories,
          mobile: current.mobileMasked,
          address: current.addressMasked,
        },
        after: {
          divisionCode: patch.divisionCode,
          categories: patch.categories,
          mobile: patch.mobileMasked,
          address: patch.addressMasked,
        },
      },
    });
    return present((await repo.findBeneficiaryById(trx, id))!);
  });
}

// ---- reveal, lookup, stats ----------------------------------------------------------------------------------------

export async function revealBeneficiaryField(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof beneficiaryRevealBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const b = await requireVisibleBeneficiary(trx, ctx, id);
    const secrets = (await repo.loadBeneficiarySecrets(trx, id))!;
    const stored = {
      idNumber: secrets.idNumberEnc,
      mobile: secrets.mobileEnc,
      address: secrets.addressEnc,
      guardianMobile: secrets.guardianMobileEnc,
    }[input.field];
    const value = stored ? decrypt(deps.pii, `beneficiary.${input.field}`, stored) : null;
    await recordAudit(trx, ctx, now, {
      action: 'beneficiary.reveal',
      targetType: 'beneficiary',
      targetId: id,
      divisionCode: b.divisionCode,
      summary: { field: input.field, reason: input.reason },
    });
    return { field: input.field, value };
  });
}

/**
 * The bureau finds one person by exact 身份证号 within its divisions, giving a reason; the lookup is audited whether
 * or not it finds someone. It answers with the masked record only: it opens no other endpoint to the bureau.
 */
export async function lookupBeneficiary(deps: Deps, ctx: AuthedContext, input: z.infer<typeof beneficiaryLookupBody>) {
  const now = deps.clock.now();
  const idNumber = checkIdNumber(input.idNumber, 'body.idNumber', ctx.locale, now);
  const secrets = protectIdentity(deps.pii, 'beneficiary', idNumber, null);
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.findBeneficiaryByIndexWithin(
      trx,
      secrets.idNumberIndex,
      divisionPrefixes(ctx.actor, ['bureau_admin']),
    );
    await recordAudit(trx, ctx, now, {
      action: 'beneficiary.lookup',
      targetType: 'beneficiary',
      targetId: row?.id,
      divisionCode: row?.divisionCode ?? null,
      summary: { idNumber: secrets.idNumberMasked, reason: input.reason, found: row !== undefined },
    });
    return { beneficiary: row ? present(row) : null };
  });
}

/** Counts by category and by community within the bureau's divisions: aggregates, no person. */
export async function beneficiaryStats(deps: Deps, ctx: AuthedContext, query: z.infer<typeof beneficiaryStatsQuery>) {
  const prefixes = divisionPrefixes(ctx.actor, ['bureau_admin']);
  const [byCategory, byDivision, terms] = await Promise.all([
    repo.countByCategory(deps.db, prefixes, query.divisionCode),
    repo.countByDivision(deps.db, prefixes, query.divisionCode),
    taxonomy(deps.db, 'beneficiary_category'),
  ]);
  const counts = new Map(byCategory.map((r) => [r.code, Number(r.n)]));
  return {
    total: byDivision.reduce((sum, r) => sum + Number(r.n), 0),
    byCategory: terms.items
      .filter((t) => t.active || counts.has(t.code))
      .map((t) => ({ code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, count: counts.get(t.code) ?? 0 })),
    byDivision: byDivision.map((r) => {
      const n = Number(r.n);
      return {
        divisionCode: r.divisionCode,
        divisionName: r.name,
        count: n > 0 && n < SMALL_COUNT_SUPPRESSED_BELOW ? null : n,
      };
    }),
    suppressedBelow: SMALL_COUNT_SUPPRESSED_BELOW,
  };
}
