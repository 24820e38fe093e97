import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coversDivision, minimalPrefixes } from './scope';

const code = fc.oneof(
  fc.constant('440604'),
  fc.constantFrom('010', '011', '012', '100').map((s) => `440604${s}`),
  fc
    .tuple(fc.constantFrom('010', '011', '012', '100'), fc.integer({ min: 1, max: 230 }))
    .map(([s, n]) => `440604${s}${String(n).padStart(3, '0')}`),
);

describe('division prefixes', () => {
  it('drops prefixes nested in others', () => {
    expect(minimalPrefixes(['440604012001', '440604012', '440604010'])).toEqual(['440604010', '440604012']);
    expect(minimalPrefixes(['440604012', '440604'])).toEqual(['440604']);
    expect(minimalPrefixes([])).toEqual([]);
  });

  it('covers exactly what the original prefixes cover (property)', () => {
    fc.assert(
      fc.property(fc.array(code, { maxLength: 6 }), code, (prefixes, probe) => {
        expect(coversDivision(minimalPrefixes(prefixes), probe)).toBe(coversDivision(prefixes, probe));
      }),
    );
  });

  it('祖庙 (440604012) covers its communities and nothing in 石湾 (440604010)', () => {
    expect(coversDivision(['440604012'], '440604012001')).toBe(true);
    expect(coversDivision(['440604012'], '440604010001')).toBe(false);
    expect(coversDivision(['440604012'], '440604')).toBe(false);
    expect(coversDivision([], '440604012')).toBe(false);
  });
});
