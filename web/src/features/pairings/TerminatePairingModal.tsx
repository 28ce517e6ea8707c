import { App, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import FormModal from '../../components/FormModal';
import type { Pairing, PairingPatch } from '../../../../domain/schemas/pairings';
import { pairingKeys, pairingPath } from './pairingQueries';

/** Ends an agreement before its term; the reason is required. */
export default function TerminatePairingModal({ pairing, onClose }: { pairing: Pairing; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ terminateReason: string }>();
  return (
    <FormModal<{ terminateReason: string }>
      title={t('pairing.terminateTitle', { title: pairing.title })}
      form={form}
      okText={t('pairing.terminate')}
      danger
      onClose={onClose}
      onSubmit={async (v) => {
        const body: PairingPatch = { state: 'terminated', terminateReason: v.terminateReason.trim() };
        await api<Pairing>(pairingPath(pairing.id), { method: 'PATCH', body });
        void message.success(t('pairing.terminated'));
        await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
        onClose();
      }}
    >
      <Form.Item
        name="terminateReason"
        label={t('pairing.terminateReason')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </FormModal>
  );
}
