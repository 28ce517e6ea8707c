import { Alert, Card, Col, Result, Row, Spin, Statistic, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { withQuery, type QueryValue } from '../../api/client';
import { useScope } from '../../layout/scope';
import type { Dashboard } from '../../../../domain/schemas/dashboard';
import { useOrgRoots } from '../orgs/orgQueries';
import ActivityChart from './ActivityChart';
import SliceChart from './SliceChart';
import ThemeDayHeatmap from './ThemeDayHeatmap';
import { useDashboard } from './dashboardQueries';
import './dashboard.css';

type Term = Dashboard['terms']['items'][number];

const AGE_FILTERS: Record<string, { ageMin?: number; ageMax?: number }> = {
  le30: { ageMax: 30 },
  '31_40': { ageMin: 31, ageMax: 40 },
  '41_50': { ageMin: 41, ageMax: 50 },
  '51_60': { ageMin: 51, ageMax: 60 },
  gt60: { ageMin: 61 },
};

/** Years since joining the Party by band → the years joined (exact: bands are counted from the year joined). */
function standingFilter(band: string, year: number): { joinedFrom?: number; joinedTo?: number } {
  const ranges: Record<string, [number | null, number | null]> = {
    lt5: [null, 4],
    '5_10': [5, 9],
    '10_20': [10, 19],
    '20_30': [20, 29],
    ge30: [30, null],
  };
  const [min, max] = ranges[band] ?? [null, null];
  return { ...(max !== null ? { joinedFrom: year - max } : {}), ...(min !== null ? { joinedTo: year - min } : {}) };
}

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(y!, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { scopeId } = useScope();
  const roots = useOrgRoots();
  const orgId = scopeId ?? roots.data?.items[0]?.id ?? null;
  const dashboard = useDashboard(orgId);

  if (!orgId) {
    if (roots.isPending) return <Spin className="page-spinner" />;
    return <Result status="info" title={t('dashboard.pickScope')} />;
  }
  if (dashboard.isError) return <Result status="error" title={t('common.error')} subTitle={dashboard.error.message} />;
  const d = dashboard.data;
  if (!d) return <Spin className="page-spinner" tip={t('dashboard.loading')} />;

  const year = Number(d.today.slice(0, 4));
  const go = (path: string, query: Record<string, QueryValue> = {}) => void navigate(withQuery(path, query));
  const members = (filter: Record<string, QueryValue>) => go('/members', { org: d.orgId, ...filter });
  const enumLabel = (group: string) => (key: string) => (key === 'unknown' ? t('dashboard.unknown') : t(`enums.${group}.${key}`));
  const exact = (field: string) => (key: string) => members(key === 'unknown' ? {} : { [field]: key });

  return (
    <div className="dashboard-page">
      <Card size="small" className="dashboard-head">
        <Typography.Title level={4}>{t('dashboard.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('dashboard.scope', { name: d.orgName })}</Typography.Text>
        <Row gutter={24} className="dashboard-stats">
          <Col>
            <Statistic title={t('nav.orgs')} value={d.orgs.total} />
          </Col>
          <Col>
            <Statistic title={t('nav.members')} value={d.members.total} />
          </Col>
          <Col>
            <Statistic title={t('dashboard.terms')} value={d.terms.total} />
          </Col>
          <Col>
            <Statistic title={t('dashboard.termsExpired')} value={d.terms.expired} valueStyle={d.terms.expired ? { color: '#cf1322' } : undefined} />
          </Col>
        </Row>
        <Typography.Text type="secondary">{t('dashboard.clickHint')}</Typography.Text>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12} xl={8}>
          <SliceChart title={t('dashboard.orgsByType')} slices={d.orgs.byType} label={enumLabel('orgType')} onPick={() => go('/orgs', { org: d.orgId })} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <SliceChart title={t('dashboard.orgsBySector')} slices={d.orgs.bySector} label={enumLabel('sector')} onPick={() => go('/orgs', { org: d.orgId })} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <SliceChart title={t('dashboard.gender')} slices={d.members.gender} label={enumLabel('gender')} onPick={exact('gender')} />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <SliceChart title={t('dashboard.age')} slices={d.members.age} label={(k) => t(`dashboard.ageBand.${k}`)} onPick={(k) => members(AGE_FILTERS[k] ?? {})} kind="bar" />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <SliceChart title={t('dashboard.education')} slices={d.members.education} label={enumLabel('education')} onPick={exact('education')} kind="bar" />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <SliceChart title={t('dashboard.standing')} slices={d.members.standing} label={(k) => t(`dashboard.standingBand.${k}`)} onPick={(k) => members(standingFilter(k, year))} kind="bar" />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <SliceChart title={t('dashboard.status')} slices={d.members.status} label={enumLabel('memberStatus')} onPick={exact('status')} />
        </Col>
        <Col xs={24} md={12} xl={16}>
          <SliceChart title={t('dashboard.category')} slices={d.members.category} label={enumLabel('memberCategory')} onPick={exact('category')} kind="bar" />
        </Col>
        <Col xs={24}>
          <ActivityChart data={d.activities} onPick={(type, month) => go('/activities', { org: d.orgId, subtree: true, type, from: `${month}-01`, to: lastDayOf(month), state: 'held' })} />
        </Col>
        <Col xs={24} xl={14}>
          <ThemeDayHeatmap data={d.themeDays} onPick={(org, month) => go('/compliance', { org, period: month })} />
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('dashboard.termsCard')} className="dashboard-card" data-testid="dashboard-terms">
            <Tabs
              size="small"
              items={[
                {
                  key: 'due',
                  label: t('dashboard.termsDueTab', { count: d.terms.total }),
                  children: <TermTable items={d.terms.items} total={d.terms.total} onPick={(orgId) => go('/orgs', { org: orgId })} />,
                },
                {
                  key: 'expired',
                  label: t('dashboard.termsExpiredTab', { count: d.terms.expired }),
                  children: <TermTable items={d.terms.expiredItems} total={d.terms.expired} onPick={(orgId) => go('/orgs', { org: orgId })} />,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

/** Terms due within 6 months (days left) or already expired (days since), nearest date first; a row opens the organization. */
function TermTable({ items, total, onPick }: { items: Term[]; total: number; onPick: (orgId: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      {total > items.length && <Alert type="info" showIcon message={t('dashboard.termsMore', { total, shown: items.length })} />}
      <Table<Term>
        size="small"
        rowKey="orgId"
        dataSource={items}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        onRow={(r) => ({ onClick: () => onPick(r.orgId), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('dashboard.org'), dataIndex: 'orgName', ellipsis: true },
          { title: t('dashboard.type'), dataIndex: 'type', render: (v: string) => t(`enums.orgType.${v}`), width: 90 },
          { title: t('dashboard.expiresOn'), dataIndex: 'expiresOn', width: 110 },
          {
            title: t('dashboard.daysLeft'),
            dataIndex: 'daysLeft',
            width: 100,
            render: (n: number) => (n > 0 ? t('dashboard.days', { count: n }) : <Typography.Text type="danger">{t('dashboard.expiredDays', { count: -n })}</Typography.Text>),
          },
        ]}
      />
    </>
  );
}
