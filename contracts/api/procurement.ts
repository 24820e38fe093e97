import { z } from 'zod';
import { CREDENTIAL_LEVELS } from '../taxonomy';
import { divisionCode, isoDateTime, line, paged, pageQuery, text, uuid } from './common';
import { fenAmount, procurementMethod } from './projects';
import { isoDate } from './registry';

const version = z.number().int().min(1);

// ---- The call (采购公告) ---------------------------------------------------------------------------------------------

export const publishCallBody = z
  .object({
    title: line(200, 2),
    content: text(20_000, 1),
    eligibility: text(5000).default(''),
    /** An instant with its offset (2026-12-20T17:00:00+08:00); it must lie in the future. */
    bidDeadline: isoDateTime,
    /** The project's version. */
    version,
  })
  .strict();

/** `closed` when the deadline has passed and no award is made yet; `cancelled` when the project was terminated. */
export const CALL_STATUSES = ['open', 'closed', 'awarded', 'cancelled'] as const;
export const callStatus = z.enum(CALL_STATUSES);
export type CallStatus = (typeof CALL_STATUSES)[number];
export const CALL_STATUS_NAMES: Record<CallStatus, { zh: string; en: string }> = {
  open: { zh: '投标中', en: 'Open' },
  closed: { zh: '已截止', en: 'Closed' },
  awarded: { zh: '已定标', en: 'Awarded' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const procurementCall = z.object({
  projectId: uuid,
  title: z.string(),
  content: z.string(),
  eligibility: z.string(),
  publishedAt: isoDateTime,
  bidDeadline: isoDateTime,
  status: callStatus,
  /** True until the deadline: bids are sealed, nobody but their own agency sees them. */
  sealed: z.boolean(),
  /** What the caller may do now. */
  can: z.object({ bid: z.boolean(), score: z.boolean(), award: z.boolean() }),
});
export type ProcurementCall = z.infer<typeof procurementCall>;

// ---- Bids (投标) -------------------------------------------------------------------------------------------------

const bidFields = {
  proposal: text(20_000, 1),
  priceFen: fenAmount,
  leadWorkerId: uuid,
  memberWorkerIds: z.array(uuid).max(100).default([]),
};

export const submitBidBody = z
  .object({
    ...bidFields,
    /** The bidding agency; needed only from a manager of more than one agency. */
    agencyId: uuid.optional(),
  })
  .strict();

export const updateBidBody = z.object({ ...bidFields, version }).strict();

export const withdrawBidBody = z.object({ version }).strict();

/** `agencyId` picks the agency of a manager of more than one. */
export const myBidQuery = z.object({ agencyId: uuid.optional() }).strict();

export const BID_STATUSES = ['submitted', 'withdrawn', 'awarded', 'not_awarded'] as const;
export const bidStatus = z.enum(BID_STATUSES);
export type BidStatus = (typeof BID_STATUSES)[number];
export const BID_STATUS_NAMES: Record<BidStatus, { zh: string; en: string }> = {
  submitted: { zh: '已投标', en: 'Submitted' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  awarded: { zh: '中标', en: 'Awarded' },
  not_awarded: { zh: '未中标', en: 'Not awarded' },
};

const credentialLevel = z.enum(CREDENTIAL_LEVELS);

export const bidScore = z.object({
  scorerUserId: uuid,
  scorerName: z.string(),
  score: z.number(),
  comment: z.string(),
  scoredAt: isoDateTime,
});

export const bid = z.object({
  id: uuid,
  projectId: uuid,
  agencyId: uuid,
  agencyName: z.string(),
  proposal: z.string(),
  priceFen: z.number().int(),
  leadWorkerId: uuid,
  leadWorkerName: z.string(),
  leadLevel: credentialLevel.nullable(),
  members: z.array(z.object({ workerId: uuid, name: z.string(), credentialLevel: credentialLevel.nullable() })),
  status: bidStatus,
  submittedAt: isoDateTime,
  updatedAt: isoDateTime,
  version: z.number().int(),
  /** The panel's scores: shown to the purchasing side only (null for the bidding agency). */
  scores: z.array(bidScore).nullable(),
  averageScore: z.number().nullable(),
  myScore: z.number().nullable(),
});
export type Bid = z.infer<typeof bid>;

export const bidList = z.object({
  /** Before the deadline the purchasing side sees no bids at all; an agency always sees its own. */
  sealed: z.boolean(),
  bidDeadline: isoDateTime,
  bids: z.array(bid),
});

export const bidParams = z.object({ id: uuid, bidId: uuid }).strict();

export const scoreBidBody = z
  .object({
    /** 0–100, at most two decimals. */
    score: z.number().min(0).max(100).multipleOf(0.01),
    comment: text(2000).default(''),
  })
  .strict();

// ---- Award and contract ------------------------------------------------------------------------------------------

export const awardBody = z
  .object({
    bidId: uuid,
    amountFen: fenAmount,
    termFrom: isoDate,
    termTo: isoDate,
    quantityTerms: text(10_000).default(''),
    qualityTerms: text(10_000).default(''),
    priceTerms: text(10_000).default(''),
    settlementTerms: text(10_000).default(''),
    signedOn: isoDate,
    /** Publish the contract at once (政府采购法实施条例 第五十条: within 2 working days of signing). */
    publish: z.boolean().default(false),
    /** The project's version. */
    version,
  })
  .strict();

export const contract = z.object({
  projectId: uuid,
  bidId: uuid.nullable(),
  agencyId: uuid,
  agencyName: z.string(),
  amountFen: z.number().int(),
  termFrom: z.string(),
  termTo: z.string(),
  quantityTerms: z.string(),
  qualityTerms: z.string(),
  priceTerms: z.string(),
  settlementTerms: z.string(),
  signedOn: z.string(),
  publishedAt: isoDateTime.nullable(),
});
export type Contract = z.infer<typeof contract>;

// ---- Public disclosure -------------------------------------------------------------------------------------------

export const publicListQuery = z
  .object({ q: line(64).optional(), divisionCode: divisionCode.optional(), ...pageQuery })
  .strict();

/** An open call as the public sees it: no personal data. */
export const publicCall = z.object({
  projectCode: z.string(),
  projectTitle: z.string(),
  purchaserName: z.string(),
  budgetFen: z.number().int(),
  procurementMethod,
  serviceDivisionNames: z.array(z.string()),
  title: z.string(),
  content: z.string(),
  eligibility: z.string(),
  publishedAt: isoDateTime,
  bidDeadline: isoDateTime,
});
export const publicCallPage = paged(publicCall);

/** A published contract of a disclosed project: organizations, money and terms only. */
export const publicContract = z.object({
  projectCode: z.string(),
  projectTitle: z.string(),
  purchaserName: z.string(),
  agencyName: z.string(),
  amountFen: z.number().int(),
  termFrom: z.string(),
  termTo: z.string(),
  quantityTerms: z.string(),
  qualityTerms: z.string(),
  priceTerms: z.string(),
  settlementTerms: z.string(),
  signedOn: z.string(),
  publishedAt: isoDateTime,
});
export const publicContractPage = paged(publicContract);
