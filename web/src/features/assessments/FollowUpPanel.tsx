import { CheckOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Collapse, Empty, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import { applyServerErrors } from '../../components/serverErrors';
import { formatDate } from '../../i18n/dates';
import type { Assessment, FollowUp } from '../../../../domain/schemas/assessments';
import { assessmentKeys, assessmentPath, useFollowUps } from './assessmentQueries';

interface Values {
  reporterId?: string;
  problem: string;
  measure?: string | null;
  owner?: string | null;
  dueOn?: string | null;
  doneOn?: string | null;
  evidence?: string | null;
}

type Editing = { mode: 'create' } | { mode: 'edit'; item: FollowUp } | { mode: 'done'; item: FollowUp };

const text = (v: string | null | undefined) => v?.trim() || null;

/** The problems named in the meeting as a follow-up list per reporter's organization; last year's list and how it closed. */
export default function FollowUpPanel({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const list = useFollowUps(a.id);
  const [editing, setEditing] = useState<Editing | null>(null);
  const order = new Map(a.reporters.map((r, i) => [r.id, i]));
  const items = [...(list.data?.items ?? [])].sort((x, y) => (order.get(x.reporterId) ?? 0) - (order.get(y.reporterId) ?? 0));
  const previous = list.data?.previous ?? [];

  return (
    <div className="assessment-follow-ups">
      {a.canManage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} className="assessment-follow-up-add">
          {t('assessment.addFollowUp')}
        </Button>
      )}
      {list.isError && <Alert type="error" showIcon message={list.error.message} />}
      <FollowUpTable items={items} loading={list.isPending} onEdit={a.canManage ? setEditing : undefined} />
      {previous.length > 0 && (
        <Collapse
          className="assessment-previous"
          items={[
            {
              key: 'previous',
              label: t('assessment.previousList', {
                done: previous.filter((p) => p.doneOn).length,
                total: previous.length,
              }),
              children: <FollowUpTable items={previous} loading={false} />,
            },
          ]}
        />
      )}
      {editing && <FollowUpModal assessment={a} editing={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function FollowUpTable({
  items,
  loading,
  onEdit,
}: {
  items: FollowUp[];
  loading: boolean;
  onEdit?: (editing: Editing) => void;
}) {
  const { t } = useTranslation();
  if (!loading && items.length === 0) return <Empty description={t('assessment.noFollowUps')} />;
  return (
    <Table<FollowUp>
      size="small"
      rowKey="id"
      loading={loading}
      pagination={false}
      dataSource={items}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('assessment.followUpOrg'),
          dataIndex: 'orgName',
          // one cell per organization: its rows follow each other
          onCell: (row, index = 0) => {
            const first = items.findIndex((x) => x.orgId === row.orgId);
            const span = items.filter((x) => x.orgId === row.orgId).length;
            return { rowSpan: index === first ? span : 0 };
          },
        },
        { title: t('assessment.problem'), dataIndex: 'problem', className: 'assessment-wrap' },
        { title: t('assessment.measure'), dataIndex: 'measure', className: 'assessment-wrap', render: (v: string | null) => v ?? '—' },
        { title: t('assessment.owner'), dataIndex: 'owner', render: (v: string | null) => v ?? '—' },
        { title: t('assessment.dueOn'), dataIndex: 'dueOn', render: (v: string | null) => formatDate(v) },
        {
          title: t('assessment.followUpState'),
          key: 'state',
          render: (_v, x) =>
            x.doneOn ? (
              <Tag color="green">{t('assessment.doneOn', { date: formatDate(x.doneOn) })}</Tag>
            ) : x.overdue ? (
              <Tag color="red">{t('assessment.overdue')}</Tag>
            ) : (
              <Tag>{t('assessment.inProgress')}</Tag>
            ),
        },
        { title: t('assessment.evidence'), dataIndex: 'evidence', className: 'assessment-wrap', render: (v: string | null) => v ?? '—' },
        ...(onEdit
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_v: unknown, x: FollowUp) => (
                  <Space size={4}>
                    <Tooltip title={t('common.edit')}>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        aria-label={t('common.edit')}
                        onClick={() => onEdit({ mode: 'edit', item: x })}
                      />
                    </Tooltip>
                    {!x.doneOn && (
                      <Tooltip title={t('assessment.markDone')}>
                        <Button
                          size="small"
                          icon={<CheckOutlined />}
                          aria-label={t('assessment.markDone')}
                          onClick={() => onEdit({ mode: 'done', item: x })}
                        />
                      </Tooltip>
                    )}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function FollowUpModal({ assessment: a, editing, onClose }: { assessment: Assessment; editing: Editing; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const item = editing.mode === 'create' ? null : editing.item;
  const save = useMutation({
    mutationFn: (v: Values) => {
      if (editing.mode === 'create')
        return api<FollowUp>(`${assessmentPath(a.id)}/follow-ups`, {
          method: 'POST',
          body: { reporterId: v.reporterId, problem: v.problem.trim(), measure: text(v.measure), owner: text(v.owner), dueOn: v.dueOn ?? null },
        });
      const body =
        editing.mode === 'done'
          ? { doneOn: v.doneOn ?? null, evidence: text(v.evidence) }
          : { problem: v.problem.trim(), measure: text(v.measure), owner: text(v.owner), dueOn: v.dueOn ?? null };
      return api<FollowUp>(`${assessmentPath(a.id)}/follow-ups/${encodeURIComponent(editing.item.id)}`, { method: 'PATCH', body });
    },
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.followUps(a.id) });
      onClose();
    },
    onError: (error) => setOtherErrors(applyServerErrors(form, error)),
  });
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const titles = { create: t('assessment.addFollowUp'), edit: t('assessment.editFollowUp'), done: t('assessment.markDone') };
  return (
    <Modal
      open
      title={titles[editing.mode]}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {otherErrors.length > 0 && <Alert type="error" showIcon message={otherErrors.join('；')} className="modal-alert" />}
      {item && (
        <Typography.Paragraph type="secondary">
          {t('assessment.orgProblem', { org: item.orgName, problem: item.problem })}
        </Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          item
            ? { ...item, doneOn: item.doneOn ?? dayjs().format('YYYY-MM-DD') }
            : { reporterId: a.reporters[0]?.id, problem: '' }
        }
        onFinish={(v) => {
          setOtherErrors([]);
          save.mutate(v);
        }}
      >
        {editing.mode === 'done' ? (
          <>
            <Form.Item name="doneOn" label={t('assessment.doneOnLabel')} rules={required}>
              <DateField />
            </Form.Item>
            <Form.Item name="evidence" label={t('assessment.evidence')} rules={required}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </>
        ) : (
          <>
            {editing.mode === 'create' && (
              <Form.Item name="reporterId" label={t('assessment.followUpOrg')} rules={required}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={a.reporters.map((r) => ({
                    value: r.id,
                    label: t('assessment.orgWithReporter', { org: r.orgName, name: r.memberName }),
                  }))}
                />
              </Form.Item>
            )}
            <Form.Item name="problem" label={t('assessment.problem')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="measure" label={t('assessment.measure')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Space wrap size="large">
              <Form.Item name="owner" label={t('assessment.owner')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="dueOn" label={t('assessment.dueOn')}>
                <DateField />
              </Form.Item>
            </Space>
          </>
        )}
      </Form>
    </Modal>
  );
}
