import type { z } from 'zod';
import type { changePasswordBody, loginBody } from '../../../../contracts/api/identity';
import type { Actor, ActorMembership, Deps, RequestContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { presentMe } from './identity.presenters';
import {
  countFailuresForUsername,
  failuresFromIp,
  insertLoginAttempt,
  lastSuccessAt,
} from './login-attempt.repository';
import { burnPasswordCheck, hashPassword, passwordPolicyViolations, verifyPassword } from './password';
import {
  deleteSession,
  deleteSessionsOfUser,
  findSessionByTokenHash,
  insertSession,
  touchSession,
} from './session.repository';
import { newToken, tokenHash } from './tokens';
import { findUserById, findUserByUsername, membershipsOfUsers, setUserLoginState, updateUser } from './user.repository';

/** 5 failed sign-ins of one account within 15 minutes lock it for 15 minutes. */
export const ACCOUNT_LOCK = { failures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Failed sign-ins from one address (any accounts) within 15 minutes before the address is refused. */
export const IP_LIMIT = { failures: 20, windowMs: 15 * 60_000 };
/** last_seen_at is written at most this often, so every request is not a write. */
const TOUCH_INTERVAL_MS = 60_000;

function retryAfter(until: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return { seconds, minutes: Math.ceil(seconds / 60) };
}

export interface LoginResult {
  token: string;
  actor: Actor;
}

export async function login(deps: Deps, ctx: RequestContext, input: z.infer<typeof loginBody>): Promise<LoginResult> {
  const now = deps.clock.now();
  const username = input.username.trim().toLowerCase();
  const windowStart = new Date(now.getTime() - ACCOUNT_LOCK.windowMs);

  const fromIp = await failuresFromIp(deps.db, ctx.ip, new Date(now.getTime() - IP_LIMIT.windowMs));
  if (fromIp.count >= IP_LIMIT.failures && fromIp.oldest) {
    const wait = retryAfter(new Date(fromIp.oldest.getTime() + IP_LIMIT.windowMs), now);
    throw new AppError(
      'auth.rate_limited',
      { minutes: wait.minutes },
      { headers: { 'retry-after': String(wait.seconds) } },
    );
  }

  const user = await findUserByUsername(deps.db, username);
  if (user?.lockedUntil && user.lockedUntil > now) {
    // Refused without looking at the password: while locked, the right password is refused too.
    await deps.db.transaction().execute(async (trx) => {
      await insertLoginAttempt(trx, { username, ip: ctx.ip, succeeded: false, at: now });
      await recordAudit(trx, ctx, now, {
        action: 'auth.login_refused',
        targetType: 'user',
        targetId: user.id,
        summary: { reason: 'locked', lockedUntil: user.lockedUntil?.toISOString() },
        actorOverride: { userId: user.id, username: user.username },
      });
    });
    const wait = retryAfter(user.lockedUntil, now);
    throw new AppError('auth.locked', { minutes: wait.minutes }, { headers: { 'retry-after': String(wait.seconds) } });
  }

  let passwordOk = false;
  if (user) passwordOk = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password, deps.config.passwordHashing);

  if (!user || !passwordOk || user.status !== 'active') {
    const lockedUntil = await deps.db.transaction().execute(async (trx) => {
      await insertLoginAttempt(trx, { username, ip: ctx.ip, succeeded: false, at: now });
      const reason = !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled';
      await recordAudit(trx, ctx, now, {
        action: 'auth.login_failed',
        targetType: user ? 'user' : undefined,
        targetId: user?.id,
        summary: { reason, username: user ? undefined : username },
        actorOverride: { userId: user?.id ?? null, username: user?.username ?? null },
      });
      if (!user || reason === 'disabled') return null;
      // Count failures since the later of: the window start, the last success, the end of the previous lock.
      const lastOk = await lastSuccessAt(trx, username);
      const since = [windowStart, lastOk, user.lockedUntil].reduce<Date>((a, b) => (b && b > a ? b : a), windowStart);
      const failures = await countFailuresForUsername(trx, username, since);
      if (failures < ACCOUNT_LOCK.failures) return null;
      const until = new Date(now.getTime() + ACCOUNT_LOCK.lockMs);
      await setUserLoginState(trx, user.id, { lockedUntil: until });
      await recordAudit(trx, ctx, now, {
        action: 'auth.account_locked',
        targetType: 'user',
        targetId: user.id,
        summary: { failures, lockedUntil: until.toISOString() },
        actorOverride: { userId: user.id, username: user.username },
      });
      return until;
    });
    if (lockedUntil) {
      const wait = retryAfter(lockedUntil, now);
      throw new AppError(
        'auth.locked',
        { minutes: wait.minutes },
        { headers: { 'retry-after': String(wait.seconds) } },
      );
    }
    // A disabled account is named only to someone who knows its password.
    throw new AppError(user && passwordOk ? 'auth.disabled' : 'auth.invalid_credentials');
  }

  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + deps.config.session.absoluteTimeoutSeconds * 1000);
  const sessionId = await deps.db.transaction().execute(async (trx) => {
    await insertLoginAttempt(trx, { username, ip: ctx.ip, succeeded: true, at: now });
    await setUserLoginState(trx, user.id, { lastLoginAt: now, lockedUntil: null });
    const { id } = await insertSession(trx, {
      tokenHash: tokenHash(token),
      userId: user.id,
      csrfToken,
      ip: ctx.ip,
      userAgent: null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    await recordAudit(trx, ctx, now, {
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      actorOverride: { userId: user.id, username: user.username },
    });
    return id;
  });
  const actor = await buildActor(deps, {
    sessionId,
    csrfToken,
    expiresAt,
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    mustChangePassword: user.mustChangePassword,
  });
  return { token, actor };
}

async function buildActor(
  deps: Deps,
  s: {
    sessionId: string;
    csrfToken: string;
    expiresAt: Date;
    userId: string;
    username: string;
    displayName: string;
    mustChangePassword: boolean;
  },
  memberships?: ActorMembership[],
): Promise<Actor> {
  const ms = memberships ?? (await membershipsOfUsers(deps.db, [s.userId])).map(({ userId: _u, ...m }) => m);
  return {
    userId: s.userId,
    username: s.username,
    displayName: s.displayName,
    mustChangePassword: s.mustChangePassword,
    sessionId: s.sessionId,
    csrfToken: s.csrfToken,
    sessionExpiresAt: s.expiresAt,
    memberships: ms,
    roles: new Set(ms.map((m) => m.role)),
  };
}

export type SessionLookup = { kind: 'active'; actor: Actor } | { kind: 'expired' } | { kind: 'none' };

/** The actor behind a session cookie; expired and idle sessions are removed as they are found. */
export async function resolveSession(deps: Deps, token: string): Promise<SessionLookup> {
  const now = deps.clock.now();
  const row = await findSessionByTokenHash(deps.db, tokenHash(token));
  if (!row) return { kind: 'expired' };
  const idleDeadline = row.lastSeenAt.getTime() + deps.config.session.idleTimeoutSeconds * 1000;
  if (row.status !== 'active' || now.getTime() > idleDeadline || now >= row.expiresAt) {
    await deleteSession(deps.db, row.id);
    return { kind: 'expired' };
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await touchSession(deps.db, row.id, now);
  const actor = await buildActor(
    deps,
    {
      sessionId: row.id,
      csrfToken: row.csrfToken,
      expiresAt: row.expiresAt,
      userId: row.userId,
      username: row.username,
      displayName: row.displayName,
      mustChangePassword: row.mustChangePassword,
    },
    row.memberships,
  );
  return { kind: 'active', actor };
}

export async function logout(deps: Deps, ctx: RequestContext & { actor: Actor }): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await deleteSession(trx, ctx.actor.sessionId);
    await recordAudit(trx, ctx, now, { action: 'auth.logout', targetType: 'user', targetId: ctx.actor.userId });
  });
}

