/** The server's password rules (see the password policy): ids as reported in `auth.password_policy` details. */
export type PasswordRule = 'length' | 'classes' | 'contains_username';

export const PASSWORD_RULES: readonly PasswordRule[] = ['length', 'classes', 'contains_username'];

/** Client-side mirror of the policy, used only as a hint; the server decides. */
export function brokenPasswordRules(password: string, username: string): PasswordRule[] {
  const broken: PasswordRule[] = [];
  if ([...password].length < 8) broken.push('length');
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) broken.push('classes');
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase())) broken.push('contains_username');
  return broken;
}

/** Rule ids from an `auth.password_policy` error's details. */
export function rulesFromDetails(details: unknown): PasswordRule[] {
  const rules = (details as { rules?: unknown } | null | undefined)?.rules;
  if (!Array.isArray(rules)) return [];
  return rules.filter((r): r is PasswordRule => (PASSWORD_RULES as readonly unknown[]).includes(r));
}
