import type { Me, Resident } from '../../api/endpoints';
import { sameNamedFields } from '../../components/serverErrors';
import { type DivisionNode, inScope } from '../divisions/divisions';

export interface CommunityNode {
  value: string;
  title: string;
  selectable: boolean;
  disabled?: boolean;
  children?: CommunityNode[];
}

/** Division tree where only communities (within the given prefixes) can be picked; empty branches are dropped. */
export function communityTree(nodes: DivisionNode[], prefixes: readonly string[] | null): CommunityNode[] {
  const out: CommunityNode[] = [];
  for (const n of nodes) {
    const isCommunity = n.division.level === 'community';
    const allowed = isCommunity && (prefixes === null || inScope(n.division.code, prefixes));
    const children = communityTree(n.children, prefixes);
    if (!allowed && children.length === 0) continue;
    out.push({
      value: n.division.code,
      title: `${n.division.name}（${n.division.code}）`,
      selectable: allowed,
      children: children.length > 0 ? children : undefined,
    });
  }
  return out;
}

/** The server's issue fields (without `body.`) → the fields of the register and edit forms, which carry its names. */
export const RESIDENT_FIELD_MAP = sameNamedFields(
  'name',
  'mobile',
  'divisionCode',
  'latitude',
  'longitude',
  'skills',
  'isVolunteer',
  'contactConsent',
  'notes',
);

/** Division prefixes under which the user may change residents: the bureau's and community staff's memberships. */
export function residentKeeperPrefixes(me: Me): string[] {
  return me.memberships
    .filter((m) => m.role === 'bureau_admin' || m.role === 'community_staff')
    .map((m) => m.divisionCode);
}

/**
 * What the signed-in user may do with a resident's record. Mirrors the server's rule (resident.service `mayChange`)
 * only to hide buttons that would be refused; the server decides.
 */
export function residentPermissions(me: Me, resident: Pick<Resident, 'divisionCode'>) {
  const keeper = inScope(resident.divisionCode, residentKeeperPrefixes(me));
  return { edit: keeper, reveal: keeper, viewAudit: me.roles.includes('bureau_admin') };
}

/** Where the detail page's back button returns to: the list with its filters. */
export interface ResidentLinkState {
  back?: string;
}
