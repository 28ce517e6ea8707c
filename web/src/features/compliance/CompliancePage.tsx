import { Alert, Card, DatePicker, Segmented, Space, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../auth/useMe';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { useScope } from '../../layout/scope';
import type { ComplianceStatus } from '../../../../domain/enums';
import ActivityDrawer from '../activities/ActivityDrawer';
import { useActivityList } from '../activities/activityQueries';
import ListTable from '../../components/ListTable';
import ComplianceRollup from './ComplianceRollup';
import { periodRange, useCompliance, type Item, type PeriodKind } from './complianceQueries';
import './compliance.css';
import { formatDate } from '../../i18n/dates';

const STATUS_COLORS: Record<ComplianceStatus, string> = {
  met: 'green',
  missed: 'red',
  due: 'orange',
  not_applicable: 'default',
};

function periodLabel(kind: PeriodKind, date: Dayjs): string {
  if (kind === 'year') return date.format('YYYY');
  if (kind === 'quarter') return `${date.format('YYYY')}-Q${Math.floor(date.month() / 3) + 1}`;
  return date.format('YYYY-MM');
}

/** The period a link names (the dashboard's heatmap: ?period=2025-08; also 2025-Q3 or 2025), else this month. */
function periodFromUrl(label: string | null): { kind: PeriodKind; date: Dayjs } {
  const range = label ? periodRange(label) : null;
  if (!label || !range) return { kind: 'month', date: dayjs() };
  return {
    kind: label.includes('Q') ? 'quarter' : label.length === 4 ? 'year' : 'month',
    date: dayjs(range.from),
  };
}

/** Each requirement of the rule pack for one organization and period: met, missed, due or not applicable. */
export default function CompliancePage() {
  const { t } = useTranslation();
  const { scopeId } = useScope();
  const me = useMe();
  const [params] = useSearchParams();
  const [picked, setOrg] = useState<string | null>(() => params.get('org'));
  const org = picked ?? scopeId ?? me.data?.member?.orgId ?? null;
  const [linked] = useState(() => periodFromUrl(params.get('period')));
  const [kind, setKind] = useState<PeriodKind>(linked.kind);
  const [date, setDate] = useState<Dayjs>(linked.date);
  const [openId, setOpenId] = useState<string | null>(null);
  const period = periodLabel(kind, date);
  const report = useCompliance(org, period);

  // Themes and dates of the activities that count, from the widest window evaluated.
  const ranges = (report.data?.items ?? []).map((i) => periodRange(i.window)).filter((r) => r !== null);
  const from = ranges.reduce<string | undefined>((m, r) => (!m || r.from < m ? r.from : m), undefined);
  const to = ranges.reduce<string | undefined>((m, r) => (!m || r.to > m ? r.to : m), undefined);
  const held = useActivityList(
    { org: org ?? undefined, subtree: false, state: 'held', from, to },
    undefined,
    200,
  );
  const byId = new Map((held.data?.items ?? []).map((a) => [a.id, a]));

  const requirementName = (i: Item) =>
    t('compliance.requirementName', {
      type: t(`enums.activityType.${i.requirement}`),
      per: t(`compliance.per.${i.per}`),
      count: i.required,
    });

  return (
    <Card title={t('nav.compliance')}>
      <div className="toolbar">
        <OrgTreeSelect
          className="member-filter-org"
          rootId={scopeId}
          value={org}
          valueLabel={report.data?.orgId === org ? report.data.orgName : undefined}
          onChange={setOrg}
          placeholder={t('compliance.org')}
        />
        <Segmented<PeriodKind>
          aria-label={t('compliance.periodKind')}
          value={kind}
          onChange={setKind}
          options={(['month', 'quarter', 'year'] as const).map((k) => ({
            value: k,
            label: t(`compliance.kind.${k}`),
          }))}
        />
        <DatePicker
          aria-label={t('compliance.period')}
          picker={kind}
          value={date}
          allowClear={false}
          format={(d) => periodLabel(kind, d)}
          onChange={(d) => d && setDate(d)}
        />
      </div>
      <Typography.Paragraph type="secondary">{t('compliance.note')}</Typography.Paragraph>
      {org === null && <Alert type="info" showIcon message={t('compliance.pickOrg')} />}
      <Tabs
        items={[
          {
            key: 'org',
            label: t('compliance.tabs.org'),
            children: (
              <>
                {report.isError && <Alert type="error" showIcon message={report.error.message} />}
                <ListTable<Item>
                  id="compliance"
                  rowKey={(i) => i.id}
                  loading={report.isFetching}
                  rows={report.data?.items ?? []}
                  paging={{ kind: 'client', pageSize: 50 }}
                  columns={[
                    {
                      title: t('compliance.requirement'),
                      key: 'requirement',
                      required: true,
                      render: (_v, i) => (
                        <Space direction="vertical" size={0}>
                          <Typography.Text strong>{requirementName(i)}</Typography.Text>
                          {i.window !== period && (
                            <Typography.Text type="secondary">
                              {t('compliance.window', { window: i.window })}
                            </Typography.Text>
                          )}
                        </Space>
                      ),
                    },
                    {
                      key: 'status',
                      title: t('compliance.status'),
                      dataIndex: 'status',
                      render: (s: ComplianceStatus, i) => (
                        <Space direction="vertical" size={2}>
                          <Tag color={STATUS_COLORS[s]} data-status={s}>
                            {s === 'due' && i.daysLeft !== undefined
                              ? t('compliance.dueDays', { count: i.daysLeft })
                              : t(`enums.complianceStatus.${s}`)}
                          </Tag>
                          {s === 'not_applicable' && i.reason && (
                            <Typography.Text type="secondary">
                              {t(`compliance.reason.${i.reason}`, i.reason)}
                            </Typography.Text>
                          )}
                          {i.timing && (
                            <Tag color={STATUS_COLORS[i.timing.status]}>
                              {t('compliance.timing', { quarter: i.timing.quarter })}
                            </Tag>
                          )}
                        </Space>
                      ),
                    },
                    {
                      key: 'subPeriods',
                      title: t('compliance.subPeriods'),
                      dataIndex: 'subPeriods',
                      render: (subs: Item['subPeriods']) =>
                        subs && subs.length > 0 ? (
                          <div className="compliance-cells">
                            {subs.map((sp) => (
                              <span
                                key={sp.label}
                                className={`compliance-cell compliance-cell-${sp.status}`}
                                title={`${sp.label}: ${t(`enums.complianceStatus.${sp.status}`)} (${sp.count})`}
                              >
                                {sp.label.slice(5)}
                              </span>
                            ))}
                          </div>
                        ) : null,
                    },
                    {
                      key: 'severity',
                      title: t('compliance.severity'),
                      dataIndex: 'severity',
                      render: (s: Item['severity'], i) =>
                        i.status === 'not_applicable' ? null : (
                          <Tag color={s === 'hard' ? 'red' : 'gold'}>{t(`enums.severity.${s}`)}</Tag>
                        ),
                    },
                    {
                      title: t('compliance.count'),
                      key: 'count',
                      render: (_v, i) => (i.status === 'not_applicable' ? '—' : `${i.count}`),
                    },
                    {
                      key: 'activities',
                      title: t('compliance.activities'),
                      dataIndex: 'activities',
                      render: (ids: string[]) =>
                        ids.length === 0 ? (
                          '—'
                        ) : (
                          <Space direction="vertical" size={0}>
                            {ids.map((id) => {
                              const a = byId.get(id);
                              return (
                                <Typography.Link key={id} onClick={() => setOpenId(id)}>
                                  {a
                                    ? `${formatDate(a.startsAt)} ${a.theme}`
                                    : t('compliance.activityLink')}
                                </Typography.Link>
                              );
                            })}
                          </Space>
                        ),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'rollup',
            label: t('compliance.tabs.rollup'),
            children: <ComplianceRollup org={org} period={period} />,
          },
        ]}
      />
      <ActivityDrawer activityId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
