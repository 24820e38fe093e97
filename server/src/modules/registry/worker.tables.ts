import type { ColumnType, Generated } from 'kysely';
import type { PhotoContentType } from '../../../../contracts/photos';
import type { CredentialLevel } from '../../../../contracts/taxonomy';

/** `date` columns travel as 'YYYY-MM-DD' strings (see db/database.ts type parsers). */
type DateString = string;

export interface WorkerTable {
  id: Generated<string>;
  name: string;
  gender: 'male' | 'female';
  birthDate: DateString;
  idNumberEnc: string;
  idNumberIndex: string;
  idNumberMasked: string;
  mobileEnc: string | null;
  mobileIndex: string | null;
  mobileMasked: string | null;
  agencyId: string | null;
  userId: string | null;
  divisionCode: string | null;
  specialties: ColumnType<string[], string[] | undefined, string[]>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  availability: Generated<'available' | 'limited' | 'unavailable'>;
  notes: Generated<string>;
  credentialLevel: CredentialLevel | null;
  periodFrom: DateString | null;
  periodTo: DateString | null;
  ceMinutesInPeriod: Generated<number>;
  ceRequiredMinutes: Generated<number>;
  search: ColumnType<string, string | undefined, string>;
  version: Generated<number>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface WorkerCredentialTable {
  id: Generated<string>;
  workerId: string;
  level: CredentialLevel;
  certificateNo: string;
  issuedOn: DateString;
  verificationStatus: Generated<'unverified' | 'verified' | 'rejected'>;
  verifiedAt: Date | null;
  verifiedBy: string | null;
}

export interface WorkerRegistrationTable {
  id: Generated<string>;
  workerId: string;
  validFrom: DateString;
  validTo: DateString;
  status: Generated<'active' | 'revoked'>;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface CeRecordTable {
  id: Generated<string>;
  workerId: string;
  course: string;
  provider: string;
  minutes: number;
  completedOn: DateString;
  evidence: Generated<string>;
  createdBy: string | null;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface WorkerEmploymentTable {
  id: Generated<string>;
  workerId: string;
  agencyId: string;
  role: Generated<string>;
  startedOn: DateString;
  endedOn: DateString | null;
  /** Why the job ended (free text from the person who ended it, or the transfer it was ended by). */
  endReason: string | null;
}

export interface WorkerPhotoTable {
  workerId: string;
  contentType: PhotoContentType;
  bytes: Buffer;
  byteSize: number;
  updatedAt: Date;
  updatedBy: string | null;
}

export interface TaxonomyTermTable {
  scheme: 'specialty' | 'language' | 'skill' | 'beneficiary_category';
  code: string;
  nameZh: string;
  nameEn: string;
  sortOrder: Generated<number>;
  active: Generated<boolean>;
}

export interface OrganizationServiceDivisionTable {
  organizationId: string;
  divisionCode: string;
}

export interface ResidentTable {
  id: Generated<string>;
  name: string;
  gender: 'male' | 'female';
  birthDate: DateString;
  idNumberEnc: string;
  idNumberIndex: string;
  idNumberMasked: string;
  mobileEnc: string | null;
  mobileIndex: string | null;
  mobileMasked: string | null;
  divisionCode: string;
  /** numeric(6,3): arrives as a string. */
  latitude: ColumnType<string | null, number | null | undefined, number | null>;
  longitude: ColumnType<string | null, number | null | undefined, number | null>;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  isVolunteer: Generated<boolean>;
  volunteerNo: string | null;
  contactConsent: Generated<boolean>;
  contactConsentAt: Date | null;
  userId: string | null;
  notes: Generated<string>;
  version: Generated<number>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface ImportRowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ImportJobTable {
  id: Generated<string>;
  kind: 'workers' | 'agencies' | 'ce_records' | 'volunteers';
  status: 'validating' | 'validated' | 'importing' | 'completed' | 'failed';
  mode: 'all_or_nothing' | 'valid_rows_only' | null;
  fileName: string;
  fileBytes: Buffer | null;
  totalRows: Generated<number>;
  processedRows: Generated<number>;
  validRows: Generated<number>;
  invalidRows: Generated<number>;
  importedRows: Generated<number>;
  errors: ColumnType<ImportRowError[], string | undefined, string>;
  failure: string | null;
  createdBy: string;
  organizationId: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}
