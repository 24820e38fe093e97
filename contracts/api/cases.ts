import { z } from 'zod';
import { SCALE_IDS } from '../scales';
import { isoDateTime, line, paged, pageQuery, text, uuid } from './common';
import { isoDate } from './registry';

// ---- cases (个案) -------------------------------------------------------------------------------------------------

export const CASE_STAGES = [
  'intake',
  'assessment',
  'planning',
  'intervention',
  'evaluation',
  'closed',
  'follow_up',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];
export const caseStage = z.enum(CASE_STAGES);
export const CASE_STAGE_NAMES: Record<CaseStage, { zh: string; en: string }> = {
  intake: { zh: '接案', en: 'intake' },
  assessment: { zh: '预估', en: 'assessment' },
  planning: { zh: '计划', en: 'planning' },
  intervention: { zh: '介入', en: 'intervention' },
  evaluation: { zh: '评估', en: 'evaluation' },
  closed: { zh: '结案', en: 'closed' },
  follow_up: { zh: '跟进', en: 'follow-up' },
};

export const CASE_ACTIONS = ['assess', 'plan', 'intervene', 'evaluate', 'close', 'follow_up', 'reopen'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export const CASE_ACTION_NAMES: Record<CaseAction, { zh: string; en: string }> = {
  assess: { zh: '进入预估', en: 'move to assessment' },
  plan: { zh: '进入计划', en: 'move to planning' },
  intervene: { zh: '进入介入', en: 'move to intervention' },
  evaluate: { zh: '进入评估', en: 'move to evaluation' },
  close: { zh: '结案', en: 'close' },
  follow_up: { zh: '进入跟进', en: 'start follow-up' },
  reopen: { zh: '重新开案', en: 'reopen' },
};

/** 主动求助 / 外展发现 / 转介 / 来自服务需求. */
export const INTAKE_SOURCES = ['self_referral', 'outreach', 'referral', 'demand'] as const;

export const RECORD_KINDS = ['intake', 'assessment', 'plan', 'session', 'evaluation', 'closing', 'follow_up'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const recordKind = z.enum(RECORD_KINDS);
export const RECORD_KIND_NAMES: Record<RecordKind, { zh: string; en: string }> = {
  intake: { zh: '接案记录', en: 'intake record' },
  assessment: { zh: '预估记录', en: 'assessment' },
  plan: { zh: '服务计划', en: 'service plan' },
  session: { zh: '介入记录', en: 'session record' },
  evaluation: { zh: '评估记录', en: 'evaluation' },
  closing: { zh: '结案记录', en: 'closing record' },
  follow_up: { zh: '跟进记录', en: 'follow-up record' },
};
export const RECORD_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;

export const CLOSING_REASONS = [
  'goals_met',
  'beneficiary_withdrew',
  'transferred',
  'moved_away',
  'deceased',
  'other',
] as const;

// ---- record content, one form per kind ---------------------------------------------------------------------------

const intakeContent = z.object({ summary: text(4000, 1), needs: z.array(line(100)).max(20).default([]) }).strict();
/** Answers are checked against the scale definition by the server, which also computes the total. */
const assessmentContent = z
  .object({
    scale: z.enum(SCALE_IDS),
    answers: z.record(z.string().max(50), z.number()),
    notes: text(4000).default(''),
  })
  .strict();
/** SMART: specific (goal), measurable (measure, target), time-bound (dueOn). */
export const smartGoal = z.object({ goal: line(200), measure: line(200), target: line(200), dueOn: isoDate }).strict();
const planContent = z.object({ goals: z.array(smartGoal).min(1).max(20), approach: text(4000).default('') }).strict();
const sessionContent = z
  .object({ heldOn: isoDate, durationMinutes: z.number().int().min(1).max(1440), summary: text(4000, 1) })
  .strict();
const evaluationContent = z
  .object({
    goals: z
      .array(
        z
          .object({
            goal: line(200),
            attainment: z.enum(['achieved', 'partly', 'not_achieved']),
            note: text(1000).default(''),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    summary: text(4000, 1),
  })
  .strict();
const closingContent = z.object({ reason: z.enum(CLOSING_REASONS), note: text(2000).default('') }).strict();
const followUpContent = z.object({ heldOn: isoDate, summary: text(4000, 1) }).strict();

export const RECORD_CONTENT = {
  intake: intakeContent,
  assessment: assessmentContent,
  plan: planContent,
  session: sessionContent,
  evaluation: evaluationContent,
  closing: closingContent,
  follow_up: followUpContent,
} as const satisfies Record<RecordKind, z.ZodType>;

/** The content travels loosely typed over HTTP; the server validates it against the form of its kind. */
const content = z.record(z.string().max(100), z.unknown());

export const createCaseBody = z
  .object({
    beneficiaryId: uuid,
    workerId: uuid,
    supervisorWorkerId: uuid,
    intakeSource: z.enum(INTAKE_SOURCES),
    projectId: uuid.optional(),
  })
  .strict();

export const listCasesQuery = z
  .object({ stage: caseStage.optional(), beneficiaryId: uuid.optional(), ...pageQuery })
  .strict();

export const createRecordBody = z.object({ kind: recordKind, content, amendsRecordId: uuid.optional() }).strict();
export const updateRecordBody = z.object({ content }).strict();
export const reviewBody = z.object({ comment: text(2000).default('') }).strict();
export const returnBody = z.object({ comment: text(2000, 1) }).strict();
export const caseTransitionBody = z
  .object({ action: z.enum(CASE_ACTIONS), reason: line(500).optional(), version: z.number().int().min(1) })
  .strict();
export const caseRecordParams = z.object({ id: uuid, recordId: uuid }).strict();

export const caseRecord = z.object({
  id: uuid,
  caseId: uuid,
  stage: caseStage,
  kind: recordKind,
  content: z.record(z.string(), z.unknown()),
  status: z.enum(RECORD_STATUSES),
  authorUserId: uuid,
  submittedAt: isoDateTime.nullable(),
  reviewedBy: uuid.nullable(),
  reviewedAt: isoDateTime.nullable(),
  reviewComment: z.string().nullable(),
  amendsRecordId: uuid.nullable(),
  /** The approved record that amends this one, if any (this one stays as history). */
  amendedByRecordId: uuid.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const caseSummary = z.object({
  id: uuid,
  code: z.string(),
  beneficiaryId: uuid,
  beneficiaryName: z.string(),
  agencyId: uuid,
  projectId: uuid.nullable(),
  workerId: uuid,
  workerName: z.string(),
  supervisorWorkerId: uuid,
  supervisorName: z.string(),
  stage: caseStage,
  intakeSource: z.enum(INTAKE_SOURCES),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  closingReason: z.enum(CLOSING_REASONS).nullable(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const casePage = paged(caseSummary);

export const caseDetail = caseSummary.extend({
  records: z.array(caseRecord),
  /** What the caller may do now. */
  can: z.object({
    writeRecords: z.boolean(),
    review: z.boolean(),
    actions: z.array(z.enum(CASE_ACTIONS)),
  }),
});
export type CaseDetail = z.infer<typeof caseDetail>;
