import { z } from 'zod';
import { caseStage } from './cases';
import { isoDateTime, line, paged, pageQuery, text, uuid } from './common';
import { isoDate } from './registry';

// ---- groups (小组) and community activities (社区活动) --------------------------------------------------------------

/** 教育小组 / 成长小组 / 支持小组 / 治疗小组. */
export const GROUP_TYPES = ['education', 'growth', 'support', 'therapy'] as const;
export const GROUP_TYPE_NAMES: Record<(typeof GROUP_TYPES)[number], { zh: string; en: string }> = {
  education: { zh: '教育小组', en: 'educational group' },
  growth: { zh: '成长小组', en: 'growth group' },
  support: { zh: '支持小组', en: 'support group' },
  therapy: { zh: '治疗小组', en: 'therapeutic group' },
};
export const PROGRAMME_STATUSES = ['active', 'closed'] as const;

export const createGroupBody = z
  .object({
    agencyId: uuid,
    projectId: uuid.optional(),
    name: line(100),
    groupType: z.enum(GROUP_TYPES),
    goals: text(4000).default(''),
    plannedSessions: z.number().int().min(1).max(100),
    divisionCode: z.string().regex(/^\d{12}$/),
    leaderWorkerId: uuid,
  })
  .strict();
export const updateGroupBody = createGroupBody
  .omit({ agencyId: true })
  .partial()
  .extend({
    /** null detaches the programme from its project. */
    projectId: uuid.nullable().optional(),
    status: z.enum(PROGRAMME_STATUSES).optional(),
    version: z.number().int().min(1),
  })
  .strict();
export const groupMembersBody = z
  .object({ add: z.array(uuid).max(100).default([]), remove: z.array(uuid).max(100).default([]) })
  .strict();

export const createActivityBody = z
  .object({
    agencyId: uuid,
    projectId: uuid.optional(),
    name: line(100),
    theme: line(100, 0).default(''),
    description: text(4000).default(''),
    divisionCode: z.string().regex(/^\d{12}$/),
    location: line(200, 0).default(''),
    leadWorkerId: uuid,
  })
  .strict();
export const updateActivityBody = createActivityBody
  .omit({ agencyId: true })
  .partial()
  .extend({
    /** null detaches the programme from its project. */
    projectId: uuid.nullable().optional(),
    status: z.enum(PROGRAMME_STATUSES).optional(),
    version: z.number().int().min(1),
  })
  .strict();

export const listProgrammesQuery = z
  .object({
    status: z.enum(PROGRAMME_STATUSES).optional(),
    projectId: uuid.optional(),
    q: z.string().trim().max(50).optional(),
    ...pageQuery,
  })
  .strict();

const programmeBase = {
  id: uuid,
  agencyId: uuid,
  agencyName: z.string(),
  projectId: uuid.nullable(),
  projectName: z.string().nullable(),
  name: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  status: z.enum(PROGRAMME_STATUSES),
  /** Completed sessions so far. */
  sessionsHeld: z.number().int(),
  /** 服务人次 over the completed sessions. */
  participantTotal: z.number().int(),
  version: z.number().int(),
  createdAt: isoDateTime,
};
export const groupSummary = z.object({
  ...programmeBase,
  groupType: z.enum(GROUP_TYPES),
  goals: z.string(),
  plannedSessions: z.number().int(),
  leaderWorkerId: uuid,
  leaderName: z.string(),
  memberCount: z.number().int(),
});
export const groupMember = z.object({
  beneficiaryId: uuid,
  name: z.string(),
  joinedOn: isoDate,
  leftOn: isoDate.nullable(),
});
export const groupDetail = groupSummary.extend({ members: z.array(groupMember) });
export const groupPage = paged(groupSummary);
export const activitySummary = z.object({
  ...programmeBase,
  theme: z.string(),
  description: z.string(),
  location: z.string(),
  leadWorkerId: uuid,
  leadName: z.string(),
});
export const activityPage = paged(activitySummary);

// ---- service records (服务记录) -------------------------------------------------------------------------------------

/** 个案会谈 / 探访 / 小组节次 / 社区活动场次. */
export const SERVICE_RECORD_KINDS = ['case_session', 'visit', 'group_session', 'activity'] as const;
export type ServiceRecordKind = (typeof SERVICE_RECORD_KINDS)[number];
export const SERVICE_RECORD_KIND_NAMES: Record<ServiceRecordKind, { zh: string; en: string }> = {
  case_session: { zh: '个案会谈', en: 'case session' },
  visit: { zh: '探访', en: 'visit' },
  group_session: { zh: '小组节次', en: 'group session' },
  activity: { zh: '社区活动场次', en: 'activity session' },
};
export const SERVICE_RECORD_STATUSES = ['scheduled', 'completed', 'voided'] as const;

