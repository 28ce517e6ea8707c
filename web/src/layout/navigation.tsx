import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  DashboardOutlined,
  DesktopOutlined,
  FundOutlined,
  IdcardOutlined,
  MessageOutlined,
  ProjectOutlined,
  SolutionOutlined,
  TeamOutlined,
  UploadOutlined,
  UsergroupAddOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Me } from '../api/types';
import { hasRole, mayDo } from '../auth/useMe';

// The web app's pages in the menu's groups: the menu, the breadcrumbs and the document title all
// read this one list. A page is offered to those the server says may use it (`/users/me`).

export interface Page {
  /** the path, and the menu key */
  path: string;
  /** i18n key of its name */
  label: string;
  icon: ReactNode;
  /** a light phone entry (web/src/phone), opened by a full page load */
  light?: boolean;
}

export interface Group {
  /** i18n key of the group's name; none: the pages stand at the top */
  label?: string;
  pages: Page[];
}

export function navigation(me: Me, phone: boolean): Group[] {
  const manager = hasRole(me, ['admin', 'org_admin', 'secretary', 'viewer']);
  const when = (shown: boolean, page: Page) => (shown ? [page] : []);
  const groups: Group[] = [
    {
      pages: [
        { path: '/', label: 'nav.workbench', icon: <DesktopOutlined /> },
        ...when(manager, { path: '/dashboard', label: 'nav.dashboard', icon: <DashboardOutlined /> }),
      ],
    },
    {
      label: 'navGroup.orgsMembers',
      pages: [
        ...when(manager, { path: '/orgs', label: 'nav.orgs', icon: <ApartmentOutlined /> }),
        ...when(manager, { path: '/members', label: 'nav.members', icon: <TeamOutlined /> }),
        ...when(mayDo(me, 'import.run'), { path: '/import', label: 'nav.import', icon: <UploadOutlined /> }),
      ],
    },
    {
      label: 'navGroup.branchLife',
      pages: [
        ...when(manager, { path: '/activities', label: 'nav.activities', icon: <CalendarOutlined /> }),
        ...when(manager, { path: '/compliance', label: 'nav.compliance', icon: <CheckCircleOutlined /> }),
      ],
    },
    {
      label: 'navGroup.pairings',
      pages: [
        ...when(manager, { path: '/pairings', label: 'nav.pairings', icon: <UsergroupAddOutlined /> }),
        ...when(manager, { path: '/pairings/matrix', label: 'nav.pairingMatrix', icon: <AppstoreOutlined /> }),
        ...when(manager, { path: '/pairings/dashboard', label: 'nav.pairingDashboard', icon: <FundOutlined /> }),
        ...when(manager, { path: '/demands', label: 'nav.demands', icon: <MessageOutlined /> }),
        // on a phone, the demands the caller's organizations raised, to confirm and rate, on a light page
        ...when(phone && mayDo(me, 'pairing.manage'), { path: '/m/demands', label: 'nav.myDemands', icon: <MessageOutlined />, light: true }),
      ],
    },
    {
      label: 'navGroup.secretaries',
      pages: [
        ...when(manager, { path: '/projects', label: 'nav.projects', icon: <ProjectOutlined /> }),
        ...when(manager, { path: '/assessments', label: 'nav.assessments', icon: <SolutionOutlined /> }),
      ],
    },
    {
      label: 'navGroup.system',
      pages: [
        ...when(mayDo(me, 'user.manage'), { path: '/users', label: 'nav.users', icon: <UserSwitchOutlined /> }),
        ...when(mayDo(me, 'audit.read'), { path: '/audit', label: 'nav.audit', icon: <AuditOutlined /> }),
      ],
    },
    // a phone opens the own record on its light page
    { pages: [phone ? { path: '/m/record', label: 'nav.me', icon: <IdcardOutlined />, light: true } : { path: '/me', label: 'nav.me', icon: <IdcardOutlined /> }] },
  ];
  return groups.filter((g) => g.pages.length > 0);
}

export interface Crumb {
  /** i18n key */
  label: string;
  /** where it leads; none for the page itself or a group */
  to?: string;
}

/** The page a path belongs to, and its group: the longest page path that holds it (/pairings/matrix before /pairings). */
export function locate(groups: Group[], pathname: string): { group: Group; page: Page } | null {
  let best: { group: Group; page: Page } | null = null;
  for (const group of groups)
    for (const page of group.pages) {
      const under = page.path === '/' ? pathname === '/' : pathname === page.path || pathname.startsWith(`${page.path}/`);
      if (under && (!best || page.path.length > best.page.path.length)) best = { group, page };
    }
  return best;
}

/** Where a path stands: its group, its page and, below a page, a detail (`/pairings/:id`, `/assessments/:id/edit`). */
export function trail(groups: Group[], pathname: string): Crumb[] {
  const found = locate(groups, pathname);
  if (!found) return [];
  const crumbs: Crumb[] = found.group.label ? [{ label: found.group.label }] : [];
  if (pathname === found.page.path) return [...crumbs, { label: found.page.label }];
  const detail = pathname.endsWith('/new') ? 'nav.new' : pathname.endsWith('/edit') ? 'nav.edit' : 'nav.detail';
  return [...crumbs, { label: found.page.label, to: found.page.path }, { label: detail }];
}
