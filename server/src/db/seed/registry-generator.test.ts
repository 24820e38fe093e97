import { describe, expect, it } from 'vitest';
import {
  birthDateOf,
  creditCodeProblem,
  genderOf,
  idNumberProblem,
  normalizeMobile,
} from '../../../../contracts/identifiers';
import { CE_REQUIRED_HOURS, LANGUAGES, SKILLS, SPECIALTIES } from '../../../../contracts/taxonomy';
import { loadReferenceDivisions } from '../../modules/divisions/division.data';
import { type GeneratedRegistry, type GeneratorOptions, generateRegistry, type Worker } from './registry-generator';

const divisions = loadReferenceDivisions();
// 04:00 UTC is noon in China: the same calendar date in both, so the test's "today" needs no time-zone care.
const TODAY = new Date('2026-11-29T04:00:00Z');
const today = '2026-11-29';
const base: GeneratorOptions = { seed: 20261129, today: TODAY, divisions };
const registry = generateRegistry(base);

const codes = new Map(divisions.map((d) => [d.code, d.level]));
const specialtyCodes = new Set(SPECIALTIES.map((t) => t.code));
const languageCodes = new Set(LANGUAGES.map((t) => t.code));
const skillCodes = new Set(SKILLS.map((t) => t.code));

// Date helpers with the semantics of modules/registry/compliance.ts (kept local so this test stands alone).
const DAY_MS = 86_400_000;
const parse = (date: string) => Date.parse(`${date}T00:00:00Z`);
const addDays = (date: string, days: number) => new Date(parse(date) + days * DAY_MS).toISOString().slice(0, 10);
const registrationEnd = (validFrom: string) => {
  const d = new Date(parse(validFrom));
  d.setUTCFullYear(d.getUTCFullYear() + 3);
  return addDays(d.toISOString().slice(0, 10), -1);
};
const daysBetween = (from: string, to: string) => Math.round((parse(to) - parse(from)) / DAY_MS);
const ageOn = (birth: string, on: string) =>
  Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);

function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / items.length;
}

function expectUnique(values: readonly string[], what: string) {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const v of values) {
    if (seen.has(v)) duplicates.push(v);
    seen.add(v);
  }
  expect(duplicates, `duplicate ${what}`).toEqual([]);
}

function lastPeriod(w: Worker) {
  const p = w.registrations[w.registrations.length - 1];
  if (!p) throw new Error(`${w.key} has no registration`);
  return p;
}

/** Share of workers with a current registration whose CE hours are behind the elapsed share of their period. */
function ceShortfallShare(workers: readonly Worker[]): number {
  let current = 0;
  let short = 0;
  for (const w of workers) {
    const p = lastPeriod(w);
    if (p.validTo < today) continue;
    current++;
    const elapsed = (daysBetween(p.validFrom, today) + 1) / (daysBetween(p.validFrom, p.validTo) + 1);
    const minutes = w.ceRecords
      .filter((r) => r.completedOn >= p.validFrom && r.completedOn <= p.validTo)
      .reduce((sum, r) => sum + r.minutes, 0);
    if (minutes < CE_REQUIRED_HOURS[w.credential.level] * 60 * elapsed) short++;
  }
  return short / current;
}

describe('registry generator: determinism and counts', () => {
  it('gives identical output for the same seed and different output for another', () => {
    const again = generateRegistry(base);
    expect(again).toEqual(registry);
    expect(JSON.stringify(again)).toBe(JSON.stringify(registry));
    const other = generateRegistry({ ...base, seed: base.seed + 1 });
    expect(other.workers.map((w) => w.idNumber)).not.toEqual(registry.workers.map((w) => w.idNumber));
    expect(other.agencies.map((a) => a.creditCode)).not.toEqual(registry.agencies.map((a) => a.creditCode));
  });

  it('keeps sections independent: fewer volunteers leave the workers unchanged', () => {
    const smaller = generateRegistry({ ...base, volunteers: 10 });
    expect(smaller.workers).toEqual(registry.workers);
    expect(smaller.agencies).toEqual(registry.agencies);
    expect(smaller.volunteers).toHaveLength(10);
  });

  it('has the default counts and honours the requested ones', () => {
    expect(registry.purchasers).toHaveLength(100);
    expect(registry.agencies).toHaveLength(60);
    expect(registry.workers).toHaveLength(1360);
    expect(registry.volunteers).toHaveLength(3000);
    const small = generateRegistry({ ...base, purchasers: 7, agencies: 3, workers: 25, volunteers: 11 });
    expect([small.purchasers, small.agencies, small.workers, small.volunteers].map((l) => l.length)).toEqual([
      7, 3, 25, 11,
    ]);
    const empty = generateRegistry({ ...base, purchasers: 0, agencies: 0, workers: 5, volunteers: 0 });
    expect(empty.workers.every((w) => w.agencyKey === null && w.employment.length === 0)).toBe(true);
  });

  it('rejects impossible options', () => {
    expect(() => generateRegistry({ ...base, workers: -1 })).toThrow(RangeError);
    expect(() => generateRegistry({ ...base, agencies: 1.5 })).toThrow(RangeError);
    expect(() => generateRegistry({ ...base, today: new Date('invalid') })).toThrow(RangeError);
    expect(() => generateRegistry({ ...base, divisions: divisions.filter((d) => d.level !== 'district') })).toThrow(
      /no district/,
    );
  });
});