const completion = {
  heldOn: isoDate,
  durationMinutes: z.number().int().min(1).max(1440),
  content: text(4000, 1),
  outcome: text(2000).default(''),
  /** Group sessions: the members present (the others are recorded absent). */
  presentBeneficiaryIds: z.array(uuid).max(500).optional(),
  /** Activities: the head count, walk-ins included. */
  participantCount: z.number().int().min(1).max(100000).optional(),
};

/**
 * A record is either scheduled (a time, the workers) and completed later, or recorded as completed at once.
 * Case sessions are written as case records (kind 'session') and become service records when approved.
 */
export const createServiceRecordBody = z
  .object({
    kind: z.enum(['visit', 'group_session', 'activity']),
    groupId: uuid.optional(),
    activityId: uuid.optional(),
    beneficiaryId: uuid.optional(),
    /** Visits: the project it is delivered under (groups and activities carry their own). */
    projectId: uuid.optional(),
    /** When the project has more than one indicator of the record's kind, which one it counts toward. */
    indicatorId: uuid.optional(),
    workerIds: z.array(uuid).min(1).max(20),
    location: line(200, 0).default(''),
    scheduledAt: isoDateTime.optional(),
    completed: z.object(completion).strict().optional(),
  })
  .strict();
export const completeServiceRecordBody = z
  .object({
    ...completion,
    /** As when recording: which indicator of the kind, if the project has several (kept from scheduling otherwise). */
    indicatorId: uuid.optional(),
    version: z.number().int().min(1),
  })
  .strict();
export const voidServiceRecordBody = z.object({ reason: line(500), version: z.number().int().min(1) }).strict();

export const listServiceRecordsQuery = z
  .object({
    kind: z.enum(SERVICE_RECORD_KINDS).optional(),
    status: z.enum(SERVICE_RECORD_STATUSES).optional(),
    projectId: uuid.optional(),
    groupId: uuid.optional(),
    activityId: uuid.optional(),
    caseId: uuid.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    ...pageQuery,
  })
  .strict();

/**
 * What a record shows depends on who asks (DESIGN §5 field-level visibility): the agency sees names; the purchasing
 * side sees them masked (张**); an evaluator sees pseudonyms (服务对象 A, B …) stable within one record list.
 */
export const serviceRecord = z.object({
  id: uuid,
  kind: z.enum(SERVICE_RECORD_KINDS),
  status: z.enum(SERVICE_RECORD_STATUSES),
  agencyId: uuid,
  agencyName: z.string(),
  projectId: uuid.nullable(),
  projectName: z.string().nullable(),
  caseId: uuid.nullable(),
  caseCode: z.string().nullable(),
  /** The visited or case beneficiary, for the delivering agency only (null for masked/anonymised viewers). */
  beneficiaryId: uuid.nullable(),
  groupId: uuid.nullable(),
  activityId: uuid.nullable(),
  /** The group's or activity's name, or the case/visit beneficiary as the viewer may see them. */
  subject: z.string(),
  scheduledAt: isoDateTime.nullable(),
  heldOn: isoDate.nullable(),
  durationMinutes: z.number().int().nullable(),
  participantCount: z.number().int(),
  location: z.string(),
  content: z.string(),
  outcome: z.string(),
  workers: z.array(z.object({ id: uuid, name: z.string() })),
  attendees: z.array(z.object({ beneficiaryId: uuid.nullable(), name: z.string(), present: z.boolean() })),
  attachments: z.array(
    z.object({ id: uuid, fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int() }),
  ),
  voidReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: isoDateTime,
});
export type ServiceRecordView = z.infer<typeof serviceRecord>;
export const serviceRecordPage = paged(serviceRecord);

export const satisfactionSurveyBody = z
  .object({
    projectId: uuid,
    recordId: uuid.optional(),
    /** 1 很不满意 … 5 很满意; 4 and 5 count as satisfied. */
    score: z.number().int().min(1).max(5),
    comment: text(1000).default(''),
    surveyedOn: isoDate,
  })
  .strict();

// ---- dashboard (indicator actuals) ---------------------------------------------------------------------------------

export const dashboardQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    divisionCode: z
      .string()
      .regex(/^\d{6}(\d{3})?$/)
      .optional(),
  })
  .strict();
