import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  birthDateOf,
  creditCodeCheckChar,
  creditCodeProblem,
  genderOf,
  idNumberCheckChar,
  idNumberProblem,
  normalizeMobile,
} from './identifiers';

describe('身份证号 (GB 11643-1999)', () => {
  it('accepts published examples, including the X check digit', () => {
    // The worked example of GB 11643-1999 Annex A and the widely published sample with check digit X.
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('440524188001010014')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
  });

  it('names what is wrong', () => {
    expect(idNumberProblem('110105194912310021')).toBe('check_digit');
    expect(idNumberProblem('11010519491231002')).toBe('format');
    expect(idNumberProblem('99010519491231002X')).toBe('region');
    expect(idNumberProblem('110105194902300020')).toBe('birth_date');
    expect(idNumberProblem('110105299901010020', new Date('2026-11-29'))).toBe('birth_date');
  });

  const body = fc
    .tuple(
      fc.constantFrom('440604', '110105', '310101', '440103'),
      fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
      fc.integer({ min: 0, max: 999 }),
    )
    .map(
      ([region, birth, seq]) =>
        `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`,
    );

  it('the computed check character always validates, and any other one never does (property)', () => {
    fc.assert(
      fc.property(body, fc.constantFrom(...'0123456789X'), (b, other) => {
        const check = idNumberCheckChar(b);
        expect(idNumberProblem(b + check)).toBeNull();
        if (other !== check) expect(idNumberProblem(b + other)).toBe('check_digit');
      }),
    );
  });

  it('detects every single-digit change in the body (property)', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (b, pos, delta) => {
        const id = b + idNumberCheckChar(b);
        const changed = `${id.slice(0, pos)}${(Number(id[pos]) + delta) % 10}${id.slice(pos + 1)}`;
        expect(idNumberProblem(changed)).not.toBeNull();
      }),
    );
  });

  it('reads birth date and gender', () => {
    expect(birthDateOf('11010519491231002X')?.toISOString().slice(0, 10)).toBe('1949-12-31');
    expect(genderOf('11010519491231002X')).toBe('female');
    expect(genderOf('440524188001010014')).toBe('male');
  });
});

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    // A code widely cited as a valid example of the format; and a 民办非企业单位 (52…) code for 禅城 built by the rule.
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeCheckChar('52440604MJL123456')).toMatch(/^[0-9A-HJ-NPQRTUWXY]$/);
    expect(creditCodeProblem(`52440604MJL123456${creditCodeCheckChar('52440604MJL123456')}`)).toBeNull();
    expect(creditCodeProblem('91350100m000100y43')).toBeNull();
  });

  it('refuses bad characters and bad check characters', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check_character');
    expect(creditCodeProblem('91350100M000100YI3')).toBe('format');
    expect(creditCodeProblem('9135')).toBe('format');
  });

  it('the computed check character validates; a changed character is detected (property)', () => {
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const bodyArb = fc
      .tuple(
        fc.constantFrom('5', '9', '1'),
        fc.constantFrom('1', '2', '3', '9'),
        fc.constantFrom('440604', '440600'),
        fc.array(fc.constantFrom(...chars), { minLength: 9, maxLength: 9 }),
      )
      .map(([a, b, region, rest]) => `${a}${b}${region}${rest.join('')}`);
    fc.assert(
      fc.property(bodyArb, fc.integer({ min: 8, max: 16 }), fc.integer({ min: 1, max: 30 }), (b, pos, delta) => {
        const code = b + creditCodeCheckChar(b);
        expect(creditCodeProblem(code)).toBeNull();
        const changedChar = chars[(chars.indexOf(code[pos] ?? '0') + delta) % 31];
        expect(creditCodeProblem(`${code.slice(0, pos)}${changedChar}${code.slice(pos + 1)}`)).not.toBeNull();
      }),
    );
  });
});

describe('mobile numbers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['8619912345678', '19912345678'],
    ['12800138000', null],
    ['1380013800', null],
    ['138001380001', null],
    ['0757-8228xxxx', null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeMobile(input)).toBe(expected);
  });
});
