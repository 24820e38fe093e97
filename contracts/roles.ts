/** Roles a membership can carry. The organization kind a role may be held in is fixed here, once. */
export const ROLES = [
  'bureau_admin',
  'purchaser',
  'agency_manager',
  'social_worker',
  'evaluator',
  'community_staff',
  'volunteer',
  'resident',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_KINDS = ['bureau', 'purchaser', 'agency', 'evaluator', 'community'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Which organization kinds each role may be granted in (a social worker belongs to an agency, etc.). */
export const ROLE_ORGANIZATION_KINDS: Record<Role, readonly OrganizationKind[]> = {
  bureau_admin: ['bureau'],
  purchaser: ['purchaser'],
  agency_manager: ['agency'],
  social_worker: ['agency'],
  evaluator: ['evaluator'],
  community_staff: ['community'],
  volunteer: ['community'],
  resident: ['community'],
};

/** Roles whose data scope is the organization's division subtree; the others see their own organization. */
export const DIVISION_SCOPED_ROLES: readonly Role[] = ['bureau_admin', 'purchaser', 'community_staff'];
