import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Card, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { COMPLIANCE_STATUSES } from '../../../../domain/enums';
import type { Dashboard } from '../../../../domain/schemas/dashboard';
import { echarts } from './echarts';

const COLORS: Record<(typeof COMPLIANCE_STATUSES)[number], string> = {
  met: '#52c41a',
  missed: '#f5222d',
  due: '#faad14',
  not_applicable: '#d9d9d9',
};

/** Branches × months, coloured met / missed / due; a click opens that branch's compliance for the month. */
export default function ThemeDayHeatmap({ data, onPick }: { data: Dashboard['themeDays']; onPick: (orgId: string, month: string) => void }) {
  const { t } = useTranslation();
  const rows = data.orgs;
  const option = {
    tooltip: {
      formatter: (p: { data: { value: [number, number, number] } }) => {
        const [x, y, v] = p.data.value;
        return `${rows[y]?.orgName ?? ''}<br/>${data.months[x] ?? ''}: ${t(`enums.complianceStatus.${COMPLIANCE_STATUSES[v]}`)}`;
      },
    },
    grid: { left: 8, right: 16, top: 8, bottom: 48, containLabel: true },
    xAxis: { type: 'category', data: data.months, splitArea: { show: true } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((o) => o.orgName),
      axisLabel: { fontSize: 11, width: 180, overflow: 'truncate' },
    },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      dimension: 2,
      pieces: COMPLIANCE_STATUSES.map((s, i) => ({ value: i, label: t(`enums.complianceStatus.${s}`), color: COLORS[s] })),
    },
    series: [
      {
        type: 'heatmap',
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        data: rows.flatMap((o, y) => o.cells.map((status, x) => ({ value: [x, y, COMPLIANCE_STATUSES.indexOf(status)] }))),
      },
    ],
  };
  return (
    <Card size="small" title={t('dashboard.themeDays')} className="dashboard-card">
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noBranches')} />
      ) : (
        <>
          <ReactEChartsCore
            echarts={echarts}
            option={option}
            notMerge
            onEvents={{
              click: (e: { data?: { value?: [number, number, number] } }) => {
                const [x, y] = e.data?.value ?? [];
                const org = y === undefined ? undefined : rows[y];
                const month = x === undefined ? undefined : data.months[x];
                if (org && month) onPick(org.orgId, month);
              },
            }}
            style={{ height: 80 + rows.length * 22, width: '100%', cursor: 'pointer' }}
          />
          {data.omitted > 0 && (
            <Typography.Text type="secondary">
              {t('dashboard.themeDaysOmitted', { total: data.branches, shown: rows.length, omitted: data.omitted })}
            </Typography.Text>
          )}
        </>
      )}
    </Card>
  );
}
