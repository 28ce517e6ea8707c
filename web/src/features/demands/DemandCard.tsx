import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Demand } from '../../../../domain/schemas/pairings';
import DemandTags from './DemandTags';

/** A demand on the board: what, who raised it, who handles it, by when. */
export default function DemandCard({ demand, onOpen }: { demand: Demand; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      hoverable
      className={demand.overdue ? 'demand-card demand-card-overdue' : 'demand-card'}
      onClick={() => onOpen(demand.id)}
      role="button"
    >
      <Typography.Text strong className="demand-card-title">
        {demand.title}
      </Typography.Text>
      <DemandTags demand={demand} state={false} />
      <Typography.Text type="secondary" className="demand-card-line">
        {t(`enums.pairingCategory.${demand.category}`)} · {demand.raisedByOrgName} · {demand.raisedOn}
      </Typography.Text>
      {demand.assignedOrgName && (
        <Typography.Text type="secondary" className="demand-card-line">
          {t('demand.handledBy', { org: demand.assignedOrgName, person: demand.assigneeName ?? '' })}
          {demand.dueOn && ` · ${t('demand.dueOn')} ${demand.dueOn}`}
        </Typography.Text>
      )}
      {demand.rating !== null && (
        <Typography.Text type="secondary" className="demand-card-line">
          {t('demand.ratingShort', { rating: demand.rating })}
        </Typography.Text>
      )}
    </Card>
  );
}
