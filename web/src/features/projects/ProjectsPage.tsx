import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, List, Modal, Progress, Select, Space, Table, Tabs, Tag, Typography, message } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, downloadUrl } from '../../api/client';
import { mayDo, useMe } from '../../auth/useMe';
import ApplyModal from './ApplyModal';
import CampaignModal from './CampaignModal';
import MonthCalendar from './MonthCalendar';
import SettingsForm from './SettingsForm';
import { HealthTag, StateTag } from './tags';
import { projectKeys, useBoard, useCampaigns, useDay, useMyProjects, useWeek, type BoardData } from './projectQueries';

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
  const [health, setHealth] = useState<string | undefined>();
  const [tab, setTab] = useState('board');
  const board = useBoard(campaignId, health, organizer);
  const week = useWeek(campaignId, organizer && tab === 'week');
  const day = useDay(campaignId, organizer && tab === 'day');
  const mine = useMyProjects(campaignId);
  const [selected, setSelected] = useState<string[]>([]);
  const [decision, setDecision] = useState<'approved' | 'returned' | null>(null);
  const [text, setText] = useState('');
  const [applying, setApplying] = useState(false);
  const [editing, setEditing] = useState<'new' | 'edit' | null>(null);
  const me = useMe();
  const client = useQueryClient();
  const month = useMemo(() => new Date(Date.now() - 20 * 86400_000).toISOString().slice(0, 7), []);

  const decide = useMutation({
    mutationFn: async () => {
      const failed: string[] = [];
      for (const id of selected) {
        const body = decision === 'approved' ? { to: 'approved', noticeNo: text } : { to: 'returned', note: text };
        await api(`/secretary-projects/${id}/transition`, { method: 'POST', body }).catch((e: Error) => failed.push(e.message));
      }
      return failed;
    },
    onSuccess: (failed) => {
      void client.invalidateQueries({ queryKey: projectKeys.all });
      if (failed.length) void message.error(failed.join('；'));
      else void message.success(t('projects.decided', { count: selected.length }));
      setSelected([]);
      setDecision(null);
      setText('');
    },
  });

  const columns = [
    { title: t('projects.title'), dataIndex: 'title', render: (v: string, r: Item) => <Link to={`/projects/${r.projectId}`}>{v}</Link> },
    { title: t('projects.org'), dataIndex: 'orgName' },
    { title: t('projects.state'), dataIndex: 'state', render: (v: Item['state']) => <StateTag state={v} /> },
    { title: t('projects.health'), dataIndex: 'health', render: (v: Item['health'], r: Item) => <HealthTag health={v} reasons={r.riskReasons} /> },
    { title: t('projects.percent'), dataIndex: 'percentComplete', width: 140, render: (v: number) => <Progress percent={v} size="small" aria-label={t('projects.percent')} /> },
    { title: t('projects.nextMilestone'), dataIndex: 'nextMilestone', render: (m: Item['nextMilestone']) => (m ? `${m.title}（${m.dueOn}）` : '—') },
    { title: t('projects.openObstacles'), dataIndex: 'openObstacles', render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0) },
    { title: t('projects.lastReport'), dataIndex: 'lastReportWeek', render: (w: string | null) => w ?? '—' },
    {
      title: t('projects.indicators'),
      dataIndex: 'indicators',
      render: (list: Item['indicators']) => list.map((i) => <div key={i.id}>{`${i.name}：${i.baseline} → ${i.target}（${i.achieved ?? '—'}）${i.unit}`}</div>),
    },
    {
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
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    <Select
                      allowClear
                      placeholder={t('projects.health')}
                      aria-label={t('projects.health')}
                      style={{ width: 160 }}
                      value={health}
                      onChange={setHealth}
                      options={(['on_track', 'at_risk', 'late'] as const).map((h) => ({ value: h, label: t(`projects.healths.${h}`) }))}
                    />
                    <Button disabled={selected.length === 0} onClick={() => setDecision('approved')}>
                      {t('projects.approveSelected')}
                    </Button>
                    <Button disabled={selected.length === 0} onClick={() => setDecision('returned')}>
                      {t('projects.returnSelected')}
                    </Button>
                  </Space>
                  <Table<Item>
                    rowKey="projectId"
                    size="small"
                    loading={board.isLoading}
                    dataSource={board.data?.items ?? []}
                    columns={columns}
                    pagination={false}
                    scroll={{ x: 1150 }}
                    rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (r) => ({ disabled: r.state !== 'submitted', 'aria-label': r.title }) }}
                  />
                </Space>
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
      <Modal
        open={decision !== null}
        title={decision === 'approved' ? t('projects.approveSelected') : t('projects.returnSelected')}
        onCancel={() => setDecision(null)}
        onOk={() => decide.mutate()}
        okButtonProps={{ disabled: !text.trim(), loading: decide.isPending }}
      >
        <Input.TextArea aria-label={decision === 'approved' ? t('projects.noticeNo') : t('projects.returnNote')} placeholder={decision === 'approved' ? t('projects.noticeNo') : t('projects.returnNote')} value={text} onChange={(e) => setText(e.target.value)} />
      </Modal>
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
