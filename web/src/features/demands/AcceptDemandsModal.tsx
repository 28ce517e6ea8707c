import { App, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import FormModal from '../../components/FormModal';
import { batchRefusals } from '../../components/serverErrors';
import type { Demand } from '../../../../domain/schemas/pairings';
import { pairingKeys } from '../pairings/pairingQueries';
import { demandKeys } from './demandQueries';

interface Values {
  note?: string;
}

/**
 * Accepts the selected demands with one note, all or none: each is taken on by the partner the user acts for (as
 * accepting one would be), and a refusal names each demand that cannot be accepted.
 */
export default function AcceptDemandsModal({
  demands,
  onClose,
  onAccepted,
}: {
  demands: Pick<Demand, 'id' | 'title'>[];
  onClose: () => void;
  onAccepted: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  const save = async (v: Values) => {
    await api('/demands/batch-accept', {
      method: 'POST',
      body: { ids: demands.map((d) => d.id), note: v.note?.trim() || undefined },
    }).catch((error: unknown) => {
      throw batchRefusals(
        error,
        demands.map((d) => d.title),
      );
    });
    void message.success(t('demand.acceptedMany', { count: demands.length }));
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: demandKeys.all }),
      // the pairing's health and the coordinator's dashboard count demands
      queryClient.invalidateQueries({ queryKey: pairingKeys.all }),
    ]);
    onAccepted();
    onClose();
  };

  return (
    <FormModal<Values>
      title={t('demand.acceptManyTitle', { count: demands.length })}
      form={form}
      okText={t('demand.action.accepted')}
      onSubmit={save}
      onClose={onClose}
    >
      <Form.Item name="note" label={t('demand.note')}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
    </FormModal>
  );
}
