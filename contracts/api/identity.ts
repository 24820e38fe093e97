import { z } from 'zod';
import { ORGANIZATION_KINDS, ROLES } from '../roles';
import { divisionCode, isoDateTime, line, paged, pageQuery, text, uuid } from './common';

export const role = z.enum(ROLES);
export const organizationKind = z.enum(ORGANIZATION_KINDS);

export const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'user.username_format' });

/** Passwords are checked by the password policy in the service; here only the outer bounds. */
export const password = text(128, 1);

export const loginBody = z.object({ username: z.string().max(64), password: z.string().max(128) }).strict();

export const membership = z.object({
  id: uuid,
  organizationId: uuid,
  organizationName: z.string(),
  organizationKind: organizationKind,
  divisionCode: z.string(),
  divisionName: z.string(),
  role,
});
export type Membership = z.infer<typeof membership>;

export const dataScope = z.object({
  /** Division-code prefixes the caller may see (`440604012` = 祖庙街道 and everything below). */
  divisionPrefixes: z.array(z.string()),
  /** Organizations the caller acts for. */
  organizationIds: z.array(uuid),
});
export type DataScope = z.infer<typeof dataScope>;

export const me = z.object({
  user: z.object({
    id: uuid,
    username: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
  }),
  memberships: z.array(membership),
  roles: z.array(role),
  scope: dataScope,
  csrfToken: z.string(),
  session: z.object({ idleTimeoutSeconds: z.number().int(), expiresAt: isoDateTime }),
});
export type Me = z.infer<typeof me>;

export const changePasswordBody = z.object({ currentPassword: password, newPassword: password }).strict();

export const userSummary = z.object({
  id: uuid,
  username: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  mustChangePassword: z.boolean(),
  lockedUntil: isoDateTime.nullable(),
  lastLoginAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  version: z.number().int(),
  memberships: z.array(membership),
});
export type UserSummary = z.infer<typeof userSummary>;

export const membershipGrant = z.object({ organizationId: uuid, role }).strict();

export const createUserBody = z
  .object({
    username,
    displayName: line(64),
    password,
    membership: membershipGrant,
  })
  .strict();

export const resetPasswordBody = z.object({ newPassword: password }).strict();

export const listUsersQuery = z
  .object({
    q: line(64).optional(),
    organizationId: uuid.optional(),
    status: z.enum(['active', 'disabled']).optional(),
    ...pageQuery,
  })
  .strict();

export const userPage = paged(userSummary);

export const organization = z.object({
  id: uuid,
  name: z.string(),
  kind: organizationKind,
  divisionCode: z.string(),
  divisionName: z.string(),
  status: z.enum(['active', 'suspended', 'deregistered']),
  version: z.number().int(),
  createdAt: isoDateTime,
});
export type Organization = z.infer<typeof organization>;

export const listOrganizationsQuery = z
  .object({
    q: line(64).optional(),
    kind: organizationKind.optional(),
    divisionCode: divisionCode.optional(),
    ...pageQuery,
  })
  .strict();

export const organizationPage = paged(organization);
