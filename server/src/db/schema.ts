import type { Kysely } from 'kysely';
import type { AuditEventTable } from '../modules/audit/audit.table';
import type { DivisionTable } from '../modules/divisions/division.table';
import type { LoginAttemptTable, MembershipTable, SessionTable, UserTable } from '../modules/identity/identity.tables';
import type { ProjectTables } from '../modules/projects/project.tables';
import type { OrganizationTable } from '../modules/registry/organization.table';
import type {
  CeRecordTable,
  ImportJobTable,
  OrganizationServiceDivisionTable,
  ResidentTable,
  TaxonomyTermTable,
  WorkerCredentialTable,
  WorkerEmploymentTable,
  WorkerPhotoTable,
  WorkerRegistrationTable,
  WorkerTable,
} from '../modules/registry/worker.tables';
import type { ServiceTables } from '../modules/services/services.tables';
import type { IdempotencyKeyTable } from '../platform/idempotency.repository';

/** The whole database as Kysely sees it (camelCase; the CamelCasePlugin maps to snake_case). */
export interface DB extends ProjectTables, ServiceTables {
  divisions: DivisionTable;
  organizations: OrganizationTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  loginAttempts: LoginAttemptTable;
  auditEvents: AuditEventTable;
  organizationServiceDivisions: OrganizationServiceDivisionTable;
  taxonomyTerms: TaxonomyTermTable;
  workers: WorkerTable;
  workerCredentials: WorkerCredentialTable;
  workerRegistrations: WorkerRegistrationTable;
  ceRecords: CeRecordTable;
  workerEmployments: WorkerEmploymentTable;
  workerPhotos: WorkerPhotoTable;
  residents: ResidentTable;
  importJobs: ImportJobTable;
  idempotencyKeys: IdempotencyKeyTable;
}

/** What repositories take: the database or an open transaction (a Transaction is a Kysely). */
export type Executor = Kysely<DB>;
