import { App, Form } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import FormModal from '../../components/FormModal';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import type { OrgDetail } from '../../../../domain/schemas/orgs';

interface Values {
  parentId: string;
}

export default function MoveOrgModal({ org, onClose, onMoved }: { org: OrgDetail; onClose: () => void; onMoved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  const move = async (values: Values) => {
    await api<unknown>(`/orgs/${org.id}/move`, { method: 'POST', body: values });
    void message.success(t('org.moved'));
    await queryClient.invalidateQueries({ queryKey: ['orgs'] });
    onMoved();
  };

  return (
    <FormModal<Values>
      title={`${t('org.move')}：${org.name}`}
      form={form}
      onSubmit={move}
      onClose={onClose}
      okText={t('common.ok')}
    >
      <Form.Item name="parentId" label={t('org.moveTo')} rules={[{ required: true, message: t('common.required') }]}>
        <OrgTreeSelect />
      </Form.Item>
    </FormModal>
  );
}
