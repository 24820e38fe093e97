import type { z } from 'zod';
import type {
  createUserBody,
  Me,
  Membership,
  membershipGrant,
  Organization,
  organizationPage,
  UserSummary,
  userPage,
} from '../../../contracts/api/identity';
import type { AuditEvent, auditPage, Division, health } from '../../../contracts/api/platform';
import type { createOrganizationWithProfileBody } from '../../../contracts/api/registry';
import type { OrganizationKind } from '../../../contracts/roles';
import { api, type RequestOptions } from './client';

export type Health = z.infer<typeof health>;
export type UserPage = z.infer<typeof userPage>;
export type OrganizationPage = z.infer<typeof organizationPage>;
export type AuditPage = z.infer<typeof auditPage>;
export type CreateUserBody = z.input<typeof createUserBody>;
export type CreateOrganizationBody = z.input<typeof createOrganizationWithProfileBody>;
export type MembershipGrant = z.input<typeof membershipGrant>;
export type UserStatus = UserSummary['status'];
export type { AuditEvent, Division, Me, Membership, Organization, UserSummary };

type Signal = Pick<RequestOptions, 'signal'>;

export interface PageParams {
  page: number;
  pageSize: number;
}

export interface UserListParams extends PageParams {
  q?: string;
  organizationId?: string;
  status?: UserStatus;
}

export interface OrganizationListParams extends PageParams {
  q?: string;
  kind?: OrganizationKind;
  divisionCode?: string;
}

export interface AuditListParams extends PageParams {
  action?: string;
  actorUserId?: string;
  targetType?: string;
  targetId?: string;
  /** ISO date-time with offset. */
  from?: string;
  to?: string;
}

// ---- auth ----
export const getHealth = (o?: Signal) => api.get<Health>('/api/health', o);
export const getMe = (o?: Omit<RequestOptions, 'body'>) => api.get<Me>('/api/auth/me', o);
export const login = (body: { username: string; password: string }) => api.post<Me>('/api/auth/login', body);
export const logout = () => api.post<void>('/api/auth/logout', undefined, { skipSessionHandler: true });
export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  api.post<void>('/api/auth/password', body);

// ---- divisions ----
export const listDivisions = (o?: Signal) => api.get<{ items: Division[] }>('/api/divisions', o);

// ---- organizations ----
export const listOrganizations = (params: OrganizationListParams, o?: Signal) =>
  api.get<OrganizationPage>('/api/organizations', { ...o, query: { ...params } });
export const getOrganization = (id: string, o?: Signal) =>
  api.get<Organization>(`/api/organizations/${encodeURIComponent(id)}`, o);
export const createOrganization = (body: CreateOrganizationBody) => api.post<Organization>('/api/organizations', body);

// ---- users ----
const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;
export const listUsers = (params: UserListParams, o?: Signal) =>
  api.get<UserPage>('/api/users', { ...o, query: { ...params } });
export const getUser = (id: string, o?: Signal) => api.get<UserSummary>(userPath(id), o);
export const createUser = (body: CreateUserBody) => api.post<UserSummary>('/api/users', body);
export const disableUser = (id: string) => api.post<UserSummary>(`${userPath(id)}/disable`);
export const enableUser = (id: string) => api.post<UserSummary>(`${userPath(id)}/enable`);
export const resetUserPassword = (id: string, newPassword: string) =>
  api.post<void>(`${userPath(id)}/reset-password`, { newPassword });
export const grantMembership = (id: string, body: MembershipGrant) =>
  api.post<Membership>(`${userPath(id)}/memberships`, body);
export const revokeMembership = (id: string, membershipId: string) =>
  api.delete(`${userPath(id)}/memberships/${encodeURIComponent(membershipId)}`);

// ---- audit ----
export const listAudit = (params: AuditListParams, o?: Signal) =>
  api.get<AuditPage>('/api/audit', { ...o, query: { ...params } });

/** React Query keys, one place. */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  divisions: ['divisions'] as const,
  organizations: ['organizations'] as const,
  organizationList: (p: OrganizationListParams) => ['organizations', 'list', p] as const,
  organization: (id: string) => ['organizations', 'detail', id] as const,
  users: ['users'] as const,
  userList: (p: UserListParams) => ['users', 'list', p] as const,
  user: (id: string) => ['users', 'detail', id] as const,
  audit: (p: AuditListParams) => ['audit', p] as const,
};
