import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ContactsOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  ProfileOutlined,
  ProjectOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '../../../contracts/roles';

export type NavKey =
  | 'home'
  | 'myWork'
  | 'projects'
  | 'deliveryDashboard'
  | 'evaluations'
  | 'evaluationTemplates'
  | 'users'
  | 'organizations'
  | 'workers'
  | 'imports'
  | 'residents'
  | 'beneficiaries'
  | 'cases'
  | 'referrals'
  | 'serviceRecords'
  | 'groups'
  | 'activities'
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
/** 项目信息公开: the public disclosure page, outside the console (no login). */
export const PUBLIC_PROJECTS_PATH = '/public/projects';

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: CONSOLE_ROOT, icon: <HomeOutlined /> },
  // 我的工作台: a social worker's caseload, sessions planned for the next two weeks and reviews waiting for them.
  { key: 'myWork', path: `${CONSOLE_ROOT}/my-work`, icon: <DashboardOutlined />, roles: ['social_worker'] },
  // 政府购买服务项目: the product's entry point, so it comes first. What each role sees is the server's project scope.
  {
    key: 'projects',
    path: `${CONSOLE_ROOT}/projects`,
    icon: <ProjectOutlined />,
    roles: ['bureau_admin', 'purchaser', 'agency_manager', 'social_worker', 'evaluator'],
  },
  // 服务数据看板: indicator actuals of the projects in scope, aggregates only (never a person).
  {
    key: 'deliveryDashboard',
    path: `${CONSOLE_ROOT}/delivery-dashboard`,
    icon: <BarChartOutlined />,
    roles: ['bureau_admin', 'purchaser', 'agency_manager'],
  },
  // 评估任务: a third-party evaluator's assigned evaluations and the scoring form.
  { key: 'evaluations', path: `${CONSOLE_ROOT}/evaluations`, icon: <FileDoneOutlined />, roles: ['evaluator'] },
  // 评估模板 (MZ/T 059-2014 dimensions, weights and grade bands): the bureau sets what evaluators score.
  {
    key: 'evaluationTemplates',
    path: `${CONSOLE_ROOT}/evaluation-templates`,
    icon: <ProfileOutlined />,
    roles: ['bureau_admin'],
  },
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
  // 批量导入: workers, agencies, CE records, volunteers. Everyone who may import at least one kind (each kind's own
  // roles are in features/imports/importKinds.ts).
  {
    key: 'imports',
    path: `${CONSOLE_ROOT}/imports`,
    icon: <ImportOutlined />,
    roles: ['bureau_admin', 'agency_manager', 'community_staff'],
  },
  // 居民与志愿者.
  {
    key: 'residents',
    path: `${CONSOLE_ROOT}/residents`,
    icon: <HeartOutlined />,
    roles: ['bureau_admin', 'purchaser', 'community_staff'],
  },
  // 服务对象: search-first for agency and community staff; the bureau gets statistics and an audited exact lookup.
  {
    key: 'beneficiaries',
    path: `${CONSOLE_ROOT}/beneficiaries`,
    icon: <ContactsOutlined />,
    roles: ['agency_manager', 'social_worker', 'community_staff', 'bureau_admin'],
  },
  // 个案管理: a social worker's caseload (cases they work on or supervise); agency managers see the agency's cases.
  {
    key: 'cases',
    path: `${CONSOLE_ROOT}/cases`,
    icon: <FolderOpenOutlined />,
    roles: ['agency_manager', 'social_worker'],
  },
  // 转介: referrals received by and sent from my agency (the server decides who acts on which side).
  {
    key: 'referrals',
    path: `${CONSOLE_ROOT}/referrals`,
    icon: <SwapOutlined />,
    roles: ['agency_manager', 'social_worker'],
  },
  // 服务记录: visits, group and activity sessions and case sessions, which count toward the project's indicators.
  {
    key: 'serviceRecords',
    path: `${CONSOLE_ROOT}/service-records`,
    icon: <FileTextOutlined />,
    roles: ['agency_manager', 'social_worker'],
  },
  // 小组工作 and 社区活动: programmes an agency runs (managers create them; their staff record the sessions).
  {
    key: 'groups',
    path: `${CONSOLE_ROOT}/groups`,
    icon: <UsergroupAddOutlined />,
    roles: ['agency_manager', 'social_worker'],
  },
  {
    key: 'activities',
    path: `${CONSOLE_ROOT}/activities`,
    icon: <CalendarOutlined />,
    roles: ['agency_manager', 'social_worker'],
  },
  // A social worker's own record in the talent pool.
  { key: 'myProfile', path: `${CONSOLE_ROOT}/my-profile`, icon: <IdcardOutlined />, roles: ['social_worker'] },
  { key: 'divisions', path: `${CONSOLE_ROOT}/divisions`, icon: <EnvironmentOutlined /> },
  { key: 'audit', path: `${CONSOLE_ROOT}/audit`, icon: <AuditOutlined />, roles: ['bureau_admin'] },
];

/** Who may open a worker's detail page: the talent pool's readers, and social workers (their own record only). */
export const WORKER_DETAIL_ROLES: readonly Role[] = ['bureau_admin', 'purchaser', 'agency_manager', 'social_worker'];

/**
 * Who may open one evaluation (read-only unless they are its assigned evaluator): the project's purchasing side and
 * contracted agency reach it from the project's evaluations tab.
 */
export const EVALUATION_DETAIL_ROLES: readonly Role[] = ['bureau_admin', 'purchaser', 'agency_manager', 'evaluator'];

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
