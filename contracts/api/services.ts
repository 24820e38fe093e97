import { z } from 'zod';
import { divisionCode, isoDateTime, line, paged, pageQuery, uuid } from './common';
import { isoDate, termCode } from './registry';

// ---- beneficiaries (服务对象) ------------------------------------------------------------------------------------

/** GB/T 26341-2010 残疾类别. */
export const DISABILITY_TYPES = [
  'visual',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'mental',
  'multiple',
] as const;
export const disabilityType = z.enum(DISABILITY_TYPES);
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const HOUSEHOLD_RELATIONS = ['self', 'spouse', 'child', 'parent', 'grandchild', 'other'] as const;
export const householdRelation = z.enum(HOUSEHOLD_RELATIONS);
export const GUARDIAN_RELATIONS = [
  'father',
  'mother',
  'grandparent',
  'sibling',
  'other_relative',
  'appointed',
] as const;

/** PIPL art. 31: the personal information of a child under 14 is handled with a guardian's consent. */
export const GUARDIAN_REQUIRED_UNDER_AGE = 14;

/** The category that needs a disability type and grade. */
export const DISABLED_PERSON_CATEGORY = 'disabled_person';

export const disability = z.object({ type: disabilityType, grade: z.number().int().min(1).max(4) }).strict();

export const guardianInput = z
  .object({
    name: line(50),
    relation: z.enum(GUARDIAN_RELATIONS),
    mobile: z.string().trim().max(20),
  })
  .strict();

export const beneficiary = z.object({
  id: uuid,
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: isoDate,
  idNumberMasked: z.string(),
  mobileMasked: z.string().nullable(),
  /** 街道/镇 only: the full address is revealed by an audited action. */
  addressMasked: z.string().nullable(),
  divisionCode: z.string(),
  divisionName: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  categories: z.array(z.string()),
  disability: disability.nullable(),
  /** From the latest assessment; null until assessed. */
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  householdId: uuid,
  householdRelation: householdRelation,
  guardian: z
    .object({ name: z.string(), relation: z.enum(GUARDIAN_RELATIONS), mobileMasked: z.string().nullable() })
    .nullable(),
  agencyId: uuid.nullable(),
  agencyName: z.string().nullable(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Beneficiary = z.infer<typeof beneficiary>;

/** 身份证号, phone numbers and the address arrive in the clear over TLS and are encrypted before they are stored. */
export const createBeneficiaryBody = z
  .object({
    name: line(50),
    idNumber: z.string().trim().max(18),
    mobile: z.string().trim().max(20).optional(),
    address: line(200).optional(),
    /** A community (社区/村) code. */
    divisionCode,
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    categories: z.array(termCode).max(20).default([]),
    disability: disability.optional(),
    /** Join an existing household (with the relation to its head), or start a new one as its head. */
    household: z.object({ id: uuid, relation: householdRelation }).strict().optional(),
    guardian: guardianInput.optional(),
    /** The serving agency; agency staff default to their own agency. */
    agencyId: uuid.optional(),
  })
  .strict();

export const updateBeneficiaryBody = z
  .object({
    version: z.number().int().min(1),
    name: line(50).optional(),
    mobile: z.string().trim().max(20).nullable().optional(),
    address: line(200).nullable().optional(),
    divisionCode: divisionCode.optional(),
    latitude: z.number().min(-90).max(90).nullable().optional(),
    longitude: z.number().min(-180).max(180).nullable().optional(),
    categories: z.array(termCode).max(20).optional(),
    disability: disability.nullable().optional(),
    guardian: guardianInput.nullable().optional(),
  })
  .strict();

export const listBeneficiariesQuery = z
  .object({
    q: line(50).optional(),
    divisionCode: divisionCode.optional(),
    category: termCode.optional(),
    riskLevel: z.enum(RISK_LEVELS).optional(),
    householdId: uuid.optional(),
    ...pageQuery,
  })
  .strict();
export const beneficiaryPage = paged(beneficiary);

export const beneficiaryRevealField = z.enum(['idNumber', 'mobile', 'address', 'guardianMobile']);
export const beneficiaryRevealBody = z.object({ field: beneficiaryRevealField, reason: line(200, 4) }).strict();
export const beneficiaryRevealResult = z.object({ field: beneficiaryRevealField, value: z.string().nullable() });

/** The bureau's exact lookup: one person by 身份证号, with a reason, audited; the answer is masked. */
export const beneficiaryLookupBody = z.object({ idNumber: z.string().trim().max(18), reason: line(200, 4) }).strict();
export const beneficiaryLookupResult = z.object({ beneficiary: beneficiary.nullable() });

export const beneficiaryStatsQuery = z.object({ divisionCode: divisionCode.optional() }).strict();
export const beneficiaryStats = z.object({
  total: z.number().int(),
  byCategory: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), count: z.number().int() })),
  /**
   * Per community. A count of 1 to SMALL_COUNT_SUPPRESSED_BELOW − 1 is null: a handful of people in one small
   * community is close to naming them (statistical disclosure control); the total still includes them.
   */
  byDivision: z.array(
    z.object({ divisionCode: z.string(), divisionName: z.string(), count: z.number().int().nullable() }),
  ),
  suppressedBelow: z.number().int(),
});
export const SMALL_COUNT_SUPPRESSED_BELOW = 5;

// ---- consents (知情同意, PIPL art. 29) -----------------------------------------------------------------------------

export const CONSENT_PURPOSES = ['service', 'sharing', 'volunteer_contact', 'photos'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const consentPurpose = z.enum(CONSENT_PURPOSES);
export const CONSENT_PURPOSE_NAMES: Record<ConsentPurpose, { zh: string; en: string }> = {
  service: { zh: '接受社工服务', en: 'receiving social-work services' },
  sharing: { zh: '向其他机构提供信息', en: 'sharing information with another agency' },
  volunteer_contact: { zh: '志愿者联系', en: 'being contacted by volunteers' },
  photos: { zh: '拍摄和使用照片', en: 'taking and using photos' },
};
/** `expired` is not stored: a given consent whose valid-until date has passed reads as expired. */
export const CONSENT_STATUSES = ['given', 'refused', 'withdrawn', 'expired'] as const;
export const consentStatus = z.enum(CONSENT_STATUSES);
export const consentGivenBy = z.enum(['self', 'guardian']);

export const consentRecord = z.object({
  id: z.string(),
  purpose: consentPurpose,
  status: consentStatus,
  givenBy: consentGivenBy,
  evidence: z.string(),
  validUntil: isoDate.nullable(),
  recordedBy: uuid,
  recordedByName: z.string(),
  recordedAt: isoDateTime,
  withdrawnAt: isoDateTime.nullable(),
  withdrawalReason: z.string().nullable(),
});

export const consentOverview = z.object({
  /** One entry per purpose: the latest decision, or `none` when never asked. */
  current: z.array(
    z.object({
      purpose: consentPurpose,
      status: z.enum([...CONSENT_STATUSES, 'none']),
      record: consentRecord.nullable(),
    }),
  ),
  /** Every decision, newest first. */
  history: z.array(consentRecord),
});

export const recordConsentBody = z
  .object({
    purpose: consentPurpose,
    decision: z.enum(['given', 'refused']),
    givenBy: consentGivenBy,
    /** Where the decision is documented (signed form number, recording reference…). */
    evidence: line(200, 2),
    validUntil: isoDate.optional(),
  })
  .strict();

export const consentPurposeParams = z.object({ id: uuid, purpose: consentPurpose }).strict();
export const withdrawConsentBody = z.object({ reason: line(200, 2) }).strict();
