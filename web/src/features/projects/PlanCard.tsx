import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, List, Modal, Select, Space, Tag, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import { applyServerErrors } from '../../components/serverErrors';
import { dayOf } from '../../i18n/dates';
import { projectKeys, useRecords, type MilestoneEntry, type Project, type TaskEntry } from './projectQueries';

// The plan to the day: milestones (due date, deliverable) and the tasks under them (owner, start, due). Whoever keeps
// the plan (the applicant, the organizer) adds and edits them and marks one done, which sets its done date to today;
// done by mistake is undone the same way. The server's field errors are shown under their fields.

type Editing = { kind: 'milestone'; item?: MilestoneEntry } | { kind: 'task'; item?: TaskEntry };

export default function PlanCard({ project }: { project: Project }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const milestones = useRecords<MilestoneEntry>(project.id, 'milestones');
  const tasks = useRecords<TaskEntry>(project.id, 'tasks');
  const [editing, setEditing] = useState<Editing | null>(null);
  const canPlan = project.abilities.plan;
  const today = dayOf(new Date());
  const refresh = () => void client.invalidateQueries({ queryKey: projectKeys.all });
  const toggle = useMutation({
    mutationFn: ({ kind, id, done }: { kind: 'milestones' | 'tasks'; id: string; done: boolean }) =>
      api(`/secretary-projects/${project.id}/${kind}/${id}`, { method: 'PATCH', body: { doneOn: done ? today : null } }),
    onSuccess: refresh,
    onError: (e: Error) => void message.error(e.message),
  });
  const milestoneTitle = new Map((milestones.data?.items ?? []).map((m) => [m.id, m.title]));
  const status = (dueOn: string, doneOn: string | null) =>
    doneOn ? <Tag color="green">{t('projects.doneOn', { date: doneOn })}</Tag> : dueOn < today ? <Tag color="red">{t('projects.overdue')}</Tag> : <Tag>{t('projects.notDone')}</Tag>;
  const actions = (kind: 'milestones' | 'tasks', item: MilestoneEntry | TaskEntry) =>
    canPlan && (
      <Space size={4} wrap>
        <Button size="small" onClick={() => setEditing(kind === 'milestones' ? { kind: 'milestone', item: item as MilestoneEntry } : { kind: 'task', item: item as TaskEntry })}>
          {t('projects.edit')}
        </Button>
        <Button size="small" onClick={() => toggle.mutate({ kind, id: item.id, done: !item.doneOn })}>
          {item.doneOn ? t('projects.markUndone') : t('projects.markDone')}
        </Button>
      </Space>
    );
  return (
    <Card
      size="small"
      title={t('projects.planTitle')}
      extra={
        canPlan && (
          <Space wrap size={4}>
            <Button size="small" onClick={() => setEditing({ kind: 'milestone' })}>
              {t('projects.addMilestone')}
            </Button>
            <Button size="small" onClick={() => setEditing({ kind: 'task' })}>
              {t('projects.addTask')}
            </Button>
          </Space>
        )
      }
    >
      {/* lists rather than tables: on a phone each item wraps, its buttons below it */}
      <List
        size="small"
        aria-label={t('projects.milestone')}
        loading={milestones.isLoading}
        dataSource={milestones.data?.items ?? []}
        locale={{ emptyText: t('projects.noMilestones') }}
        renderItem={(m) => (
          <List.Item actions={actions('milestones', m) ? [actions('milestones', m)] : []}>
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span>{`◆ ${m.title}`}</span>
                  {status(m.dueOn, m.doneOn)}
                </Space>
              }
              description={`${t('projects.dueOn')} ${m.dueOn}${m.deliverable ? ` · ${t('projects.deliverable')}：${m.deliverable}` : ''}`}
            />
          </List.Item>
        )}
      />
      <List
        size="small"
        aria-label={t('projects.task')}
        loading={tasks.isLoading}
        dataSource={tasks.data?.items ?? []}
        locale={{ emptyText: t('projects.noTasks') }}
        renderItem={(r) => (
          <List.Item actions={actions('tasks', r) ? [actions('tasks', r)] : []}>
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span>{r.title}</span>
                  {status(r.dueOn, r.doneOn)}
                </Space>
              }
              description={[
                `${r.startOn} – ${r.dueOn}`,
                r.ownerName ? `${t('projects.owner')}：${r.ownerName}` : null,
                r.milestoneId ? `◆ ${milestoneTitle.get(r.milestoneId) ?? ''}` : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            />
          </List.Item>
        )}
      />
      {editing?.kind === 'milestone' && <MilestoneModal project={project} item={editing.item} onClose={() => setEditing(null)} onSaved={refresh} />}
      {editing?.kind === 'task' && <TaskModal project={project} item={editing.item} milestones={milestones.data?.items ?? []} onClose={() => setEditing(null)} onSaved={refresh} />}
    </Card>
  );
}

