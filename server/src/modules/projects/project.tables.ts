import type { ColumnType, Generated } from 'kysely';
import type {
  EvaluationDimension,
  EvaluationKind,
  FundingSource,
  Grade,
  IndicatorKind,
  MilestoneTrigger,
  ProcurementMethod,
  ProjectAction,
  ProjectStatus,
} from '../../../../contracts/projects';
import type { CredentialLevel } from '../../../../contracts/taxonomy';

/** `date` columns travel as 'YYYY-MM-DD' strings (see db/database.ts type parsers). */
type DateString = string;
/** bigint (int8) and numeric arrive as strings; write numbers. Convert with `fen()` / `decimal()` from ./money. */
type Int8 = ColumnType<string, number, number>;
type Numeric = ColumnType<string, number, number>;
type NullableNumeric = ColumnType<string | null, number | null | undefined, number | null>;
type Created = ColumnType<Date, Date, never>;

export interface ProjectCodeCounterTable {
  year: number;
  lastValue: number;
}

export interface ProjectTable {
  id: Generated<string>;
  code: string;
  title: string;
  purchaserId: string;
  divisionCode: string;
  fundingSource: FundingSource;
  budgetFen: Int8;
  contractAmountFen: ColumnType<string | null, number | null | undefined, number | null>;
  targetGroups: ColumnType<string[], string[] | undefined, string[]>;
  serviceContent: Generated<string>;
  procurementMethod: ProcurementMethod;
  periodFrom: DateString;
  periodTo: DateString;
  recurring: Generated<boolean>;
  agencyId: string | null;
  leadWorkerId: string | null;
  status: Generated<ProjectStatus>;
  statusReason: string | null;
  finalScore: NullableNumeric;
  finalGrade: Grade | null;
  search: Generated<string>;
  version: Generated<number>;
  createdBy: string;
  createdAt: Created;
  updatedAt: Date;
}

export interface ProjectDivisionTable {
  projectId: string;
  divisionCode: string;
}

export interface ProjectTeamTable {
  projectId: string;
  workerId: string;
  role: 'lead' | 'member';
  joinedOn: DateString;
}

export type DocumentKind = 'proposal' | 'contract' | 'report' | 'evidence' | 'other';
export interface ProjectDocumentTable {
  id: Generated<string>;
  projectId: string;
  kind: DocumentKind;
  fileName: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  bytes: Buffer;
  uploadedBy: string | null;
  uploadedAt: Date;
}

export interface ProjectTransitionTable {
  id: Generated<string>;
  projectId: string;
  fromStatus: ProjectStatus | null;
  action: ProjectAction | 'create';
  toStatus: ProjectStatus;
  reason: string | null;
  actorUserId: string | null;
  actorUsername: string | null;
  at: Date;
}

export interface ProcurementCallTable {
  projectId: string;
  title: string;
  content: string;
  eligibility: Generated<string>;
  publishedAt: Date;
  bidDeadline: Date;
  status: Generated<'open' | 'closed' | 'awarded' | 'cancelled'>;
}

export interface BidTable {
  id: Generated<string>;
  projectId: string;
  agencyId: string;
  proposal: string;
  priceFen: Int8;
  leadWorkerId: string;
  leadLevel: CredentialLevel | null;
  teamWorkerIds: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<'submitted' | 'withdrawn' | 'awarded' | 'not_awarded'>;
  submittedBy: string | null;
  submittedAt: Date;
  updatedAt: Date;
  version: Generated<number>;
}

export interface BidScoreTable {
  bidId: string;
  scorerUserId: string;
  score: Numeric;
  comment: Generated<string>;
  scoredAt: Date;
}

export interface ContractTable {
  projectId: string;
  bidId: string | null;
  agencyId: string;
  amountFen: Int8;
  termFrom: DateString;
  termTo: DateString;
  quantityTerms: Generated<string>;
  qualityTerms: Generated<string>;
  priceTerms: Generated<string>;
  settlementTerms: Generated<string>;
  signedOn: DateString;
  publishedAt: Date | null;
}