describe('registry generator: identifiers', () => {
  it('every 身份证号 validates, matches birth date and gender, and is unique across workers and volunteers', () => {
    const people = [...registry.workers, ...registry.volunteers];
    for (const p of people) {
      expect(idNumberProblem(p.idNumber, TODAY), p.idNumber).toBeNull();
      expect(genderOf(p.idNumber), p.key).toBe(p.gender);
      expect(birthDateOf(p.idNumber)?.toISOString().slice(0, 10), p.key).toBe(p.birthDate);
    }
    expectUnique(
      people.map((p) => p.idNumber),
      'ID numbers',
    );
    // Mostly 佛山 numbers, some from elsewhere in 广东 and from other provinces.
    expect(share(registry.workers, (w) => w.idNumber.startsWith('4406'))).toBeGreaterThan(0.4);
    expect(share(registry.workers, (w) => !w.idNumber.startsWith('44'))).toBeGreaterThan(0.1);
  });

  it('every 统一社会信用代码 validates, is unique and encodes 民政, the legal form and 440604', () => {
    const typeChar = { social_group: '1', private_non_enterprise: '2', foundation: '3' } as const;
    for (const a of registry.agencies) {
      expect(creditCodeProblem(a.creditCode), a.creditCode).toBeNull();
      expect(a.creditCode).toMatch(/^5[123]440604[0-9A-HJ-NPQRTUWXY]{10}$/);
      expect(a.creditCode[1], a.key).toBe(typeChar[a.legalForm]);
    }
    expectUnique(
      registry.agencies.map((a) => a.creditCode),
      'credit codes',
    );
  });

  it('mobiles are valid 13x/15x/18x/19x numbers, unique across workers, volunteers and agency contacts', () => {
    const mobiles = [
      ...registry.workers.map((w) => w.mobile),
      ...registry.volunteers.map((v) => v.mobile),
      ...registry.agencies.map((a) => a.contactMobile),
    ];
    for (const m of mobiles) {
      expect(normalizeMobile(m), m).toBe(m);
      expect(m).toMatch(/^1[3589]\d{9}$/);
    }
    expectUnique(mobiles, 'mobiles');
  });

  it('keys, account names, certificate and volunteer numbers, agency names are unique and well-formed', () => {
    const r = registry;
    expectUnique(
      [...r.purchasers, ...r.agencies, ...r.workers, ...r.volunteers].map((x) => x.key),
      'keys',
    );
    expectUnique(
      r.purchasers.map((p) => p.accountUsername),
      'account usernames',
    );
    expectUnique(
      r.purchasers.map((p) => p.name),
      'purchaser names',
    );
    expectUnique(
      r.agencies.map((a) => a.name),
      'agency names',
    );
    expectUnique(
      r.workers.map((w) => w.credential.certificateNo),
      'certificate numbers',
    );
    expectUnique(
      r.volunteers.map((v) => v.volunteerNo),
      'volunteer numbers',
    );
    for (const p of r.purchasers) {
      expect(p.accountUsername).toMatch(/^[a-z0-9.-]{3,64}$/);
      expect(p.name.endsWith('（示例）')).toBe(true);
      expect(p.accountDisplayName.endsWith('（示例）')).toBe(true);
    }
    for (const a of r.agencies) expect(a.name).toMatch(/^佛山市禅城区.+（示例）$/);
    for (const w of r.workers) {
      const prefix = { assistant: 'ZL', intermediate: 'ZJ', senior: 'GJ' }[w.credential.level];
      expect(w.credential.certificateNo).toBe(
        `${prefix}${w.credential.issuedOn.slice(0, 4)}${w.credential.certificateNo.slice(-6)}`,
      );
      expect(w.credential.certificateNo).toMatch(/^(ZL|ZJ|GJ)\d{10}$/);
    }
    for (const v of r.volunteers) expect(v.volunteerNo).toMatch(/^V440604-\d{6}$/);
  });
});

