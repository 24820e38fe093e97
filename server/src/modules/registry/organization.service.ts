import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type { listOrganizationsQuery, Organization } from '../../../../contracts/api/identity';
import type {
  createOrganizationWithProfileBody,
  OrganizationDetail,
  organizationProfileInput,
  organizationStatusBody,
  updateOrganizationBody,
  verifyBody,
} from '../../../../contracts/api/registry';
import { creditCodeProblem, normalizeContactPhone } from '../../../../contracts/identifiers';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { pageOf, pageWindow } from '../../platform/pagination';
import { coversDivision, divisionPrefixes, organizationIds } from '../../platform/scope';
import { shanghaiDate } from '../../platform/time';
import { recordAudit } from '../audit/audit.service';
import { requireDivision } from '../divisions/division.service';
import {
  findOrganizationByCreditCode,
  findOrganizationById,
  findOrganizationByKindAndName,
  findOrganizationDetailInScope,
  insertOrganization,
  listOrganizationsInScope,
  type OrganizationScope,
  replaceServiceDivisions,
  serviceDivisionsOf,
  updateOrganizationRow,
} from './organization.repository';
import type { OrganizationTable } from './organization.table';
import { requireTerms } from './taxonomy.service';

type Row = NonNullable<Awaited<ReturnType<typeof findOrganizationById>>>;

export function presentOrganization(row: Row): Organization {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** Division-scoped roles see their subtree (and agencies serving it); everyone sees their own organizations. */
export function organizationScope(ctx: AuthedContext): OrganizationScope {
  return { divisionPrefixes: divisionPrefixes(ctx.actor), organizationIds: organizationIds(ctx.actor) };
}

export async function listOrganizations(deps: Deps, ctx: AuthedContext, query: z.infer<typeof listOrganizationsQuery>) {
  const { rows, total } = await listOrganizationsInScope(deps.db, organizationScope(ctx), {
    q: query.q,
    kind: query.kind,
    divisionCode: query.divisionCode,
    ...pageWindow(query),
  });
  return pageOf(rows.map(presentOrganization), total, query);
}

/** Out of scope and non-existent look the same: 404. */
export async function getOrganization(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  db: Executor = deps.db,
): Promise<OrganizationDetail> {
  const row = await findOrganizationDetailInScope(db, id, organizationScope(ctx));
  if (!row) throw notFound();
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    serviceDivisionCodes: await serviceDivisionsOf(db, id),
  };
}

/** For other modules: an organization by id, regardless of the caller (they apply their own policy). */
export async function loadOrganization(db: Executor, id: string) {
  return findOrganizationById(db, id);
}

type ProfileInput = z.infer<typeof organizationProfileInput>;

