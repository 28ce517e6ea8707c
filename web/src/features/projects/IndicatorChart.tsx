import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Card, Col, Empty, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { echarts, PALETTE } from '../dashboard/echarts';
import type { Project, Report } from './projectQueries';

// Each business indicator over the weeks: the values measured in the weekly reports, against the baseline it started
// from and the target it is meant to reach (issue 10: "Indicators show baseline → target → achieved").

export default function IndicatorChart({ indicators, reports }: { indicators: Project['indicators']; reports: Report[] }) {
  const { t } = useTranslation();
  const weeks = [...new Set(reports.filter((r) => r.indicatorValues.length > 0).map((r) => r.week))].sort();
  return (
    <section aria-label={t('projects.indicatorChart')}>
      <Card size="small" title={t('projects.indicatorChart')}>
        {indicators.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.noIndicators')} />
        ) : (
          <Row gutter={[16, 16]}>
            {indicators.map((i) => {
              const byWeek = new Map(reports.flatMap((r) => r.indicatorValues.filter((v) => v.indicatorId === i.id).map((v) => [r.week, v.value] as const)));
              // the first point is where the indicator started, so a single week still draws a line from the baseline
              const axis = [t('projects.start'), ...weeks];
              const flat = (value: number) => axis.map(() => value);
              const option = {
                tooltip: { trigger: 'axis' },
                legend: { bottom: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
                grid: { left: 8, right: 16, top: 12, bottom: 32, containLabel: true },
                color: [PALETTE[2], PALETTE[10], PALETTE[0]],
                xAxis: { type: 'category', data: axis, boundaryGap: false },
                yAxis: { type: 'value', scale: true },
                series: [
                  { type: 'line', name: t('projects.baseline'), data: flat(i.baseline), symbol: 'none', lineStyle: { type: 'dashed' } },
                  { type: 'line', name: t('projects.target'), data: flat(i.target), symbol: 'none', lineStyle: { type: 'dashed' } },
                  { type: 'line', name: t('projects.achieved'), data: [i.baseline, ...weeks.map((w) => byWeek.get(w) ?? null)], connectNulls: true, symbolSize: 7 },
                ],
              };
              return (
                <Col key={i.id} xs={24} md={indicators.length > 1 ? 12 : 24}>
                  <Typography.Text strong>{`${i.name}${i.unit ? `（${i.unit}）` : ''}`}</Typography.Text>
                  {weeks.length === 0 && <Typography.Text type="secondary" style={{ marginLeft: 12 }}>{t('projects.noValues')}</Typography.Text>}
                  <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 240, width: '100%' }} />
                </Col>
              );
            })}
          </Row>
        )}
      </Card>
    </section>
  );
}