describe('registry generator: divisions', () => {
  it('uses only codes of the given division list, at the right level', () => {
    for (const p of registry.purchasers) expect(codes.get(p.divisionCode), p.key).toBe(p.level);
    for (const a of registry.agencies) {
      expect(codes.get(a.divisionCode), a.key).toBe('community');
      for (const c of a.serviceDivisionCodes) expect(['street', 'district']).toContain(codes.get(c));
    }
    for (const w of registry.workers) expect(['street', 'community']).toContain(codes.get(w.divisionCode));
    for (const v of registry.volunteers) expect(codes.get(v.divisionCode), v.key).toBe('community');
  });

  it('has district units and units of each of the four streets among the purchasers', () => {
    const levels = new Set(registry.purchasers.map((p) => p.divisionCode));
    expect([...levels].sort()).toEqual(['440604', '440604010', '440604011', '440604012', '440604100']);
    expect(registry.purchasers.some((p) => p.name === '佛山市禅城区民政局社会事务科（示例）')).toBe(true);
    // More units than the catalogue: further project teams, still unique.
    const many = generateRegistry({ ...base, purchasers: 130, agencies: 0, workers: 0, volunteers: 0 }).purchasers;
    expect(many).toHaveLength(130);
    expectUnique(
      many.map((p) => p.accountUsername),
      'account usernames',
    );
    expect(many.some((p) => p.accountUsername.endsWith('-02'))).toBe(true);
  });

  it('stays inside a smaller division list (the generator reads no file itself)', () => {
    const zumiao = divisions.filter(
      (d) => d.level === 'district' || d.code === '440604012' || d.code.startsWith('44060401200'),
    );
    const allowed = new Set(zumiao.map((d) => d.code));
    const r = generateRegistry({ ...base, divisions: zumiao, workers: 200, volunteers: 200 });
    const used = [
      ...r.purchasers.map((p) => p.divisionCode),
      ...r.agencies.flatMap((a) => [a.divisionCode, ...a.serviceDivisionCodes]),
      ...r.workers.map((w) => w.divisionCode),
      ...r.volunteers.map((v) => v.divisionCode),
    ];
    expect(used.filter((c) => !allowed.has(c))).toEqual([]);
  });

  it('places agencies and volunteers around 禅城, volunteers only approximately', () => {
    const inBox = (lat: number, lng: number) => lat >= 22.97 && lat <= 23.07 && lng >= 113.03 && lng <= 113.15;
    for (const a of registry.agencies) expect(inBox(a.latitude, a.longitude), a.key).toBe(true);
    for (const v of registry.volunteers) {
      expect(inBox(v.latitude, v.longitude), v.key).toBe(true);
      expect(Math.round(v.latitude * 1000) / 1000).toBe(v.latitude);
      expect(Math.round(v.longitude * 1000) / 1000).toBe(v.longitude);
    }
  });
});

describe('registry generator: agencies', () => {
  it('registered 2008–2024 by 禅城区民政局, rated after registration and not in the future', () => {
    for (const a of registry.agencies) {
      expect(a.registeredOn >= '2008-01-01' && a.registeredOn <= '2024-12-31', a.registeredOn).toBe(true);
      expect(a.registrationAuthority).toBe('佛山市禅城区民政局');
      expect(a.rating === null).toBe(a.ratedOn === null);
      if (a.ratedOn) {
        expect(a.ratedOn > a.registeredOn).toBe(true);
        expect(a.ratedOn <= today).toBe(true);
      }
      expect(a.serviceFields.length).toBeGreaterThan(0);
      for (const f of a.serviceFields) expect(specialtyCodes.has(f), f).toBe(true);
      expect(a.address).toMatch(/^广东省佛山市禅城区.+号/);
    }
    const rated = registry.agencies.filter((a) => a.rating !== null);
    expect(rated.length / registry.agencies.length).toBeGreaterThan(0.55);
    expect(rated.length / registry.agencies.length).toBeLessThan(0.85);
    expect(share(rated, (a) => a.rating === '3A' || a.rating === '4A')).toBeGreaterThan(0.6);
    expect(share(rated, (a) => a.rating === '5A')).toBeLessThan(0.2);
  });

  it('a few are suspended or deregistered', () => {
    const status = (s: string) => registry.agencies.filter((a) => a.status === s).length;
    expect(status('suspended')).toBe(3);
    expect(status('deregistered')).toBe(2);
  });
});

