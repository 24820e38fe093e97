import { z } from 'zod';
import { PHOTO_CONTENT_TYPES } from '../photos';
import { AGENCY_RATINGS, CREDENTIAL_LEVELS, LEGAL_FORMS } from '../taxonomy';
import { divisionCode, isoDateTime, line, paged, pageQuery, text, uuid } from './common';
import { organization, organizationKind } from './identity';

/** Calendar date `YYYY-MM-DD` that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date.format' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: 'date.format' },
  );

export const termCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'taxonomy.code_format' });

export const credentialLevel = z.enum(CREDENTIAL_LEVELS);
export const availability = z.enum(['available', 'limited', 'unavailable']);
export const registrationState = z.enum(['valid', 'expiring', 'expired', 'none']);

export const taxonomyScheme = z.enum(['specialty', 'language', 'skill', 'beneficiary_category']);
export const taxonomyTerm = z.object({
  scheme: taxonomyScheme,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  sortOrder: z.number().int(),
  active: z.boolean(),
});
export const taxonomyList = z.object({ items: z.array(taxonomyTerm) });
export const upsertTermBody = z
  .object({
    nameZh: line(40),
    nameEn: line(60),
    sortOrder: z.number().int().min(0).max(10_000).default(0),
    active: z.boolean().default(true),
  })
  .strict();

// ---- social workers --------------------------------------------------------------------------------------------

export const ceCompliance = z.object({
  periodFrom: isoDate.nullable(),
  periodTo: isoDate.nullable(),
  requiredHours: z.number(),
  completedHours: z.number(),
  compliant: z.boolean(),
  registrationState,
  /** Days until the current registration ends (negative once expired); null without one. */
  daysToExpiry: z.number().int().nullable(),
  warnings: z.array(z.enum(['expires_in_90_days', 'expires_in_30_days', 'expired', 'ce_shortfall', 'no_registration'])),
});

export const workerSummary = z.object({
  id: uuid,
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: isoDate,
  idNumberMasked: z.string(),
  mobileMasked: z.string().nullable(),
  agencyId: uuid.nullable(),
  agencyName: z.string().nullable(),
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  specialties: z.array(z.string()),
  languages: z.array(z.string()),
  availability,
  credentialLevel: credentialLevel.nullable(),
  compliance: ceCompliance,
  version: z.number().int(),
});
export type WorkerSummary = z.infer<typeof workerSummary>;

export const workerCredential = z.object({
  level: credentialLevel,
  certificateNo: z.string(),
  issuedOn: isoDate,
  verificationStatus: z.enum(['unverified', 'verified', 'rejected']),
  verifiedAt: isoDateTime.nullable(),
});

export const workerRegistration = z.object({
  id: uuid,
  validFrom: isoDate,
  validTo: isoDate,
  status: z.enum(['active', 'revoked']),
});

export const ceRecord = z.object({
  id: uuid,
  course: z.string(),
  provider: z.string(),
  hours: z.number(),
  completedOn: isoDate,
  evidence: z.string(),
  createdAt: isoDateTime,
});

export const employment = z.object({
  id: uuid,
  agencyId: uuid,
  agencyName: z.string(),
  role: z.string(),
  startedOn: isoDate,
  endedOn: isoDate.nullable(),
  endReason: z.string().nullable(),
});