export function me(deps: Deps, actor: Actor) {
  return presentMe(actor, deps.config);
}

export async function changePassword(
  deps: Deps,
  ctx: RequestContext & { actor: Actor },
  input: z.infer<typeof changePasswordBody>,
): Promise<void> {
  const user = await findUserById(deps.db, ctx.actor.userId);
  if (!user) throw new AppError('auth.required');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('validation.failed', {
      issues: [
        {
          field: 'body.currentPassword',
          code: 'auth.invalid_credentials',
          message: ctx.locale === 'en' ? 'the current password is incorrect' : '当前密码不正确',
        },
      ],
    });
  }
  const broken = passwordPolicyViolations(input.newPassword, user.username);
  if (broken.length > 0) throw new AppError('auth.password_policy', { rules: broken });
  if (input.newPassword === input.currentPassword) throw new AppError('auth.password_reused');
  const passwordHash = await hashPassword(input.newPassword, deps.config.passwordHashing);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const updated = await updateUser(trx, user.id, user.version, {
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: now,
      updatedAt: now,
    });
    if (!updated) throw new AppError('conflict.stale_version');
    // Other sessions of this user end: a changed password must shut out whoever knew the old one.
    await deleteSessionsOfUser(trx, user.id, ctx.actor.sessionId);
    await recordAudit(trx, ctx, now, { action: 'auth.password_change', targetType: 'user', targetId: user.id });
  });
}
