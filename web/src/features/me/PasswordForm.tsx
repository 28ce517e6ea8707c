import { App, Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { applyServerErrors } from '../../components/serverErrors';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function PasswordForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: Values) =>
      api<unknown>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
    onSuccess: () => {
      form.resetFields();
      void message.success(t('me.passwordChanged'));
    },
    onError: (error) => applyServerErrors(form, error).forEach((m) => void message.error(m)),
  });
  const required = { required: true, message: t('common.required') };
  return (
    <Form<Values> form={form} layout="vertical" onFinish={(values) => change.mutate(values)}>
      <Form.Item name="currentPassword" label={t('me.currentPassword')} rules={[required]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('me.newPassword')}
        rules={[required, { min: 10, message: t('me.passwordTooShort') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('me.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          required,
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('me.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending} block>
        {t('me.password')}
      </Button>
    </Form>
  );
}
