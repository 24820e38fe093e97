import type { ColumnType, Generated } from 'kysely';
import type {
  CaseStage,
  CLOSING_REASONS,
  INTAKE_SOURCES,
  RECORD_STATUSES,
  RecordKind,
} from '../../../../contracts/api/cases';
import type {
  GROUP_TYPES,
  PROGRAMME_STATUSES,
  REFERRAL_KINDS,
  REFERRAL_STATUSES,
  SERVICE_RECORD_STATUSES,
  ServiceRecordKind,
} from '../../../../contracts/api/delivery';
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
  /** The referral that opened this case at the receiving agency, if any. */
  referralId: Generated<string | null>;
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

export interface CaseStageHistoryTable {
  id: ColumnType<string, never, never>;
  caseId: string;
  fromStage: CaseStage | null;
  toStage: CaseStage;
  /** A CASE_ACTIONS entry, 'open' when the case was opened, 'transfer' when it moved agency. */
  action: string;
  reason: string | null;
  actorUserId: string | null;
  at: Date;
}

type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

export interface ServiceGroupTable {
  id: Generated<string>;
  agencyId: string;
  projectId: string | null;
  name: string;
  groupType: (typeof GROUP_TYPES)[number];
  goals: Generated<string>;
  plannedSessions: number;
  divisionCode: string;
  leaderWorkerId: string;
  status: Generated<ProgrammeStatus>;
  createdBy: string;
  version: Generated<number>;
  createdAt: Date;
  updatedAt: Date;
}

export interface GroupMemberTable {
  groupId: string;
  beneficiaryId: string;
  joinedOn: DateString;
  leftOn: DateString | null;
}

export interface CommunityActivityTable {
  id: Generated<string>;
  agencyId: string;
  projectId: string | null;
  name: string;
  theme: Generated<string>;
  description: Generated<string>;
  divisionCode: string;
  location: Generated<string>;
  leadWorkerId: string;
  status: Generated<ProgrammeStatus>;
  createdBy: string;
  version: Generated<number>;
  createdAt: Date;
  updatedAt: Date;
}

export interface ServiceRecordTable {
  id: Generated<string>;
  agencyId: string;
  projectId: string | null;
  indicatorId: string | null;
  kind: ServiceRecordKind;
  status: (typeof SERVICE_RECORD_STATUSES)[number];
  caseId: string | null;
  caseRecordId: string | null;
  groupId: string | null;
  activityId: string | null;
  beneficiaryId: string | null;
  divisionCode: string;
  scheduledAt: Date | null;
  heldOn: DateString | null;
  durationMinutes: number | null;
  participantCount: Generated<number>;
  location: Generated<string>;
  content: Generated<string>;
  outcome: Generated<string>;
  createdBy: string;
  completedBy: string | null;
  completedAt: Date | null;
  voidedBy: string | null;
  voidedAt: Date | null;
  voidReason: string | null;
  version: Generated<number>;
  createdAt: Date;
  updatedAt: Date;
}

export interface ServiceRecordWorkerTable {
  recordId: string;
  workerId: string;
}

export interface ServiceRecordAttendeeTable {
  recordId: string;
  beneficiaryId: string;
  present: boolean;
}

export interface ServiceRecordAttachmentTable {
  id: Generated<string>;
  recordId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  content: Buffer;
  picturedBeneficiaryIds: ColumnType<string[], string[] | undefined, string[]>;
  uploadedBy: string;
  uploadedAt: Date;
}

export interface SatisfactionSurveyTable {
  id: Generated<string>;
  projectId: string;
  agencyId: string;
  recordId: string | null;
  score: number;
  comment: Generated<string>;
  surveyedOn: DateString;
  recordedBy: string;
  recordedAt: Date;
}

export interface ReferralTable {
  id: Generated<string>;
  caseId: string;
  beneficiaryId: string;
  kind: (typeof REFERRAL_KINDS)[number];
  fromAgencyId: string;
  toAgencyId: string;
  toWorkerId: string | null;
  reason: string;
  status: Generated<(typeof REFERRAL_STATUSES)[number]>;
  consentOverride: Generated<boolean>;
  overrideReason: string | null;
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  newCaseId: string | null;
}

/** Month sums of the service-record day rows of counted indicators (kept with them, for dashboards). */
export interface IndicatorMonthTotalTable {
  indicatorId: string;
  /** The first day of the month. */
  month: DateString;
  projectId: string;
  /** numeric: arrives as a string. */
  value: ColumnType<string, number, number>;
}

/** The tables the services module owns (merged into DB). */
export interface ServiceTables {
  households: HouseholdTable;
  beneficiaries: BeneficiaryTable;
  consents: ConsentTable;
  cases: CaseTable;
  caseRecords: CaseRecordTable;
  caseCodeCounters: CaseCodeCounterTable;
  caseStageHistory: CaseStageHistoryTable;
  serviceGroups: ServiceGroupTable;
  groupMembers: GroupMemberTable;
  communityActivities: CommunityActivityTable;
  serviceRecords: ServiceRecordTable;
  serviceRecordWorkers: ServiceRecordWorkerTable;
  serviceRecordAttendees: ServiceRecordAttendeeTable;
  serviceRecordAttachments: ServiceRecordAttachmentTable;
  satisfactionSurveys: SatisfactionSurveyTable;
  referrals: ReferralTable;
  indicatorMonthTotals: IndicatorMonthTotalTable;
}
