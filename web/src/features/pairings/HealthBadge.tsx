import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HealthState } from '../../../../domain/pairings/health';
import { HEALTH_COLORS } from './format';

/** A coloured dot with the health state's name. */
export default function HealthBadge({ state }: { state: HealthState }) {
  const { t } = useTranslation();
  return <Badge color={HEALTH_COLORS[state]} text={t(`enums.healthState.${state}`)} data-health={state} />;
}