export interface IndicatorTable {
  id: Generated<string>;
  projectId: string;
  kind: IndicatorKind;
  name: string;
  unit: Generated<string>;
  target: Numeric;
  sort: Generated<number>;
  createdAt: Created;
}

export interface ProgressReportTable {
  id: Generated<string>;
  projectId: string;
  periodEnd: DateString;
  summary: Generated<string>;
  submittedBy: string | null;
  submittedAt: Date;
}

export interface IndicatorActualTable {
  id: Generated<string>;
  indicatorId: string;
  projectId: string;
  source: 'report' | 'service_record';
  reportId: string | null;
  periodEnd: DateString;
  value: Numeric;
  evidence: Generated<string>;
  recordedAt: Date;
}

export interface MilestoneTable {
  id: Generated<string>;
  projectId: string;
  name: string;
  percentBp: number;
  trigger: MilestoneTrigger;
  minScore: NullableNumeric;
  dueOn: DateString | null;
  sort: Generated<number>;
}

export interface PaymentTable {
  id: Generated<string>;
  projectId: string;
  milestoneId: string | null;
  amountFen: Int8;
  paidOn: DateString;
  reference: Generated<string>;
  recordedBy: string | null;
  recordedAt: Date;
}

export interface EvaluationTemplateTable {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  excellentFrom: Numeric;
  goodFrom: Numeric;
  passFrom: Numeric;
  active: Generated<boolean>;
  createdAt: Created;
}

export interface EvaluationCriterionTable {
  id: Generated<string>;
  templateId: string;
  dimension: EvaluationDimension;
  name: string;
  guidance: Generated<string>;
  weight: Numeric;
  sort: Generated<number>;
}

export interface EvaluationTable {
  id: Generated<string>;
  projectId: string;
  kind: EvaluationKind;
  templateId: string;
  evaluatorOrgId: string;
  status: Generated<'assigned' | 'submitted'>;
  totalScore: NullableNumeric;
  grade: Grade | null;
  summary: Generated<string>;
  dueOn: DateString | null;
  assignedAt: Date;
  submittedAt: Date | null;
  version: Generated<number>;
}

export interface EvaluationAssigneeTable {
  evaluationId: string;
  userId: string;
}

export interface EvaluationScoreTable {
  evaluationId: string;
  criterionId: string;
  score: Numeric;
  comment: Generated<string>;
  evidence: Generated<string>;
}

export interface RectificationTable {
  id: Generated<string>;
  projectId: string;
  evaluationId: string;
  /** The criterion that scored too low; null for a task raised by a failing grade overall. */
  criterionId: string | null;
  description: string;
  dueOn: DateString;
  status: Generated<'open' | 'submitted' | 'accepted'>;
  response: Generated<string>;
  /** Why the purchasing side sent the last response back. */
  reopenReason: string | null;
  respondedAt: Date | null;
  closedAt: Date | null;
  createdAt: Created;
}

/** The project module's tables, merged into the database type in db/schema.ts. */
export interface ProjectTables {
  projectCodeCounters: ProjectCodeCounterTable;
  projects: ProjectTable;
  projectDivisions: ProjectDivisionTable;
  projectTeam: ProjectTeamTable;
  projectDocuments: ProjectDocumentTable;
  projectTransitions: ProjectTransitionTable;
  procurementCalls: ProcurementCallTable;
  bids: BidTable;
  bidScores: BidScoreTable;
  contracts: ContractTable;
  indicators: IndicatorTable;
  progressReports: ProgressReportTable;
  indicatorActuals: IndicatorActualTable;
  milestones: MilestoneTable;
  payments: PaymentTable;
  evaluationTemplates: EvaluationTemplateTable;
  evaluationCriteria: EvaluationCriterionTable;
  evaluations: EvaluationTable;
  evaluationAssignees: EvaluationAssigneeTable;
  evaluationScores: EvaluationScoreTable;
  rectifications: RectificationTable;
}
