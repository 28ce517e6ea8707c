import { Alert, App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { applyServerErrors } from '../../components/serverErrors';
import type { MemberDetail } from '../../../../domain/schemas/members';
import { memberKeys } from './memberQueries';

interface Values {
  orgId: string;
  on?: string | null;
  note?: string;
}

export default function TransferModal({ member, onClose }: { member: MemberDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const transfer = useMutation({
    mutationFn: ({ orgId, on, note }: Values) =>
      api<unknown>(`/members/${member.id}/transfer`, {
        method: 'POST',
        body: { orgId, ...(on ? { on } : {}), ...(note?.trim() ? { note: note.trim() } : {}) },
      }),
    onSuccess: async () => {
      void message.success(t('member.transferred'));
      await queryClient.invalidateQueries({ queryKey: memberKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['orgs'] });
      onClose();
    },
    onError: (error) => setOtherErrors(applyServerErrors(form, error)),
  });
  return (
    <Modal
      title={`${t('member.transfer')}：${member.name}`}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={transfer.isPending}
      destroyOnHidden
    >
      {otherErrors.length > 0 && (
        <Alert type="error" showIcon message={otherErrors.join('；')} className="modal-alert" />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => transfer.mutate(values)}>
        <Form.Item
          name="orgId"
          label={t('member.transferTo')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="on" label={t('member.transferOn')}>
          <DateField />
        </Form.Item>
        <Form.Item name="note" label={t('member.transferNote')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
