import { z } from 'zod';
import {
  FUNDING_SOURCES,
  GRADES,
  INDICATOR_KINDS,
  MILESTONE_TRIGGERS,
  PROCUREMENT_METHODS,
  PROJECT_ACTIONS,
  PROJECT_STATUSES,
} from '../projects';
import { CREDENTIAL_LEVELS } from '../taxonomy';
import { divisionCode, isoDateTime, line, paged, pageQuery, text, uuid } from './common';
import { isoDate, termCode } from './registry';

/** Money in integer fen (1 yuan = 100 fen), at most 2^53 - 1 so that it is exact everywhere. */
export const fenAmount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const projectStatus = z.enum(PROJECT_STATUSES);
export const projectAction = z.enum(PROJECT_ACTIONS);
export const procurementMethod = z.enum(PROCUREMENT_METHODS);
export const fundingSource = z.enum(FUNDING_SOURCES);
export const grade = z.enum(GRADES);

const projectFields = {
  title: line(100, 2),
  fundingSource,
  budgetFen: fenAmount,
  serviceDivisionCodes: z.array(divisionCode).min(1).max(60),
  targetGroups: z.array(termCode).max(20).default([]),
  serviceContent: text(5000).default(''),
  procurementMethod,
  periodFrom: isoDate,
  periodTo: isoDate,
  /** A stable, recurring service may run up to three years (财政部令第102号). */
  recurring: z.boolean().default(false),
};

export const createProjectBody = z
  .object({
    ...projectFields,
    /** The purchasing unit; a purchaser's own unit by default, required from the bureau. */
    purchaserId: uuid.optional(),
  })
  .strict();

export const updateProjectBody = z
  .object({
    title: projectFields.title.optional(),
    fundingSource: fundingSource.optional(),
    budgetFen: fenAmount.optional(),
    serviceDivisionCodes: projectFields.serviceDivisionCodes.optional(),
    targetGroups: z.array(termCode).max(20).optional(),
    serviceContent: text(5000).optional(),
    procurementMethod: procurementMethod.optional(),
    periodFrom: isoDate.optional(),
    periodTo: isoDate.optional(),
    recurring: z.boolean().optional(),
    version: z.number().int().min(1),
  })
  .strict();

/** The moves made through the generic endpoint; publishing a call and awarding have their own. */
export const PLAIN_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'start_service',
  'request_final_review',
  'close',
  'terminate',
] as const;
export const transitionBody = z
  .object({
    action: z.enum(PLAIN_ACTIONS),
    reason: line(500).optional(),
    version: z.number().int().min(1),
  })
  .strict();

export const listProjectsQuery = z
  .object({
    q: line(64).optional(),
    status: projectStatus.optional(),
    divisionCode: divisionCode.optional(),
    agencyId: uuid.optional(),
    purchaserId: uuid.optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    ...pageQuery,
  })
  .strict();

export const projectSummary = z.object({
  id: uuid,
  code: z.string(),
  title: z.string(),
  purchaserId: uuid,
  purchaserName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  status: projectStatus,
  budgetFen: z.number().int(),
  contractAmountFen: z.number().int().nullable(),
  procurementMethod,
  periodFrom: z.string(),
  periodTo: z.string(),
  agencyId: uuid.nullable(),
  agencyName: z.string().nullable(),
  finalGrade: grade.nullable(),
  version: z.number().int(),
  updatedAt: isoDateTime,
});
export type ProjectSummary = z.infer<typeof projectSummary>;

export const projectPage = paged(projectSummary).extend({
  /** Projects per status under the same filters (except the status filter itself). */
  statusCounts: z.record(z.string(), z.number().int()),
});

export const teamMember = z.object({
  workerId: uuid,
  name: z.string(),
  credentialLevel: z.enum(CREDENTIAL_LEVELS).nullable(),
  role: z.enum(['lead', 'member']),
  joinedOn: z.string(),
});

export const allowedAction = z.object({
  action: projectAction,
  needsReason: z.boolean(),
  /** Done through its own form (publishing the call, awarding), not the generic transition endpoint. */
  dedicated: z.boolean(),
});

export const projectDetail = projectSummary.extend({
  fundingSource,
  targetGroups: z.array(z.string()),
  serviceContent: z.string(),
  recurring: z.boolean(),
  serviceDivisions: z.array(z.object({ code: z.string(), name: z.string() })),
  statusReason: z.string().nullable(),
  finalScore: z.number().nullable(),
  leadWorkerId: uuid.nullable(),
  team: z.array(teamMember),
  allowedActions: z.array(allowedAction),
  /** What the caller may do besides moving the state. */
  can: z.object({ edit: z.boolean(), manageTeam: z.boolean(), uploadDocuments: z.boolean() }),
  createdAt: isoDateTime,
});
export type ProjectDetail = z.infer<typeof projectDetail>;

export const projectHistoryEntry = z.object({
  id: z.string(),
  fromStatus: projectStatus.nullable(),
  action: z.string(),
  toStatus: projectStatus,
  reason: z.string().nullable(),
  actorUsername: z.string().nullable(),
  at: isoDateTime,
});

export const setTeamBody = z
  .object({
    leadWorkerId: uuid,
    memberWorkerIds: z.array(uuid).max(100).default([]),
    version: z.number().int().min(1),
  })
  .strict();

