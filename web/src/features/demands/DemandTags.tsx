import { ClockCircleOutlined, RiseOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Demand } from '../../../../domain/schemas/pairings';
import { DEMAND_STATE_COLORS, URGENCY_COLORS } from './format';

/** State, urgency, and the overdue and escalated marks of a demand. */
export default function DemandTags({ demand, state = true }: { demand: Demand; state?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="demand-tags">
      {state && (
        <Tag color={DEMAND_STATE_COLORS[demand.state]} data-state={demand.state}>
          {t(`enums.demandState.${demand.state}`)}
        </Tag>
      )}
      <Tag color={URGENCY_COLORS[demand.urgency]}>{t(`enums.urgency.${demand.urgency}`)}</Tag>
      {demand.overdue && (
        <Tag color="red" icon={<ClockCircleOutlined />} data-overdue>
          {t('demand.overdue')}
        </Tag>
      )}
      {demand.escalatedOn && (
        <Tag color="volcano" icon={<RiseOutlined />}>
          {t('demand.escalated')}
        </Tag>
      )}
    </span>
  );
}
