import { Alert, Card, Col, Result, Row, Spin, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { withQuery, type QueryValue } from '../../api/client';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { HEALTH_STATES, type HealthState } from '../../../../domain/pairings/health';
import type { PairingDashboard } from '../../../../domain/schemas/pairings';
import SliceChart from '../dashboard/SliceChart';
import { currentPeriod, HEALTH_COLORS } from './format';
import HealthBadge from './HealthBadge';
import MatchSuggestions from './MatchSuggestions';
import { ActivityDemandTrend, HealthTrend, type TrendSeries } from './PairingTrendChart';
import { usePairingDashboard } from './pairingQueries';
import PairingPolicyCard from './PairingPolicyCard';
import PeriodPicker from './PeriodPicker';
import { useCoordinator } from './useCoordinator';
import '../dashboard/dashboard.css';
import './pairings.css';

type DashboardRow = PairingDashboard['rows'][number];

const byNumber = (key: keyof DashboardRow) => (a: DashboardRow, b: DashboardRow) =>
  Number(a[key] ?? -1) - Number(b[key] ?? -1);

/** All pairings of a coordinator in a period: totals, figures per pairing, trends, health and match suggestions. */
export default function PairingDashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [coordinator, setCoordinator] = useCoordinator();
  const [period, setPeriod] = useState(() => currentPeriod('quarter'));
  const [health, setHealth] = useState<HealthState | null>(null);
  const dashboard = usePairingDashboard(coordinator, period);
  const d = dashboard.data;
  const go = (path: string, query: Record<string, QueryValue> = {}) => void navigate(withQuery(path, query));
  const demands = (query: Record<string, QueryValue> = {}) => go('/demands', { coordinator, ...query });

  const pickTrend = (picked: string, series: TrendSeries) => {
    if (series === 'demandsOverdue') return demands({ overdue: true });
    if (series === 'demandsRaised' || series === 'demandsResolved') return demands();
    // the pairings behind a period: the table below, for that period
    setPeriod(picked);
    setHealth(null);
  };

  const head = (
    <div className="toolbar">
      <OrgTreeSelect
        className="member-filter-org"
        value={coordinator}
        onChange={setCoordinator}
        placeholder={t('pairing.coordinator')}
      />
      <PeriodPicker value={period} onChange={setPeriod} />
    </div>
  );
  if (!coordinator)
    return (
      <Card title={t('nav.pairingDashboard')}>
        {head}
        <Result status="info" title={t('pairing.pickCoordinator')} />
      </Card>
    );
  if (dashboard.isError)
    return (
      <Card title={t('nav.pairingDashboard')}>
        {head}
        <Result status="error" title={t('common.error')} subTitle={dashboard.error.message} />
      </Card>
    );
  if (!d) return <Spin className="page-spinner" />;

  const totals = d.totals;
  const rows = health ? d.rows.filter((r) => r.health === health) : d.rows;
  const stat = (title: string, value: number | string, onClick?: () => void, testId?: string) => (
    <Col xs={12} sm={8} md={6} xl={3}>
      <Statistic
        title={onClick ? <Typography.Link onClick={onClick}>{title}</Typography.Link> : title}
        value={value}
        data-testid={testId}
      />
    </Col>
  );

  return (
    <div className="dashboard-page">
      <Card size="small" className="dashboard-head">
        <Typography.Title level={4}>{t('nav.pairingDashboard')}</Typography.Title>
        {head}
        <Typography.Text type="secondary">
          {t('pairing.dashboard.scope', { name: d.coordinatorName, period: d.period })}
        </Typography.Text>
        <Row gutter={[16, 8]} className="dashboard-stats">
          {stat(
            t('pairing.dashboard.pairings'),
            totals.pairings,
            () => go('/pairings', { coordinator }),
            'total-pairings',
          )}
          {stat(t('enums.pairingState.active'), totals.byState.active, () =>
            go('/pairings', { coordinator, state: 'active' }),
          )}
          {stat(
            t('pairing.dashboard.series.jointActivitiesHeld'),
            totals.jointActivitiesHeld,
            undefined,
            'total-activities',
          )}
          {stat(
            t('pairing.dashboard.series.demandsRaised'),
            totals.demandsRaised,
            () => demands(),
            'total-raised',
          )}
          {stat(
            t('pairing.dashboard.series.demandsResolved'),
            totals.demandsResolved,
            () => demands(),
            'total-resolved',
          )}
          {stat(t('pairing.dashboard.openDemands'), totals.openDemands, () => demands(), 'total-open')}
          {stat(
            t('pairing.dashboard.series.demandsOverdue'),
            totals.overdueDemands,
            () => demands({ overdue: true }),
            'total-overdue',
          )}
          {stat(
            t('pairing.dashboard.satisfaction'),
            totals.averageSatisfaction === null ? '—' : `${totals.averageSatisfaction} (${totals.ratings})`,
            undefined,
            'total-satisfaction',
          )}
          {stat(t('pairing.health.projectsDone'), totals.projectsDone)}
          {stat(t('pairing.dashboard.commitmentsOverdue'), totals.commitmentsOverdue)}
        </Row>
        <Typography.Text type="secondary">{t('pairing.dashboard.clickHint')}</Typography.Text>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12} xl={6}>
          <SliceChart
            title={t('pairing.dashboard.healthPie')}
            slices={[
              { key: 'on_track', n: totals.health.onTrack },
              { key: 'needs_attention', n: totals.health.needsAttention },
              { key: 'inactive', n: totals.health.inactive },
            ]}
            label={(k) => t(`enums.healthState.${k}`)}
            colors={HEALTH_COLORS}
            onPick={(k) => setHealth(HEALTH_STATES.find((s) => s === k) ?? null)}
          />
        </Col>
        <Col xs={24} md={12} xl={10}>
          <ActivityDemandTrend trend={d.trend} onPick={pickTrend} />
        </Col>
        <Col xs={24} xl={8}>
          <HealthTrend trend={d.trend} onPick={pickTrend} />
        </Col>
        <Col xs={24}>
          <Card
            size="small"
            title={t('pairing.dashboard.table', { period: d.period })}
            extra={
              health && (
                <Typography.Link onClick={() => setHealth(null)}>
                  {t('pairing.dashboard.showAll')}
                </Typography.Link>
              )
            }
          >
            {health && (
              <Alert
                type="info"
                showIcon
                message={t('pairing.dashboard.filtered', { state: t(`enums.healthState.${health}`) })}
                className="modal-alert"
              />
            )}
            <Table<DashboardRow>
              size="small"
              rowKey="pairingId"
              dataSource={rows}
              loading={dashboard.isFetching}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('pairing.title'),
                  dataIndex: 'title',
                  fixed: 'left',
                  sorter: (a, b) => a.title.localeCompare(b.title),
                  render: (title: string, r) => <Link to={`/pairings/${r.pairingId}`}>{title}</Link>,
                },
                {
                  title: t('pairing.parties'),
                  dataIndex: 'parties',
                  render: (parties: DashboardRow['parties']) => parties.map((p) => p.orgName).join(' ⇄ '),
                },
                {
                  title: t('pairing.health.state'),
                  dataIndex: 'health',
                  sorter: (a, b) => (a.health ?? '').localeCompare(b.health ?? ''),
                  render: (h: HealthState | null, r) =>
                    h ? (
                      <span title={r.reasons.map((x) => t(`pairing.health.reason.${x}`)).join('、')}>
                        <HealthBadge state={h} />
                      </span>
                    ) : (
                      t(`enums.pairingState.${r.state}`)
                    ),
                },
                {
                  title: t('pairing.dashboard.activities'),
                  key: 'activities',
                  sorter: byNumber('activitiesHeld'),
                  render: (_v, r) => `${r.activitiesHeld} / ${r.activitiesRequired}`,
                },
                {
                  title: t('pairing.dashboard.commitments'),
                  key: 'commitments',
                  sorter: byNumber('commitmentsOverdue'),
                  render: (_v, r) => t('pairing.dashboard.commitmentFigures', r),
                },
                {
                  title: t('pairing.dashboard.series.demandsRaised'),
                  dataIndex: 'demandsRaised',
                  sorter: byNumber('demandsRaised'),
                },
                {
                  title: t('pairing.dashboard.series.demandsResolved'),
                  dataIndex: 'demandsResolved',
                  sorter: byNumber('demandsResolved'),
                },
                {
                  title: t('pairing.dashboard.series.demandsOverdue'),
                  dataIndex: 'demandsOverdue',
                  sorter: byNumber('demandsOverdue'),
                  render: (n: number, r) =>
                    n > 0 ? (
                      <Typography.Link
                        type="danger"
                        onClick={() => go('/demands', { pairing: r.pairingId, overdue: true })}
                      >
                        {n}
                      </Typography.Link>
                    ) : (
                      n
                    ),
                },
                {
                  title: t('pairing.dashboard.openDemands'),
                  dataIndex: 'openDemands',
                  sorter: byNumber('openDemands'),
                },
                {
                  title: t('pairing.health.medianDays'),
                  dataIndex: 'medianDaysToResolve',
                  sorter: byNumber('medianDaysToResolve'),
                  render: (v: number | null) => v ?? '—',
                },
                {
                  title: t('pairing.dashboard.satisfaction'),
                  dataIndex: 'averageSatisfaction',
                  sorter: byNumber('averageSatisfaction'),
                  render: (v: number | null) => v ?? '—',
                },
                {
                  title: t('pairing.health.projectsDone'),
                  dataIndex: 'projectsDone',
                  sorter: byNumber('projectsDone'),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <MatchSuggestions coordinator={coordinator} />
        </Col>
        <Col xs={24} id="policy">
          <PairingPolicyCard orgId={coordinator} />
        </Col>
      </Row>
    </div>
  );
}
