import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Card, Empty } from 'antd';
import type { Slice } from '../../../../domain/schemas/dashboard';
import { echarts, PALETTE } from './echarts';

interface Props {
  title: string;
  slices: Slice[];
  label: (key: string) => string;
  /** opens the list behind a slice */
  onPick?: (key: string) => void;
  kind?: 'pie' | 'bar';
  extra?: string;
  /** a colour per key (health states), else the palette */
  colors?: Record<string, string>;
}

/** A pie (or a horizontal bar for many slices) of counts; clicking a slice opens its list. */
export default function SliceChart({ title, slices, label, onPick, kind = 'pie', extra, colors }: Props) {
  const data = slices.filter((s) => s.n > 0);
  const option =
    kind === 'pie'
      ? {
          tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
          legend: { type: 'scroll', bottom: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } },
          color: PALETTE,
          series: [
            {
              type: 'pie',
              radius: ['38%', '65%'],
              center: ['50%', '43%'],
              label: { show: false },
              data: data.map((s) => ({
                name: label(s.key),
                value: s.n,
                key: s.key,
                ...(colors?.[s.key] ? { itemStyle: { color: colors[s.key] } } : {}),
              })),
            },
          ],
        }
      : {
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', inverse: true, data: data.map((s) => label(s.key)), axisLabel: { fontSize: 11 } },
          series: [{ type: 'bar', color: PALETTE[0], barMaxWidth: 18, data: data.map((s) => ({ value: s.n, key: s.key })) }],
        };
  const onEvents = onPick
    ? { click: (e: { data?: { key?: string } }) => e.data?.key !== undefined && onPick(e.data.key) }
    : undefined;
  return (
    <Card size="small" title={title} extra={extra} className="dashboard-card">
      {data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          notMerge
          onEvents={onEvents}
          style={{ height: 240, width: '100%', cursor: onPick ? 'pointer' : undefined }}
        />
      )}
    </Card>
  );
}