export const INDICATOR_KINDS_COUNTED = ['cases', 'groups', 'activities', 'contacts'] as const;
export const deliveryDashboard = z.object({
  from: isoDate,
  to: isoDate,
  /** Totals over the period, per indicator kind, from service records (satisfaction: mean of project rates). */
  totals: z.object({
    cases: z.number(),
    groups: z.number(),
    activities: z.number(),
    contacts: z.number(),
    satisfaction: z.number().nullable(),
  }),
  byMonth: z.array(
    z.object({
      month: z.string(),
      cases: z.number(),
      groups: z.number(),
      activities: z.number(),
      contacts: z.number(),
    }),
  ),
  byTown: z.array(z.object({ divisionCode: z.string(), divisionName: z.string(), contacts: z.number() })),
  projects: z.array(
    z.object({
      projectId: uuid,
      name: z.string(),
      status: z.string(),
      indicators: z.array(z.object({ kind: z.string(), name: z.string(), target: z.number(), actual: z.number() })),
    }),
  ),
});

// ---- worker tools ------------------------------------------------------------------------------------------------

export const myWork = z.object({
  /** Open cases I work on. */
  caseload: z.array(
    z.object({
      id: uuid,
      code: z.string(),
      beneficiaryName: z.string(),
      stage: caseStage,
      stageEnteredAt: isoDateTime,
      lastSessionOn: isoDate.nullable(),
    }),
  ),
  /** Scheduled service records where I am one of the workers, from today on (14 days). */
  upcoming: z.array(
    z.object({
      id: uuid,
      kind: z.enum(SERVICE_RECORD_KINDS),
      subject: z.string(),
      scheduledAt: isoDateTime,
      location: z.string(),
      version: z.number().int(),
    }),
  ),
  /** Stage records submitted on cases I supervise, waiting for my review. */
  awaitingReview: z.array(
    z.object({
      caseId: uuid,
      caseCode: z.string(),
      beneficiaryName: z.string(),
      recordId: uuid,
      kind: z.string(),
      submittedAt: isoDateTime,
      authorName: z.string(),
    }),
  ),
});

export const caseHistory = z.array(
  z.object({
    fromStage: caseStage.nullable(),
    toStage: caseStage,
    action: z.string(),
    reason: z.string().nullable(),
    actorName: z.string(),
    at: isoDateTime,
  }),
);

// ---- referrals (转介) ---------------------------------------------------------------------------------------------

/** refer: the other agency opens its own case, ours goes on; transfer: the case itself moves to the other agency. */
export const REFERRAL_KINDS = ['refer', 'transfer'] as const;
export const REFERRAL_STATUSES = ['pending', 'accepted', 'rejected', 'revoked'] as const;
export const createReferralBody = z
  .object({
    caseId: uuid,
    kind: z.enum(REFERRAL_KINDS),
    toAgencyId: uuid,
    reason: text(2000, 1),
    /** Without the beneficiary's sharing consent the referral is refused unless overridden with a reason (audited). */
    consentOverride: z
      .object({ reason: line(500) })
      .strict()
      .optional(),
  })
  .strict();
export const acceptReferralBody = z
  .object({ workerId: uuid, supervisorWorkerId: uuid, note: text(1000).default('') })
  .strict();
export const decideReferralBody = z.object({ note: text(1000, 1) }).strict();
export const listReferralsQuery = z
  .object({ direction: z.enum(['incoming', 'outgoing']), status: z.enum(REFERRAL_STATUSES).optional(), ...pageQuery })
  .strict();
export const referral = z.object({
  id: uuid,
  kind: z.enum(REFERRAL_KINDS),
  status: z.enum(REFERRAL_STATUSES),
  caseId: uuid,
  caseCode: z.string(),
  /** Masked for the receiving agency until it accepts (张**), in full for the referring agency. */
  beneficiaryName: z.string(),
  beneficiaryCategories: z.array(z.string()),
  fromAgencyId: uuid,
  fromAgencyName: z.string(),
  toAgencyId: uuid,
  toAgencyName: z.string(),
  reason: z.string(),
  consentOverride: z.boolean(),
  overrideReason: z.string().nullable(),
  requestedAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  decisionNote: z.string().nullable(),
  newCaseId: uuid.nullable(),
});
export const referralPage = paged(referral);

/** Agencies a case can be referred to: active agencies other than the caller's, found by name. */
export const referralTargetsQuery = z.object({ q: z.string().trim().max(50).default('') }).strict();
export const referralTargets = z.array(
  z.object({ id: uuid, name: z.string(), divisionCode: z.string(), divisionName: z.string() }),
);
