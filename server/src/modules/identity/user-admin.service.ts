import type { z } from 'zod';
import type {
  createUserBody,
  listUsersQuery,
  Membership,
  membershipGrant,
  UserSummary,
} from '../../../../contracts/api/identity';
import { ROLE_ORGANIZATION_KINDS } from '../../../../contracts/roles';
import type { Executor } from '../../db/schema';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { pageOf, pageWindow } from '../../platform/pagination';
import { coversDivision, divisionPrefixes } from '../../platform/scope';
import { recordAudit } from '../audit/audit.service';
import { loadOrganization } from '../registry/organization.service';
import { presentMembership, presentUser } from './identity.presenters';
import { hashPassword, passwordPolicyViolations } from './password';
import { deleteSessionsOfUser } from './session.repository';
import {
  countActiveUsersWithRole,
  deleteMembership,
  findMembership,
  findUserByUsername,
  findUserInScope,
  insertMembership,
  insertUser,
  listUsersInScope,
  membershipsOfUsers,
  type UserAdminScope,
  updateUser,
} from './user.repository';

/** User administration is a bureau_admin power, limited to users with a membership inside the admin's divisions. */
function adminScope(ctx: AuthedContext): UserAdminScope {
  const prefixes = divisionPrefixes(ctx.actor, ['bureau_admin']);
  return { divisionPrefixes: prefixes, includeUnaffiliated: prefixes.some((p) => p.length === 6) };
}

async function present(db: Executor, user: Parameters<typeof presentUser>[0]): Promise<UserSummary> {
  return presentUser(user, await membershipsOfUsers(db, [user.id]));
}

export async function listUsers(deps: Deps, ctx: AuthedContext, query: z.infer<typeof listUsersQuery>) {
  const { rows, total } = await listUsersInScope(deps.db, adminScope(ctx), {
    q: query.q,
    organizationId: query.organizationId,
    status: query.status,
    ...pageWindow(query),
  });
  const memberships = await membershipsOfUsers(
    deps.db,
    rows.map((r) => r.id),
  );
  return pageOf(
    rows.map((r) => presentUser(r, memberships)),
    total,
    query,
  );
}

async function requireUser(db: Executor, ctx: AuthedContext, id: string) {
  const user = await findUserInScope(db, id, adminScope(ctx));
  if (!user) throw notFound();
  return user;
}

export async function getUser(deps: Deps, ctx: AuthedContext, id: string): Promise<UserSummary> {
  return present(deps.db, await requireUser(deps.db, ctx, id));
}

/** The organization a membership is granted in must exist in the admin's scope and accept the role. */
async function checkGrant(db: Executor, ctx: AuthedContext, grant: z.infer<typeof membershipGrant>, field: string) {
  const org = await loadOrganization(db, grant.organizationId);
  if (!org || !coversDivision(adminScope(ctx).divisionPrefixes, org.divisionCode)) {
    throw fieldError(
      `${field}.organizationId`,
      'not_found',
      '机构不存在或不在您的管理范围内',
      'no such organization in your scope',
      ctx.locale,
    );
  }
  if (!ROLE_ORGANIZATION_KINDS[grant.role].includes(org.kind)) {
    throw new AppError('membership.role_not_allowed', { role: grant.role, kind: org.kind });
  }
  return org;
}

function checkPassword(password: string, username: string) {
  const broken = passwordPolicyViolations(password, username);
  if (broken.length > 0) throw new AppError('auth.password_policy', { rules: broken });
}

export async function createUser(deps: Deps, ctx: AuthedContext, input: z.infer<typeof createUserBody>) {
  checkPassword(input.password, input.username);
  const passwordHash = await hashPassword(input.password, deps.config.passwordHashing);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const org = await checkGrant(trx, ctx, input.membership, 'body.membership');
    if (await findUserByUsername(trx, input.username)) throw new AppError('user.username_taken');
    const user = await insertUser(trx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      // An administrator chose this password; the person must replace it at first sign-in.
      mustChangePassword: true,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await insertMembership(trx, {
      userId: user.id,
      organizationId: org.id,
      role: input.membership.role,
      createdAt: now,
    });
    await recordAudit(trx, ctx, now, {
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      divisionCode: org.divisionCode,
      summary: {
        after: {
          username: user.username,
          displayName: user.displayName,
          organizationId: org.id,
          role: input.membership.role,
        },
      },
    });
    return present(trx, user);
  });
}

