import { Alert, Button, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api, setCsrfToken } from '../api/client';
import type { User } from '../../../domain/schemas/users';
import LanguageSwitch from '../layout/LanguageSwitch';
import { ME_KEY } from './useMe';

interface Credentials {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // only a path of this app, never another site
  const next = params.get('next');
  const returnTo = next && next.startsWith('/') && !next.startsWith('//') ? next : null;
  const queryClient = useQueryClient();
  const login = useMutation({
    mutationFn: (values: Credentials) =>
      api<{ user: User; csrfToken: string }>('/auth/login', { method: 'POST', body: values }),
    onSuccess: async ({ csrfToken }) => {
      setCsrfToken(csrfToken);
      queryClient.clear();
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      // everyone lands on the workbench
      await navigate(returnTo ?? '/', { replace: true });
    },
  });
  const failure =
    login.error instanceof ApiError && login.error.status === 401 ? t('login.failed') : login.error?.message;

  return (
    <div className="login-page">
      {/* a plain panel: antd's Card brings Tabs and with them menus the login page never shows */}
      <main className="login-card">
        <div className="login-language">
          <LanguageSwitch />
        </div>
        <Typography.Title level={2}>{t('app.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.subtitle')}</Typography.Paragraph>
        {failure && <Alert type="error" showIcon message={failure} className="login-error" />}
        <Form<Credentials> layout="vertical" onFinish={(values) => login.mutate(values)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </main>
    </div>
  );
}
