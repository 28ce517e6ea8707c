import { App, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import FormModal from '../../components/FormModal';
import { batchRefusals } from '../../components/serverErrors';
import type { Activity } from '../../../../domain/schemas/activities';
import { activityKeys } from './activityQueries';

interface Values {
  cancelReason: string;
}

/**
 * Cancels planned activities with one reason (required): one by its own edit, several from the list all or none
 * (a refusal names each activity that cannot be cancelled).
 */
export default function CancelActivityModal({
  activities,
  onClose,
  onCancelled,
}: {
  activities: Pick<Activity, 'id' | 'theme'>[];
  onClose: () => void;
  onCancelled?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const one = activities.length === 1 ? activities[0] : undefined;

  const save = async ({ cancelReason }: Values) => {
    const reason = cancelReason.trim();
    if (one) {
      await api<Activity>(`/activities/${encodeURIComponent(one.id)}`, {
        method: 'PATCH',
        body: { state: 'cancelled', cancelReason: reason },
      });
    } else {
      await api('/activities/batch-cancel', {
        method: 'POST',
        body: { ids: activities.map((a) => a.id), cancelReason: reason },
      }).catch((error: unknown) => {
        throw batchRefusals(
          error,
          activities.map((a) => a.theme),
        );
      });
    }
    void message.success(
      one ? t('activity.cancelled') : t('activity.cancelledMany', { count: activities.length }),
    );
    await queryClient.invalidateQueries({ queryKey: activityKeys.all });
    onCancelled?.();
    onClose();
  };

  return (
    <FormModal<Values>
      title={
        one
          ? t('activity.cancelTitle', { theme: one.theme })
          : t('activity.cancelManyTitle', { count: activities.length })
      }
      form={form}
      okText={t('activity.cancel')}
      danger
      onSubmit={save}
      onClose={onClose}
    >
      <Form.Item
        name="cancelReason"
        label={t('activity.cancelReason')}
        rules={[{ required: true, whitespace: true, message: t('common.required') }]}
      >
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
