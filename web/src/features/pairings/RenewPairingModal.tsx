import { Alert, App, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import FormModal from '../../components/FormModal';
import type { Pairing, PairingRenew } from '../../../../domain/schemas/pairings';
import { pairingKeys, pairingPath } from './pairingQueries';

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
  const [form] = Form.useForm<PairingRenew>();
  const from = dayjs(pairing.validTo).add(1, 'day');
  const length = dayjs(pairing.validTo).diff(dayjs(pairing.validFrom), 'day');
  const required = [{ required: true, message: t('common.required') }];
  return (
    <FormModal<PairingRenew>
      title={t('pairing.renewTitle')}
      form={form}
      okText={t('pairing.renew')}
      initialValues={{
        title: pairing.title,
        validFrom: from.format('YYYY-MM-DD'),
        validTo: from.add(length, 'day').format('YYYY-MM-DD'),
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        const body: PairingRenew = { title: v.title?.trim(), validFrom: v.validFrom, validTo: v.validTo };
        const next = await api<Pairing>(`${pairingPath(pairing.id)}/renew`, { method: 'POST', body });
        void message.success(t('pairing.renewed'));
        await queryClient.invalidateQueries({ queryKey: pairingKeys.all });
        onRenewed(next);
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
    </FormModal>
  );
}
