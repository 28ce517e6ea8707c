import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, List, Progress, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import FormModal from '../../components/FormModal';
import type { ProjectTarget } from '../../../../domain/projects/enums';
import { weekKey } from '../../../../domain/projects/weeks';
import { useMe } from '../../auth/useMe';
import { dayOf } from '../../i18n/dates';
import ActivitiesCard from './ActivitiesCard';
import ApplyModal from './ApplyModal';
import EvaluationCard from './EvaluationCard';
import IndicatorChart from './IndicatorChart';
import PlanCard from './PlanCard';
import { HealthTag, StateTag } from './tags';
import { useProject, useRecords, type MilestoneEntry, type ObstacleEntry, type Report, type Supervision } from './projectQueries';

// One project: the application, the moves the caller may make, the plan (PlanCard), the timeline of milestones and
// linked activities (ActivitiesCard), the weekly reports (filed from a phone in a full-width drawer), obstacles,
// supervision visits and answers, indicators and the evaluation (EvaluationCard).

const NEEDS: Partial<Record<ProjectTarget, 'note' | 'noticeNo' | 'reason'>> = { approved: 'noticeNo', returned: 'note', completed: 'note', cancelled: 'reason' };

export default function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const client = useQueryClient();
  const project = useProject(id);
  const milestones = useRecords<MilestoneEntry>(id, 'milestones');
  const reports = useRecords<Report>(id, 'reports');
  const obstacles = useRecords<ObstacleEntry>(id, 'obstacles');
  const visits = useRecords<Supervision>(id, 'supervisions');
  const [moving, setMoving] = useState<ProjectTarget | null>(null);
  const [reporting, setReporting] = useState(false);
  const [visiting, setVisiting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const me = useMe();
  const refresh = () => void client.invalidateQueries({ queryKey: ['projects'] });
  const [moveForm] = Form.useForm<Partial<Record<'note' | 'noticeNo' | 'reason', string>>>();
  const move = useMutation({
    mutationFn: (to: ProjectTarget) => api(`/secretary-projects/${id}/transition`, { method: 'POST', body: { to } }),
    onSuccess: () => {
      setError(null);
      refresh();
    },
    onError: (e: Error) => setError(e.message),
  });
  const clear = useMutation({
    mutationFn: (obstacleId: string) => api(`/secretary-projects/${id}/obstacles/${obstacleId}`, { method: 'PATCH', body: { clearedOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10) } }),
    onSuccess: refresh,
    onError: (e: Error) => setError(e.message),
  });
  const p = project.data;
  if (project.error) return <Alert type="error" message={project.error.message} />;
  if (!p) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {p.title}
      </Typography.Title>
      <Space wrap>
        <StateTag state={p.state} />
        <HealthTag health={p.health} reasons={p.riskReasons} />
        {p.showcase && <Tag color="gold">{t('projects.showcase')}</Tag>}
        {p.allowed.map((to) => (
          <Button key={to} onClick={() => (NEEDS[to] ? setMoving(to) : move.mutate(to))}>
            {t(`projects.moves.${to}`)}
          </Button>
        ))}
        {p.abilities.report && (
          <Button type="primary" onClick={() => setReporting(true)}>
            {t('projects.fileReport')}
          </Button>
        )}
        {p.abilities.supervise && <Button onClick={() => setVisiting(true)}>{t('projects.recordVisit')}</Button>}
        {p.abilities.edit && (p.state === 'draft' || p.state === 'returned') && <Button onClick={() => setEditing(true)}>{t('projects.editApplication')}</Button>}
      </Space>
      {error && <Alert type="error" message={error} closable onClose={() => setError(null)} />}
      {p.returnComment && p.state === 'returned' && <Alert type="warning" message={`${t('projects.returnNote')}：${p.returnComment}`} />}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('projects.org')}>{p.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('projects.businessArea')}>{t(`projects.areas.${p.businessArea}`)}</Descriptions.Item>
          <Descriptions.Item label={t('projects.leader')}>{p.leaderName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('projects.contactLeader')}>{p.contactLeaderName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('projects.supervisors')}>{p.supervisors.map((s) => s.name).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('projects.dates')}>{`${p.startOn} – ${p.endOn}`}</Descriptions.Item>
          <Descriptions.Item label={t('projects.noticeNo')}>{p.noticeNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('projects.percent')}>
            <Progress percent={p.percentComplete} size="small" style={{ width: 160 }} />
          </Descriptions.Item>
          <Descriptions.Item label={t('projects.problem')} span={2}>{p.problem}</Descriptions.Item>
          <Descriptions.Item label={t('projects.goals')} span={2}>{p.goals}</Descriptions.Item>
          <Descriptions.Item label={t('projects.measures')} span={2}>{p.measures}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('projects.indicators')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={p.indicators}
          columns={[
            { title: t('projects.indicatorName'), dataIndex: 'name' },
            { title: t('projects.baseline'), dataIndex: 'baseline' },
            { title: t('projects.target'), dataIndex: 'target' },
            { title: t('projects.achieved'), dataIndex: 'achieved', render: (v: number | null, r) => (v === null ? '—' : `${v}（${r.achievedWeek}）`) },
            { title: t('projects.unit'), dataIndex: 'unit' },
          ]}
        />
      </Card>
      <IndicatorChart indicators={p.indicators} reports={reports.data?.items ?? []} />
      <PlanCard project={p} />
      <Card size="small" title={t('projects.timeline')}>
        <Timeline
          items={[
            ...(milestones.data?.items ?? []).map((m) => ({
              date: m.dueOn,
              color: m.doneOn ? 'green' : m.dueOn < dayOf(new Date()) ? 'red' : 'blue',
              children: `◆ ${m.dueOn} ${m.title}${m.doneOn ? ` ✓ ${m.doneOn}` : ''}`,
            })),
            ...(p.activities ?? []).map((a) => ({
              date: dayOf(a.startsAt),
              color: 'gray',
              children: (
                <span>
                  {`${dayOf(a.startsAt)} `}
                  <Tag>{t(`enums.activityType.${a.type}`, { defaultValue: a.type })}</Tag>
                  {a.theme}
                </span>
              ),
            })),
          ]
            .sort((a, b) => a.date.localeCompare(b.date))
            .map(({ date: _, ...item }) => item)}
        />
      </Card>
      {(p.abilities.plan || (p.activities?.length ?? 0) > 0) && <ActivitiesCard project={p} />}
      <Card size="small" title={t('projects.obstacles')}>
        <List
          dataSource={obstacles.data?.items ?? []}
          locale={{ emptyText: t('projects.nothing') }}
          renderItem={(o) => (
            <List.Item actions={!o.clearedOn && (p.abilities.report || p.abilities.supervise) ? [<Button key="clear" size="small" onClick={() => clear.mutate(o.id)}>{t('projects.clear')}</Button>] : []}>
              {o.clearedOn ? <Tag color="green">{t('projects.cleared', { date: o.clearedOn })}</Tag> : <Tag color="orange">{t('projects.open')}</Tag>}
              {o.description}（{o.raisedOn}）
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('projects.reports')}>
        <List
          dataSource={reports.data?.items ?? []}
          locale={{ emptyText: t('projects.nothing') }}
          pagination={{ pageSize: 8, size: 'small' }}
          renderItem={(r) => (
            <List.Item>
              <List.Item.Meta title={`${r.week} · ${r.percentComplete}%${r.late ? ` · ${t('projects.late')}` : ''}`} description={`${r.done} · ${t('projects.nextPlan')}：${r.nextPlan}`} />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('projects.supervision')}>
        <List
          dataSource={visits.data?.items ?? []}
          locale={{ emptyText: t('projects.nothing') }}
          renderItem={(v) => (
            <List.Item>
              <List.Item.Meta
                title={`${v.visitedOn} ${v.place}（${v.supervisorName ?? ''}）`}
                description={
                  <>
                    <div>{v.findings}</div>
                    {v.requirements.map((r) => (
                      <Requirement key={r.id} projectId={id} requirement={r} canAnswer={p.abilities.answer} onDone={refresh} />
                    ))}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {(p.state === 'completed' || p.state === 'evaluated') && <EvaluationCard project={p} meId={me.data?.user.id} />}
      {moving && NEEDS[moving] && (
        // a move that needs words (a notice number, a note, a reason): the server's error lands under the field
        <FormModal<Partial<Record<'note' | 'noticeNo' | 'reason', string>>>
          title={t(`projects.moves.${moving}`)}
          form={moveForm}
          okText={t('common.ok')}
          onClose={() => setMoving(null)}
          onSubmit={async (v) => {
            await api(`/secretary-projects/${id}/transition`, { method: 'POST', body: { to: moving, ...v } });
            setMoving(null);
            refresh();
          }}
        >
          <Form.Item name={NEEDS[moving]} label={t(`projects.needs.${NEEDS[moving]}`)} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </FormModal>
      )}
      {reporting && <ReportDrawer projectId={id} indicators={p.indicators} onClose={() => setReporting(false)} onDone={refresh} />}
      {editing && <ApplyModal project={p} onClose={() => setEditing(false)} />}
      {visiting && <VisitDrawer projectId={id} onClose={() => setVisiting(false)} onDone={refresh} />}
    </Space>
  );
}

function Requirement({ projectId, requirement: r, canAnswer, onDone }: { projectId: string; requirement: Supervision['requirements'][number]; canAnswer: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState('');
  const save = useMutation({ mutationFn: () => api(`/secretary-projects/${projectId}/requirements/${r.id}`, { method: 'PATCH', body: { answer } }), onSuccess: onDone });
  return (
    <div>
      {`${t('projects.requirement')}：${r.description}${r.dueOn ? `（${r.dueOn}）` : ''}`}
      {r.answer ? <Tag color="green" style={{ marginLeft: 8 }}>{`${t('projects.answer')}：${r.answer}`}</Tag> : canAnswer && (
        <Space.Compact style={{ marginLeft: 8 }}>
          <Input size="small" value={answer} onChange={(e) => setAnswer(e.target.value)} placeholder={t('projects.answer')} />
          <Button size="small" disabled={!answer.trim()} onClick={() => save.mutate()}>
            {t('projects.send')}
          </Button>
        </Space.Compact>
      )}
    </div>
  );
}

/** The weekly report: full width, one column, so it is filed from a 390-pixel phone. */
function ReportDrawer({ projectId, indicators, onClose, onDone }: { projectId: string; indicators: { id: string; name: string; unit: string }[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  type Values = { week: string; done: string; percentComplete: number; nextPlan: string; obstacle?: string; values?: Record<string, number | null> };
  const [form] = Form.useForm<Values>();
  return (
    <FormModal<Values>
      as="drawer"
      width={520}
      title={t('projects.fileReport')}
      okText={t('projects.send')}
      form={form}
      initialValues={{ week: weekKey(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)) }}
      onClose={onClose}
      onSubmit={async (v) => {
        await api(`/secretary-projects/${projectId}/reports`, {
          method: 'POST',
          body: {
            week: v.week,
            done: v.done,
            percentComplete: v.percentComplete,
            nextPlan: v.nextPlan,
            obstacles: v.obstacle?.trim() ? [{ description: v.obstacle.trim() }] : [],
            indicatorValues: Object.entries(v.values ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number').map(([indicatorId, value]) => ({ indicatorId, value })),
          },
        });
        onDone();
        onClose();
      }}
    >
      <Form.Item name="week" label={t('projects.reportWeek')} rules={[{ required: true }]}>
        <Input inputMode="text" />
      </Form.Item>
      <Form.Item name="done" label={t('projects.done')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="percentComplete" label={t('projects.percent')} rules={[{ required: true }]}>
        <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} inputMode="numeric" />
      </Form.Item>
      {indicators.map((i) => (
        <Form.Item key={i.id} name={['values', i.id]} label={`${i.name}（${i.unit}）`}>
          <InputNumber style={{ width: '100%' }} inputMode="decimal" />
        </Form.Item>
      ))}
      <Form.Item name="obstacle" label={t('projects.obstacle')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="nextPlan" label={t('projects.nextPlan')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

function VisitDrawer({ projectId, onClose, onDone }: { projectId: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  type Values = { visitedOn: string; place: string; findings: string; requirement?: string; dueOn?: string | null };
  const [form] = Form.useForm<Values>();
  return (
    <FormModal<Values>
      as="drawer"
      width={520}
      title={t('projects.recordVisit')}
      okText={t('projects.send')}
      form={form}
      onClose={onClose}
      onSubmit={async (v) => {
        await api(`/secretary-projects/${projectId}/supervisions`, {
          method: 'POST',
          body: { visitedOn: v.visitedOn, place: v.place, findings: v.findings, requirements: v.requirement?.trim() ? [{ description: v.requirement.trim(), dueOn: v.dueOn ?? null }] : [] },
        });
        onDone();
        onClose();
      }}
    >
      <Form.Item name="visitedOn" label={t('projects.visitedOn')} rules={[{ required: true }]}>
        <DateField />
      </Form.Item>
      <Form.Item name="place" label={t('projects.place')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="findings" label={t('projects.findings')} rules={[{ required: true }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="requirement" label={t('projects.requirement')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="dueOn" label={t('projects.requirementDue')}>
        <DateField />
      </Form.Item>
    </FormModal>
  );
}
