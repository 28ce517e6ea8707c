import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Progress, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, downloadUrl } from '../../api/client';
import { mayDo, useMe } from '../../auth/useMe';
import { EnumFilter, FilterBar } from '../../components/FilterBar';
import FormModal from '../../components/FormModal';
import ListTable, { type ListColumn } from '../../components/ListTable';
import { batchRefusals } from '../../components/serverErrors';
import { PROJECT_HEALTHS, PROJECT_STATES, type ProjectHealth, type ProjectState } from '../../../../domain/projects/enums';
import type { ProjectBatchDecision } from '../../../../domain/schemas/projects';
import ApplyModal from './ApplyModal';
import CampaignModal from './CampaignModal';
import MonthCalendar from './MonthCalendar';
import SettingsForm from './SettingsForm';
import { HealthTag, StateTag } from './tags';
import { projectKeys, useBoard, useCampaigns, useDay, useMyProjects, useWeek, type BoardData, type BoardFilters } from './projectQueries';

// The campaign page: its plan and documents, the showcase of excellent projects, the organizer's board (approve or
// return several at once), this week's and today's work, the month calendar and the organizer's settings; a branch
// sees its own projects and applies.

type Item = BoardData['items'][number];

export default function ProjectsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const campaigns = useCampaigns();
  const campaignId = params.get('campaign') ?? campaigns.data?.items[0]?.id;
  const campaign = campaigns.data?.items.find((c) => c.id === campaignId);
  const organizer = campaign?.abilities.manage ?? false;
  const [filters, setFilters] = useState<BoardFilters>({});
  const [tab, setTab] = useState('board');
  const board = useBoard(campaignId, filters, organizer);
  const week = useWeek(campaignId, organizer && tab === 'week');
  const day = useDay(campaignId, organizer && tab === 'day');
  const mine = useMyProjects(campaignId);
  const [deciding, setDeciding] = useState<{ to: ProjectBatchDecision['to']; rows: Item[] } | null>(null);
  const [decideForm] = Form.useForm<{ noticeNo?: string; note?: string }>();
  const [applying, setApplying] = useState(false);
  const [editing, setEditing] = useState<'new' | 'edit' | null>(null);
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const month = useMemo(() => new Date(Date.now() - 20 * 86400_000).toISOString().slice(0, 7), []);

  // one request for the whole selection: all approved or returned, or none (the server names each refused one)
  const decide = async (to: ProjectBatchDecision['to'], rows: Item[], text: { noticeNo?: string; note?: string }) => {
    const body: ProjectBatchDecision = { ids: rows.map((r) => r.projectId), to, noticeNo: text.noticeNo?.trim(), note: text.note?.trim() };
    await api('/secretary-projects/batch', { method: 'POST', body }).catch((error: unknown) => {
      throw batchRefusals(error, rows.map((r) => r.title));
    });
    void message.success(t('projects.decided', { count: rows.length }));
    await client.invalidateQueries({ queryKey: projectKeys.all });
    setDeciding(null);
  };

  const columns: ListColumn<Item>[] = [
    { key: 'title', required: true, title: t('projects.title'), dataIndex: 'title', render: (v: string, r: Item) => <Link to={`/projects/${r.projectId}`}>{v}</Link> },
    // a phone shows the title, the state and the health
    { key: 'org', responsive: ['md'], title: t('projects.org'), dataIndex: 'orgName' },
    { key: 'state', title: t('projects.state'), dataIndex: 'state', render: (v: Item['state']) => <StateTag state={v} /> },
    { key: 'health', title: t('projects.health'), dataIndex: 'health', render: (v: Item['health'], r: Item) => <HealthTag health={v} reasons={r.riskReasons} /> },
    { key: 'percent', responsive: ['md'], title: t('projects.percent'), dataIndex: 'percentComplete', width: 140, render: (v: number) => <Progress percent={v} size="small" aria-label={t('projects.percent')} /> },
    { key: 'nextMilestone', responsive: ['md'], title: t('projects.nextMilestone'), dataIndex: 'nextMilestone', render: (m: Item['nextMilestone']) => (m ? `${m.title}（${m.dueOn}）` : '—') },
    { key: 'openObstacles', responsive: ['md'], title: t('projects.openObstacles'), dataIndex: 'openObstacles', render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0) },
    { key: 'lastReport', responsive: ['md'], title: t('projects.lastReport'), dataIndex: 'lastReportWeek', render: (w: string | null) => w ?? '—' },
    {
      key: 'indicators',
      responsive: ['lg'],
      title: t('projects.indicators'),
      dataIndex: 'indicators',
      render: (list: Item['indicators']) => list.map((i) => <div key={i.id}>{`${i.name}：${i.baseline} → ${i.target}（${i.achieved ?? '—'}）${i.unit}`}</div>),
    },
    {
      key: 'grade',
      responsive: ['md'],
      title: t('projects.grade'),
      dataIndex: 'grade',
      width: 100,
      render: (g: Item['grade'], r: Item) => (g ? <Space size={4} wrap>{`${t(`projects.grades.${g}`)}（${r.score ?? '—'}）`}{r.showcase && <Tag color="gold">{t('projects.showcase')}</Tag>}</Space> : '—'),
    },
  ];
  // the showcase (典型): the excellent projects among those the caller may read (all of the campaign for the organizer)
  const showcase = (mine.data?.items ?? []).filter((p) => p.showcase);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.projects')}
        </Typography.Title>
        <Select
          style={{ minWidth: 320 }}
          value={campaignId}
          loading={campaigns.isLoading}
          options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.year} · ${c.title}` }))}
          onChange={(v: string) => setParams({ campaign: v })}
          aria-label={t('projects.campaign')}
        />
        {campaign?.abilities.apply && <Button type="primary" onClick={() => setApplying(true)}>{t('projects.apply')}</Button>}
        {organizer && <Button onClick={() => setEditing('edit')}>{t('projects.editCampaign')}</Button>}
        {mayDo(me.data, 'activity.manage') && <Button onClick={() => setEditing('new')}>{t('projects.newCampaign')}</Button>}
      </Space>
      {campaigns.data && campaigns.data.items.length === 0 && <Alert type="info" message={t('projects.noCampaign')} />}
      {campaign && (
        <Card size="small" title={campaign.title}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('projects.organizer')}>{campaign.organizerName}</Descriptions.Item>
            <Descriptions.Item label={t('projects.deadline')}>{campaign.applicationDeadline}</Descriptions.Item>
            <Descriptions.Item label={t('projects.criteria')}>{campaign.criteria.map((c) => `${c.name}（${c.weight}）`).join('、')}</Descriptions.Item>
          </Descriptions>
          {campaign.plan && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }}>{campaign.plan}</Typography.Paragraph>}
          <Space wrap>
            <a href={downloadUrl(`/project-campaigns/${campaign.id}/notice.docx`)}>{t('projects.notice')}</a>
            {organizer && <a href={downloadUrl(`/project-campaigns/${campaign.id}/bulletin.docx`, { month })}>{t('projects.bulletin', { month })}</a>}
            {organizer && <a href={downloadUrl(`/project-campaigns/${campaign.id}/ledger.xlsx`)}>{t('projects.ledger')}</a>}
          </Space>
        </Card>
      )}
      {showcase.length > 0 && (
        <Card size="small" title={t('projects.showcaseList')}>
          <List
            size="small"
            dataSource={showcase}
            renderItem={(p) => (
              <List.Item>
                <Space wrap size={4}>
                  <Tag color="gold">{t('projects.showcase')}</Tag>
                  <Link to={`/projects/${p.id}`}>{p.title}</Link>
                  <span>{`${p.orgName} · ${t('projects.score')} ${p.score ?? '—'}`}</span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      {campaign && !organizer && (
        <List
          header={t('projects.mine')}
          bordered
          dataSource={mine.data?.items ?? []}
          renderItem={(p) => (
            <List.Item>
              <Link to={`/projects/${p.id}`}>{p.title}</Link> <StateTag state={p.state} /> <HealthTag health={p.health} reasons={p.riskReasons} />
            </List.Item>
          )}
        />
      )}
      {campaign && organizer && (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'board',
              label: t('projects.board'),
              children: (
                <>
                  <FilterBar active={Object.values(filters).some((v) => v !== undefined)} onReset={() => setFilters({})}>
                    <EnumFilter<ProjectState> label={t('projects.state')} values={PROJECT_STATES} labelKey="projects.states" value={filters.state} onChange={(v) => setFilters({ ...filters, state: v })} />
                    <EnumFilter<ProjectHealth> label={t('projects.health')} values={PROJECT_HEALTHS} labelKey="projects.healths" value={filters.health} onChange={(v) => setFilters({ ...filters, health: v })} />
                  </FilterBar>
                  <ListTable<Item>
                    id="project-board"
                    rowKey={(r) => r.projectId}
                    loading={board.isFetching}
                    rows={board.data?.items ?? []}
                    columns={columns}
                    paging={{ kind: 'client', pageSize: 20 }}
                    exportHref={campaignId ? downloadUrl(`/project-campaigns/${campaignId}/board.xlsx`, { ...filters }) : undefined}
                    rowActions={(r) => [{ key: 'open', label: t('common.view'), onClick: () => void navigate(`/projects/${r.projectId}`) }]}
                    batchActions={[
                      { key: 'approve', label: t('projects.approveSelected'), onClick: (rows) => setDeciding({ to: 'approved', rows }) },
                      { key: 'return', label: t('projects.returnSelected'), onClick: (rows) => setDeciding({ to: 'returned', rows }) },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'week',
              label: t('projects.week'),
              children: (
                <List
                  header={week.data ? `${week.data.week}（${week.data.from} – ${week.data.to}）` : null}
                  dataSource={week.data?.items ?? []}
                  renderItem={(i) => (
                    <List.Item>
                      <List.Item.Meta
                        title={<Link to={`/projects/${i.projectId}`}>{`${i.orgName}：${i.title}`}</Link>}
                        description={[...i.milestones.map((m) => `◆ ${m.title}（${m.dueOn}）`), ...i.tasks.map((task) => `${task.doneOn ? '✓' : '○'} ${task.title}（${task.dueOn}）`)].join('　') || t('projects.nothing')}
                      />
                      {i.reportFiled ? <Tag color="green">{t('projects.reportFiled')}</Tag> : <Tag color="red">{t('projects.reportMissing')}</Tag>}
                    </List.Item>
                  )}
                />
              ),
            },
            {
              key: 'month',
              label: t('projects.month'),
              children: campaignId && tab === 'month' ? <MonthCalendar campaignId={campaignId} /> : null,
            },

            {
              key: 'day',
              label: t('projects.day'),
              children: (
                <List
                  dataSource={day.data?.items ?? []}
                  locale={{ emptyText: t('projects.nothing') }}
                  renderItem={(i) => (
                    <List.Item>
                      <Space wrap>
                        {i.overdue ? <Tag color="red">{t('projects.overdue')}</Tag> : <Tag color="blue">{t('projects.dueToday')}</Tag>}
                        <span>{i.kind === 'milestone' ? `◆ ${i.title}` : i.title}</span>
                        <Link to={`/projects/${i.projectId}`}>{`${i.orgName}：${i.projectTitle}`}</Link>
                        <span>{i.dueOn}</span>
                        {i.ownerName && <span>{i.ownerName}</span>}
                      </Space>
                    </List.Item>
                  )}
                />
              ),
            },
            {
              key: 'settings',
              label: t('projects.settings'),
              children: tab === 'settings' ? <SettingsForm key={campaign.id} campaign={campaign} /> : null,
            },
          ]}
        />
      )}
      {deciding && (
        <FormModal<{ noticeNo?: string; note?: string }>
          title={deciding.to === 'approved' ? t('projects.approveSelected') : t('projects.returnSelected')}
          form={decideForm}
          okText={t('common.ok')}
          onClose={() => setDeciding(null)}
          onSubmit={(values) => decide(deciding.to, deciding.rows, values)}
        >
          <Form.Item
            name={deciding.to === 'approved' ? 'noticeNo' : 'note'}
            label={deciding.to === 'approved' ? t('projects.noticeNo') : t('projects.returnNote')}
            extra={deciding.rows.map((r) => r.title).join('、')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input.TextArea rows={deciding.to === 'approved' ? 1 : 3} maxLength={deciding.to === 'approved' ? 100 : 2000} />
          </Form.Item>
        </FormModal>
      )}
      {campaign && applying && <ApplyModal campaign={campaign} onClose={() => setApplying(false)} />}
      {editing && (
        <CampaignModal
          campaign={editing === 'edit' ? campaign : undefined}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            setEditing(null);
            setParams({ campaign: c.id });
          }}
        />
      )}
    </Space>
  );
}