export const workerDetail = workerSummary.extend({
  notes: z.string(),
  userId: uuid.nullable(),
  credential: workerCredential.nullable(),
  registrations: z.array(workerRegistration),
  ceRecords: z.array(ceRecord),
  employment: z.array(employment),
  /** The photo itself is at GET /api/workers/:id/photo. */
  hasPhoto: z.boolean(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type WorkerDetail = z.infer<typeof workerDetail>;

/** 身份证号 and mobile arrive in the clear over TLS and are encrypted before they are stored. */
export const createWorkerBody = z
  .object({
    name: line(50),
    idNumber: z.string().trim().max(18),
    mobile: z.string().trim().max(20).optional(),
    agencyId: uuid.optional(),
    divisionCode: divisionCode.optional(),
    specialties: z.array(termCode).max(10).default([]),
    languages: z.array(termCode).max(10).default([]),
    availability: availability.default('available'),
    notes: text(1000).default(''),
    credential: z
      .object({ level: credentialLevel, certificateNo: line(40, 4), issuedOn: isoDate })
      .strict()
      .optional(),
  })
  .strict();

export const updateWorkerBody = z
  .object({
    version: z.number().int().min(1),
    name: line(50).optional(),
    mobile: z.string().trim().max(20).nullable().optional(),
    divisionCode: divisionCode.nullable().optional(),
    specialties: z.array(termCode).max(10).optional(),
    languages: z.array(termCode).max(10).optional(),
    availability: availability.optional(),
    notes: text(1000).optional(),
  })
  .strict();

export const revealBody = z.object({ field: z.enum(['idNumber', 'mobile']), reason: line(200, 4) }).strict();
export const revealResult = z.object({ field: z.enum(['idNumber', 'mobile']), value: z.string().nullable() });

export const addRegistrationBody = z.object({ validFrom: isoDate }).strict();
export const addCeRecordBody = z
  .object({
    course: line(100),
    provider: line(100),
    /** Hours in steps of half an hour. */
    hours: z.number().positive().max(100).multipleOf(0.5),
    completedOn: isoDate,
    evidence: text(500).default(''),
  })
  .strict();
export const verifyBody = z
  .object({ decision: z.enum(['verified', 'rejected']), note: text(500).default('') })
  .strict();

export const workerSearchQuery = z
  .object({
    q: line(64).optional(),
    level: credentialLevel.optional(),
    specialty: termCode.optional(),
    language: termCode.optional(),
    agencyId: uuid.optional(),
    divisionCode: divisionCode.optional(),
    compliance: z.enum(['compliant', 'shortfall']).optional(),
    registration: registrationState.optional(),
    availability: availability.optional(),
    sort: z.enum(['name', 'level', 'periodTo', 'ceHours', 'updatedAt']).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    ...pageQuery,
  })
  .strict();
/** `total` stops at 10,000; `totalCapped` says there are more (the console shows "10,000+"). */
export const workerPage = paged(workerSummary).extend({ totalCapped: z.boolean() });

export const workerDistribution = z.object({
  byStreet: z.array(z.object({ divisionCode: z.string(), divisionName: z.string(), count: z.number().int() })),
  byLevel: z.array(z.object({ level: credentialLevel.nullable(), count: z.number().int() })),
  total: z.number().int(),
});

// ---- organization profiles -------------------------------------------------------------------------------------

export const organizationProfile = z.object({
  department: z.string().nullable(),
  creditCode: z.string().nullable(),
  legalForm: z.enum(LEGAL_FORMS).nullable(),
  registeredOn: isoDate.nullable(),
  registrationAuthority: z.string().nullable(),
  rating: z.enum(AGENCY_RATINGS).nullable(),
  ratedOn: isoDate.nullable(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  serviceFields: z.array(z.string()),
  serviceDivisionCodes: z.array(z.string()),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  verificationStatus: z.enum(['unverified', 'verified', 'rejected']),
});

const optionalLine = (max: number) => line(max).nullable().optional();

/** Profile fields an organization carries; agencies and evaluators need a 统一社会信用代码. */
export const organizationProfileInput = z.object({
  department: optionalLine(100),
  creditCode: z.string().trim().max(18).nullable().optional(),
  legalForm: z.enum(LEGAL_FORMS).nullable().optional(),
  registeredOn: isoDate.nullable().optional(),
  registrationAuthority: optionalLine(100),
  rating: z.enum(AGENCY_RATINGS).nullable().optional(),
  ratedOn: isoDate.nullable().optional(),
  address: optionalLine(200),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  serviceFields: z.array(termCode).max(20).optional(),
  serviceDivisionCodes: z.array(divisionCode).max(200).optional(),
  contactName: optionalLine(50),
  contactPhone: z.string().trim().max(20).nullable().optional(),
});

export const createOrganizationWithProfileBody = z
  .object({ name: line(100, 2), kind: organizationKind, divisionCode })
  .extend(organizationProfileInput.shape)
  .strict();

export const updateOrganizationBody = organizationProfileInput
  .extend({ version: z.number().int().min(1), name: line(100, 2).optional() })
  .strict();

export const organizationStatusBody = z
  .object({ status: z.enum(['active', 'suspended', 'deregistered']), reason: line(200, 2) })
  .strict();

export const organizationDetail = organization.extend(organizationProfile.shape).extend({
  verifiedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
});
export type OrganizationDetail = z.infer<typeof organizationDetail>;

// ---- residents and volunteers ----------------------------------------------------------------------------------

export const resident = z.object({
  id: uuid,
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: isoDate,
  idNumberMasked: z.string(),
  mobileMasked: z.string().nullable(),
  divisionCode: z.string(),
  divisionName: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  skills: z.array(z.string()),
  isVolunteer: z.boolean(),
  volunteerNo: z.string().nullable(),
  contactConsent: z.boolean(),
  /** When consent was last given or withdrawn (null: never asked). */
  contactConsentAt: isoDateTime.nullable(),
  notes: z.string(),
  version: z.number().int(),
  createdAt: isoDateTime,
});
export type Resident = z.infer<typeof resident>;

export const createResidentBody = z
  .object({
    name: line(50),
    idNumber: z.string().trim().max(18),
    mobile: z.string().trim().max(20).optional(),
    divisionCode,
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    skills: z.array(termCode).max(20).default([]),
    isVolunteer: z.boolean().default(true),
    contactConsent: z.boolean().default(false),
    notes: text(1000).default(''),
  })
  .strict();

export const updateResidentBody = z
  .object({
    version: z.number().int().min(1),
    name: line(50).optional(),
    mobile: z.string().trim().max(20).nullable().optional(),
    divisionCode: divisionCode.optional(),
    latitude: z.number().min(-90).max(90).nullable().optional(),
    longitude: z.number().min(-180).max(180).nullable().optional(),
    skills: z.array(termCode).max(20).optional(),
    isVolunteer: z.boolean().optional(),
    contactConsent: z.boolean().optional(),
    notes: text(1000).optional(),
  })
  .strict();

export const listResidentsQuery = z
  .object({
    q: line(50).optional(),
    divisionCode: divisionCode.optional(),
    skill: termCode.optional(),
    volunteer: z.enum(['true', 'false']).optional(),
    consent: z.enum(['true', 'false']).optional(),
    ...pageQuery,
  })
  .strict();
export const residentPage = paged(resident);

/** What a bulk import can bring in. */
export const IMPORT_KINDS = ['workers', 'agencies', 'ce_records', 'volunteers'] as const;
export const importKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof importKind>;

export const importJob = z.object({
  id: uuid,
  kind: importKind,
  status: z.enum(['validating', 'validated', 'importing', 'completed', 'failed']),
  mode: z.enum(['all_or_nothing', 'valid_rows_only']).nullable(),
  fileName: z.string(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  importedRows: z.number().int(),
  /** The first 200 problems; the full list is in the downloadable report. */
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), code: z.string(), message: z.string() })),
  errorsTruncated: z.boolean(),
  failure: z.string().nullable(),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
export type ImportJob = z.infer<typeof importJob>;

export const setCredentialBody = z
  .object({ level: credentialLevel, certificateNo: line(40, 4), issuedOn: isoDate })
  .strict();

// ---- employment changes and the worker's photo -----------------------------------------------------------------

/** 结束聘用: the open employment ends on `endedOn` for the stated reason. */
export const endEmploymentBody = z
  .object({ endedOn: isoDate, reason: line(200), version: z.number().int().min(1) })
  .strict();

/** 调动机构 (bureau): the current employment ends the day before `startedOn`; a new one starts at `agencyId`. */
export const transferEmploymentBody = z
  .object({ agencyId: uuid, role: line(50), startedOn: isoDate, version: z.number().int().min(1) })
  .strict();

/** 聘用已登记社工: an agency takes on a worker already in the registry, found by 身份证号. */
export const hireWorkerBody = z
  .object({
    idNumber: z.string().trim().max(18),
    role: line(50),
    startedOn: isoDate,
    /** Bureau admins name the agency; an agency manager hires into their own. */
    agencyId: uuid.optional(),
  })
  .strict();

export const workerPhotoInfo = z.object({
  contentType: z.enum(PHOTO_CONTENT_TYPES),
  byteSize: z.number().int(),
  updatedAt: isoDateTime,
});
export type WorkerPhotoInfo = z.infer<typeof workerPhotoInfo>;

/**
 * The social workers of an agency as its own staff need them to assign work (case worker, supervisor, session
 * workers): names and credential level only, and whether they can sign in (only they can write or review records).
 */
export const colleaguesQuery = z.object({ agencyId: z.uuid() }).strict();
export const colleague = z.object({
  id: z.uuid(),
  name: z.string(),
  credentialLevel: credentialLevel.nullable(),
  hasAccount: z.boolean(),
});
export const colleagueList = z.array(colleague);