export const DOCUMENT_KINDS = ['proposal', 'contract', 'report', 'evidence', 'other'] as const;
export const documentKind = z.enum(DOCUMENT_KINDS);
export const projectDocument = z.object({
  id: uuid,
  kind: documentKind,
  fileName: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: isoDateTime,
});

/** What the public disclosure page shows: no personal data at all. */
export const publicProject = z.object({
  code: z.string(),
  title: z.string(),
  status: projectStatus,
  purchaserName: z.string(),
  agencyName: z.string().nullable(),
  amountFen: z.number().int(),
  amountIsContract: z.boolean(),
  procurementMethod,
  periodFrom: z.string(),
  periodTo: z.string(),
  serviceContent: z.string(),
  targetGroups: z.array(z.string()),
  serviceDivisionNames: z.array(z.string()),
  finalGrade: grade.nullable(),
});
export const publicProjectsQuery = z
  .object({ q: line(64).optional(), divisionCode: divisionCode.optional(), ...pageQuery })
  .strict();
export const publicProjectPage = paged(publicProject);

// ---- Indicators and progress reports ----------------------------------------------------------------------------

export const indicatorKind = z.enum(INDICATOR_KINDS);
const indicatorValue = z.number().min(0).max(1e9).multipleOf(0.01);

export const setIndicatorsBody = z
  .object({
    indicators: z
      .array(
        z
          .object({
            /** An existing indicator keeps its id (and its actuals); a new one has none. */
            id: uuid.optional(),
            kind: indicatorKind,
            name: line(100),
            unit: line(20, 0).default(''),
            target: indicatorValue.positive(),
          })
          .strict(),
      )
      .max(50),
    version: z.number().int().min(1),
  })
  .strict();

export const indicatorProgress = z.object({
  id: uuid,
  kind: indicatorKind,
  name: z.string(),
  unit: z.string(),
  target: z.number(),
  /** Counts add up across reports and service records; satisfaction is the latest measured value. */
  actual: z.number(),
  /**
   * The part of a count that service records added automatically (the rest came from progress reports); for
   * satisfaction, the latest rate from surveys. Null when no record has counted toward it.
   */
  fromServiceRecords: z.number().nullable(),
  /** actual / target, 0–1 and beyond. */
  progress: z.number(),
  /** Where the actual should be by today if delivery kept pace with the service period. */
  expectedByNow: z.number(),
  shortfall: z.number(),
  onTrack: z.boolean(),
  series: z.array(z.object({ periodEnd: z.string(), actual: z.number() })),
});
export const indicatorOverview = z.object({
  /** Share of the service period elapsed today, 0–1. */
  elapsed: z.number(),
  canEdit: z.boolean(),
  canReport: z.boolean(),
  indicators: z.array(indicatorProgress),
});

export const progressReportBody = z
  .object({
    periodEnd: isoDate,
    summary: text(5000).default(''),
    values: z
      .array(z.object({ indicatorId: uuid, value: indicatorValue, evidence: text(1000).default('') }).strict())
      .min(1)
      .max(50),
  })
  .strict();

export const progressReport = z.object({
  id: uuid,
  periodEnd: z.string(),
  summary: z.string(),
  submittedBy: z.string().nullable(),
  submittedAt: isoDateTime,
  values: z.array(z.object({ indicatorId: uuid, name: z.string(), value: z.number(), evidence: z.string() })),
});

// ---- Milestones and payments ------------------------------------------------------------------------------------

export const milestoneTrigger = z.enum(MILESTONE_TRIGGERS);
export const setMilestonesBody = z
  .object({
    milestones: z
      .array(
        z
          .object({
            id: uuid.optional(),
            name: line(100),
            /** Share of the contract amount in basis points (10000 = 100 %). */
            percentBp: z.number().int().min(1).max(10_000),
            trigger: milestoneTrigger,
            /** For grade triggers: the lowest total score that releases the payment (default: the pass mark). */
            minScore: z.number().min(0).max(100).multipleOf(0.01).nullable().default(null),
            dueOn: isoDate.nullable().default(null),
          })
          .strict(),
      )
      .max(20),
    version: z.number().int().min(1),
  })
  .strict();

export const milestoneState = z.enum(['pending', 'due', 'withheld', 'paid']);
export const milestoneView = z.object({
  id: uuid,
  name: z.string(),
  percentBp: z.number().int(),
  trigger: milestoneTrigger,
  minScore: z.number().nullable(),
  dueOn: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  paidFen: z.number().int(),
  state: milestoneState,
});

export const recordPaymentBody = z
  .object({
    milestoneId: uuid.nullable().default(null),
    amountFen: fenAmount,
    paidOn: isoDate,
    reference: line(100, 0).default(''),
  })
  .strict();

export const paymentView = z.object({
  id: uuid,
  milestoneId: uuid.nullable(),
  amountFen: z.number().int(),
  paidOn: z.string(),
  reference: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: isoDateTime,
});

export const financeOverview = z.object({
  contractAmountFen: z.number().int().nullable(),
  paidFen: z.number().int(),
  remainingFen: z.number().int().nullable(),
  canEdit: z.boolean(),
  canPay: z.boolean(),
  milestones: z.array(milestoneView),
  payments: z.array(paymentView),
});
