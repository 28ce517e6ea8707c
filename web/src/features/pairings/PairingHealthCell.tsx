import { Spin } from 'antd';
import HealthBadge from './HealthBadge';
import { usePairingHealth } from './pairingQueries';

/** The health state of one pairing in one period, fetched for its table cell. */
export default function PairingHealthCell({ pairingId, period }: { pairingId: string; period: string }) {
  const health = usePairingHealth(pairingId, period);
  if (health.isPending) return <Spin size="small" />;
  if (!health.data) return '—';
  return <HealthBadge state={health.data.state} />;
}