describe('registry generator: workers', () => {
  const workers = registry.workers;
  const agencies = new Map(registry.agencies.map((a) => [a.key, a]));

  it('are 22–60 years old, mostly women, speak Mandarin and mostly Cantonese', () => {
    for (const w of workers) {
      const age = ageOn(w.birthDate, today);
      expect(age >= 22 && age <= 60, `${w.key} aged ${age}`).toBe(true);
      expect(w.languages[0]).toBe('mandarin');
      for (const l of w.languages) expect(languageCodes.has(l), l).toBe(true);
      expect(w.specialties.length >= 1 && w.specialties.length <= 3).toBe(true);
      for (const s of w.specialties) expect(specialtyCodes.has(s), s).toBe(true);
      expect(new Set(w.specialties).size).toBe(w.specialties.length);
      expect(w.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    }
    expect(share(workers, (w) => w.gender === 'female')).toBeGreaterThan(0.7);
    expect(share(workers, (w) => w.gender === 'female')).toBeLessThan(0.8);
    expect(share(workers, (w) => w.languages.includes('cantonese'))).toBeGreaterThan(0.72);
    expect(share(workers, (w) => w.languages.includes('cantonese'))).toBeLessThan(0.88);
    expect(share(workers, (w) => w.notes !== '')).toBeGreaterThan(0.1);
  });

  it('credential levels are about 62 / 33 / 5 %', () => {
    const level = (l: string) => share(workers, (w) => w.credential.level === l);
    expect(Math.abs(level('assistant') - 0.62)).toBeLessThan(0.04);
    expect(Math.abs(level('intermediate') - 0.33)).toBeLessThan(0.04);
    expect(Math.abs(level('senior') - 0.05)).toBeLessThan(0.02);
    // Certificates are issued after the examinations began, to adults; senior ones only since 2019.
    for (const w of workers) {
      expect(w.credential.issuedOn >= '2008-01-01' && w.credential.issuedOn <= today).toBe(true);
      expect(ageOn(w.birthDate, w.credential.issuedOn)).toBeGreaterThanOrEqual(21);
      if (w.credential.level === 'senior') expect(w.credential.issuedOn >= '2019-01-01').toBe(true);
    }
  });

  it('registrations are consecutive 3-year periods from the issue date, the last current or recently expired', () => {
    for (const w of workers) {
      expect(w.registrations[0]?.validFrom, w.key).toBe(w.credential.issuedOn);
      w.registrations.forEach((p, i) => {
        expect(p.validFrom < p.validTo).toBe(true);
        expect(p.validTo, w.key).toBe(registrationEnd(p.validFrom));
        const next = w.registrations[i + 1];
        if (next) expect(next.validFrom).toBe(addDays(p.validTo, 1));
      });
      const last = lastPeriod(w);
      expect(last.validFrom <= today).toBe(true);
      expect(daysBetween(today, last.validTo)).toBeGreaterThanOrEqual(-150);
    }
    const left = workers.map((w) => daysBetween(today, lastPeriod(w).validTo));
    const within30 = left.filter((d) => d >= 0 && d <= 30).length;
    const within90 = left.filter((d) => d >= 0 && d <= 90).length;
    const expired = left.filter((d) => d < 0).length;
    expect(within30).toBeGreaterThan(0);
    expect(within90 - within30).toBeGreaterThan(0);
    expect(within30 / workers.length).toBeGreaterThan(0.005);
    expect(within30 / workers.length).toBeLessThan(0.04);
    expect(within90 / workers.length).toBeGreaterThan(0.02);
    expect(within90 / workers.length).toBeLessThan(0.09);
    expect(expired / workers.length).toBeLessThan(0.03);
  });

  it('CE records lie within the registration periods, are not in the future and last 2–40 hours', () => {
    for (const w of workers) {
      for (const r of w.ceRecords) {
        expect(r.completedOn <= today, w.key).toBe(true);
        expect(w.registrations.some((p) => r.completedOn >= p.validFrom && r.completedOn <= p.validTo)).toBe(true);
        expect(r.minutes % 30).toBe(0);
        expect(r.minutes >= 120 && r.minutes <= 2400, String(r.minutes)).toBe(true);
        expect(r.course.length).toBeGreaterThan(0);
        expect(r.provider.endsWith('（示例）')).toBe(true);
      }
      const dates = w.ceRecords.map((r) => r.completedOn);
      expect(dates).toEqual([...dates].sort());
    }
  });

  it('about a fifth are behind on CE hours for the elapsed part of their current period', () => {
    const short = ceShortfallShare(workers);
    expect(short).toBeGreaterThan(0.12);
    expect(short).toBeLessThan(0.3);
  });

  it('employment is in order, after the agency was registered, the current job last; ~4 % between jobs', () => {
    for (const w of workers) {
      let previousEnd = '';
      w.employment.forEach((e, i) => {
        const agency = agencies.get(e.agencyKey);
        expect(agency, e.agencyKey).toBeDefined();
        expect(e.startedOn > (agency?.registeredOn ?? '')).toBe(true);
        expect(e.startedOn > previousEnd).toBe(true);
        expect(e.startedOn <= today).toBe(true);
        if (e.endedOn !== null) {
          expect(e.endedOn > e.startedOn).toBe(true);
          expect(e.endedOn <= today).toBe(true);
          previousEnd = e.endedOn;
        } else expect(i).toBe(w.employment.length - 1);
        expect(e.role.length).toBeGreaterThan(0);
      });
      const last = w.employment[w.employment.length - 1];
      if (w.agencyKey !== null) {
        expect(last?.agencyKey).toBe(w.agencyKey);
        expect(last?.endedOn).toBeNull();
        expect(agencies.get(w.agencyKey)?.status).not.toBe('deregistered');
      } else if (last) expect(last.endedOn).not.toBeNull();
    }
    const unattached = share(workers, (w) => w.agencyKey === null);
    expect(unattached).toBeGreaterThan(0.02);
    expect(unattached).toBeLessThan(0.07);
  });
});

describe('registry generator: volunteers', () => {
  const volunteers = registry.volunteers;

  it('are 16–80, with 0–3 known skills, mostly consenting and mostly volunteers', () => {
    for (const v of volunteers) {
      const age = ageOn(v.birthDate, today);
      expect(age >= 16 && age <= 80, `${v.key} aged ${age}`).toBe(true);
      expect(v.skills.length).toBeLessThanOrEqual(3);
      expect(new Set(v.skills).size).toBe(v.skills.length);
      for (const s of v.skills) expect(skillCodes.has(s), s).toBe(true);
    }
    expect(Math.abs(share(volunteers, (v) => v.contactConsent) - 0.85)).toBeLessThan(0.04);
    expect(Math.abs(share(volunteers, (v) => v.isVolunteer) - 0.8)).toBeLessThan(0.04);
  });
});

describe('registry generator: scale', () => {
  it('generates 100,000 workers', { timeout: 180_000 }, () => {
    const started = performance.now();
    const big: GeneratedRegistry = generateRegistry({ ...base, seed: 7, workers: 100_000 });
    const ms = performance.now() - started;
    const ceRecords = big.workers.reduce((sum, w) => sum + w.ceRecords.length, 0);
    console.log(`registry generator: 100,000 workers (${ceRecords} CE records) in ${Math.round(ms)} ms`);
    expect(big.workers).toHaveLength(100_000);
    expect(big.workers[99_999]?.key).toBe('worker-100000');
    expectUnique(
      [...big.workers, ...big.volunteers].map((p) => p.idNumber),
      'ID numbers',
    );
    expectUnique(
      big.workers.map((w) => w.credential.certificateNo),
      'certificate numbers',
    );
    const short = ceShortfallShare(big.workers);
    expect(short).toBeGreaterThan(0.12);
    expect(short).toBeLessThan(0.3);
  });
});
