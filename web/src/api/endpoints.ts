import type { z } from 'zod';
import type {
  CaseDetail,
  CaseStage,
  casePage,
  caseRecord,
  caseSummary,
  caseTransitionBody,
  createCaseBody,
  createRecordBody,
} from '../../../contracts/api/cases';
import type {
  acceptReferralBody,
  activityPage,
  activitySummary,
  caseHistory,
  completeServiceRecordBody,
  createActivityBody,
  createGroupBody,
  createReferralBody,
  createServiceRecordBody,
  deliveryDashboard,
  groupDetail,
  groupPage,
  groupSummary,
  myWork,
  PROGRAMME_STATUSES,
  REFERRAL_STATUSES,
  referral,
  referralPage,
  referralTargets,
  SERVICE_RECORD_KINDS,
  SERVICE_RECORD_STATUSES,
  ServiceRecordView,
  satisfactionSurveyBody,
  serviceRecordPage,
  updateActivityBody,
  updateGroupBody,
} from '../../../contracts/api/delivery';
import type {
  assignEvaluationBody,
  createTemplateBody,
  EvaluationDetail,
  EvaluationSummary,
  EvaluationTemplate,
  EvaluatorDirectory,
  myEvaluationPage,
  Rectification,
  saveScoresBody,
} from '../../../contracts/api/evaluations';
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
  awardBody,
  Bid,
  bidList,
  Contract,
  ProcurementCall,
  publishCallBody,
  scoreBidBody,
  submitBidBody,
  updateBidBody,
} from '../../../contracts/api/procurement';
import type {
  createProjectBody,
  financeOverview,
  indicatorOverview,
  ProjectDetail,
  ProjectSummary,
  progressReport,
  progressReportBody,
  projectDocument,
  projectHistoryEntry,
  projectPage,
  publicProjectPage,
  recordPaymentBody,
  setIndicatorsBody,
  setMilestonesBody,
  setTeamBody,
  transitionBody,
  updateProjectBody,
} from '../../../contracts/api/projects';
import type {
  addCeRecordBody,
  ceRecord,
  colleague,
  createOrganizationWithProfileBody,
  createResidentBody,
  createWorkerBody,
  employment,
  endEmploymentBody,
  hireWorkerBody,
  ImportJob,
  OrganizationDetail,
  organizationStatusBody,
  Resident,
  residentPage,
  revealResult,
  taxonomyTerm,
  transferEmploymentBody,
  updateOrganizationBody,
  updateResidentBody,
  updateWorkerBody,
  verifyBody,
  WorkerDetail,
  WorkerPhotoInfo,
  WorkerSummary,
  workerDistribution,
  workerPage,
  workerRegistration,
  workerSearchQuery,
} from '../../../contracts/api/registry';
import type {
  Beneficiary,
  beneficiaryLookupResult,
  beneficiaryPage,
  beneficiaryRevealResult,
  beneficiaryStats,
  consentOverview,
  consentRecord,
  createBeneficiaryBody,
  RISK_LEVELS,
  recordConsentBody,
  updateBeneficiaryBody,
} from '../../../contracts/api/services';
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
/** A worker of the agency, to assign work to (`hasAccount`: whether they can sign in). */
export type Colleague = z.infer<typeof colleague>;
export type WorkerDistribution = z.infer<typeof workerDistribution>;
export type WorkerRegistration = z.infer<typeof workerRegistration>;
export type CeRecord = z.infer<typeof ceRecord>;
export type Employment = z.infer<typeof employment>;
export type EndEmploymentBody = z.input<typeof endEmploymentBody>;
export type TransferEmploymentBody = z.input<typeof transferEmploymentBody>;
export type HireWorkerBody = z.input<typeof hireWorkerBody>;
export type { WorkerPhotoInfo };
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
export type UpdateResidentBody = z.input<typeof updateResidentBody>;
export type { Beneficiary };
export type BeneficiaryPage = z.infer<typeof beneficiaryPage>;
export type CreateBeneficiaryBody = z.input<typeof createBeneficiaryBody>;
export type UpdateBeneficiaryBody = z.input<typeof updateBeneficiaryBody>;
export type BeneficiaryRevealResult = z.infer<typeof beneficiaryRevealResult>;
export type BeneficiaryRevealField = BeneficiaryRevealResult['field'];
export type BeneficiaryStats = z.infer<typeof beneficiaryStats>;
export type BeneficiaryLookupResult = z.infer<typeof beneficiaryLookupResult>;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export type ConsentOverview = z.infer<typeof consentOverview>;
export type ConsentRecord = z.infer<typeof consentRecord>;
export type RecordConsentBody = z.input<typeof recordConsentBody>;
export type ImportKind = ImportJob['kind'];
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

