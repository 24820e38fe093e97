import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessCompliance,
  currentPeriod,
  daysBetween,
  minutesInPeriod,
  registrationEnd,
  registrationState,
} from './compliance';

describe('registration periods', () => {
  it('run three years to the day before', () => {
    expect(registrationEnd('2024-03-05')).toBe('2027-03-04');
    expect(registrationEnd('2024-02-29')).toBe('2027-02-28');
  });

  it('the latest active registration is current; revoked ones are ignored', () => {
    const periods = [
      { validFrom: '2018-01-01', validTo: '2020-12-31', status: 'active' as const },
      { validFrom: '2021-01-01', validTo: '2023-12-31', status: 'active' as const },
      { validFrom: '2024-01-01', validTo: '2026-12-31', status: 'revoked' as const },
    ];
    expect(currentPeriod(periods)?.validFrom).toBe('2021-01-01');
    expect(currentPeriod([])).toBeNull();
  });

  it('states: valid, expiring within 90 days, expired, none', () => {
    expect(registrationState('2027-03-04', '2026-11-29')).toBe('valid');
    expect(registrationState('2027-02-27', '2026-11-29')).toBe('expiring');
    expect(registrationState('2026-11-28', '2026-11-29')).toBe('expired');
    expect(registrationState(null, '2026-11-29')).toBe('none');
  });
});

describe('CE compliance', () => {
  const base = { level: 'assistant' as const, periodFrom: '2024-01-01', periodTo: '2026-12-31', today: '2026-11-29' };

  it('needs 72 h for assistants and 90 h for the others', () => {
    expect(assessCompliance({ ...base, completedMinutes: 72 * 60 }).compliant).toBe(true);
    expect(assessCompliance({ ...base, completedMinutes: 72 * 60 - 30 }).compliant).toBe(false);
    expect(assessCompliance({ ...base, level: 'intermediate', completedMinutes: 72 * 60 }).compliant).toBe(false);
    expect(assessCompliance({ ...base, level: 'senior', completedMinutes: 90 * 60 }).requiredHours).toBe(90);
  });

  it('warns 90 and 30 days ahead, and about a shortfall when the end is near', () => {
    expect(assessCompliance({ ...base, completedMinutes: 0 }).warnings).toEqual(['expires_in_90_days', 'ce_shortfall']);
    expect(assessCompliance({ ...base, today: '2026-12-15', completedMinutes: 99 * 60 }).warnings).toEqual([
      'expires_in_30_days',
    ]);
    expect(assessCompliance({ ...base, today: '2026-01-01', completedMinutes: 0 }).warnings).toEqual([]);
    expect(assessCompliance({ ...base, today: '2027-01-01', completedMinutes: 0 }).warnings).toEqual([
      'expired',
      'ce_shortfall',
    ]);
    expect(assessCompliance({ ...base, periodFrom: null, periodTo: null, completedMinutes: 0 }).warnings).toEqual([
      'no_registration',
    ]);
  });

  it('counts exactly the records inside the period (property)', () => {
    const period = { validFrom: '2024-01-01', validTo: '2026-12-31', status: 'active' as const };
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ minutes: fc.integer({ min: 30, max: 2400 }), offset: fc.integer({ min: -400, max: 1500 }) }),
        ),
        (rows) => {
          const records = rows.map((r) => ({
            minutes: r.minutes,
            completedOn: new Date(Date.UTC(2024, 0, 1) + r.offset * 86_400_000).toISOString().slice(0, 10),
          }));
          const inside = records.filter(
            (r) => daysBetween(period.validFrom, r.completedOn) >= 0 && daysBetween(r.completedOn, period.validTo) >= 0,
          );
          expect(minutesInPeriod(records, period)).toBe(inside.reduce((s, r) => s + r.minutes, 0));
        },
      ),
    );
  });
});
