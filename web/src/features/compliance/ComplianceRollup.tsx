import { Alert, Button, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import ListTable from '../../components/ListTable';
import { useRollup, type RollupItem } from './complianceQueries';

type Lagging = RollupItem['lagging'][number];

/**
 * How the organizations under one organization meet each requirement in a period: the share
 * that met it, and which organizations lag and what they missed. Organizations only — no ranking of members.
 */
export default function ComplianceRollup({ org, period }: { org: string | null; period: string }) {
  const { t } = useTranslation();
  // a province's root lags in thousands of organizations: the first of each requirement until asked
  const shown = `${org ?? ''}|${period}`;
  const [allFor, setAllFor] = useState<string | null>(null);
  const rollup = useRollup(org, period, allFor === shown);

  const lagging = (l: Lagging) => (
    <li key={l.orgId}>
      <Typography.Text>{l.orgName}</Typography.Text>{' '}
      <Tag color={l.status === 'missed' ? 'red' : 'orange'}>
        {l.status === 'due' && l.daysLeft !== undefined
          ? t('compliance.dueDays', { count: l.daysLeft })
          : t(`enums.complianceStatus.${l.status}`)}
      </Tag>
      <Typography.Text type="secondary">
        {t('compliance.rollup.counted', { count: l.count, required: l.required })}
        {l.missedPeriods.length > 0 &&
          ` · ${t('compliance.rollup.missedPeriods', { periods: l.missedPeriods.join('、') })}`}
      </Typography.Text>
    </li>
  );

  return (
    <>
      {rollup.isError && <Alert type="error" showIcon message={rollup.error.message} />}
      {rollup.data && (
        <Typography.Paragraph type="secondary">
          {t('compliance.rollup.summary', { count: rollup.data.organizations, period: rollup.data.period })}
        </Typography.Paragraph>
      )}
      <ListTable<RollupItem>
        id="compliance-rollup"
        rowKey={(i) => i.id}
        loading={rollup.isFetching}
        rows={rollup.data?.items ?? []}
        paging={{ kind: 'client', pageSize: 50 }}
        columns={[
          {
            key: 'requirement',
            required: true,
            title: t('compliance.requirement'),
            dataIndex: 'requirement',
            render: (type: RollupItem['requirement']) => (
              <Typography.Text strong>{t(`enums.activityType.${type}`)}</Typography.Text>
            ),
          },
          {
            key: 'severity',
            title: t('compliance.severity'),
            dataIndex: 'severity',
            render: (s: RollupItem['severity']) => (
              <Tag color={s === 'hard' ? 'red' : 'gold'}>{t(`enums.severity.${s}`)}</Tag>
            ),
          },
          {
            title: t('compliance.rollup.shareMet'),
            key: 'share',
            render: (_v, i) =>
              i.shareMet === null ? (
                <Typography.Text type="secondary">{t('compliance.rollup.noneApplicable')}</Typography.Text>
              ) : (
                <Space direction="vertical" size={0} className="compliance-share">
                  <Progress
                    percent={Math.round(i.shareMet * 100)}
                    size="small"
                    status={i.met === i.applicable ? 'success' : 'normal'}
                    aria-label={t('compliance.rollup.shareMet')}
                  />
                  <Typography.Text type="secondary">
                    {t('compliance.rollup.metOf', { met: i.met, applicable: i.applicable })}
                  </Typography.Text>
                </Space>
              ),
          },
          {
            key: 'lagging',
            title: t('compliance.rollup.lagging'),
            dataIndex: 'lagging',
            render: (list: Lagging[], i) =>
              list.length === 0 ? (
                '—'
              ) : (
                <>
                  <ul className="compliance-lagging">{list.map(lagging)}</ul>
                  {i.laggingTotal > list.length && (
                    <Space size="small">
                      <Typography.Text type="secondary">{t('compliance.rollup.more', { count: i.laggingTotal - list.length })}</Typography.Text>
                      <Button type="link" size="small" onClick={() => setAllFor(shown)}>
                        {t('compliance.rollup.showAll')}
                      </Button>
                    </Space>
                  )}
                </>
              ),
          },
        ]}
      />
    </>
  );
}
