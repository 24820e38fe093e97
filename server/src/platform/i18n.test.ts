import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from './errors';
import { errorMessage, interpolate, localeFrom } from './i18n';

describe('locale negotiation', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['en;q=0.2, zh;q=0.8', 'zh-CN'],
    ['de', 'zh-CN'],
    ['en;q=abc', 'zh-CN'],
    [';;;,,,', 'zh-CN'],
  ])('%s → %s', (header, locale) => {
    expect(localeFrom(header)).toBe(locale);
  });
});

describe('error messages', () => {
  it('every code has a status and both languages, with the same placeholders', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.zh.length, code).toBeGreaterThan(0);
      expect(entry.en.length, code).toBeGreaterThan(0);
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(entry.zh), code).toEqual(holes(entry.en));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(errorMessage('auth.locked' as ErrorCode, 'en', { minutes: 15 })).toContain('15 minutes');
    expect(interpolate('a {x} {y}', { x: 1 })).toBe('a 1 {y}');
  });
});
