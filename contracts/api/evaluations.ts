import { z } from 'zod';
import { EVALUATION_DIMENSIONS, EVALUATION_KINDS } from '../projects';
import { isoDateTime, line, paged, pageQuery, text, uuid } from './common';
import { grade } from './projects';
import { isoDate } from './registry';

export const evaluationKind = z.enum(EVALUATION_KINDS);
export const evaluationDimension = z.enum(EVALUATION_DIMENSIONS);
export const evaluationStatus = z.enum(['assigned', 'submitted']);
export const rectificationStatus = z.enum(['open', 'submitted', 'accepted']);

/** Scores, weights and grade bands: 0–100 with at most two decimals (numeric(5, 2) in the database). */
const points = z.number().min(0).max(100).multipleOf(0.01);

// ---- Templates (评估模板) -------------------------------------------------------------------------------------

export const criterionInput = z
  .object({
    dimension: evaluationDimension,
    name: line(100),
    guidance: text(1000).default(''),
    weight: points.positive(),
  })
  .strict();

/**
 * A weighted template. Criterion weights must add up to exactly 100 and the grade bands must rise strictly
 * (合格 < 良好 < 优秀 ≤ 100); the server checks both and names the field. A template is never edited once created:
 * a change is a new template, the old one is retired.
 */
export const createTemplateBody = z
  .object({
    name: line(100, 2),
    description: text(2000).default(''),
    excellentFrom: points.default(90),
    goodFrom: points.default(80),
    passFrom: points.default(60),
    criteria: z.array(criterionInput).min(1).max(50),
  })
  .strict();

export const listTemplatesQuery = z.object({ active: z.enum(['true', 'false']).optional() }).strict();

export const evaluationCriterion = z.object({
  id: uuid,
  dimension: evaluationDimension,
  name: z.string(),
  guidance: z.string(),
  weight: z.number(),
  sort: z.number().int(),
});

export const evaluationTemplate = z.object({
  id: uuid,
  name: z.string(),
  description: z.string(),
  excellentFrom: z.number(),
  goodFrom: z.number(),
  passFrom: z.number(),
  active: z.boolean(),
  /** Evaluations use it (it can still be retired; it is never edited). */
  inUse: z.boolean(),
  criteria: z.array(evaluationCriterion),
  createdAt: isoDateTime,
});
export type EvaluationTemplate = z.infer<typeof evaluationTemplate>;

// ---- Evaluations (中期评估 / 末期评估) --------------------------------------------------------------------------

const assigneeUserIds = z.array(uuid).min(1).max(20);

export const assignEvaluationBody = z
  .object({
    kind: evaluationKind,
    templateId: uuid,
    /** A third-party evaluation organization (organization kind `evaluator`). */
    evaluatorOrgId: uuid,
    /** Users with an `evaluator` membership in that organization. */
    assigneeUserIds,
    dueOn: isoDate,
  })
  .strict();

/** Reassigning while the evaluation is not submitted; drafts are discarded when the evaluation body changes. */
export const updateEvaluationBody = z
  .object({
    templateId: uuid.optional(),
    evaluatorOrgId: uuid.optional(),
    assigneeUserIds: assigneeUserIds.optional(),
    dueOn: isoDate.optional(),
    version: z.number().int().min(1),
  })
  .strict();

export const evaluationAssignee = z.object({ userId: uuid, displayName: z.string() });

/** Third-party evaluation organizations and their evaluator accounts, which the purchasing side assigns. */
export const evaluatorDirectory = z.array(
  z.object({ id: uuid, name: z.string(), divisionCode: z.string(), evaluators: z.array(evaluationAssignee) }),
);
export type EvaluatorDirectory = z.infer<typeof evaluatorDirectory>;

export const evaluationSummary = z.object({
  id: uuid,
  projectId: uuid,
  projectCode: z.string(),
  projectTitle: z.string(),
  kind: evaluationKind,
  status: evaluationStatus,
  templateId: uuid,
  templateName: z.string(),
  evaluatorOrgId: uuid,
  evaluatorOrgName: z.string(),
  assignees: z.array(evaluationAssignee),
  dueOn: z.string().nullable(),
  assignedAt: isoDateTime,
  submittedAt: isoDateTime.nullable(),
  totalScore: z.number().nullable(),
  grade: grade.nullable(),
  version: z.number().int(),
});
export type EvaluationSummary = z.infer<typeof evaluationSummary>;

export const scoredCriterion = evaluationCriterion.extend({
  score: z.number().nullable(),
  comment: z.string(),
  evidence: z.string(),
});

export const evaluationDetail = evaluationSummary.extend({
  template: z.object({
    id: uuid,
    name: z.string(),
    excellentFrom: z.number(),
    goodFrom: z.number(),
    passFrom: z.number(),
  }),
  criteria: z.array(scoredCriterion),
  summary: z.string(),
  /** The sum of the scores entered so far (the total once submitted). */
  draftTotal: z.number(),
  /** What the caller may do: score (an assigned evaluator), reassign (the purchasing side), both until submitted. */
  can: z.object({ score: z.boolean(), reassign: z.boolean() }),
});
export type EvaluationDetail = z.infer<typeof evaluationDetail>;

export const saveScoresBody = z
  .object({
    /** The draft as it stands: criteria left out are unscored. */
    scores: z
      .array(
        z
          .object({
            criterionId: uuid,
            score: points,
            comment: text(2000).default(''),
            evidence: text(2000).default(''),
          })
          .strict(),
      )
      .max(50),
    /** Left out: the saved summary stays. */
    summary: text(5000).optional(),
    version: z.number().int().min(1),
  })
  .strict();

export const versionBody = z.object({ version: z.number().int().min(1) }).strict();

export const myEvaluationsQuery = z.object({ status: evaluationStatus.optional(), ...pageQuery }).strict();
export const myEvaluationPage = paged(evaluationSummary);

// ---- Rectifications (整改) -----------------------------------------------------------------------------------

export const rectification = z.object({
  id: uuid,
  projectId: uuid,
  evaluationId: uuid,
  evaluationKind: evaluationKind,
  description: z.string(),
  dueOn: z.string(),
  status: rectificationStatus,
  /** Open past its due date. */
  overdue: z.boolean(),
  response: z.string(),
  respondedAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
  /** Why the purchasing side last sent the response back (while the task is open again). */
  reopenReason: z.string().nullable(),
  createdAt: isoDateTime,
  can: z.object({ respond: z.boolean(), review: z.boolean() }),
});
export type Rectification = z.infer<typeof rectification>;

export const respondRectificationBody = z.object({ response: text(5000, 1) }).strict();
export const reopenRectificationBody = z.object({ reason: line(500) }).strict();
