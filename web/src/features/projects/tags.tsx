import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectHealth, ProjectState } from '../../../../domain/projects/enums';

const HEALTH_COLORS: Record<ProjectHealth, string> = { on_track: 'green', at_risk: 'orange', late: 'red' };

export function HealthTag({ health, reasons }: { health: ProjectHealth | null; reasons: string[] }) {
  const { t } = useTranslation();
  if (!health) return <span>—</span>;
  const tag = <Tag color={HEALTH_COLORS[health]}>{t(`projects.healths.${health}`)}</Tag>;
  return reasons.length ? <Tooltip title={reasons.map((r) => t(`projects.reasons.${r}`)).join('；')}>{tag}</Tooltip> : tag;
}

export function StateTag({ state }: { state: ProjectState }) {
  const { t } = useTranslation();
  return <Tag>{t(`projects.states.${state}`)}</Tag>;
}
