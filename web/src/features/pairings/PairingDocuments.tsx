import { FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { downloadUrl } from '../../api/client';
import { pairingPath } from './pairingQueries';

/** The printable plaque and agreement summary (.docx), for anyone who reads the pairing. */
export default function PairingDocuments({ pairingId }: { pairingId: string }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={4}>
      <Button icon={<PrinterOutlined />} href={downloadUrl(`${pairingPath(pairingId)}/plaque.docx`)} download>
        {t('pairing.documents.plaque')}
      </Button>
      <Button
        icon={<FileWordOutlined />}
        href={downloadUrl(`${pairingPath(pairingId)}/agreement.docx`)}
        download
      >
        {t('pairing.documents.agreement')}
      </Button>
    </Space>
  );
}
