import { CE_REQUIRED_HOURS, type CredentialLevel } from '../../../../contracts/taxonomy';
import { addDays, addYears, daysBetween } from '../../platform/time';

// Calendar arithmetic lives in platform/time; re-exported for the registry's callers.
export { addDays, addYears, daysBetween } from '../../platform/time';

/*
 * Continuing-education compliance per registration period (3 years): ≥ 72 h for 助理社会工作师, ≥ 90 h for
 * 社会工作师 and 高级社会工作师. Warnings 90 and 30 days before the registration ends, and when it would end short.
 */

export interface Period {
  validFrom: string;
  validTo: string;
  status: 'active' | 'revoked';
}

export type RegistrationState = 'valid' | 'expiring' | 'expired' | 'none';
export type ComplianceWarning =
  | 'expires_in_90_days'
  | 'expires_in_30_days'
  | 'expired'
  | 'ce_shortfall'
  | 'no_registration';

/** A registration period runs three years: 2024-03-05 → 2027-03-04. */
export function registrationEnd(validFrom: string): string {
  return addDays(addYears(validFrom, 3), -1);
}

/** The period compliance is measured in: the latest active registration (a renewal registered ahead counts). */
export function currentPeriod(periods: readonly Period[]): Period | null {
  let latest: Period | null = null;
  for (const p of periods) if (p.status === 'active' && (!latest || p.validFrom > latest.validFrom)) latest = p;
  return latest;
}

export function requiredMinutes(level: CredentialLevel | null): number {
  return level ? CE_REQUIRED_HOURS[level] * 60 : 0;
}

export function registrationState(periodTo: string | null, today: string): RegistrationState {
  if (!periodTo) return 'none';
  const left = daysBetween(today, periodTo);
  if (left < 0) return 'expired';
  return left <= 90 ? 'expiring' : 'valid';
}

export interface ComplianceInput {
  level: CredentialLevel | null;
  periodFrom: string | null;
  periodTo: string | null;
  completedMinutes: number;
  today: string;
}

export function assessCompliance(input: ComplianceInput) {
  const required = requiredMinutes(input.level);
  const compliant = input.completedMinutes >= required;
  const state = registrationState(input.periodTo, input.today);
  const daysToExpiry = input.periodTo ? daysBetween(input.today, input.periodTo) : null;
  const warnings: ComplianceWarning[] = [];
  if (state === 'none') warnings.push('no_registration');
  else if (state === 'expired') warnings.push('expired');
  else if (daysToExpiry !== null && daysToExpiry <= 30) warnings.push('expires_in_30_days');
  else if (daysToExpiry !== null && daysToExpiry <= 90) warnings.push('expires_in_90_days');
  if (!compliant && (state === 'expiring' || state === 'expired')) warnings.push('ce_shortfall');
  return {
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    requiredHours: required / 60,
    completedHours: input.completedMinutes / 60,
    compliant,
    registrationState: state,
    daysToExpiry,
    warnings,
  };
}

/** CE minutes that count toward a period: records completed within it. */
export function minutesInPeriod(
  records: ReadonlyArray<{ minutes: number; completedOn: string }>,
  period: Period | null,
) {
  if (!period) return 0;
  return records
    .filter((r) => r.completedOn >= period.validFrom && r.completedOn <= period.validTo)
    .reduce((sum, r) => sum + r.minutes, 0);
}
