import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../../config';

export { type PasswordRule, passwordPolicyViolations } from '../../../../contracts/password-policy';

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
