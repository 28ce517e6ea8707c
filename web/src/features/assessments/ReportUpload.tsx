import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Space, Upload, type UploadProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, downloadUrl } from '../../api/client';
import { uploadError } from '../../components/files';
import type { Assessment } from '../../../../domain/schemas/assessments';
import { assessmentKeys, assessmentPath, type ReporterEntry } from './assessmentQueries';

const ACCEPT = '.pdf,.docx';

/** A reporter's written report (述职报告): a download link once attached; the organizer attaches or replaces it. */
export default function ReportUpload({ assessment: a, reporter: r }: { assessment: Assessment; reporter: ReporterEntry }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const path = `${assessmentPath(a.id)}/reporters/${encodeURIComponent(r.id)}/report`;

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const form = new FormData();
    form.append('file', file as Blob);
    setUploading(true);
    api<{ reportFilename: string }>(path, { method: 'POST', form })
      .then(async (saved) => {
        onSuccess?.(saved);
        void message.success(t('assessment.report.uploaded', { name: saved.reportFilename }));
        await queryClient.invalidateQueries({ queryKey: assessmentKeys.detail(a.id) });
      })
      .catch((error: unknown) => {
        const text = uploadError(error);
        onError?.(new Error(text));
        void message.error(t('assessment.report.failed', { message: text }));
      })
      .finally(() => setUploading(false));
  };

  return (
    <Space wrap size="small">
      {r.reportFilename && (
        <Button size="small" type="link" icon={<DownloadOutlined />} href={downloadUrl(path)} download={r.reportFilename}>
          {r.reportFilename}
        </Button>
      )}
      {a.canManage && (
        <Upload accept={ACCEPT} showUploadList={false} customRequest={customRequest}>
          <Button size="small" icon={<UploadOutlined />} loading={uploading} aria-label={t('assessment.report.uploadFor', { name: r.memberName })}>
            {r.reportFilename ? t('assessment.report.replace') : t('assessment.report.upload')}
          </Button>
        </Upload>
      )}
    </Space>
  );
}