/** Checks and normalizes profile fields; returns the columns to write. */
async function profileColumns(
  db: Executor,
  ctx: AuthedContext,
  input: ProfileInput,
  kind: OrganizationTable['kind'],
  selfId: string | null,
  today: string,
) {
  const cols: Record<string, unknown> = {};
  const copy = [
    'department',
    'legalForm',
    'registeredOn',
    'registrationAuthority',
    'rating',
    'ratedOn',
    'address',
    'latitude',
    'longitude',
    'contactName',
  ] as const;
  for (const key of copy) if (input[key] !== undefined) cols[key] = input[key];
  if (input.creditCode !== undefined) {
    const code = input.creditCode ? input.creditCode.toUpperCase() : null;
    if (code) {
      const problem = creditCodeProblem(code);
      if (problem) {
        throw fieldError(
          'body.creditCode',
          `credit_code.${problem}`,
          problem === 'format' ? '统一社会信用代码应为 18 位（不含 I、O、Z、S、V）' : '统一社会信用代码校验位不正确',
          problem === 'format'
            ? 'a unified social credit code has 18 characters (no I, O, Z, S, V)'
            : 'the check character is wrong',
          ctx.locale,
        );
      }
      const holder = await findOrganizationByCreditCode(db, code);
      if (holder && holder.id !== selfId) throw new AppError('organization.credit_code_taken', { name: holder.name });
    }
    cols.creditCode = code;
  }
  if (input.contactPhone !== undefined) {
    const raw = input.contactPhone;
    const phone = raw ? normalizeContactPhone(raw) : null;
    if (raw && !phone) {
      throw fieldError(
        'body.contactPhone',
        'phone.invalid',
        '请填写手机号或带区号的固定电话',
        'use a mobile number or a landline with area code',
        ctx.locale,
      );
    }
    cols.contactPhone = phone;
  }
  for (const [field, value] of [
    ['registeredOn', input.registeredOn],
    ['ratedOn', input.ratedOn],
  ] as const) {
    if (value && value > today)
      throw fieldError(`body.${field}`, 'date.future', '日期不能晚于今天', 'cannot be in the future', ctx.locale);
  }
  if (input.registeredOn && input.ratedOn && input.ratedOn < input.registeredOn) {
    throw fieldError(
      'body.ratedOn',
      'date.order',
      '评估日期不能早于登记日期',
      'cannot be before the registration date',
      ctx.locale,
    );
  }
  if (input.serviceFields)
    cols.serviceFields = await requireTerms(db, 'specialty', input.serviceFields, 'body.serviceFields', ctx.locale);
  if (input.serviceDivisionCodes) for (const code of input.serviceDivisionCodes) await requireDivision(db, code);
  if ((kind === 'agency' || kind === 'evaluator') && selfId === null && !cols.creditCode) {
    throw fieldError(
      'body.creditCode',
      'required',
      '社工机构和评估机构须填写统一社会信用代码',
      'required for agencies and evaluators',
      ctx.locale,
    );
  }
  return cols as Updateable<OrganizationTable>;
}

export async function createOrganization(
  deps: Deps,
  ctx: AuthedContext,
  input: z.infer<typeof createOrganizationWithProfileBody>,
): Promise<OrganizationDetail> {
  const adminPrefixes = divisionPrefixes(ctx.actor, ['bureau_admin']);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await requireDivision(trx, input.divisionCode);
    if (!coversDivision(adminPrefixes, input.divisionCode)) throw new AppError('organization.out_of_scope');
    if (await findOrganizationByKindAndName(trx, input.kind, input.name)) {
      throw fieldError(
        'body.name',
        'organization.name_taken',
        '同类机构中已有此名称',
        'an organization of this kind with this name exists',
        ctx.locale,
      );
    }
    const profile = await profileColumns(trx, ctx, input, input.kind, null, shanghaiDate(now));
    const { id } = await insertOrganization(trx, {
      ...(profile as Omit<typeof profile, 'id' | 'version'>),
      name: input.name,
      kind: input.kind,
      divisionCode: input.divisionCode,
      createdAt: now,
      updatedAt: now,
    });
    if (input.serviceDivisionCodes) await replaceServiceDivisions(trx, id, input.serviceDivisionCodes);
    await recordAudit(trx, ctx, now, {
      action: 'organization.create',
      targetType: 'organization',
      targetId: id,
      divisionCode: input.divisionCode,
      summary: { after: input },
    });
    return getOrganization(deps, ctx, id, trx);
  });
}

/** Bureau admins edit any organization in their divisions; agency managers keep their own agency's profile. */
function mayEdit(ctx: AuthedContext, org: { id: string; divisionCode: string }) {
  if (coversDivision(divisionPrefixes(ctx.actor, ['bureau_admin']), org.divisionCode)) return true;
  return ctx.actor.memberships.some((m) => m.role === 'agency_manager' && m.organizationId === org.id);
}

