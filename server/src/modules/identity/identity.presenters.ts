import type { Selectable } from 'kysely';
import type { Me, Membership, UserSummary } from '../../../../contracts/api/identity';
import type { Config } from '../../config';
import type { Actor } from '../../platform/context';
import { divisionPrefixes, organizationIds } from '../../platform/scope';
import type { UserTable } from './identity.tables';
import type { membershipsOfUsers } from './user.repository';

type MembershipRow = Awaited<ReturnType<typeof membershipsOfUsers>>[number];
type UserRow = Selectable<UserTable>;

export function presentMembership(m: MembershipRow): Membership {
  return {
    id: m.id,
    organizationId: m.organizationId,
    organizationName: m.organizationName,
    organizationKind: m.organizationKind,
    divisionCode: m.divisionCode,
    divisionName: m.divisionName,
    role: m.role,
  };
}

export function presentUser(user: UserRow, memberships: MembershipRow[]): UserSummary {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    status: user.status,
    mustChangePassword: user.mustChangePassword,
    lockedUntil: user.lockedUntil?.toISOString() ?? null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    version: user.version,
    memberships: memberships.filter((m) => m.userId === user.id).map(presentMembership),
  };
}

export function presentMe(actor: Actor, config: Config): Me {
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      mustChangePassword: actor.mustChangePassword,
    },
    memberships: actor.memberships,
    roles: [...actor.roles],
    scope: { divisionPrefixes: divisionPrefixes(actor), organizationIds: organizationIds(actor) },
    csrfToken: actor.csrfToken,
    session: {
      idleTimeoutSeconds: config.session.idleTimeoutSeconds,
      expiresAt: actor.sessionExpiresAt.toISOString(),
    },
  };
}
