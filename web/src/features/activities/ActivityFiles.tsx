import { DeleteOutlined, DownloadOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, List, Popconfirm, Space, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { api, downloadUrl } from '../../api/client';
import { formatSize, uploadError } from '../../components/files';
import type { ActivityFile } from '../../../../domain/schemas/activities';
import { activityKeys } from './activityQueries';

type FileEntry = Static<typeof ActivityFile>;

const ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx,.pptx';

/** Photos and documents of an activity, with the minutes and attendance sheet downloads. */
export default function ActivityFiles({
  activityId,
  files,
  manage,
}: {
  activityId: string;
  files: FileEntry[];
  manage: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const base = `/activities/${encodeURIComponent(activityId)}`;
  const fileUrl = (f: FileEntry, thumbnail = false) =>
    downloadUrl(`${base}/files/${encodeURIComponent(f.id)}${thumbnail ? '/thumbnail' : ''}`);
  const refresh = () => queryClient.invalidateQueries({ queryKey: activityKeys.detail(activityId) });

  const remove = useMutation({
    mutationFn: (fileId: string) =>
      api<null>(`${base}/files/${encodeURIComponent(fileId)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      void message.success(t('activity.files.deleted'));
      await refresh();
    },
    onError: (error) => void message.error(error.message),
  });

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const form = new FormData();
    form.append('file', file as Blob);
    setUploading(true);
    api<FileEntry>(`${base}/files`, { method: 'POST', form })
      .then(async (saved) => {
        onSuccess?.(saved);
        void message.success(t('activity.files.uploaded'));
        await refresh();
      })
      .catch((error: unknown) => {
        const text = uploadError(error);
        onError?.(new Error(text));
        void message.error(t('activity.files.uploadFailed', { message: text }));
      })
      .finally(() => setUploading(false));
  };

  const photos = files.filter((f) => f.kind === 'photo');
  const documents = files.filter((f) => f.kind === 'document');

  const deleteButton = (f: FileEntry) =>
    manage && (
      <Popconfirm
        title={t('activity.files.confirmDelete', { name: f.filename })}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        onConfirm={() => remove.mutate(f.id)}
      >
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('activity.files.delete', { name: f.filename })}
        />
      </Popconfirm>
    );

  return (
    <>
      <div className="activity-section activity-files-head">
        <Typography.Title level={5}>{t('activity.files.title')}</Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={downloadUrl(`${base}/minutes.docx`)}>
            {t('activity.files.minutesDoc')}
          </Button>
          <Button icon={<DownloadOutlined />} href={downloadUrl(`${base}/attendance.xlsx`)}>
            {t('activity.files.attendanceSheet')}
          </Button>
          {manage && (
            <Upload accept={ACCEPT} showUploadList={false} customRequest={customRequest}>
              <Button type="primary" icon={<UploadOutlined />} loading={uploading}>
                {t('activity.files.upload')}
              </Button>
            </Upload>
          )}
        </Space>
      </div>
      {manage && <Typography.Paragraph type="secondary">{t('activity.files.hint')}</Typography.Paragraph>}
      {files.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activity.files.none')} />
      )}
      {photos.length > 0 && (
        <div className="activity-photos" aria-label={t('activity.files.photos')}>
          {photos.map((f) => (
            <figure key={f.id} className="activity-photo">
              <a href={fileUrl(f)} target="_blank" rel="noreferrer" title={f.filename}>
                <img src={f.hasThumbnail ? fileUrl(f, true) : fileUrl(f)} alt={f.filename} loading="lazy" />
              </a>
              {deleteButton(f)}
            </figure>
          ))}
        </div>
      )}
      {documents.length > 0 && (
        <List
          size="small"
          aria-label={t('activity.files.documents')}
          dataSource={documents}
          renderItem={(f) => (
            <List.Item actions={[deleteButton(f)].filter(Boolean)}>
              <Space>
                <FileOutlined />
                <Typography.Link href={fileUrl(f)} download={f.filename}>
                  {f.filename}
                </Typography.Link>
                <Typography.Text type="secondary">{formatSize(f.size)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
