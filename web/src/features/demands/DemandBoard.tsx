import { Badge, Empty, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEMAND_STATES, type DemandState } from '../../../../domain/pairings/enums';
import type { Demand } from '../../../../domain/schemas/pairings';
import DemandCard from './DemandCard';
import { usePhone } from '../../components/usePhone';

/** Demands in one column per state; on a phone, one state at a time picked above the cards. */
export default function DemandBoard({
  demands,
  onOpen,
}: {
  demands: Demand[];
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const phone = usePhone();
  const [picked, setPicked] = useState<DemandState | null>(null);
  const byState = new Map<DemandState, Demand[]>(DEMAND_STATES.map((s) => [s, []]));
  for (const d of demands) byState.get(d.state)?.push(d);
  const cards = (state: DemandState) => {
    const list = byState.get(state) ?? [];
    if (list.length === 0)
      return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('demand.none')} />;
    return list.map((d) => <DemandCard key={d.id} demand={d} onOpen={onOpen} />);
  };

  if (phone) {
    // the first state with demands in it, unless the user picked one
    const state = picked ?? DEMAND_STATES.find((s) => (byState.get(s) ?? []).length > 0) ?? 'submitted';
    return (
      <div className="demand-board-narrow">
        <div className="demand-state-picker">
          <Segmented<DemandState>
            aria-label={t('demand.state')}
            value={state}
            onChange={setPicked}
            options={DEMAND_STATES.map((s) => ({
              value: s,
              label: (
                <span>
                  {t(`enums.demandState.${s}`)}{' '}
                  <Badge count={(byState.get(s) ?? []).length} size="small" showZero color="#8c8c8c" />
                </span>
              ),
            }))}
          />
        </div>
        <div className="demand-column-cards" aria-label={t(`enums.demandState.${state}`)}>
          {cards(state)}
        </div>
      </div>
    );
  }

  return (
    <div className="demand-board">
      {DEMAND_STATES.map((s) => (
        <section key={s} className="demand-column" aria-label={t(`enums.demandState.${s}`)} data-state={s}>
          <Typography.Text strong className="demand-column-title">
            {t(`enums.demandState.${s}`)}{' '}
            <Badge count={(byState.get(s) ?? []).length} size="small" showZero color="#8c8c8c" />
          </Typography.Text>
          <div className="demand-column-cards">{cards(s)}</div>
        </section>
      ))}
    </div>
  );
}
