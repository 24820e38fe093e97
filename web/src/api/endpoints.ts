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
import type {
  addCeRecordBody,
  ceRecord,
  createOrganizationWithProfileBody,
  createResidentBody,
  createWorkerBody,
  employment,
  ImportJob,
  OrganizationDetail,
  organizationStatusBody,
  Resident,
  residentPage,
  revealResult,
  taxonomyTerm,
  updateOrganizationBody,
  updateWorkerBody,
  verifyBody,
  WorkerDetail,
  WorkerSummary,
  workerDistribution,
  workerPage,
  workerRegistration,
  workerSearchQuery,
} from '../../../contracts/api/registry';
import type { OrganizationKind } from '../../../contracts/roles';
import type { CredentialLevel } from '../../../contracts/taxonomy';
import { api, downloadFile, type QueryValue, type RequestOptions } from './client';

export type Health = z.infer<typeof health>;
export type UserPage = z.infer<typeof userPage>;
export type OrganizationPage = z.infer<typeof organizationPage>;
export type AuditPage = z.infer<typeof auditPage>;
export type CreateUserBody = z.input<typeof createUserBody>;
export type CreateOrganizationBody = z.input<typeof createOrganizationWithProfileBody>;
export type MembershipGrant = z.input<typeof membershipGrant>;
export type UserStatus = UserSummary['status'];
// ---- registry (talent pool, organization profiles, taxonomies) ----
export type {
  AuditEvent,
  CredentialLevel,
  Division,
  ImportJob,
  Me,
  Membership,
  Organization,
  OrganizationDetail,
  Resident,
  UserSummary,
  WorkerDetail,
  WorkerSummary,
};
export type WorkerPage = z.infer<typeof workerPage>;
export type WorkerDistribution = z.infer<typeof workerDistribution>;
export type WorkerRegistration = z.infer<typeof workerRegistration>;
export type CeRecord = z.infer<typeof ceRecord>;
export type Employment = z.infer<typeof employment>;
export type WorkerCredential = NonNullable<WorkerDetail['credential']>;
export type Compliance = WorkerSummary['compliance'];
export type ComplianceWarning = Compliance['warnings'][number];
export type RegistrationState = Compliance['registrationState'];
export type Availability = WorkerSummary['availability'];
export type VerificationStatus = OrganizationDetail['verificationStatus'];
export type OrganizationStatus = Organization['status'];
export type LegalForm = NonNullable<OrganizationDetail['legalForm']>;
export type AgencyRating = NonNullable<OrganizationDetail['rating']>;
export type TaxonomyTerm = z.infer<typeof taxonomyTerm>;
export type TaxonomyScheme = TaxonomyTerm['scheme'];
export type CreateWorkerBody = z.input<typeof createWorkerBody>;
export type UpdateWorkerBody = z.input<typeof updateWorkerBody>;
export type AddCeRecordBody = z.input<typeof addCeRecordBody>;
export type VerifyBody = z.input<typeof verifyBody>;
export type RevealResult = z.infer<typeof revealResult>;
export type RevealField = RevealResult['field'];
export type UpdateOrganizationBody = z.input<typeof updateOrganizationBody>;
export type OrganizationStatusBody = z.input<typeof organizationStatusBody>;
type WorkerQuery = z.input<typeof workerSearchQuery>;
export type ResidentPage = z.infer<typeof residentPage>;
export type CreateResidentBody = z.input<typeof createResidentBody>;
export type ImportStatus = ImportJob['status'];
export type ImportMode = NonNullable<ImportJob['mode']>;
export type ImportError = ImportJob['errors'][number];
export type FileFormat = 'xlsx' | 'csv';
export type WorkerSort = NonNullable<WorkerQuery['sort']>;
export type SortOrder = NonNullable<WorkerQuery['order']>;
export type ComplianceFilter = NonNullable<WorkerQuery['compliance']>;

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

export interface WorkerListParams extends PageParams {
  q?: string;
  level?: CredentialLevel;
  specialty?: string;
  language?: string;
  agencyId?: string;
  divisionCode?: string;
  compliance?: ComplianceFilter;
  registration?: RegistrationState;
  availability?: Availability;
  sort?: WorkerSort;
  order?: SortOrder;
}

