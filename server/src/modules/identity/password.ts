import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../../config';

export type PasswordRule = 'length' | 'classes' | 'contains_username';

/**
 * Password policy: ≥ 8 characters, at least 3 of {upper, lower, digit, symbol}, and not containing the username
 * (case-insensitive). Returns the rules the password breaks (empty = acceptable).
 */
export function passwordPolicyViolations(password: string, username: string): PasswordRule[] {
  const broken: PasswordRule[] = [];
  if ([...password].length < 8) broken.push('length');
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) broken.push('classes');
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase())) broken.push('contains_username');
  return broken;
}

export type HashingCost = Config['passwordHashing'];

/** `Algorithm.Argon2id` of @node-rs/argon2 (an ambient const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

export function hashPassword(password: string, cost: HashingCost): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...cost });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same work as a real check, so an unknown username is not faster to reject than a wrong password. */
export async function burnPasswordCheck(password: string, cost: HashingCost): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-Aa1!', cost);
  await verifyPassword(await dummyHash, password);
}
