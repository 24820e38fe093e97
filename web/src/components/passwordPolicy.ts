import { PASSWORD_RULES, type PasswordRule, passwordPolicyViolations } from '../../../contracts/password-policy';

export { PASSWORD_RULES, type PasswordRule };

/** The server's own policy function, used here only for hints; the server decides. */
export const brokenPasswordRules = passwordPolicyViolations;

/** Rule ids from an `auth.password_policy` error's details. */
export function rulesFromDetails(details: unknown): PasswordRule[] {
  const rules = (details as { rules?: unknown } | null | undefined)?.rules;
  if (!Array.isArray(rules)) return [];
  return rules.filter((r): r is PasswordRule => (PASSWORD_RULES as readonly unknown[]).includes(r));
}
