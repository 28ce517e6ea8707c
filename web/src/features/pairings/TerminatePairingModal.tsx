import { Alert, App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Pairing, PairingPatch } from '../../../../domain/schemas/pairings';
import { applyServerErrors } from '../../components/serverErrors';
import { pairingKeys, pairingPath } from './pairingQueries';

/** Ends an agreement before its term; the reason is required. */
export default function TerminatePairingModal({
  pairing,
  onClose,
}: {
  pairing: Pairing;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ terminateReason: string }>();
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const terminate = useMutation({
    mutationFn: (terminateReason: string) => {
      const body: PairingPatch = { state: 'terminated', terminateReason };
      return api<Pairing>(pairingPath(pairing.id), { method: 'PATCH', body });
    },
    onSuccess: async () => {
      void message.success(t('pairing.terminated'));
      await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
      onClose();
    },
    onError: (error) => setOtherErrors(applyServerErrors(form, error)),
  });
  return (
    <Modal
      title={t('pairing.terminateTitle', { title: pairing.title })}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('pairing.terminate')}
      okButtonProps={{ danger: true }}
      confirmLoading={terminate.isPending}
      destroyOnHidden
    >
      {otherErrors.length > 0 && (
        <Alert type="error" showIcon message={otherErrors.join('；')} className="modal-alert" />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => terminate.mutate(v.terminateReason.trim())}>
        <Form.Item
          name="terminateReason"
          label={t('pairing.terminateReason')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
