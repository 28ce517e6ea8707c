import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Alert, Card, Col, Rate, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairingHealth } from '../../../../domain/pairings/health';
import { echarts, PALETTE } from '../dashboard/echarts';
import { currentPeriod } from './format';
import HealthBadge from './HealthBadge';
import { usePairingHealth } from './pairingQueries';
import PeriodPicker from './PeriodPicker';

const UNIT_COLORS: Record<PairingHealth['activities']['units'][number]['status'], string> = {
  met: 'green',
  missed: 'red',
  due: 'orange',
  not_required: 'default',
};

/** Joint activities held against the agreed number, as a gauge. */
function ActivityGauge({ held, required }: { held: number; required: number }) {
  const { t } = useTranslation();
  const option = {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: Math.max(required, held, 1),
        progress: { show: true, width: 14 },
        axisLine: { lineStyle: { width: 14 } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        itemStyle: { color: held >= required ? '#52c41a' : PALETTE[1] },
        title: { offsetCenter: [0, '70%'], fontSize: 12 },
        detail: { offsetCenter: [0, '10%'], fontSize: 22, formatter: () => `${held} / ${required}` },
        data: [{ value: held, name: t('pairing.health.heldOfRequired') }],
      },
    ],
  };
  return (
    <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 220, width: '100%' }} />
  );
}

/** Commitments and demands of the period, as grouped bars. */
function FigureBars({ health }: { health: PairingHealth }) {
  const { t } = useTranslation();
  const groups = [t('pairing.health.commitments'), t('pairing.health.demands')];
  const series = [
    {
      name: t('pairing.health.total'),
      data: [health.commitments.total, health.demands.raised],
      color: PALETTE[2],
    },
    {
      name: t('pairing.health.done'),
      data: [health.commitments.done, health.demands.resolved],
      color: PALETTE[3],
    },
    {
      name: t('pairing.health.overdue'),
      data: [health.commitments.overdue, health.demands.overdue],
      color: PALETTE[0],
    },
  ];
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: groups },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'bar', barMaxWidth: 28, ...s })),
  };
  return (
    <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 220, width: '100%' }} />
  );
}

/** The health of one pairing in a chosen period, derived by the server from its records. */
export default function PairingHealthPanel({ pairingId }: { pairingId: string }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(() => currentPeriod('quarter'));
  const health = usePairingHealth(pairingId, period);
  const h = health.data;

  return (
    <>
      <div className="toolbar">
        <PeriodPicker value={period} onChange={setPeriod} />
        {h && <HealthBadge state={h.state} />}
        {h?.reasons.map((r) => (
          <Tag key={r} color="orange">
            {t(`pairing.health.reason.${r}`)}
          </Tag>
        ))}
      </div>
      {health.isError && <Alert type="error" showIcon message={health.error.message} />}
      {health.isPending && <Spin className="page-spinner" />}
      {h && (
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12} xl={8}>
            <Card size="small" title={t('pairing.health.activities')} className="pairing-health-card">
              <ActivityGauge held={h.activities.held} required={h.activities.required} />
              <Typography.Text type="secondary">
                {t('pairing.health.window', {
                  window: h.activities.window,
                  count: h.activities.frequency.min,
                  per: t(`pairing.per.${h.activities.frequency.per}`),
                })}
              </Typography.Text>
              <div className="pairing-units">
                {h.activities.units.map((u) => (
                  <Tag
                    key={u.label}
                    color={UNIT_COLORS[u.status]}
                    title={t(`pairing.health.unit.${u.status}`)}
                  >
                    {u.label}: {u.held}
                  </Tag>
                ))}
              </div>
            </Card>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Card
              size="small"
              title={t('pairing.health.commitmentsAndDemands')}
              className="pairing-health-card"
            >
              <FigureBars health={h} />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card size="small" title={t('pairing.health.resolution')} className="pairing-health-card">
              <Space direction="vertical" size={16}>
                <Statistic
                  title={t('pairing.health.medianDays')}
                  value={h.medianDaysToResolve ?? '—'}
                  suffix={h.medianDaysToResolve === null ? undefined : t('pairing.health.days')}
                />
                <div>
                  <Typography.Text type="secondary">{t('pairing.health.satisfaction')}</Typography.Text>
                  <div>
                    <Rate disabled allowHalf value={h.averageSatisfaction ?? 0} />{' '}
                    <Typography.Text>
                      {h.averageSatisfaction === null
                        ? t('pairing.health.noRatings')
                        : t('pairing.health.ratings', { average: h.averageSatisfaction, count: h.ratings })}
                    </Typography.Text>
                  </div>
                </div>
                <Statistic title={t('pairing.health.projectsDone')} value={h.projectsDone} />
              </Space>
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