export interface ResidentListParams extends PageParams {
  q?: string;
  divisionCode?: string;
  skill?: string;
  volunteer?: 'true' | 'false';
  consent?: 'true' | 'false';
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
const organizationPath = (id: string) => `/api/organizations/${encodeURIComponent(id)}`;
export const getOrganization = (id: string, o?: Signal) => api.get<OrganizationDetail>(organizationPath(id), o);
export const createOrganization = (body: CreateOrganizationBody) =>
  api.post<OrganizationDetail>('/api/organizations', body);
export const updateOrganization = (id: string, body: UpdateOrganizationBody) =>
  api.patch<OrganizationDetail>(organizationPath(id), body);
export const verifyOrganization = (id: string, body: VerifyBody) =>
  api.post<OrganizationDetail>(`${organizationPath(id)}/verify`, body);
export const setOrganizationStatus = (id: string, body: OrganizationStatusBody) =>
  api.post<OrganizationDetail>(`${organizationPath(id)}/status`, body);

// ---- taxonomies ----
export const getTaxonomy = (scheme: TaxonomyScheme, o?: Signal) =>
  api.get<{ items: TaxonomyTerm[] }>(`/api/taxonomies/${scheme}`, o);

// ---- talent pool ----
const workerPath = (id: string) => `/api/workers/${encodeURIComponent(id)}`;
export const listWorkers = (params: WorkerListParams, o?: Signal) =>
  api.get<WorkerPage>('/api/workers', { ...o, query: { ...params } });
export const getWorkerDistribution = (o?: Signal) => api.get<WorkerDistribution>('/api/workers/distribution', o);
export const getWorker = (id: string, o?: Signal) => api.get<WorkerDetail>(workerPath(id), o);
export const getMyWorkerRecord = (o?: Signal) => api.get<WorkerDetail>('/api/workers/mine', o);
export const createWorker = (body: CreateWorkerBody) => api.post<WorkerDetail>('/api/workers', body);
export const updateWorker = (id: string, body: UpdateWorkerBody) => api.patch<WorkerDetail>(workerPath(id), body);
export const revealWorkerField = (id: string, body: { field: RevealField; reason: string }) =>
  api.post<RevealResult>(`${workerPath(id)}/reveal`, body);
export const addWorkerRegistration = (id: string, validFrom: string) =>
  api.post<WorkerDetail>(`${workerPath(id)}/registrations`, { validFrom });
export const addCeRecord = (id: string, body: AddCeRecordBody) =>
  api.post<WorkerDetail>(`${workerPath(id)}/ce-records`, body);
export const verifyWorkerCredential = (id: string, body: VerifyBody) =>
  api.post<WorkerDetail>(`${workerPath(id)}/credential/verify`, body);

/** Masked export of the talent pool with the list's filters (page and page size are ignored). */
export const exportWorkers = (format: FileFormat, filters: Omit<WorkerListParams, 'page' | 'pageSize'>) =>
  downloadFile('/api/workers/export', `workers.${format}`, {
    query: { ...(filters as Record<string, QueryValue>), format },
  });

// ---- imports ----
const IMPORT_CONTENT_TYPES: Record<FileFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};
const importPath = (id: string) => `/api/imports/${encodeURIComponent(id)}`;
/** The format of an upload by its name (`undefined` for anything else, e.g. an old `.xls`). */
export function importFormatOf(fileName: string): FileFormat | undefined {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'xlsx' || ext === 'csv' ? ext : undefined;
}
export const downloadWorkerImportTemplate = (format: FileFormat) =>
  downloadFile('/api/imports/templates/workers', `template.${format}`, { query: { format } });
export const uploadWorkerImport = (file: File, format: FileFormat) =>
  api.postRaw<ImportJob>('/api/imports/workers', file, IMPORT_CONTENT_TYPES[format], {
    headers: { 'x-file-name': encodeURIComponent(file.name) },
  });
export const getImportJob = (id: string, o?: Signal) => api.get<ImportJob>(importPath(id), o);
export const commitImportJob = (id: string, mode: ImportMode) =>
  api.post<ImportJob>(`${importPath(id)}/commit`, { mode });
export const downloadImportReport = (id: string, format: FileFormat) =>
  downloadFile(`${importPath(id)}/report`, `report.${format}`, { query: { format } });

// ---- residents and volunteers ----
export const listResidents = (params: ResidentListParams, o?: Signal) =>
  api.get<ResidentPage>('/api/residents', { ...o, query: { ...params } });
export const createResident = (body: CreateResidentBody) => api.post<Resident>('/api/residents', body);

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
  taxonomy: (scheme: TaxonomyScheme) => ['taxonomies', scheme] as const,
  workers: ['workers'] as const,
  workerList: (p: WorkerListParams) => ['workers', 'list', p] as const,
  workerDistribution: ['workers', 'distribution'] as const,
  worker: (id: string) => ['workers', 'detail', id] as const,
  importJob: (id: string) => ['imports', id] as const,
  residents: ['residents'] as const,
  residentList: (p: ResidentListParams) => ['residents', 'list', p] as const,
};