export interface BeneficiaryListParams extends PageParams {
  q?: string;
  divisionCode?: string;
  category?: string;
  riskLevel?: RiskLevel;
  householdId?: string;
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
/** The agency directory (agencies only) in the caller's scope, with the list's search and division. */
export const exportAgencies = (format: FileFormat, filters: Pick<OrganizationListParams, 'q' | 'divisionCode'>) =>
  downloadFile('/api/organizations/export', `agencies.${format}`, { query: { ...filters, format } });

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
/** Every current worker of the agency (its managers and social workers may ask), to assign work to. */
export const listColleagues = (agencyId: string, o?: Signal) =>
  api.get<Colleague[]>('/api/workers/colleagues', { ...o, query: { agencyId } });
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
/** 结束聘用; answers 204 (an agency manager no longer sees the worker afterwards). */
export const endWorkerEmployment = (id: string, body: EndEmploymentBody) =>
  api.post<void>(`${workerPath(id)}/employment/end`, body);
export const transferWorker = (id: string, body: TransferEmploymentBody) =>
  api.post<WorkerDetail>(`${workerPath(id)}/employment/transfer`, body);
/** 聘用已登记社工: the worker is found by 身份证号. */
export const hireWorker = (body: HireWorkerBody) => api.post<WorkerDetail>('/api/workers/hire', body);
/** The photo as an <img> source; `revision` changes after an upload so the browser does not show its cached copy. */
export const workerPhotoUrl = (id: string, revision: number) => `${workerPath(id)}/photo?v=${revision}`;
export const setWorkerPhoto = (id: string, file: Blob, contentType: string) =>
  api.putRaw<WorkerPhotoInfo>(`${workerPath(id)}/photo`, file, contentType);
export const removeWorkerPhoto = (id: string) => api.delete(`${workerPath(id)}/photo`);

/** Masked export of the talent pool with the list's filters (page and page size are ignored). */
export const exportWorkers = (format: FileFormat, filters: Omit<WorkerListParams, 'page' | 'pageSize'>) =>
  downloadFile('/api/workers/export', `workers.${format}`, {
    query: { ...(filters as Record<string, QueryValue>), format },
  });
/** Masked export of the continuing-education records of the workers in the caller's scope (completed on or after `from`). */
export const exportCeRecords = (format: FileFormat, filters: { from?: string } = {}) =>
  downloadFile('/api/workers/ce-records/export', `ce-records.${format}`, { query: { ...filters, format } });

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
/** The kind's template; the server names the file (e.g. 社工机构名录导入模板.xlsx). */
export const downloadImportTemplate = (kind: ImportKind, format: FileFormat) =>
  downloadFile(`/api/imports/templates/${kind}`, `template-${kind}.${format}`, { query: { format } });
/** Uploads a file for validation; the job then runs in the background (poll `getImportJob`). */
export const uploadImport = (kind: ImportKind, file: File, format: FileFormat) =>
  api.postRaw<ImportJob>(`/api/imports/${kind}`, file, IMPORT_CONTENT_TYPES[format], {
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
/** Masked export of residents (or volunteers only) with the list's filters (page and page size are ignored). */
export const exportResidents = (format: FileFormat, filters: Omit<ResidentListParams, 'page' | 'pageSize'>) =>
  downloadFile('/api/residents/export', `residents.${format}`, {
    query: { ...(filters as Record<string, QueryValue>), format },
  });
const residentPath = (id: string) => `/api/residents/${encodeURIComponent(id)}`;
export const getResident = (id: string, o?: Signal) => api.get<Resident>(residentPath(id), o);
export const updateResident = (id: string, body: UpdateResidentBody) => api.patch<Resident>(residentPath(id), body);
/** Full 身份证号 or mobile for a stated reason; the server writes the reason to the audit log. */
export const revealResidentField = (id: string, body: { field: RevealField; reason: string }) =>
  api.post<RevealResult>(`${residentPath(id)}/reveal`, body);

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

// ---- projects (government-purchased services) ----
export type { ProjectDetail, ProjectSummary };
export type ProjectPage = z.infer<typeof projectPage>;
export type ProjectStatus = ProjectSummary['status'];
export type ProjectActionName = ProjectDetail['allowedActions'][number]['action'];
export type ProjectHistoryEntry = z.infer<typeof projectHistoryEntry>;
export type ProjectDocument = z.infer<typeof projectDocument>;
export type ProjectDocumentKind = ProjectDocument['kind'];
export type TeamMember = ProjectDetail['team'][number];
export type CreateProjectBody = z.input<typeof createProjectBody>;
export type UpdateProjectBody = z.input<typeof updateProjectBody>;
export type TransitionBody = z.input<typeof transitionBody>;
export type SetTeamBody = z.input<typeof setTeamBody>;
export type IndicatorOverview = z.infer<typeof indicatorOverview>;
export type IndicatorProgress = IndicatorOverview['indicators'][number];
export type SetIndicatorsBody = z.input<typeof setIndicatorsBody>;
export type ProgressReport = z.infer<typeof progressReport>;
export type ProgressReportBody = z.input<typeof progressReportBody>;
export type FinanceOverview = z.infer<typeof financeOverview>;
export type MilestoneView = FinanceOverview['milestones'][number];
export type MilestoneState = MilestoneView['state'];
export type SetMilestonesBody = z.input<typeof setMilestonesBody>;
export type RecordPaymentBody = z.input<typeof recordPaymentBody>;
export type PublicProjectPage = z.infer<typeof publicProjectPage>;
export type PublicProject = PublicProjectPage['items'][number];

export interface ProjectListParams extends PageParams {
  q?: string;
  status?: ProjectStatus;
  divisionCode?: string;
  year?: number;
}

export interface PublicProjectListParams extends PageParams {
  q?: string;
}

const projectPath = (id: string) => `/api/projects/${encodeURIComponent(id)}`;
export const listProjects = (params: ProjectListParams, o?: Signal) =>
  api.get<ProjectPage>('/api/projects', { ...o, query: { ...params } });
export const exportProjects = (format: FileFormat, filters: Omit<ProjectListParams, 'page' | 'pageSize'>) =>
  downloadFile('/api/projects/export', `projects.${format}`, {
    query: { ...(filters as Record<string, QueryValue>), format },
  });
export const getProject = (id: string, o?: Signal) => api.get<ProjectDetail>(projectPath(id), o);
export const createProject = (body: CreateProjectBody) => api.post<ProjectDetail>('/api/projects', body);
export const updateProject = (id: string, body: UpdateProjectBody) => api.patch<ProjectDetail>(projectPath(id), body);
export const transitionProject = (id: string, body: TransitionBody) =>
  api.post<ProjectDetail>(`${projectPath(id)}/transitions`, body);
export const getProjectHistory = (id: string, o?: Signal) =>
  api.get<ProjectHistoryEntry[]>(`${projectPath(id)}/history`, o);
export const setProjectTeam = (id: string, body: SetTeamBody) =>
  api.put<ProjectDetail>(`${projectPath(id)}/team`, body);
export const listProjectDocuments = (id: string, o?: Signal) =>
  api.get<ProjectDocument[]>(`${projectPath(id)}/documents`, o);
/** Uploads one file as it is; the server recognises its type by its first bytes. */
export const uploadProjectDocument = (id: string, kind: ProjectDocumentKind, file: File) =>
  api.postRaw<ProjectDocument>(`${projectPath(id)}/documents`, file, file.type || 'application/octet-stream', {
    query: { kind },
    headers: { 'x-file-name': encodeURIComponent(file.name) },
  });
export const downloadProjectDocument = (id: string, doc: Pick<ProjectDocument, 'id' | 'fileName'>) =>
  downloadFile(`${projectPath(id)}/documents/${encodeURIComponent(doc.id)}`, doc.fileName);
export const getProjectIndicators = (id: string, o?: Signal) =>
  api.get<IndicatorOverview>(`${projectPath(id)}/indicators`, o);
export const setProjectIndicators = (id: string, body: SetIndicatorsBody) =>
  api.put<IndicatorOverview>(`${projectPath(id)}/indicators`, body);
export const listProgressReports = (id: string, o?: Signal) =>
  api.get<ProgressReport[]>(`${projectPath(id)}/progress-reports`, o);
export const submitProgressReport = (id: string, body: ProgressReportBody) =>
  api.post<IndicatorOverview>(`${projectPath(id)}/progress-reports`, body);
export const getProjectFinance = (id: string, o?: Signal) => api.get<FinanceOverview>(`${projectPath(id)}/finance`, o);
export const setProjectMilestones = (id: string, body: SetMilestonesBody) =>
  api.put<FinanceOverview>(`${projectPath(id)}/milestones`, body);
export const recordProjectPayment = (id: string, body: RecordPaymentBody) =>
  api.post<FinanceOverview>(`${projectPath(id)}/payments`, body);
/** 项目信息公开: no login needed. */
export const listPublicProjects = (params: PublicProjectListParams, o?: Signal) =>
  api.get<PublicProjectPage>('/api/public/projects', { ...o, query: { ...params } });

// ---- procurement (call, bids, award, contract) and evaluations (templates, scoring, rectifications) ----
export type { Bid, Contract, EvaluationDetail, EvaluationSummary, EvaluationTemplate, ProcurementCall, Rectification };
export type BidList = z.infer<typeof bidList>;
export type PublishCallBody = z.input<typeof publishCallBody>;
export type SubmitBidBody = z.input<typeof submitBidBody>;
export type UpdateBidBody = z.input<typeof updateBidBody>;
export type ScoreBidBody = z.input<typeof scoreBidBody>;
export type AwardBody = z.input<typeof awardBody>;
export type AssignEvaluationBody = z.input<typeof assignEvaluationBody>;
export type SaveScoresBody = z.input<typeof saveScoresBody>;
export type MyEvaluationPage = z.infer<typeof myEvaluationPage>;
export type EvaluationStatus = EvaluationSummary['status'];

export interface MyEvaluationListParams extends PageParams {
  status?: EvaluationStatus;
}

export type CreateEvaluationTemplateBody = z.input<typeof createTemplateBody>;
export interface EvaluationTemplateListParams {
  active?: 'true' | 'false';
}

/** `agencyId` only for a manager of more than one agency. */
const mineQuery = (agencyId?: string) => ({ query: { agencyId } });
export const getProcurementCall = (id: string, o?: Signal) => api.get<ProcurementCall>(`${projectPath(id)}/call`, o);
export const publishProcurementCall = (id: string, body: PublishCallBody) =>
  api.post<ProcurementCall>(`${projectPath(id)}/call`, body);
export const listBids = (id: string, o?: Signal) => api.get<BidList>(`${projectPath(id)}/bids`, o);
export const submitBid = (id: string, body: SubmitBidBody) => api.post<Bid>(`${projectPath(id)}/bids`, body);
export const updateMyBid = (id: string, body: UpdateBidBody, agencyId?: string) =>
  api.put<Bid>(`${projectPath(id)}/bids/mine`, body, mineQuery(agencyId));
export const withdrawMyBid = (id: string, version: number, agencyId?: string) =>
  api.post<Bid>(`${projectPath(id)}/bids/mine/withdraw`, { version }, mineQuery(agencyId));
export const scoreBid = (id: string, bidId: string, body: ScoreBidBody) =>
  api.put<Bid>(`${projectPath(id)}/bids/${encodeURIComponent(bidId)}/score`, body);
export const awardBid = (id: string, body: AwardBody) => api.post<Contract>(`${projectPath(id)}/award`, body);
export const getContract = (id: string, o?: Signal) => api.get<Contract>(`${projectPath(id)}/contract`, o);
export const publishContract = (id: string) => api.post<Contract>(`${projectPath(id)}/contract/publish`);

export const listEvaluators = (o?: Signal) => api.get<EvaluatorDirectory>('/api/evaluators', o);
/** Active templates (those offered for new evaluations) unless asked otherwise; `{}` lists all, active first. */
export const listEvaluationTemplates = (o?: Signal, params: EvaluationTemplateListParams = { active: 'true' }) =>
  api.get<EvaluationTemplate[]>('/api/evaluation-templates', { ...o, query: { ...params } });
const evaluationTemplatePath = (id: string) => `/api/evaluation-templates/${encodeURIComponent(id)}`;
/** Templates are never edited: a change is a new template (and the old one retired). */
export const createEvaluationTemplate = (body: CreateEvaluationTemplateBody) =>
  api.post<EvaluationTemplate>('/api/evaluation-templates', body);
export const retireEvaluationTemplate = (id: string) =>
  api.post<EvaluationTemplate>(`${evaluationTemplatePath(id)}/retire`);
export const listProjectEvaluations = (id: string, o?: Signal) =>
  api.get<EvaluationSummary[]>(`${projectPath(id)}/evaluations`, o);
export const assignEvaluation = (id: string, body: AssignEvaluationBody) =>
  api.post<EvaluationDetail>(`${projectPath(id)}/evaluations`, body);
const evaluationPath = (id: string) => `/api/evaluations/${encodeURIComponent(id)}`;
export const listMyEvaluations = (params: MyEvaluationListParams, o?: Signal) =>
  api.get<MyEvaluationPage>('/api/evaluations', { ...o, query: { ...params } });
export const getEvaluation = (id: string, o?: Signal) => api.get<EvaluationDetail>(evaluationPath(id), o);
export const saveEvaluationScores = (id: string, body: SaveScoresBody) =>
  api.put<EvaluationDetail>(`${evaluationPath(id)}/scores`, body);
export const submitEvaluation = (id: string, version: number) =>
  api.post<EvaluationDetail>(`${evaluationPath(id)}/submit`, { version });
export const listProjectRectifications = (id: string, o?: Signal) =>
  api.get<Rectification[]>(`${projectPath(id)}/rectifications`, o);
const rectificationPath = (id: string) => `/api/rectifications/${encodeURIComponent(id)}`;
export const respondRectification = (id: string, response: string) =>
  api.post<Rectification>(`${rectificationPath(id)}/respond`, { response });
export const acceptRectification = (id: string) => api.post<Rectification>(`${rectificationPath(id)}/accept`);
export const reopenRectification = (id: string, reason: string) =>
  api.post<Rectification>(`${rectificationPath(id)}/reopen`, { reason });

// ---- beneficiaries (服务对象) and their consents ----
export const listBeneficiaries = (params: BeneficiaryListParams, o?: Signal) =>
  api.get<BeneficiaryPage>('/api/beneficiaries', { ...o, query: { ...params } });
export const createBeneficiary = (body: CreateBeneficiaryBody) => api.post<Beneficiary>('/api/beneficiaries', body);
export const getBeneficiaryStats = (o?: Signal) => api.get<BeneficiaryStats>('/api/beneficiaries/stats', o);
/** The bureau's exact lookup by 身份证号: audited with the reason, answered masked. */
export const lookupBeneficiary = (body: { idNumber: string; reason: string }) =>
  api.post<BeneficiaryLookupResult>('/api/beneficiaries/lookup', body);
const beneficiaryPath = (id: string) => `/api/beneficiaries/${encodeURIComponent(id)}`;
export const getBeneficiary = (id: string, o?: Signal) => api.get<Beneficiary>(beneficiaryPath(id), o);
export const updateBeneficiary = (id: string, body: UpdateBeneficiaryBody) =>
  api.patch<Beneficiary>(beneficiaryPath(id), body);
export const revealBeneficiaryField = (id: string, body: { field: BeneficiaryRevealField; reason: string }) =>
  api.post<BeneficiaryRevealResult>(`${beneficiaryPath(id)}/reveal`, body);
export const getConsents = (id: string, o?: Signal) => api.get<ConsentOverview>(`${beneficiaryPath(id)}/consents`, o);
export const recordConsent = (id: string, body: RecordConsentBody) =>
  api.post<ConsentOverview>(`${beneficiaryPath(id)}/consents`, body);
export const withdrawConsent = (id: string, purpose: RecordConsentBody['purpose'], reason: string) =>
  api.post<ConsentOverview>(`${beneficiaryPath(id)}/consents/${encodeURIComponent(purpose)}/withdraw`, { reason });

// ---- cases (个案): stage records reviewed by the case's supervisor ----
export type { CaseDetail, CaseStage };
export type CaseSummary = z.infer<typeof caseSummary>;
export type CasePage = z.infer<typeof casePage>;
export type CaseRecord = z.infer<typeof caseRecord>;
export type CreateCaseBody = z.input<typeof createCaseBody>;
export type CreateCaseRecordBody = z.input<typeof createRecordBody>;
export type CaseTransitionBody = z.input<typeof caseTransitionBody>;
/** One stage move of a case (`action` is a case action, or `open` for the opening). */
export type CaseHistoryEntry = z.infer<typeof caseHistory>[number];

export interface CaseListParams extends PageParams {
  stage?: CaseStage;
  beneficiaryId?: string;
}

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;
const caseRecordPath = (id: string, recordId: string) => `${casePath(id)}/records/${encodeURIComponent(recordId)}`;
export const listCases = (params: CaseListParams, o?: Signal) =>
  api.get<CasePage>('/api/cases', { ...o, query: { ...params } });
export const createCase = (body: CreateCaseBody) => api.post<CaseDetail>('/api/cases', body);
export const getCase = (id: string, o?: Signal) => api.get<CaseDetail>(casePath(id), o);
export const getCaseHistory = (id: string, o?: Signal) => api.get<CaseHistoryEntry[]>(`${casePath(id)}/history`, o);
export const createCaseRecord = (id: string, body: CreateCaseRecordBody) =>
  api.post<CaseRecord>(`${casePath(id)}/records`, body);
/** Drafts and returned records only; an approved record is changed by an amending record. */
export const updateCaseRecord = (id: string, recordId: string, content: Record<string, unknown>) =>
  api.put<CaseRecord>(caseRecordPath(id, recordId), { content });
export const submitCaseRecord = (id: string, recordId: string) =>
  api.post<CaseRecord>(`${caseRecordPath(id, recordId)}/submit`);
export const approveCaseRecord = (id: string, recordId: string, comment: string) =>
  api.post<CaseRecord>(`${caseRecordPath(id, recordId)}/approve`, { comment });
export const returnCaseRecord = (id: string, recordId: string, comment: string) =>
  api.post<CaseRecord>(`${caseRecordPath(id, recordId)}/return`, { comment });
export const transitionCase = (id: string, body: CaseTransitionBody) =>
  api.post<CaseDetail>(`${casePath(id)}/transitions`, body);

// ---- service delivery (服务数据看板, 项目服务记录, 满意度调查) ----
export type DeliveryDashboard = z.infer<typeof deliveryDashboard>;
export type { ServiceRecordView };
export type ServiceRecordKind = (typeof SERVICE_RECORD_KINDS)[number];
export type ServiceRecordPage = z.infer<typeof serviceRecordPage>;
export type SatisfactionSurveyBody = z.input<typeof satisfactionSurveyBody>;

export interface DashboardParams {
  from?: string;
  to?: string;
  /** A street/town (9 digits) or the district (6). */
  divisionCode?: string;
}

export interface ProjectServiceRecordParams extends PageParams {
  kind?: ServiceRecordKind;
  status?: ServiceRecordView['status'];
  from?: string;
  to?: string;
}

export const getDeliveryDashboard = (params: DashboardParams, o?: Signal) =>
  api.get<DeliveryDashboard>('/api/delivery/dashboard', { ...o, query: { ...params } });
/** As the caller may see them: in full (delivering agency), masked (purchaser) or anonymised (evaluator). */
export const listProjectServiceRecords = (id: string, params: ProjectServiceRecordParams, o?: Signal) =>
  api.get<ServiceRecordPage>(`${projectPath(id)}/service-records`, { ...o, query: { ...params } });
export const recordSatisfactionSurvey = (body: SatisfactionSurveyBody) =>
  api.post<{ id: string; satisfactionRate: number | null }>('/api/satisfaction-surveys', body);

// ---- referrals (转介) ----
export type Referral = z.infer<typeof referral>;
export type ReferralPage = z.infer<typeof referralPage>;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export type CreateReferralBody = z.input<typeof createReferralBody>;
export type AcceptReferralBody = z.input<typeof acceptReferralBody>;
export type ReferralTarget = z.infer<typeof referralTargets>[number];

export interface ReferralListParams extends PageParams {
  direction: 'incoming' | 'outgoing';
  status?: ReferralStatus;
}

const referralPath = (id: string) => `/api/referrals/${encodeURIComponent(id)}`;
export const listReferrals = (params: ReferralListParams, o?: Signal) =>
  api.get<ReferralPage>('/api/referrals', { ...o, query: { ...params } });
export const getReferral = (id: string, o?: Signal) => api.get<Referral>(referralPath(id), o);
export const createReferral = (body: CreateReferralBody) => api.post<Referral>('/api/referrals', body);
/** Active agencies other than the caller's own, whose name contains `q` (at most 50). */
export const listReferralTargets = (q: string, o?: Signal) =>
  api.get<ReferralTarget[]>('/api/referrals/targets', { ...o, query: { q } });
export const acceptReferral = (id: string, body: AcceptReferralBody) =>
  api.post<Referral>(`${referralPath(id)}/accept`, body);
export const rejectReferral = (id: string, note: string) => api.post<Referral>(`${referralPath(id)}/reject`, { note });
export const revokeReferral = (id: string, note: string) => api.post<Referral>(`${referralPath(id)}/revoke`, { note });

// ---- service delivery: a worker's day, groups (小组), community activities (社区活动), service records ----
export type MyWork = z.infer<typeof myWork>;
export type GroupSummary = z.infer<typeof groupSummary>;
export type GroupDetail = z.infer<typeof groupDetail>;
export type GroupPage = z.infer<typeof groupPage>;
export type ActivitySummary = z.infer<typeof activitySummary>;
export type ActivityPage = z.infer<typeof activityPage>;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];
export type ServiceRecordStatus = (typeof SERVICE_RECORD_STATUSES)[number];
export type CreateGroupBody = z.input<typeof createGroupBody>;
export type UpdateGroupBody = z.input<typeof updateGroupBody>;
export type CreateActivityBody = z.input<typeof createActivityBody>;
export type UpdateActivityBody = z.input<typeof updateActivityBody>;
export type CreateServiceRecordBody = z.input<typeof createServiceRecordBody>;
export type CompleteServiceRecordBody = z.input<typeof completeServiceRecordBody>;

export interface ProgrammeListParams extends PageParams {
  status?: ProgrammeStatus;
  projectId?: string;
  q?: string;
}

export interface ServiceRecordListParams extends PageParams {
  kind?: ServiceRecordKind;
  status?: ServiceRecordStatus;
  projectId?: string;
  groupId?: string;
  activityId?: string;
  caseId?: string;
  /** Held on or after / before (`YYYY-MM-DD`); scheduled records have no held date yet. */
  from?: string;
  to?: string;
}

export const getMyWork = (o?: Signal) => api.get<MyWork>('/api/me/work', o);
const groupPath = (id: string) => `/api/groups/${encodeURIComponent(id)}`;
export const listGroups = (params: ProgrammeListParams, o?: Signal) =>
  api.get<GroupPage>('/api/groups', { ...o, query: { ...params } });
export const createGroup = (body: CreateGroupBody) => api.post<GroupDetail>('/api/groups', body);
export const getGroup = (id: string, o?: Signal) => api.get<GroupDetail>(groupPath(id), o);
export const updateGroup = (id: string, body: UpdateGroupBody) => api.patch<GroupDetail>(groupPath(id), body);
export const changeGroupMembers = (id: string, body: { add?: string[]; remove?: string[] }) =>
  api.post<GroupDetail>(`${groupPath(id)}/members`, body);
const activityPath = (id: string) => `/api/activities/${encodeURIComponent(id)}`;
export const listActivities = (params: ProgrammeListParams, o?: Signal) =>
  api.get<ActivityPage>('/api/activities', { ...o, query: { ...params } });
export const createActivity = (body: CreateActivityBody) => api.post<ActivitySummary>('/api/activities', body);
export const getActivity = (id: string, o?: Signal) => api.get<ActivitySummary>(activityPath(id), o);
export const updateActivity = (id: string, body: UpdateActivityBody) =>
  api.patch<ActivitySummary>(activityPath(id), body);
const serviceRecordPath = (id: string) => `/api/service-records/${encodeURIComponent(id)}`;
export const listServiceRecords = (params: ServiceRecordListParams, o?: Signal) =>
  api.get<ServiceRecordPage>('/api/service-records', { ...o, query: { ...params } });
/** 服务记录台账 under the list's filters (names masked: data leaving the system). */
export const exportServiceRecords = (format: FileFormat, filters: Omit<ServiceRecordListParams, 'page' | 'pageSize'>) =>
  downloadFile('/api/service-records/export', `service-records.${format}`, {
    query: { ...(filters as Record<string, QueryValue>), format },
  });
export const createServiceRecord = (body: CreateServiceRecordBody) =>
  api.post<ServiceRecordView>('/api/service-records', body);
export const getServiceRecord = (id: string, o?: Signal) => api.get<ServiceRecordView>(serviceRecordPath(id), o);
export const completeServiceRecord = (id: string, body: CompleteServiceRecordBody) =>
  api.post<ServiceRecordView>(`${serviceRecordPath(id)}/complete`, body);
export const voidServiceRecord = (id: string, body: { reason: string; version: number }) =>
  api.post<ServiceRecordView>(`${serviceRecordPath(id)}/void`, body);
/** A photo of the session as an <img> source (the agency's staff only). */
export const serviceRecordPhotoUrl = (id: string, photoId: string) =>
  `${serviceRecordPath(id)}/photos/${encodeURIComponent(photoId)}`;
/** Everyone recognisable in the photo (`pictured`) must have consented to photos; the server checks. */
export const addServiceRecordPhoto = (
  id: string,
  file: Blob,
  contentType: string,
  fileName: string,
  pictured: readonly string[],
) =>
  api.postRaw<ServiceRecordView>(`${serviceRecordPath(id)}/photos`, file, contentType, {
    query: { pictured: pictured.join(','), fileName },
  });

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
  colleagues: (agencyId: string) => ['workers', 'colleagues', agencyId] as const,
  importJob: (id: string) => ['imports', id] as const,
  residents: ['residents'] as const,
  residentList: (p: ResidentListParams) => ['residents', 'list', p] as const,
  resident: (id: string) => ['residents', 'detail', id] as const,
  beneficiaries: ['beneficiaries'] as const,
  beneficiaryList: (p: BeneficiaryListParams) => ['beneficiaries', 'list', p] as const,
  beneficiaryStats: ['beneficiaries', 'stats'] as const,
  beneficiary: (id: string) => ['beneficiaries', 'detail', id] as const,
  consents: (id: string) => ['beneficiaries', 'consents', id] as const,
  projects: ['projects'] as const,
  projectList: (p: ProjectListParams) => ['projects', 'list', p] as const,
  project: (id: string) => ['projects', 'detail', id] as const,
  projectPart: (id: string, part: 'history' | 'documents' | 'indicators' | 'reports' | 'finance') =>
    ['projects', 'part', id, part] as const,
  publicProjects: (p: PublicProjectListParams) => ['public', 'projects', p] as const,
  /** Procurement and evaluation parts of a project: under `projects`, so a project change refetches them too. */
  projectWorkflow: (id: string, part: 'call' | 'bids' | 'contract' | 'evaluations' | 'rectifications') =>
    ['projects', 'part', id, part] as const,
  evaluationTemplates: ['evaluation-templates'] as const,
  evaluationTemplateList: (p: EvaluationTemplateListParams) => ['evaluation-templates', 'list', p] as const,
  evaluators: ['evaluators'] as const,
  evaluations: ['evaluations'] as const,
  myEvaluations: (p: MyEvaluationListParams) => ['evaluations', 'mine', p] as const,
  evaluation: (id: string) => ['evaluations', 'detail', id] as const,
  cases: ['cases'] as const,
  caseList: (p: CaseListParams) => ['cases', 'list', p] as const,
  case: (id: string) => ['cases', 'detail', id] as const,
  caseHistory: (id: string, version: number) => ['cases', 'history', id, version] as const,
  /** Everything a service record changes (my work, lists, programmes, dashboards) is under `delivery`. */
  delivery: ['delivery'] as const,
  myWork: ['delivery', 'my-work'] as const,
  groupList: (p: ProgrammeListParams) => ['delivery', 'groups', 'list', p] as const,
  group: (id: string) => ['delivery', 'groups', 'detail', id] as const,
  activityList: (p: ProgrammeListParams) => ['delivery', 'activities', 'list', p] as const,
  activity: (id: string) => ['delivery', 'activities', 'detail', id] as const,
  serviceRecordList: (p: ServiceRecordListParams) => ['delivery', 'records', 'list', p] as const,
  serviceRecord: (id: string) => ['delivery', 'records', 'detail', id] as const,
  deliveryDashboard: (p: DashboardParams) => ['delivery', 'dashboard', p] as const,
  /** Under `projects`, so a project change refetches them too. */
  projectServiceRecords: (id: string, p: ProjectServiceRecordParams) =>
    ['projects', 'part', id, 'service-records', p] as const,
  referrals: ['referrals'] as const,
  referralList: (p: ReferralListParams) => ['referrals', 'list', p] as const,
  referral: (id: string) => ['referrals', 'detail', id] as const,
  referralTargets: (q: string) => ['referrals', 'targets', q] as const,
};
