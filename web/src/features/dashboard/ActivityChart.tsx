import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../../domain/schemas/dashboard';
import { echarts, PALETTE } from './echarts';

/** Held activities per month, stacked by type; a click opens the activities of that type and month. */
export default function ActivityChart({ data, onPick }: { data: Dashboard['activities']; onPick: (type: string, month: string) => void }) {
  const { t } = useTranslation();
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', bottom: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 16, top: 16, bottom: 36, containLabel: true },
    color: PALETTE,
    xAxis: { type: 'category', data: data.months },
    yAxis: { type: 'value', minInterval: 1, name: t('dashboard.activityCount') },
    series: data.series.map((s) => ({
      type: 'bar',
      stack: 'all',
      name: t(`enums.activityType.${s.type}`),
      data: s.counts.map((n) => ({ value: n, type: s.type })),
    })),
  };
  return (
    <Card size="small" title={t('dashboard.activities')} className="dashboard-card">
      {data.series.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          notMerge
          onEvents={{
            click: (e: { data?: { type?: string }; name?: string }) => {
              if (e.data?.type && e.name) onPick(e.data.type, e.name);
            },
          }}
          style={{ height: 300, width: '100%', cursor: 'pointer' }}
        />
      )}
    </Card>
  );
}
