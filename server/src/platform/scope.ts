import type { Role } from '../../../contracts/roles';
import { DIVISION_SCOPED_ROLES } from '../../../contracts/roles';
import type { Actor } from './context';

/**
 * Data scope: the division-code prefixes an actor may see through the given roles. `440604012` covers 祖庙街道
 * and every community under it. Prefixes nested in others are dropped.
 */
export function divisionPrefixes(actor: Actor, roles: readonly Role[] = DIVISION_SCOPED_ROLES): string[] {
  const codes = actor.memberships.filter((m) => roles.includes(m.role)).map((m) => m.divisionCode);
  return minimalPrefixes(codes);
}

export function minimalPrefixes(codes: readonly string[]): string[] {
  const sorted = [...new Set(codes)].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const kept: string[] = [];
  for (const code of sorted) if (!kept.some((p) => code.startsWith(p))) kept.push(code);
  return kept;
}

export function organizationIds(actor: Actor): string[] {
  return [...new Set(actor.memberships.map((m) => m.organizationId))];
}

export function coversDivision(prefixes: readonly string[], code: string): boolean {
  return prefixes.some((p) => code.startsWith(p));
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return roles.some((r) => actor.roles.has(r));
}
