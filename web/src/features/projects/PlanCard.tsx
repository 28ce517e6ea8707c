import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, List, Select, Space, Tag, message } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import FormModal from '../../components/FormModal';
import { dayOf } from '../../i18n/dates';
import { projectKeys, useRecords, type MilestoneEntry, type Project, type TaskEntry } from './projectQueries';

// The plan to the day: milestones (due date, deliverable) and the tasks under them (owner, start, due). Whoever keeps
// the plan (the applicant, the organizer) adds and edits them and marks one done, which sets its done date to today;
// done by mistake is undone the same way. The server's field errors are shown under their fields (FormModal).

type Kind = 'milestones' | 'tasks';
type Editing = { kind: 'milestones'; item?: MilestoneEntry } | { kind: 'tasks'; item?: TaskEntry };
interface PlanItem {
  id: string;
  title: string;
  dueOn: string;
  doneOn: string | null;
}

export default function PlanCard({ project }: { project: Project }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const milestones = useRecords<MilestoneEntry>(project.id, 'milestones');
  const tasks = useRecords<TaskEntry>(project.id, 'tasks');
  const [editing, setEditing] = useState<Editing | null>(null);
  const today = dayOf(new Date());
  const refresh = () => void client.invalidateQueries({ queryKey: projectKeys.all });
  const toggle = useMutation({
    mutationFn: ({ kind, id, done }: { kind: Kind; id: string; done: boolean }) =>
      api(`/secretary-projects/${project.id}/${kind}/${id}`, { method: 'PATCH', body: { doneOn: done ? today : null } }),
    onSuccess: refresh,
    onError: (e: Error) => void message.error(e.message),
  });
  const milestoneTitle = new Map((milestones.data?.items ?? []).map((m) => [m.id, m.title]));

  /** One list of the plan (milestones or tasks): each item with its state, what it says, and its buttons. */
  const planList = <T extends PlanItem>(kind: Kind, items: { data?: { items: T[] }; isLoading: boolean }, title: (item: T) => string, describe: (item: T) => string) => (
    <List
      size="small"
      aria-label={t(kind === 'milestones' ? 'projects.milestone' : 'projects.task')}
      loading={items.isLoading}
      dataSource={items.data?.items ?? []}
      locale={{ emptyText: t(kind === 'milestones' ? 'projects.noMilestones' : 'projects.noTasks') }}
      renderItem={(item) => (
        <List.Item
          actions={
            project.abilities.plan
              ? [
                  <Space key="actions" size={4} wrap>
                    <Button size="small" onClick={() => setEditing({ kind, item } as Editing)}>
                      {t('projects.edit')}
                    </Button>
                    <Button size="small" onClick={() => toggle.mutate({ kind, id: item.id, done: !item.doneOn })}>
                      {item.doneOn ? t('projects.markUndone') : t('projects.markDone')}
                    </Button>
                  </Space>,
                ]
              : []
          }
        >
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <span>{title(item)}</span>
                {item.doneOn ? (
                  <Tag color="green">{t('projects.doneOn', { date: item.doneOn })}</Tag>
                ) : item.dueOn < today ? (
                  <Tag color="red">{t('projects.overdue')}</Tag>
                ) : (
                  <Tag>{t('projects.notDone')}</Tag>
                )}
              </Space>
            }
            description={describe(item)}
          />
        </List.Item>
      )}
    />
  );

  return (
    <Card
      size="small"
      title={t('projects.planTitle')}
      extra={
        project.abilities.plan && (
          <Space wrap size={4}>
            <Button size="small" onClick={() => setEditing({ kind: 'milestones' })}>
              {t('projects.addMilestone')}
            </Button>
            <Button size="small" onClick={() => setEditing({ kind: 'tasks' })}>
              {t('projects.addTask')}
            </Button>
          </Space>
        )
      }
    >
      {/* lists rather than tables: on a phone each item wraps, its buttons below it */}
      {planList(
        'milestones',
        milestones,
        (m) => `◆ ${m.title}`,
        (m) => `${t('projects.dueOn')} ${m.dueOn}${m.deliverable ? ` · ${t('projects.deliverable')}：${m.deliverable}` : ''}`,
      )}
      {planList(
        'tasks',
        tasks,
        (r) => r.title,
        (r) =>
          [`${r.startOn} – ${r.dueOn}`, r.ownerName ? `${t('projects.owner')}：${r.ownerName}` : null, r.milestoneId ? `◆ ${milestoneTitle.get(r.milestoneId) ?? ''}` : null]
            .filter(Boolean)
            .join(' · '),
      )}
      {editing && <PlanItemModal project={project} editing={editing} milestones={milestones.data?.items ?? []} onClose={() => setEditing(null)} onSaved={refresh} />}
    </Card>
  );
}

interface Values {
  title: string;
  dueOn: string;
  deliverable?: string;
  milestoneId?: string | null;
  ownerId?: string | null;
  startOn?: string;
}

/** Adds or edits a milestone or a task: POST (new) or PATCH (edit), with the fields of its kind. */
function PlanItemModal({ project, editing, milestones, onClose, onSaved }: { project: Project; editing: Editing; milestones: MilestoneEntry[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const people = useRecords<{ id: string; name: string }>(project.id, 'people');
  const { kind, item } = editing;
  const path = `/secretary-projects/${project.id}/${kind}`;
  const within = t('projects.withinDates', { from: project.startOn, to: project.endOn });
  let initialValues: Partial<Values>;
  let fields: ReactNode;
  if (editing.kind === 'milestones') {
    const m = editing.item;
    initialValues = m ? { title: m.title, dueOn: m.dueOn, deliverable: m.deliverable ?? '' } : {};
    fields = (
      <>
        <Form.Item name="title" label={t('projects.milestoneTitle')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="dueOn" label={t('projects.dueOn')} rules={[{ required: true }]} extra={within}>
          <DateField />
        </Form.Item>
        <Form.Item name="deliverable" label={t('projects.deliverable')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </>
    );
  } else {
    const task = editing.item;
    initialValues = task ? { title: task.title, milestoneId: task.milestoneId, ownerId: task.ownerId, startOn: task.startOn, dueOn: task.dueOn } : { milestoneId: null, ownerId: project.leaderId };
    const known = (people.data?.items ?? []).some((p) => p.id === task?.ownerId);
    fields = (
      <>
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
              ...(task?.ownerId && !known ? [{ value: task.ownerId, label: task.ownerName ?? '' }] : []),
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
        <div style={{ color: 'rgba(0,0,0,0.45)' }}>{within}</div>
      </>
    );
  }
  const isMilestone = kind === 'milestones';
  return (
    <FormModal<Values>
      title={t(isMilestone ? (item ? 'projects.editMilestone' : 'projects.addMilestone') : item ? 'projects.editTask' : 'projects.addTask')}
      form={form}
      width={560}
      okText={t('projects.save')}
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={async (v) => {
        const body = isMilestone
          ? { title: v.title, dueOn: v.dueOn, deliverable: v.deliverable?.trim() ? v.deliverable : null }
          : { title: v.title, milestoneId: v.milestoneId ?? null, ownerId: v.ownerId ?? null, startOn: v.startOn, dueOn: v.dueOn };
        await (item ? api(`${path}/${item.id}`, { method: 'PATCH', body }) : api(path, { method: 'POST', body }));
        onSaved();
        onClose();
      }}
    >
      {fields}
    </FormModal>
  );
}
