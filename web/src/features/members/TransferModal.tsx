import { App, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import FormModal from '../../components/FormModal';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import type { Member } from '../../../../domain/schemas/members';
import { memberKeys } from './memberQueries';

interface Values {
  orgId: string;
  on?: string | null;
  note?: string;
}

export default function TransferModal({ member, onClose }: { member: Pick<Member, 'id' | 'name'>; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  const transfer = async ({ orgId, on, note }: Values) => {
    await api<unknown>(`/members/${member.id}/transfer`, {
      method: 'POST',
      body: { orgId, ...(on ? { on } : {}), ...(note?.trim() ? { note: note.trim() } : {}) },
    });
    void message.success(t('member.transferred'));
    await queryClient.invalidateQueries({ queryKey: memberKeys.all });
    await queryClient.invalidateQueries({ queryKey: ['orgs'] });
    onClose();
  };

  return (
    <FormModal<Values>
      title={`${t('member.transfer')}：${member.name}`}
      form={form}
      onSubmit={transfer}
      onClose={onClose}
      okText={t('common.ok')}
    >
      <Form.Item name="orgId" label={t('member.transferTo')} rules={[{ required: true, message: t('common.required') }]}>
        <OrgTreeSelect />
      </Form.Item>
      <Form.Item name="on" label={t('member.transferOn')}>
        <DateField />
      </Form.Item>
      <Form.Item name="note" label={t('member.transferNote')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
