import { CopyOutlined, DownloadOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { applyServerErrors } from '../../components/serverErrors';
import { MAX_CODES_PER_REQUEST } from '../../../../domain/assessments/setup';
import type { Assessment, CodesIssue, CodesIssued } from '../../../../domain/schemas/assessments';
import type { Static } from 'typebox';
import { assessmentKeys, assessmentPath, ballotUrl, downloadPosted, useLiveProgress } from './assessmentQueries';
import IssueToUsers from './IssueToUsers';

type Issued = Static<typeof CodesIssued>;
type IssueValues = Static<typeof CodesIssue>;

/** a slips document holds at most this many codes (the server's limit per request) */
const SLIPS_PER_FILE = 2000;

/** Ballot codes per venue and rater group: issue a batch, see it once, print its slips; issued and used so far. */
export default function CodesPanel({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<IssueValues>();
  const [issued, setIssued] = useState<Issued | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const { progress } = useLiveProgress(a.id);
  const canIssue = a.state === 'draft' || a.state === 'open';

  const issue = useMutation({
    mutationFn: (v: IssueValues) => api<Issued>(`${assessmentPath(a.id)}/codes`, { method: 'POST', body: v }),
    onSuccess: async (result) => {
      setIssued(result);
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.detail(a.id) });
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.progress(a.id) });
    },
    onError: (error) => setOtherErrors(applyServerErrors(form, error)),
  });

  const venueName = new Map(a.venues.map((v) => [v.id, v.name]));
  const groupName = new Map(a.raterGroups.map((g) => [g.id, g.name]));
  const required = [{ required: true, message: t('common.required') }];

  return (
    <div className="assessment-codes">
      {canIssue ? (
        <>
          <Typography.Paragraph type="secondary">{t('assessment.codesHint')}</Typography.Paragraph>
          {otherErrors.length > 0 && (
            <Alert type="error" showIcon message={otherErrors.join('；')} className="modal-alert" />
          )}
          <Form<IssueValues>
            form={form}
            layout="inline"
            className="assessment-issue"
            initialValues={{ venueId: a.venues.find((v) => v.main)?.id ?? a.venues[0]?.id, raterGroupId: a.raterGroups[0]?.id, count: 10 }}
            onFinish={(v) => {
              setOtherErrors([]);
              issue.mutate(v);
            }}
          >
            <Form.Item name="venueId" label={t('assessment.venue')} rules={required}>
              <Select className="assessment-issue-select" options={a.venues.map((v) => ({ value: v.id, label: v.name }))} />
            </Form.Item>
            <Form.Item name="raterGroupId" label={t('assessment.raterGroup')} rules={required}>
              <Select
                className="assessment-issue-select"
                options={a.raterGroups.map((g) => ({ value: g.id, label: g.name }))}
              />
            </Form.Item>
            <Form.Item name="count" label={t('assessment.codeCount')} rules={required}>
              <InputNumber min={1} max={MAX_CODES_PER_REQUEST} precision={0} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<KeyOutlined />} loading={issue.isPending}>
                {t('assessment.issueCodes')}
              </Button>
            </Form.Item>
          </Form>
          <IssueToUsers assessment={a} />
        </>
      ) : (
        <Alert type="info" showIcon message={t('assessment.codesClosed')} className="modal-alert" />
      )}
      <div className="assessment-count-tables">
        <Table
          size="small"
          rowKey="venueId"
          pagination={false}
          title={() => t('assessment.byVenue')}
          dataSource={progress?.byVenue ?? []}
          columns={[
            { title: t('assessment.venue'), dataIndex: 'venueId', render: (id: string) => venueName.get(id) ?? id },
            { title: t('assessment.issued'), dataIndex: 'issued', align: 'right' },
            { title: t('assessment.submitted'), dataIndex: 'submitted', align: 'right' },
          ]}
        />
        <Table
          size="small"
          rowKey="raterGroupId"
          pagination={false}
          title={() => t('assessment.byGroup')}
          dataSource={progress?.byGroup ?? []}
          columns={[
            {
              title: t('assessment.raterGroup'),
              dataIndex: 'raterGroupId',
              render: (id: string) => groupName.get(id) ?? id,
            },
            { title: t('assessment.issued'), dataIndex: 'issued', align: 'right' },
            { title: t('assessment.submitted'), dataIndex: 'submitted', align: 'right' },
          ]}
        />
      </div>
      {issued && (
        <IssuedCodesModal
          assessment={a}
          issued={issued}
          venue={venueName.get(issued.venueId) ?? ''}
          group={groupName.get(issued.raterGroupId) ?? ''}
          onClose={() => setIssued(null)}
        />
      )}
    </div>
  );
}

/** The plain codes of one batch, shown this once: slips to print, a list to keep, then they are gone. */
function IssuedCodesModal({
  assessment: a,
  issued,
  venue,
  group,
  onClose,
}: {
  assessment: Assessment;
  issued: Issued;
  venue: string;
  group: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [saved, setSaved] = useState(false);
  const stem = `${a.year}-${venue}-${group}`.replace(/[\\/:*?"<>|\s]+/g, '_');

  const slips = useMutation({
    mutationFn: async () => {
      const files = Math.ceil(issued.codes.length / SLIPS_PER_FILE);
      for (let i = 0; i < files; i++) {
        const codes = issued.codes.slice(i * SLIPS_PER_FILE, (i + 1) * SLIPS_PER_FILE);
        const suffix = files > 1 ? `-${i + 1}` : '';
        await downloadPosted(`${assessmentPath(a.id)}/slips.docx`, { codes }, `${stem}${suffix}.docx`);
      }
    },
    onSuccess: () => setSaved(true),
    onError: (error) => void message.error(error.message),
  });

  const saveList = () => {
    // one line per code with its ballot link, for printing elsewhere or sending in-app
    const text = ['code,url', ...issued.codes.map((c) => `${c},${ballotUrl(c)}`)].join('\r\n');
    const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${stem}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setSaved(true);
  };

  const close = () => {
    if (saved) return onClose();
    modal.confirm({
      title: t('assessment.codesNotSaved'),
      content: t('assessment.codesOnce'),
      okText: t('assessment.closeAnyway'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: onClose,
    });
  };

  return (
    <Modal
      open
      title={t('assessment.codesIssuedTitle', { count: issued.codes.length, venue, group })}
      onCancel={close}
      width={720}
      footer={
        <Space wrap>
          <Button
            icon={<CopyOutlined />}
            onClick={() =>
              void navigator.clipboard
                .writeText(issued.codes.join('\n'))
                .then(() => message.success(t('assessment.copied')))
            }
          >
            {t('assessment.copyCodes')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={saveList}>
            {t('assessment.downloadList')}
          </Button>
          <Button type="primary" icon={<DownloadOutlined />} loading={slips.isPending} onClick={() => slips.mutate()}>
            {t('assessment.downloadSlips')}
          </Button>
          <Button onClick={close}>{t('assessment.done')}</Button>
        </Space>
      }
    >
      <Alert type="warning" showIcon message={t('assessment.codesOnce')} className="modal-alert" />
      <ol className="assessment-code-list" data-testid="issued-codes">
        {issued.codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
    </Modal>
  );
}
