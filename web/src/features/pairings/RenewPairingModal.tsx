import { Alert, App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import type { Pairing, PairingRenew } from '../../../../domain/schemas/pairings';
import { applyServerErrors } from '../../components/serverErrors';
import { pairingKeys, pairingPath } from './pairingQueries';

interface Values {
  title: string;
  validFrom: string;
  validTo: string;
}

/** The next period of an agreement, as a draft with the same parties and terms, from the day after it ends. */
export default function RenewPairingModal({
  pairing,
  onClose,
  onRenewed,
}: {
  pairing: Pairing;
  onClose: () => void;
  onRenewed: (next: Pairing) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const from = dayjs(pairing.validTo).add(1, 'day');
  const length = dayjs(pairing.validTo).diff(dayjs(pairing.validFrom), 'day');
  const renew = useMutation({
    mutationFn: (v: Values) => {
      const body: PairingRenew = { title: v.title.trim(), validFrom: v.validFrom, validTo: v.validTo };
      return api<Pairing>(`${pairingPath(pairing.id)}/renew`, { method: 'POST', body });
    },
    onSuccess: async (next) => {
      void message.success(t('pairing.renewed'));
      await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
      onRenewed(next);
    },
    onError: (error) => setOtherErrors(applyServerErrors(form, error)),
  });
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      title={t('pairing.renewTitle')}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('pairing.renew')}
      confirmLoading={renew.isPending}
      destroyOnHidden
    >
      {otherErrors.length > 0 && (
        <Alert type="error" showIcon message={otherErrors.join('；')} className="modal-alert" />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          title: pairing.title,
          validFrom: from.format('YYYY-MM-DD'),
          validTo: from.add(length, 'day').format('YYYY-MM-DD'),
        }}
        onFinish={(v) => {
          setOtherErrors([]);
          renew.mutate(v);
        }}
      >
        <Form.Item name="title" label={t('pairing.title')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="validFrom" label={t('pairing.validFrom')} rules={required}>
          <DateField />
        </Form.Item>
        <Form.Item name="validTo" label={t('pairing.validTo')} rules={required}>
          <DateField />
        </Form.Item>
        <Alert type="info" showIcon message={t('pairing.renewHint')} />
      </Form>
    </Modal>
  );
}
