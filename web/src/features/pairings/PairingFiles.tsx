import { DeleteOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, List, Popconfirm, Space, Typography, Upload, type UploadProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, downloadUrl } from '../../api/client';
import { formatSize, uploadError } from '../../components/files';
import { pairingKeys, pairingPath, type PairingFileEntry } from './pairingQueries';

const ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf,.docx,.xlsx';

/** Attachments of an agreement: the signed scan, the plaque photo. */
export default function PairingFiles({
  pairingId,
  files,
  manage,
}: {
  pairingId: string;
  files: PairingFileEntry[];
  manage: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const base = `${pairingPath(pairingId)}/files`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: pairingKeys.detail(pairingId) });

  const remove = useMutation({
    mutationFn: (fileId: string) => api<null>(`${base}/${encodeURIComponent(fileId)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      void message.success(t('pairing.files.deleted'));
      await refresh();
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
        await refresh();
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
        {manage && (
          <Upload accept={ACCEPT} showUploadList={false} customRequest={customRequest}>
            <Button icon={<UploadOutlined />} loading={uploading}>
              {t('pairing.files.upload')}
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
                manage
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
