import { DownloadOutlined, FileWordOutlined, SendOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Alert, App, Button, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, downloadUrl } from '../../api/client';
import { MIN_SHOWN } from '../../../../domain/assessments/tally';
import type { Assessment, Results } from '../../../../domain/schemas/assessments';
import { echarts } from '../dashboard/echarts';
import { assessmentKeys, assessmentPath, useResults, type ReporterResultEntry } from './assessmentQueries';
import { figure, GRADE_COLORS, gradeLabel } from './format';

/** Results per reporter: grades by rater group, share of excellent and good, weighted score and grade; publish and download. */
export default function ResultsPanel({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const visible = a.canManage || a.state === 'published';
  const results = useResults(a.id, visible);
  const publish = useMutation({
    mutationFn: () => api<Assessment>(`${assessmentPath(a.id)}/transition`, { method: 'POST', body: { to: 'published' } }),
    onSuccess: async (next) => {
      queryClient.setQueryData(assessmentKeys.detail(a.id), next);
      void message.success(t('assessment.published'));
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
    },
    onError: (error) => void message.error(error.message),
  });

  if (!visible) return <Empty description={t('assessment.resultsNotYet')} />;
  if (results.isPending) return <Spin className="page-spinner" />;
  if (results.isError) return <Alert type="error" showIcon message={results.error.message} />;
  const r = results.data;
  const base = `${assessmentPath(a.id)}`;

  return (
    <div className="assessment-results">
      <Space wrap className="assessment-results-actions">
        {a.state === 'open' && <Tag color="processing">{t('assessment.liveResults')}</Tag>}
        <Typography.Text data-testid="results-ballots">
          {t('assessment.ballotsCast', { count: r.ballots, paper: r.paperBallots })}
        </Typography.Text>
        {a.allowed.includes('published') && (
          <Button type="primary" icon={<SendOutlined />} loading={publish.isPending} onClick={() => publish.mutate()}>
            {t('assessment.publish')}
          </Button>
        )}
        <Button icon={<DownloadOutlined />} href={downloadUrl(`${base}/results.xlsx`)}>
          {t('assessment.downloadResults')}
        </Button>
        <Button icon={<DownloadOutlined />} href={downloadUrl(`${base}/ballots.csv`)}>
          {t('assessment.downloadBallots')}
        </Button>
      </Space>
      {r.ballots === 0 ? (
        <Empty description={t('assessment.noBallots')} />
      ) : (
        <ResultsChart assessment={a} results={r} />
      )}
      <ResultsTable assessment={a} results={r} />
    </div>
  );
}

/** Ballots per grade for every reporter, stacked, in speaking order; the weighted score beside each bar. */
export function ResultsChart({
  assessment: a,
  results,
  large = false,
}: {
  assessment: Assessment;
  results: Results;
  /** for the projector: larger type, and the chart fills its box */
  large?: boolean;
}) {
  const { t } = useTranslation();
  const byId = new Map(results.reporters.map((x) => [x.reporterId, x]));
  const reporters = a.reporters.filter((x) => byId.has(x.id));
  const font = large ? 16 : 12;
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, textStyle: { fontSize: font } },
    grid: { left: 8, right: large ? 80 : 70, top: 8, bottom: large ? 40 : 32, containLabel: true },
    color: GRADE_COLORS,
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: font } },
    yAxis: {
      type: 'category',
      inverse: true,
      axisLabel: { fontSize: font },
      data: reporters.map((x) => x.memberName),
    },
    series: a.scale.map((s, i) => ({
      type: 'bar',
      stack: 'grades',
      name: gradeLabel(t, s.grade),
      data: reporters.map((x) => byId.get(x.id)?.counts[s.grade] ?? 0),
      // the score at the end of the last segment
      ...(i === a.scale.length - 1
        ? {
            label: {
              show: true,
              position: 'right',
              fontSize: font,
              formatter: ({ dataIndex }: { dataIndex: number }) => figure(byId.get(reporters[dataIndex]?.id ?? '')?.score),
            },
          }
        : {}),
    })),
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={large ? { height: '100%', width: '100%' } : { height: Math.max(240, reporters.length * 30 + 80), width: '100%' }}
    />
  );
}

