import { Alert, App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import { applyServerErrors } from '../../components/serverErrors';
import type { OrgDetail } from '../../../../domain/schemas/orgs';

interface Values {
  dissolvedOn: string;
  reason: string;
}

interface Props {
  org: OrgDetail;
  open: boolean;
  onClose: () => void;
  onDissolved: () => void;
}

export default function DissolveOrgModal({ org, open, onClose, onDissolved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const dissolve = useMutation({
    mutationFn: (values: Values) =>
      api<unknown>(`/orgs/${org.id}/dissolve`, { method: 'POST', body: values }),
    onSuccess: async () => {
      void message.success(t('org.dissolvedDone'));
      await queryClient.invalidateQueries({ queryKey: ['orgs'] });
      onDissolved();
    },
    onError: (error) => applyServerErrors(form, error).forEach((m) => void message.error(m)),
  });
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      title={`${t('org.dissolve')}：${org.name}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true }}
      confirmLoading={dissolve.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon message={t('org.dissolveConfirm')} className="modal-alert" />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => dissolve.mutate(values)}
        preserve={false}
      >
        <Form.Item name="dissolvedOn" label={t('org.dissolvedOn')} rules={required}>
          <DateField />
        </Form.Item>
        <Form.Item name="reason" label={t('org.dissolvedReason')} rules={required}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
