import { Alert, App, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import FormModal from '../../components/FormModal';
import type { OrgDetail } from '../../../../domain/schemas/orgs';

interface Values {
  dissolvedOn: string;
  reason: string;
}

export default function DissolveOrgModal({
  org,
  onClose,
  onDissolved,
}: {
  org: OrgDetail;
  onClose: () => void;
  onDissolved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  const dissolve = async (values: Values) => {
    await api<unknown>(`/orgs/${org.id}/dissolve`, { method: 'POST', body: values });
    void message.success(t('org.dissolvedDone'));
    await queryClient.invalidateQueries({ queryKey: ['orgs'] });
    onDissolved();
  };

  const required = [{ required: true, message: t('common.required') }];
  return (
    <FormModal<Values>
      title={`${t('org.dissolve')}：${org.name}`}
      form={form}
      onSubmit={dissolve}
      onClose={onClose}
      okText={t('org.dissolve')}
      danger
    >
      <Alert type="warning" showIcon message={t('org.dissolveConfirm')} className="modal-alert" />
      <Form.Item name="dissolvedOn" label={t('org.dissolvedOn')} rules={required}>
        <DateField />
      </Form.Item>
      <Form.Item name="reason" label={t('org.dissolvedReason')} rules={required}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
