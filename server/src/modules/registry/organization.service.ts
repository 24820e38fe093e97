import type { z } from 'zod';
import type { createOrganizationBody, listOrganizationsQuery, Organization } from '../../../../contracts/api/identity';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { pageOf, pageWindow } from '../../platform/pagination';
import { coversDivision, divisionPrefixes, organizationIds } from '../../platform/scope';
import { recordAudit } from '../audit/audit.service';
import { requireDivision } from '../divisions/division.service';
import {
  findOrganizationById,
  findOrganizationByKindAndName,
  findOrganizationInScope,
  insertOrganization,
  listOrganizationsInScope,
  type OrganizationScope,
} from './organization.repository';

type Row = NonNullable<Awaited<ReturnType<typeof findOrganizationById>>>;

export function presentOrganization(row: Row): Organization {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** Division-scoped roles see their subtree; everyone sees their own organizations. */
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
export async function getOrganization(deps: Deps, ctx: AuthedContext, id: string): Promise<Organization> {
  const row = await findOrganizationInScope(deps.db, id, organizationScope(ctx));
  if (!row) throw notFound();
  return presentOrganization(row);
}

/** For other modules: an organization by id, regardless of the caller (they apply their own policy). */
export async function loadOrganization(db: Executor, id: string) {
  return findOrganizationById(db, id);
}

export async function createOrganization(
  deps: Deps,
  ctx: AuthedContext,
  input: z.infer<typeof createOrganizationBody>,
): Promise<Organization> {
  const adminPrefixes = divisionPrefixes(ctx.actor, ['bureau_admin']);
  return deps.db.transaction().execute(async (trx) => {
    await requireDivision(trx, input.divisionCode);
    if (!coversDivision(adminPrefixes, input.divisionCode)) throw new AppError('organization.out_of_scope');
    if (await findOrganizationByKindAndName(trx, input.kind, input.name)) {
      throw new AppError('validation.failed', {
        issues: [{ field: 'body.name', code: 'organization.name_taken', message: nameTaken(ctx.locale) }],
      });
    }
    const now = deps.clock.now();
    const { id } = await insertOrganization(trx, { ...input, createdAt: now, updatedAt: now });
    await recordAudit(trx, ctx, now, {
      action: 'organization.create',
      targetType: 'organization',
      targetId: id,
      divisionCode: input.divisionCode,
      summary: { after: input },
    });
    const row = await findOrganizationById(trx, id);
    if (!row) throw new Error('organization vanished inside its own transaction');
    return presentOrganization(row);
  });
}

function nameTaken(locale: string): string {
  return locale === 'en' ? 'an organization of this kind with this name exists' : '同类机构中已有此名称';
}
