import type { QueryKey } from '@tanstack/react-query';
import type { Role } from '../../../../contracts/roles';
import { type ImportKind, type Me, queryKeys } from '../../api/endpoints';
import { type NavKey, navItem } from '../../app/navigation';

interface KindSpec {
  /** Who may import it: mirrors the server strategies' `roles`, which answer 403 to anyone else. */
  roles: readonly Role[];
  /** The list the imported rows show up in. */
  list: { nav: NavKey; search?: string };
  /** Cached lists to refresh once an import of this kind has completed. */
  invalidates: QueryKey;
}

// Key order is the selector's order (and the default: the first kind the user may import).
const KINDS: Record<ImportKind, KindSpec> = {
  workers: {
    roles: ['bureau_admin', 'agency_manager'],
    list: { nav: 'workers' },
    invalidates: queryKeys.workers,
  },
  agencies: {
    roles: ['bureau_admin'],
    list: { nav: 'organizations', search: 'kind=agency' },
    invalidates: queryKeys.organizations,
  },
  ce_records: {
    roles: ['bureau_admin', 'agency_manager'],
    list: { nav: 'workers' },
    invalidates: queryKeys.workers,
  },
  volunteers: {
    roles: ['bureau_admin', 'community_staff'],
    list: { nav: 'residents', search: 'volunteer=true' },
    invalidates: queryKeys.residents,
  },
};

export const IMPORT_KINDS = Object.keys(KINDS) as ImportKind[];

export function isImportKind(value: string | null | undefined): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value ?? '');
}

/** The kinds this user may import, in the selector's order. */
export function importKindsOf(me: Me): ImportKind[] {
  return IMPORT_KINDS.filter((kind) => mayImport(me, kind));
}

export function mayImport(me: Me, kind: ImportKind): boolean {
  return KINDS[kind].roles.some((role) => me.roles.includes(role));
}

/** The import wizard, opened on this kind. */
export function importPath(kind: ImportKind): string {
  return `${navItem('imports').path}?kind=${kind}`;
}

/** The list page where rows of this kind end up ("open the list" after an import). */
export function importListPath(kind: ImportKind): string {
  const { nav, search } = KINDS[kind].list;
  const path = navItem(nav).path;
  return search ? `${path}?${search}` : path;
}

export function importInvalidates(kind: ImportKind): QueryKey {
  return KINDS[kind].invalidates;
}
