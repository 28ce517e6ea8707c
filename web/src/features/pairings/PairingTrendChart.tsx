import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PairingDashboard } from '../../../../domain/schemas/pairings';
import { echarts, PALETTE } from '../dashboard/echarts';
import { HEALTH_COLORS } from './format';

type Trend = PairingDashboard['trend'];
/** what a click on a series opens */
export type TrendSeries =
  'jointActivitiesHeld' | 'demandsRaised' | 'demandsResolved' | 'demandsOverdue' | 'health';

interface Props {
  trend: Trend;
  onPick: (period: string, series: TrendSeries) => void;
}

const chartStyle = { height: 280, width: '100%', cursor: 'pointer' };

/** Joint activities and demands per period with the average satisfaction as a line; a click opens that period. */
export function ActivityDemandTrend({ trend, onPick }: Props) {
  const { t } = useTranslation();
  const bars: { key: Exclude<TrendSeries, 'health'>; color: string | undefined }[] = [
    { key: 'jointActivitiesHeld', color: PALETTE[2] },
    { key: 'demandsRaised', color: PALETTE[1] },
    { key: 'demandsResolved', color: PALETTE[3] },
    { key: 'demandsOverdue', color: PALETTE[0] },
  ];
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 8, top: 28, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: trend.map((p) => p.period) },
    yAxis: [
      { type: 'value', minInterval: 1, name: t('pairing.dashboard.count') },
      { type: 'value', min: 0, max: 5, name: t('pairing.dashboard.satisfaction') },
    ],
    series: [
      ...bars.map((b) => ({
        type: 'bar',
        name: t(`pairing.dashboard.series.${b.key}`),
        color: b.color,
        barMaxWidth: 18,
        data: trend.map((p) => ({ value: p[b.key], series: b.key })),
      })),
      {
        type: 'line',
        name: t('pairing.dashboard.satisfaction'),
        yAxisIndex: 1,
        color: PALETTE[4],
        connectNulls: true,
        data: trend.map((p) => p.averageSatisfaction),
      },
    ],
  };
  return (
    <Card size="small" title={t('pairing.dashboard.trend')} className="pairing-health-card">
      {trend.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          notMerge
          onEvents={{
            click: (e: { name?: string; data?: { series?: TrendSeries } }) => {
              if (e.name) onPick(e.name, e.data?.series ?? 'jointActivitiesHeld');
            },
          }}
          style={chartStyle}
        />
      )}
    </Card>
  );
}

/** The health states of the pairings per period, stacked; a click opens that period's pairings. */
export function HealthTrend({ trend, onPick }: Props) {
  const { t } = useTranslation();
  const states = [
    { key: 'onTrack', state: 'on_track' },
    { key: 'needsAttention', state: 'needs_attention' },
    { key: 'inactive', state: 'inactive' },
  ] as const;
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 8, top: 16, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: trend.map((p) => p.period) },
    yAxis: { type: 'value', minInterval: 1 },
    series: states.map((s) => ({
      type: 'bar',
      stack: 'health',
      name: t(`enums.healthState.${s.state}`),
      color: HEALTH_COLORS[s.state],
      barMaxWidth: 24,
      data: trend.map((p) => p[s.key]),
    })),
  };
  return (
    <Card size="small" title={t('pairing.dashboard.healthTrend')} className="pairing-health-card">
      {trend.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          notMerge
          onEvents={{ click: (e: { name?: string }) => e.name && onPick(e.name, 'health') }}
          style={chartStyle}
        />
      )}
    </Card>
  );
}
