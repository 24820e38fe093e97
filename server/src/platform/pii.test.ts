import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blindIndex, decrypt, derivePiiKeys, encrypt, maskIdNumber, maskMobile, maskName } from './pii';

const keys = derivePiiKeys(randomBytes(32));

describe('PII encryption', () => {
  it('round-trips any text, and never stores it in the clear (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (s) => {
        const stored = encrypt(keys, 'idNumber', s);
        expect(decrypt(keys, 'idNumber', stored)).toBe(s);
        if (s.length > 3) expect(stored).not.toContain(s);
      }),
    );
  });

  it('uses a fresh IV per value, and refuses tampering, another field or another key', () => {
    const a = encrypt(keys, 'idNumber', '11010519491231002X');
    expect(encrypt(keys, 'idNumber', '11010519491231002X')).not.toBe(a);
    const raw = Buffer.from(a.slice(3), 'base64');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    expect(() => decrypt(keys, 'idNumber', `v1:${raw.toString('base64')}`)).toThrow();
    expect(() => decrypt(keys, 'mobile', a)).toThrow();
    expect(() => decrypt(derivePiiKeys(randomBytes(32)), 'idNumber', a)).toThrow();
    expect(() => decrypt(keys, 'idNumber', 'v9:xxxx')).toThrow(/version/);
  });

  it('blind indexes are deterministic per key and field, and differ across them', () => {
    const i = blindIndex(keys, 'idNumber', '11010519491231002X');
    expect(blindIndex(keys, 'idNumber', '11010519491231002X')).toBe(i);
    expect(blindIndex(keys, 'mobile', '11010519491231002X')).not.toBe(i);
    expect(blindIndex(derivePiiKeys(randomBytes(32)), 'idNumber', '11010519491231002X')).not.toBe(i);
    expect(i).not.toContain('1101');
  });

  it('refuses a short master key', () => {
    expect(() => derivePiiKeys(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('masking', () => {
  it('keeps only what the design allows', () => {
    expect(maskIdNumber('44060419800101123X')).toBe('4406**********123X');
    expect(maskMobile('13800138000')).toBe('138****8000');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });

  it('never reveals the middle of an ID number (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(4, 14)).toBe('**********');
      }),
    );
  });
});