interface ModalProps<T> {
  project: Project;
  item?: T;
  onClose: () => void;
  onSaved: () => void;
}

/** Saves through POST (new) or PATCH (edit); field errors go under the fields, the rest above the form. */
function useSave<V>(project: Project, kind: 'milestones' | 'tasks', itemId: string | undefined, form: ReturnType<typeof Form.useForm>[0], done: () => void) {
  const [problems, setProblems] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (body: V) =>
      itemId ? api(`/secretary-projects/${project.id}/${kind}/${itemId}`, { method: 'PATCH', body }) : api(`/secretary-projects/${project.id}/${kind}`, { method: 'POST', body }),
    onSuccess: done,
    onError: (e) => setProblems(applyServerErrors(form, e)),
  });
  return { save, problems };
}

function MilestoneModal({ project, item, onClose, onSaved }: ModalProps<MilestoneEntry>) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { save, problems } = useSave<{ title: string; dueOn: string; deliverable: string | null }>(project, 'milestones', item?.id, form, () => {
    onSaved();
    onClose();
  });
  const title = item ? t('projects.editMilestone') : t('projects.addMilestone');
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} okText={t('projects.save')} confirmLoading={save.isPending} width="min(100vw, 560px)">
      {problems.length > 0 && <Alert type="error" message={problems.join('；')} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={item ? { title: item.title, dueOn: item.dueOn, deliverable: item.deliverable ?? '' } : {}}
        onFinish={(v: { title: string; dueOn: string; deliverable?: string }) => save.mutate({ title: v.title, dueOn: v.dueOn, deliverable: v.deliverable?.trim() ? v.deliverable : null })}
      >
        <Form.Item name="title" label={t('projects.milestoneTitle')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('projects.dueOn')} rules={[{ required: true }]} extra={t('projects.withinDates', { from: project.startOn, to: project.endOn })}>
          <DateField />
        </Form.Item>
        <Form.Item name="deliverable" label={t('projects.deliverable')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TaskModal({ project, item, milestones, onClose, onSaved }: ModalProps<TaskEntry> & { milestones: MilestoneEntry[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const people = useRecords<{ id: string; name: string }>(project.id, 'people');
  const { save, problems } = useSave<{ title: string; milestoneId: string | null; ownerId: string | null; startOn: string; dueOn: string }>(project, 'tasks', item?.id, form, () => {
    onSaved();
    onClose();
  });
  const title = item ? t('projects.editTask') : t('projects.addTask');
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} okText={t('projects.save')} confirmLoading={save.isPending} width="min(100vw, 560px)">
      {problems.length > 0 && <Alert type="error" message={problems.join('；')} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={item ? { title: item.title, milestoneId: item.milestoneId, ownerId: item.ownerId, startOn: item.startOn, dueOn: item.dueOn } : { milestoneId: null, ownerId: project.leaderId }}
        onFinish={(v: { title: string; milestoneId?: string | null; ownerId?: string | null; startOn: string; dueOn: string }) =>
          save.mutate({ title: v.title, milestoneId: v.milestoneId ?? null, ownerId: v.ownerId ?? null, startOn: v.startOn, dueOn: v.dueOn })
        }
      >
        <Form.Item name="title" label={t('projects.taskTitle')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="milestoneId" label={t('projects.milestone')}>
          <Select allowClear placeholder={t('projects.noMilestone')} options={milestones.map((m) => ({ value: m.id, label: `◆ ${m.title}（${m.dueOn}）` }))} />
        </Form.Item>
        <Form.Item name="ownerId" label={t('projects.owner')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={people.isLoading}
            options={[
              ...(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
              // an owner no longer among the organization's people still shows by name
              ...(item?.ownerId && !(people.data?.items ?? []).some((p) => p.id === item.ownerId) ? [{ value: item.ownerId, label: item.ownerName ?? '' }] : []),
            ]}
          />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="startOn" label={t('projects.startOn')} rules={[{ required: true }]}>
            <DateField />
          </Form.Item>
          <Form.Item name="dueOn" label={t('projects.dueOn')} rules={[{ required: true }]}>
            <DateField />
          </Form.Item>
        </Space>
        <div style={{ color: 'rgba(0,0,0,0.45)' }}>{t('projects.withinDates', { from: project.startOn, to: project.endOn })}</div>
      </Form>
    </Modal>
  );
}