async function setStatus(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  status: 'active' | 'disabled',
  expectedVersion?: number,
) {
  if (status === 'disabled' && id === ctx.actor.userId) throw new AppError('user.cannot_disable_self');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, ctx, id);
    if (expectedVersion !== undefined && expectedVersion !== user.version) throw new AppError('conflict.stale_version');
    if (user.status === status) return present(trx, user);
    const updated = await updateUser(trx, id, user.version, {
      status,
      updatedAt: now,
      ...(status === 'active' ? { lockedUntil: null } : {}),
    });
    if (!updated) throw new AppError('conflict.stale_version');
    if (status === 'disabled') await deleteSessionsOfUser(trx, id);
    await recordAudit(trx, ctx, now, {
      action: status === 'disabled' ? 'user.disable' : 'user.enable',
      targetType: 'user',
      targetId: id,
      summary: { before: { status: user.status }, after: { status } },
    });
    return present(trx, updated);
  });
}

export const disableUser = (deps: Deps, ctx: AuthedContext, id: string, version?: number) =>
  setStatus(deps, ctx, id, 'disabled', version);
export const enableUser = (deps: Deps, ctx: AuthedContext, id: string, version?: number) =>
  setStatus(deps, ctx, id, 'active', version);

export async function resetPassword(deps: Deps, ctx: AuthedContext, id: string, newPassword: string): Promise<void> {
  const target = await requireUser(deps.db, ctx, id);
  checkPassword(newPassword, target.username);
  const passwordHash = await hashPassword(newPassword, deps.config.passwordHashing);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, ctx, id);
    const updated = await updateUser(trx, id, user.version, {
      passwordHash,
      mustChangePassword: true,
      lockedUntil: null,
      passwordChangedAt: now,
      updatedAt: now,
    });
    if (!updated) throw new AppError('conflict.stale_version');
    await deleteSessionsOfUser(trx, id);
    await recordAudit(trx, ctx, now, { action: 'user.password_reset', targetType: 'user', targetId: id });
  });
}

export async function grantMembership(
  deps: Deps,
  ctx: AuthedContext,
  userId: string,
  grant: z.infer<typeof membershipGrant>,
): Promise<Membership> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await requireUser(trx, ctx, userId);
    const org = await checkGrant(trx, ctx, grant, 'body');
    const inserted = await insertMembership(trx, { userId, organizationId: org.id, role: grant.role, createdAt: now });
    if (!inserted) throw new AppError('membership.exists');
    await recordAudit(trx, ctx, now, {
      action: 'membership.grant',
      targetType: 'user',
      targetId: userId,
      divisionCode: org.divisionCode,
      summary: { after: { membershipId: inserted.id, organizationId: org.id, role: grant.role } },
    });
    const row = await findMembership(trx, userId, inserted.id);
    if (!row) throw new Error('membership vanished inside its own transaction');
    return presentMembership(row);
  });
}

export async function revokeMembership(deps: Deps, ctx: AuthedContext, userId: string, membershipId: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await requireUser(trx, ctx, userId);
    const membership = await findMembership(trx, userId, membershipId);
    if (!membership || !coversDivision(adminScope(ctx).divisionPrefixes, membership.divisionCode)) throw notFound();
    if (membership.role === 'bureau_admin' && (await countActiveUsersWithRole(trx, 'bureau_admin')) <= 1) {
      throw new AppError('membership.last_admin');
    }
    await deleteMembership(trx, membershipId);
    await recordAudit(trx, ctx, now, {
      action: 'membership.revoke',
      targetType: 'user',
      targetId: userId,
      divisionCode: membership.divisionCode,
      summary: { before: { membershipId, organizationId: membership.organizationId, role: membership.role } },
    });
  });
}
