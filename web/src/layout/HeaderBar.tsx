import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';
import LanguageSwitch from './LanguageSwitch';
import NotificationBell from './NotificationBell';
import ScopeSwitcher from './ScopeSwitcher';

interface Props {
  me: Me;
  showScope: boolean;
  /** on a narrow screen: opens or closes the navigation */
  onMenu?: () => void;
}

export default function HeaderBar({ me, showScope, onMenu }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: () => api<unknown>('/auth/logout', { method: 'POST' }),
    onSettled: async () => {
      setCsrfToken(null);
      queryClient.clear();
      await navigate('/login', { replace: true });
    },
  });

  return (
    <Layout.Header className="app-header">
      <Space size="middle" className="app-header-scope">
        {onMenu && (
          <Button type="text" icon={<MenuOutlined />} onClick={onMenu} aria-label={t('header.menu')} />
        )}
        {showScope && (
          <>
            <Typography.Text className="app-header-label">{t('header.scope')}</Typography.Text>
            <ScopeSwitcher />
          </>
        )}
      </Space>
      <Space size="middle">
        <NotificationBell />
        <LanguageSwitch />
        <Typography.Text className="app-header-user">
          <UserOutlined /> {me.user.displayName ?? me.user.username}
        </Typography.Text>
        <Button
          icon={<LogoutOutlined />}
          onClick={() => logout.mutate()}
          loading={logout.isPending}
          aria-label={t('header.logout')}
        >
          <span className="app-header-logout-text">{t('header.logout')}</span>
        </Button>
      </Space>
    </Layout.Header>
  );
}
