import {
  AuditOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
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
import { Grid, Layout, Menu, Result, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { hasRole, mayDo, useMe } from '../auth/useMe';
import HeaderBar from './HeaderBar';

export default function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState<boolean | undefined>(undefined);

  if (me.isPending) return <Spin size="large" className="page-spinner" />;
  if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/login" replace />;
  if (me.isError) return <Result status="error" title={t('common.error')} subTitle={me.error.message} />;

  const manager = hasRole(me.data, ['admin', 'org_admin', 'secretary', 'viewer']);
  // pages of one action are offered to those the server says may take it
  const importer = mayDo(me.data, 'import.run');
  const userManager = mayDo(me.data, 'user.manage');
  const auditor = mayDo(me.data, 'audit.read');
  const items = [
    { key: '/', icon: <DesktopOutlined />, label: t('nav.workbench') },
    manager && { key: '/dashboard', icon: <DashboardOutlined />, label: t('nav.dashboard') },
    manager && { key: '/orgs', icon: <ApartmentOutlined />, label: t('nav.orgs') },
    manager && { key: '/members', icon: <TeamOutlined />, label: t('nav.members') },
    manager && { key: '/activities', icon: <CalendarOutlined />, label: t('nav.activities') },
    manager && { key: '/compliance', icon: <CheckCircleOutlined />, label: t('nav.compliance') },
    manager && { key: '/pairings', icon: <UsergroupAddOutlined />, label: t('nav.pairings') },
    manager && { key: '/pairings/matrix', icon: <AppstoreOutlined />, label: t('nav.pairingMatrix') },
    manager && { key: '/pairings/dashboard', icon: <FundOutlined />, label: t('nav.pairingDashboard') },
    manager && { key: '/demands', icon: <MessageOutlined />, label: t('nav.demands') },
    manager && { key: '/assessments', icon: <SolutionOutlined />, label: t('nav.assessments') },
    manager && { key: '/projects', icon: <ProjectOutlined />, label: t('nav.projects') },
    importer && { key: '/import', icon: <UploadOutlined />, label: t('nav.import') },
    userManager && { key: '/users', icon: <UserSwitchOutlined />, label: t('nav.users') },
    auditor && { key: '/audit', icon: <AuditOutlined />, label: t('nav.audit') },
    { key: '/me', icon: <IdcardOutlined />, label: t('nav.me') },
  ].filter((item) => item !== false);
  // the longest key that starts the path: /pairings/matrix before /pairings
  const selected =
    items
      .filter((item) => location.pathname.startsWith(item.key))
      .sort((a, b) => b.key.length - a.key.length)[0]?.key ?? '/me';
  const narrow = !screens.lg;

  return (
    <Layout className="app-layout">
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 64}
        collapsible
        trigger={narrow ? null : undefined}
        className={narrow ? 'app-sider-overlay' : undefined}
        collapsed={collapsed ?? narrow}
        onCollapse={setCollapsed}
        width={180}
        theme="dark"
      >
        <div className="app-logo">{(collapsed ?? narrow) ? '共' : t('app.title')}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          items={items}
          onClick={({ key }) => {
            if (narrow) setCollapsed(true);
            void navigate(key);
          }}
        />
      </Layout.Sider>
      {narrow && collapsed === false && (
        <div className="app-sider-backdrop" onClick={() => setCollapsed(true)} />
      )}
      <Layout>
        <HeaderBar
          me={me.data}
          showScope={manager && !narrow}
          onMenu={narrow ? () => setCollapsed(!(collapsed ?? narrow)) : undefined}
        />
        <Layout.Content className="app-content">
          <Suspense fallback={<Spin className="page-spinner" />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
