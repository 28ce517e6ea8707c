import { Alert, App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Activity } from '../../../../domain/schemas/activities';
import { activityKeys } from './activityQueries';
import { applyServerErrors } from '../../components/serverErrors';

/** Cancels a planned activity; the reason is required. */
export default function CancelActivityModal({
  activity,
  onClose,
}: {
  activity: Activity;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ cancelReason: string }>();
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const cancel = useMutation({
    mutationFn: (cancelReason: string) =>
      api<Activity>(`/activities/${activity.id}`, {
        method: 'PATCH',
        body: { state: 'cancelled', cancelReason },
      }),
    onSuccess: async () => {
      void message.success(t('activity.cancelled'));
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
      onClose();
    },
    onError: (error) => setOtherErrors(applyServerErrors(form, error)),
  });
  return (
    <Modal
      title={t('activity.cancelTitle', { theme: activity.theme })}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('activity.cancel')}
      okButtonProps={{ danger: true }}
      confirmLoading={cancel.isPending}
      destroyOnHidden
    >
      {otherErrors.length > 0 && (
        <Alert type="error" showIcon message={otherErrors.join('；')} className="modal-alert" />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => cancel.mutate(v.cancelReason.trim())}>
        <Form.Item
          name="cancelReason"
          label={t('activity.cancelReason')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
