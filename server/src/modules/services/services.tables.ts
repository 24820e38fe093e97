import type { ColumnType, Generated } from 'kysely';
import type {
  CaseStage,
  CLOSING_REASONS,
  INTAKE_SOURCES,
  RECORD_STATUSES,
  RecordKind,
} from '../../../../contracts/api/cases';
import type {
  DISABILITY_TYPES,
  GUARDIAN_RELATIONS,
  HOUSEHOLD_RELATIONS,
  RISK_LEVELS,
} from '../../../../contracts/api/services';

/** `date` columns travel as 'YYYY-MM-DD' strings (see db/database.ts type parsers). */
type DateString = string;
/** numeric(6,3): arrives as a string, written as a number. */
type Coordinate = ColumnType<string | null, number | null | undefined, number | null>;

export interface HouseholdTable {
  id: Generated<string>;
  divisionCode: string;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface BeneficiaryTable {
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
  addressEnc: string | null;
  addressMasked: string | null;
  divisionCode: string;
  latitude: Coordinate;
  longitude: Coordinate;
  categories: ColumnType<string[], string[] | undefined, string[]>;
  disabilityType: (typeof DISABILITY_TYPES)[number] | null;
  disabilityGrade: number | null;
  riskLevel: (typeof RISK_LEVELS)[number] | null;
  householdId: string;
  householdRelation: (typeof HOUSEHOLD_RELATIONS)[number];
  guardianName: string | null;
  guardianRelation: (typeof GUARDIAN_RELATIONS)[number] | null;
  guardianMobileEnc: string | null;
  guardianMobileMasked: string | null;
  agencyId: string | null;
  createdBy: string;
  version: Generated<number>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** A stored decision; `expired` is derived on read from valid_until. */
export interface ConsentTable {
  /** bigint identity: the order of decisions (the latest row per purpose is the current state). */
  id: ColumnType<string, never, never>;
  beneficiaryId: string;
  purpose: 'service' | 'sharing' | 'volunteer_contact' | 'photos';
  status: 'given' | 'refused' | 'withdrawn';
  givenBy: 'self' | 'guardian';
  evidence: Generated<string>;
  validUntil: DateString | null;
  recordedBy: string;
  recordedAt: Date;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
}

export interface CaseTable {
  id: Generated<string>;
  code: string;
  beneficiaryId: string;
  agencyId: string;
  projectId: string | null;
  workerId: string;
  supervisorWorkerId: string;
  stage: CaseStage;
  stageEnteredAt: Date;
  intakeSource: (typeof INTAKE_SOURCES)[number];
  openedOn: DateString;
  closedOn: DateString | null;
  closingReason: (typeof CLOSING_REASONS)[number] | null;
  createdBy: string;
  version: Generated<number>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface CaseRecordTable {
  id: Generated<string>;
  caseId: string;
  stage: CaseStage;
  kind: RecordKind;
  /** Validated per kind (contracts/api/cases.ts RECORD_CONTENT) before it is written. */
  content: ColumnType<Record<string, unknown>, string, string>;
  status: Generated<(typeof RECORD_STATUSES)[number]>;
  authorUserId: string;
  submittedAt: Date | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  amendsRecordId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CaseCodeCounterTable {
  year: number;
  last: number;
}

/** The tables the services module owns (merged into DB). */
export interface ServiceTables {
  households: HouseholdTable;
  beneficiaries: BeneficiaryTable;
  consents: ConsentTable;
  cases: CaseTable;
  caseRecords: CaseRecordTable;
  caseCodeCounters: CaseCodeCounterTable;
}
