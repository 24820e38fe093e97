import { describe, expect, it } from 'vitest';
import { assertCleanInput } from './body';

describe('input text rules', () => {
  it('accepts ordinary Chinese and English text, numbers and nesting', () => {
    expect(() => assertCleanInput({ name: '祖庙街道 社工站', list: [1, 'a', { b: '😀' }], n: null })).not.toThrow();
  });

  it.each([
    ['NUL in a value', { a: 'x\u0000y' }],
    ['NUL in a key', { 'a\u0000': 1 }],
    ['lone high surrogate', ['\ud800']],
    ['lone low surrogate', { a: { b: '\udc00x' } }],
  ])('refuses %s', (_label, value) => {
    expect(() => assertCleanInput(value)).toThrow(expect.objectContaining({ code: 'request.invalid_text' }));
  });

  it('refuses nesting deeper than 32 without exhausting the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => assertCleanInput(deep)).toThrow(expect.objectContaining({ code: 'request.too_deep' }));
  });
});