export async function updateOrganization(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof updateOrganizationBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await getOrganization(deps, ctx, id, trx);
    if (!mayEdit(ctx, before)) throw new AppError('auth.forbidden');
    // A rating (等级评估) is the bureau's finding, not something an agency states about itself.
    const isBureau = coversDivision(divisionPrefixes(ctx.actor, ['bureau_admin']), before.divisionCode);
    if (!isBureau && (input.rating !== undefined || input.ratedOn !== undefined)) {
      throw fieldError(
        'body.rating',
        'organization.rating_bureau_only',
        '评估等级由民政局登记',
        'ratings are recorded by the bureau',
        ctx.locale,
      );
    }
    if (before.version !== input.version) throw new AppError('conflict.stale_version');
    if (input.name && input.name !== before.name) {
      const clash = await findOrganizationByKindAndName(trx, before.kind, input.name);
      if (clash && clash.id !== id) {
        throw fieldError(
          'body.name',
          'organization.name_taken',
          '同类机构中已有此名称',
          'an organization of this kind with this name exists',
          ctx.locale,
        );
      }
    }
    const profile = await profileColumns(trx, ctx, input, before.kind, id, shanghaiDate(now));
    // An edited registration needs the bureau's verification again.
    const reverify = profile.creditCode !== undefined && profile.creditCode !== before.creditCode;
    const updated = await updateOrganizationRow(trx, id, input.version, {
      ...profile,
      ...(input.name ? { name: input.name } : {}),
      ...(reverify ? { verificationStatus: 'unverified', verifiedAt: null, verifiedBy: null } : {}),
      updatedAt: now,
    });
    if (!updated) throw new AppError('conflict.stale_version');
    if (input.serviceDivisionCodes) await replaceServiceDivisions(trx, id, input.serviceDivisionCodes);
    const after = await getOrganization(deps, ctx, id, trx);
    await recordAudit(trx, ctx, now, {
      action: 'organization.update',
      targetType: 'organization',
      targetId: id,
      divisionCode: before.divisionCode,
      summary: {
        fields: Object.keys(input).filter((k) => k !== 'version'),
        before: changed(before, after),
        after: changed(after, before),
      },
    });
    return after;
  });
}

function changed(a: Record<string, unknown>, b: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(a)) {
    if (key === 'version' || key === 'updatedAt') continue;
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out[key] = a[key];
  }
  return out;
}

/**
 * A bureau decision on an organization in the admin's divisions: one column change and its audit row, in one
 * transaction. `decide` returns the columns to write and the before/after summary.
 */
async function bureauDecision(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  action: string,
  decide: (
    org: OrganizationDetail,
    now: Date,
  ) => { patch: Updateable<OrganizationTable>; summary: Record<string, unknown> },
) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const org = await getOrganization(deps, ctx, id, trx);
    if (!coversDivision(divisionPrefixes(ctx.actor, ['bureau_admin']), org.divisionCode))
      throw new AppError('auth.forbidden');
    const { patch, summary } = decide(org, now);
    if (!(await updateOrganizationRow(trx, id, org.version, { ...patch, updatedAt: now })))
      throw new AppError('conflict.stale_version');
    await recordAudit(trx, ctx, now, {
      action,
      targetType: 'organization',
      targetId: id,
      divisionCode: org.divisionCode,
      summary,
    });
    return getOrganization(deps, ctx, id, trx);
  });
}

export function verifyOrganization(deps: Deps, ctx: AuthedContext, id: string, input: z.infer<typeof verifyBody>) {
  return bureauDecision(deps, ctx, id, 'organization.verify', (org, now) => ({
    patch: { verificationStatus: input.decision, verifiedAt: now, verifiedBy: ctx.actor.userId },
    summary: { before: { status: org.verificationStatus }, after: { status: input.decision }, note: input.note },
  }));
}

export function setOrganizationStatus(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: z.infer<typeof organizationStatusBody>,
) {
  return bureauDecision(deps, ctx, id, 'organization.status', (org) => ({
    patch: { status: input.status },
    summary: { before: { status: org.status }, after: { status: input.status }, reason: input.reason },
  }));
}
