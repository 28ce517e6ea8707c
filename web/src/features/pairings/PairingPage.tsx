import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import PairingDemands from '../demands/PairingDemands';
import { PAIRING_STATE_COLORS } from './format';
import JointActivities from './JointActivities';
import JointProjectsTable from './JointProjectsTable';
import PairingActions from './PairingActions';
import PairingAgreement from './PairingAgreement';
import PairingDocuments from './PairingDocuments';
import PairingHealthPanel from './PairingHealthPanel';
import PairingItemsTable from './PairingItemsTable';
import { usePairing } from './pairingQueries';
import './pairings.css';
import { formatDateRange } from '../../i18n/dates';

/** One pairing: the agreement, the three lists, joint activities, demands and health. */
export default function PairingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const pairing = usePairing(id);
  const p = pairing.data;

  if (pairing.isError)
    return <Result status="error" title={t('common.error')} subTitle={pairing.error.message} />;
  if (!p) return <Spin className="page-spinner" />;

  return (
    <div className="pairing-page">
      <Card size="small" className="pairing-head">
        <Space wrap align="center" className="pairing-title-row">
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('pairing.back')}
            onClick={() => void navigate('/pairings')}
          />
          <Typography.Title level={4} className="pairing-title">
            {p.title}
          </Typography.Title>
          <Tag color={PAIRING_STATE_COLORS[p.state]} data-state={p.state}>
            {t(`enums.pairingState.${p.state}`)}
          </Tag>
        </Space>
        <div className="pairing-parties">
          <Typography.Text strong>{p.parties.map((x) => x.orgName).join(' ⇄ ')}</Typography.Text>
          <Typography.Text type="secondary">
            {formatDateRange(p.validFrom, p.validTo)}
            {p.coordinatorName && ` · ${t('pairing.coordinatedBy', { name: p.coordinatorName })}`}
          </Typography.Text>
        </div>
        <Space wrap size={4} align="start">
          <PairingActions pairing={p} />
          <PairingDocuments pairingId={p.id} />
        </Space>
      </Card>
      <Card size="small">
        <Tabs
          activeKey={params.get('tab') ?? 'agreement'}
          onChange={(tab) => setParams({ tab }, { replace: true })}
          items={[
            {
              key: 'agreement',
              label: t('pairing.tabs.agreement'),
              children: <PairingAgreement pairing={p} />,
            },
            {
              key: 'needs',
              label: t('pairing.tabs.needs'),
              children: <PairingItemsTable pairing={p} kind="need" />,
            },
            {
              key: 'resources',
              label: t('pairing.tabs.resources'),
              children: <PairingItemsTable pairing={p} kind="resource" />,
            },
            {
              key: 'projects',
              label: t('pairing.tabs.projects'),
              children: <JointProjectsTable pairing={p} />,
            },
            {
              key: 'activities',
              label: t('pairing.tabs.activities'),
              children: <JointActivities pairing={p} />,
            },
            { key: 'demands', label: t('pairing.tabs.demands'), children: <PairingDemands pairing={p} /> },
            {
              key: 'health',
              label: t('pairing.tabs.health'),
              children: <PairingHealthPanel pairingId={p.id} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
