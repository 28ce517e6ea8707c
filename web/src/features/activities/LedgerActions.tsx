import { CalendarOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, downloadUrl } from '../../api/client';
import type { Activity } from '../../../../domain/schemas/activities';
import { activityKeys } from './activityQueries';

/** The year's ledger of one organization, and planning that year's required activities. */
export default function LedgerActions({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(() => dayjs().year());

  const plan = useMutation({
    mutationFn: () =>
      api<{ year: number; planned: number; items: Activity[] }>(`/orgs/${encodeURIComponent(orgId)}/plan`, {
        method: 'POST',
        body: { year },
      }),
    onSuccess: async (result) => {
      if (result.planned > 0)
        void message.success(t('activity.plan.done', { count: result.planned, year: result.year }));
      else void message.info(t('activity.plan.nothing', { year: result.year }));
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
    },
    onError: (error) => void message.error(error.message),
  });

  const confirmPlan = () =>
    void modal.confirm({
      title: t('activity.plan.confirmTitle', { year }),
      content: t('activity.plan.confirmText'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () =>
        plan.mutateAsync().then(
          () => undefined,
          () => undefined,
        ),
    });

  return (
    <Space wrap size={8}>
      <DatePicker
        picker="year"
        allowClear={false}
        aria-label={t('activity.plan.year')}
        value={dayjs().year(year)}
        onChange={(d) => d && setYear(d.year())}
      />
      <Button
        icon={<DownloadOutlined />}
        href={downloadUrl('/exports/activities.xlsx', { org: orgId, year })}
      >
        {t('activity.plan.exportLedger', { year })}
      </Button>
      <Button icon={<CalendarOutlined />} loading={plan.isPending} onClick={confirmPlan}>
        {t('activity.plan.generate', { year })}
      </Button>
    </Space>
  );
}
