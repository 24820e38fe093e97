import {
  ApartmentOutlined,
  AuditOutlined,
  EnvironmentOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '../../../contracts/roles';

export type NavKey =
  | 'home'
  | 'users'
  | 'organizations'
  | 'workers'
  | 'imports'
  | 'residents'
  | 'myProfile'
  | 'divisions'
  | 'audit';

export interface NavItem {
  key: NavKey;
  path: string;
  icon: ReactNode;
  /** Roles that may use the page; undefined = every signed-in user. */
  roles?: readonly Role[];
}

export const CONSOLE_ROOT = '/console';
export const LOGIN_PATH = '/console/login';

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: CONSOLE_ROOT, icon: <HomeOutlined /> },
  { key: 'users', path: `${CONSOLE_ROOT}/users`, icon: <TeamOutlined />, roles: ['bureau_admin'] },
  {
    key: 'organizations',
    path: `${CONSOLE_ROOT}/organizations`,
    icon: <ApartmentOutlined />,
    // Agency managers see (and edit) their own agency's profile there.
    roles: ['bureau_admin', 'purchaser', 'agency_manager'],
  },
  {
    key: 'workers',
    path: `${CONSOLE_ROOT}/workers`,
    icon: <SolutionOutlined />,
    roles: ['bureau_admin', 'purchaser', 'agency_manager'],
  },
  // 批量导入 of the talent pool.
  {
    key: 'imports',
    path: `${CONSOLE_ROOT}/imports`,
    icon: <ImportOutlined />,
    roles: ['bureau_admin', 'agency_manager'],
  },
  // 居民与志愿者.
  {
    key: 'residents',
    path: `${CONSOLE_ROOT}/residents`,
    icon: <HeartOutlined />,
    roles: ['bureau_admin', 'purchaser', 'community_staff'],
  },
  // A social worker's own record in the talent pool.
  { key: 'myProfile', path: `${CONSOLE_ROOT}/my-profile`, icon: <IdcardOutlined />, roles: ['social_worker'] },
  { key: 'divisions', path: `${CONSOLE_ROOT}/divisions`, icon: <EnvironmentOutlined /> },
  { key: 'audit', path: `${CONSOLE_ROOT}/audit`, icon: <AuditOutlined />, roles: ['bureau_admin'] },
];

/** Who may open a worker's detail page: the talent pool's readers, and social workers (their own record only). */
export const WORKER_DETAIL_ROLES: readonly Role[] = ['bureau_admin', 'purchaser', 'agency_manager', 'social_worker'];

export function navItem(key: NavKey): NavItem {
  const item = NAV_ITEMS.find((i) => i.key === key);
  if (!item) throw new Error(`unknown nav item ${key}`);
  return item;
}

/** The nav item a console path belongs to (longest matching prefix). */
export function activeNavKey(pathname: string): NavKey | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  let best: NavItem | undefined;
  for (const item of NAV_ITEMS) {
    const match =
      item.path === CONSOLE_ROOT ? path === CONSOLE_ROOT : path === item.path || path.startsWith(`${item.path}/`);
    if (match && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}

/** Only same-app console paths are acceptable as a post-login destination. */
export function safeRedirect(target: string | null | undefined): string {
  if (!target) return CONSOLE_ROOT;
  const inConsole = target === CONSOLE_ROOT || /^\/console[/?#]/.test(target);
  if (!inConsole || target.includes('\\')) return CONSOLE_ROOT;
  if (target === LOGIN_PATH || target.startsWith(`${LOGIN_PATH}?`) || target.startsWith(`${LOGIN_PATH}/`)) {
    return CONSOLE_ROOT;
  }
  return target;
}

export function loginUrl(from?: string): string {
  if (!from || from === CONSOLE_ROOT || safeRedirect(from) === CONSOLE_ROOT) return LOGIN_PATH;
  return `${LOGIN_PATH}?redirect=${encodeURIComponent(from)}`;
}
