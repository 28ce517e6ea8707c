import { UsergroupAddOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePairing } from './pairingQueries';

/** Marks a joint activity and links to its pairing (by title once loaded). */
export default function PairingTag({ pairingId }: { pairingId: string }) {
  const { t } = useTranslation();
  const pairing = usePairing(pairingId);
  return (
    <Link to={`/pairings/${pairingId}`}>
      <Tag color="red" icon={<UsergroupAddOutlined />}>
        {pairing.data
          ? t('activity.pairingTagTitle', { title: pairing.data.title })
          : t('activity.pairingTag')}
      </Tag>
    </Link>
  );
}
