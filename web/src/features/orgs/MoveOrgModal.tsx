import { App, Form, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { applyServerErrors } from '../../components/serverErrors';
import type { OrgDetail } from '../../../../domain/schemas/orgs';

interface Props {
  org: OrgDetail;
  open: boolean;
  onClose: () => void;
  onMoved: () => void;
}

export default function MoveOrgModal({ org, open, onClose, onMoved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ parentId: string }>();
  const move = useMutation({
    mutationFn: (values: { parentId: string }) =>
      api<unknown>(`/orgs/${org.id}/move`, { method: 'POST', body: values }),
    onSuccess: async () => {
      void message.success(t('org.moved'));
      await queryClient.invalidateQueries({ queryKey: ['orgs'] });
      onMoved();
    },
    onError: (error) => applyServerErrors(form, error).forEach((m) => void message.error(m)),
  });
  return (
    <Modal
      title={`${t('org.move')}：${org.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => move.mutate(values)} preserve={false}>
        <Form.Item
          name="parentId"
          label={t('org.moveTo')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <OrgTreeSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