function ResultsTable({ assessment: a, results }: { assessment: Assessment; results: Results }) {
  const { t } = useTranslation();
  const reporter = new Map(a.reporters.map((x, i) => [x.id, { ...x, order: i + 1 }]));
  const groups = new Map(a.raterGroups.map((g) => [g.id, g]));
  const venues = new Map(a.venues.map((v) => [v.id, v.name]));
  const rows = [...results.reporters].sort(
    (x, y) => (reporter.get(x.reporterId)?.order ?? 0) - (reporter.get(y.reporterId)?.order ?? 0),
  );
  const counts = (c: Record<string, number> | undefined) =>
    c ? a.scale.map((s) => c[s.grade] ?? 0).join(' / ') : t('assessment.underMin', { min: MIN_SHOWN });
  return (
    <Table<ReporterResultEntry>
      size="small"
      rowKey="reporterId"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      className="assessment-results-table"
      expandable={{
        expandedRowRender: (x) => (
          <div className="assessment-parts">
            <Table
              size="small"
              pagination={false}
              rowKey="raterGroupId"
              dataSource={x.byGroup}
              columns={[
                { title: t('assessment.raterGroup'), dataIndex: 'raterGroupId', render: (id: string) => groups.get(id)?.name },
                { title: t('assessment.weight'), dataIndex: 'raterGroupId', key: 'w', render: (id: string) => `${groups.get(id)?.weight ?? 0}%` },
                { title: t('assessment.ballots'), dataIndex: 'ballots', align: 'right' },
                { title: a.scale.map((s) => gradeLabel(t, s.grade)).join(' / '), dataIndex: 'counts', render: counts },
                { title: t('assessment.meanPoints'), dataIndex: 'meanPoints', align: 'right', render: figure },
              ]}
            />
            <Table
              size="small"
              pagination={false}
              rowKey="venueId"
              dataSource={x.byVenue}
              columns={[
                { title: t('assessment.venue'), dataIndex: 'venueId', render: (id: string) => venues.get(id) },
                { title: t('assessment.ballots'), dataIndex: 'ballots', align: 'right' },
                { title: a.scale.map((s) => gradeLabel(t, s.grade)).join(' / '), dataIndex: 'counts', render: counts },
                { title: t('assessment.meanPoints'), dataIndex: 'meanPoints', align: 'right', render: figure },
              ]}
            />
          </div>
        ),
      }}
      columns={[
        { title: t('assessment.order'), key: 'order', render: (_v, x) => reporter.get(x.reporterId)?.order, width: 48 },
        {
          title: t('assessment.reporter'),
          key: 'name',
          // name over organization, and the figures people look for first: they stay on a phone's screen
          render: (_v, x) => (
            <div className="assessment-who">
              <span>{reporter.get(x.reporterId)?.memberName}</span>
              <Typography.Text type="secondary">{reporter.get(x.reporterId)?.orgName}</Typography.Text>
            </div>
          ),
        },
        { title: t('assessment.score'), dataIndex: 'score', align: 'right', render: figure },
        {
          title: t('assessment.overallGrade'),
          dataIndex: 'grade',
          render: (g: string | null) => (g ? <Tag color="red">{gradeLabel(t, g)}</Tag> : '—'),
        },
        {
          title: t('assessment.share'),
          dataIndex: 'share',
          align: 'right',
          render: (v: number | null) => (v === null ? '—' : `${figure(v)}%`),
        },
        { title: t('assessment.ballots'), dataIndex: 'ballots', align: 'right' },
        ...a.scale.map((s) => ({
          title: gradeLabel(t, s.grade),
          key: s.grade,
          align: 'right' as const,
          render: (_v: unknown, x: ReporterResultEntry) => x.counts[s.grade] ?? 0,
        })),
        {
          title: t('assessment.letter'),
          key: 'letter',
          render: (_v, x) =>
            a.canManage && x.ballots > 0 ? (
              <Button
                size="small"
                type="link"
                icon={<FileWordOutlined />}
                href={downloadUrl(`${assessmentPath(a.id)}/reporters/${encodeURIComponent(x.reporterId)}/letter.docx`)}
                aria-label={t('assessment.letterOf', { name: reporter.get(x.reporterId)?.memberName })}
              />
            ) : null,
        },
      ]}
    />
  );
}
