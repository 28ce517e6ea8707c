import { Progress, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ImportJob } from '../../../../domain/imports/report';

/** Shows how far the server has read the file, then (on PostgreSQL) written it, while an import request is running. */
export default function ImportProgress({ jobId, label }: { jobId: string; label: string }) {
  const { t } = useTranslation();
  const job = useQuery({
    queryKey: ['imports', 'job', jobId],
    queryFn: () => api<ImportJob>(`/imports/${jobId}`),
    refetchInterval: 500,
    retry: false,
  });
  return (
    <Space direction="vertical" className="full-width" aria-live="polite">
      <Typography.Text>{label}</Typography.Text>
      <Progress percent={100} status="active" showInfo={false} />
      <Typography.Text type="secondary">
        {job.data?.state === 'writing' && job.data.rowsWritten > 0
          ? t('import.rowsWritten', { count: job.data.rowsWritten, total: job.data.rowsRead })
          : t('import.rowsRead', { count: job.data?.rowsRead ?? 0 })}
      </Typography.Text>
    </Space>
  );
}
