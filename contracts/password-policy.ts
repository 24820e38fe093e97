/**
 * Password policy: ≥ 8 characters, at least 3 of {upper, lower, digit, symbol}, and not containing the username
 * (case-insensitive). The server enforces it; the web client uses the same function for hints.
 */
export type PasswordRule = 'length' | 'classes' | 'contains_username';

export const PASSWORD_RULES: readonly PasswordRule[] = ['length', 'classes', 'contains_username'];

/** The rules a password breaks (empty = acceptable). */
export function passwordPolicyViolations(password: string, username: string): PasswordRule[] {
  const broken: PasswordRule[] = [];
  if ([...password].length < 8) broken.push('length');
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) broken.push('classes');
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase())) broken.push('contains_username');
  return broken;
}
