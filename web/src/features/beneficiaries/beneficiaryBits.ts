import { DISABILITY_TYPES, GUARDIAN_RELATIONS, GUARDIAN_REQUIRED_UNDER_AGE } from '../../../../contracts/api/services';
import { birthDateOf, idNumberProblem } from '../../../../contracts/identifiers';
import type { Me } from '../../api/endpoints';
import { sameNamedFields } from '../../components/serverErrors';

export { DISABILITY_TYPES, GUARDIAN_RELATIONS };
export const DISABILITY_GRADES = [1, 2, 3, 4] as const;

/** The server's issue fields (without `body.`) → the fields of the register and edit forms. */
export const BENEFICIARY_FIELD_MAP = {
  ...sameNamedFields('name', 'idNumber', 'mobile', 'address', 'divisionCode', 'categories'),
  disability: ['disabilityType'],
  'disability.type': ['disabilityType'],
  'disability.grade': ['disabilityGrade'],
  guardian: ['guardianName'],
  'guardian.name': ['guardianName'],
  'guardian.relation': ['guardianRelation'],
  'guardian.mobile': ['guardianMobile'],
  'household.id': ['householdId'],
  'household.relation': ['householdRelation'],
};

/** Whole years of age today (Shanghai calendar) for a birth date `YYYY-MM-DD`. */
export function ageOf(birthDate: string, now: Date = new Date()): number {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * PIPL art. 31: a child under 14 is registered with a guardian. Read from a valid 身份证号 as it is typed, so that the
 * guardian fields appear (and become required) at once; the server checks it again.
 */
export function guardianRequiredFor(idNumber: string | undefined): boolean {
  const value = idNumber?.trim().toUpperCase();
  if (!value || idNumberProblem(value)) return false;
  const birth = birthDateOf(value);
  return birth ? ageOf(birth.toISOString().slice(0, 10)) < GUARDIAN_REQUIRED_UNDER_AGE : false;
}

/** Agency staff and community staff browse (each their own scope); the bureau gets statistics and the lookup. */
export function isBeneficiaryBrowser(me: Me): boolean {
  return me.roles.some((r) => r === 'agency_manager' || r === 'social_worker' || r === 'community_staff');
}

/** Where the detail page's back button returns to: the list with its filters. */
export interface BeneficiaryLinkState {
  back?: string;
}
