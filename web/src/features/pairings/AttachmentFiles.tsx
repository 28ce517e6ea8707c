import { DeleteOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, List, Popconfirm, Space, Typography, Upload, type UploadProps } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, downloadUrl } from '../../api/client';
import { formatSize, uploadError } from '../../components/files';
import type { PairingFileEntry } from './pairingQueries';
import './pairings.css';

const ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx';

/** Attachments of an agreement (the signed scan, the plaque photo) or of a demand, kept under `base`. */
export default function AttachmentFiles({
  base,
  files,
  mayUpload,
  uploadLabel,
  onChanged,
}: {
  /** the files' address: '/pairings/:id/files' */
  base: string;
  files: PairingFileEntry[];
  mayUpload: boolean;
  uploadLabel: string;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);

  const remove = useMutation({
    mutationFn: (fileId: string) => api<null>(`${base}/${encodeURIComponent(fileId)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      void message.success(t('pairing.files.deleted'));
      await onChanged();
    },
    onError: (error) => void message.error(error.message),
  });

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const form = new FormData();
    form.append('file', file as Blob);
    setUploading(true);
    api<PairingFileEntry>(base, { method: 'POST', form })
      .then(async (saved) => {
        onSuccess?.(saved);
        void message.success(t('pairing.files.uploaded'));
        await onChanged();
      })
      .catch((error: unknown) => {
        const text = uploadError(error);
        onError?.(new Error(text));
        void message.error(t('pairing.files.uploadFailed', { message: text }));
      })
      .finally(() => setUploading(false));
  };

  return (
    <>
      <div className="pairing-files-head">
        <Typography.Title level={5} className="pairing-section">
          {t('pairing.files.title')}
        </Typography.Title>
        {mayUpload && (
          <Upload accept={ACCEPT} showUploadList={false} customRequest={customRequest}>
            <Button icon={<UploadOutlined />} loading={uploading}>
              {uploadLabel}
            </Button>
          </Upload>
        )}
      </div>
      {files.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pairing.files.none')} />
      ) : (
        <List
          size="small"
          aria-label={t('pairing.files.title')}
          dataSource={files}
          renderItem={(f) => (
            <List.Item
              actions={
                // the uploader or the agreement's keeper, as the server says per file
                f.mayDelete
                  ? [
                      <Popconfirm
                        key="delete"
                        title={t('pairing.files.confirmDelete', { name: f.filename })}
                        onConfirm={() => remove.mutate(f.id)}
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('pairing.files.delete', { name: f.filename })}
                        />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Space>
                <FileOutlined />
                <Typography.Link
                  href={downloadUrl(`${base}/${encodeURIComponent(f.id)}`)}
                  download={f.filename}
                >
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
