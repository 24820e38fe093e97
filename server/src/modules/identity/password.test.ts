import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEST_HASHING } from '../../../../test/db';
import { hashPassword, passwordPolicyViolations, verifyPassword } from './password';

describe('password policy', () => {
  it('accepts ≥ 8 characters with 3 of 4 classes that do not contain the username', () => {
    expect(passwordPolicyViolations('Shegong#2026', 'demo-admin')).toEqual([]);
    expect(passwordPolicyViolations('abcdEF12', 'zhang')).toEqual([]);
    expect(passwordPolicyViolations('abcdef1!', 'zhang')).toEqual([]);
    expect(passwordPolicyViolations('社工服务Aa1!', 'zhang')).toEqual([]);
  });

  it('names each broken rule', () => {
    expect(passwordPolicyViolations('Ab1!', 'u')).toEqual(['length']);
    expect(passwordPolicyViolations('abcdefgh', 'zz')).toEqual(['classes']);
    expect(passwordPolicyViolations('Xx1!Zhang.Wei', 'zhang.wei')).toEqual(['contains_username']);
  });

  it('never accepts a password containing the username, in any case (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 3, maxLength: 12 }),
        fc.string(),
        fc.string(),
        fc.boolean(),
        (username, before, after, upper) => {
          const embedded = upper ? username.toUpperCase() : username;
          expect(passwordPolicyViolations(`${before}${embedded}${after}`, username)).toContain('contains_username');
        },
      ),
    );
  });

  it('never accepts fewer than 8 characters or fewer than 3 classes (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 7 }), (pw) => {
        expect(passwordPolicyViolations(pw, 'someone')).toContain('length');
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{8,20}$/), (pw) => {
        expect(passwordPolicyViolations(pw, 'someone-else-entirely')).toContain('classes');
      }),
    );
  });
});

describe('argon2id hashing', () => {
  it('stores argon2id hashes that verify only the right password', async () => {
    const hash = await hashPassword('Shegong#2026', TEST_HASHING);
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'Shegong#2026')).toBe(true);
    expect(await verifyPassword(hash, 'shegong#2026')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
