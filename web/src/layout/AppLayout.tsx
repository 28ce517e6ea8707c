import { Breadcrumb, Grid, Layout, Menu, Result, Spin, type MenuProps } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { hasRole, useMe } from '../auth/useMe';
import { usePhone } from '../components/usePhone';
import HeaderBar from './HeaderBar';
import { locate, navigation, trail } from './navigation';

type MenuItem = Required<MenuProps>['items'][number];

export default function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const phone = usePhone();
  // the side menu folds away below lg (992 px), not only on a phone: a tablet's tables need its 180 px more
  const wide = Grid.useBreakpoint().lg;
  const [collapsed, setCollapsed] = useState<boolean | undefined>(undefined);
  const groups = me.data ? navigation(me.data, phone) : [];
  // a group named like its page (结对共建 / 结对共建) is said once
  const crumbs = trail(groups, location.pathname).filter((c, i, all) => i + 1 >= all.length || t(c.label) !== t(all[i + 1]!.label));
  // the browser tab names the page: 详情 · 结对共建 · 共建
  const title = [...crumbs.filter((c) => c.to || crumbs.at(-1) === c).reverse().map((c) => t(c.label)), t('app.title')].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);

  if (me.isPending) return <Spin size="large" className="page-spinner" />;
  if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/login" replace />;
  if (me.isError) return <Result status="error" title={t('common.error')} subTitle={me.error.message} />;

  const manager = hasRole(me.data, ['admin', 'org_admin', 'secretary', 'viewer']);
  const narrow = !wide;
  const items = groups.flatMap((group): MenuItem[] => {
    const pages = group.pages.map((p) => ({ key: p.path, icon: p.icon, label: t(p.label) }));
    return group.label ? [{ type: 'group' as const, key: group.label, label: t(group.label), children: pages }] : pages;
  });
  const selected = locate(groups, location.pathname)?.page.path ?? '';

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
            // a light phone page is an entry of its own: a full page load
            if (groups.some((g) => g.pages.some((p) => p.path === key && p.light))) window.location.assign(key);
            else void navigate(key);
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
          {crumbs.length > 1 && (
            <Breadcrumb
              className="app-breadcrumb"
              items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{t(c.label)}</Link> : t(c.label) }))}
            />
          )}
          <Suspense fallback={<Spin className="page-spinner" />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
