import { PlayCircleOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Progress as Bar,
  Radio,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import type { TransitionTarget } from '../../../../domain/assessments/states';
import type { Assessment, Progress } from '../../../../domain/schemas/assessments';
import {
  assessmentKeys,
  assessmentPath,
  useLiveProgress,
  useNotes,
  useReporterFigures,
  type Note,
  type ReporterEntry,
} from './assessmentQueries';
import PaperBallotForm from './PaperBallotForm';

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part * 100) / whole) : 0);

/** The organizer's control screen during the meeting: open reporters as they finish, live counts, close; questions and comments. */
export default function ControlPanel({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { progress, live } = useLiveProgress(a.id);
  const byReporter = new Map(progress?.byReporter.map((r) => [r.reporterId, r.ballots]));

  const move = useMutation({
    mutationFn: (body: { to: TransitionTarget; reporterIds?: string[] }) =>
      api<Assessment>(`${assessmentPath(a.id)}/transition`, { method: 'POST', body }),
    onSuccess: async (next) => {
      queryClient.setQueryData(assessmentKeys.detail(a.id), next);
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
    },
    onError: (error) =>
      void message.error(
        error instanceof ApiError ? [error.message, ...error.fieldErrors.map((f) => f.message)].join('；') : error.message,
      ),
  });

  const allowed = new Set(a.allowed);
  const closed = a.reporters.filter((r) => !r.open);
  const confirmClose = () => {
    modal.confirm({
      title: t('assessment.closeConfirm'),
      content: t('assessment.closeConfirmText', {
        submitted: progress?.submitted ?? 0,
        issued: progress?.issued ?? 0,
      }),
      okText: t('assessment.close'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => move.mutateAsync({ to: 'closed' }),
    });
  };

  return (
    <div className="assessment-control">
      {a.state === 'draft' && a.codesIssued === 0 && (
        <Alert type="info" showIcon message={t('assessment.openNeedsCodes')} className="modal-alert" />
      )}
      <Space wrap className="assessment-control-actions">
        {allowed.has('open') && closed.length > 0 && (
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={move.isPending && move.variables.to === 'open' && !move.variables.reporterIds}
            onClick={() => move.mutate({ to: 'open' })}
          >
            {t('assessment.openAll')}
          </Button>
        )}
        {allowed.has('closed') && (
          <Button danger icon={<StopOutlined />} onClick={confirmClose}>
            {t('assessment.close')}
          </Button>
        )}
        {allowed.has('published') && (
          <Button icon={<SendOutlined />} onClick={() => move.mutate({ to: 'published' })} loading={move.isPending}>
            {t('assessment.publish')}
          </Button>
        )}
        <Tag color={live ? 'green' : 'default'}>{live ? t('assessment.live') : t('assessment.connecting')}</Tag>
      </Space>
      {progress && <LiveCounts assessment={a} progress={progress} />}
      {a.state === 'open' && <PaperBallotForm assessment={a} />}
      <Table<ReporterEntry>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={a.reporters}
        scroll={{ x: 'max-content' }}
        className="assessment-reporter-table"
        expandable={{ expandedRowRender: (r) => <ReporterNotes assessment={a} reporter={r} /> }}
        columns={[
          { title: t('assessment.order'), key: 'order', render: (_v, _r, i) => i + 1, width: 48 },
          {
            title: t('assessment.reporter'),
            dataIndex: 'memberName',
            // name over organization: the open button stays on a phone's screen
            render: (name: string, r) => (
              <div className="assessment-who">
                <span>{name}</span>
                <Typography.Text type="secondary">{r.orgName}</Typography.Text>
              </div>
            ),
          },
          {
            title: t('assessment.scoring'),
            dataIndex: 'open',
            render: (open: boolean) =>
              open ? (
                a.state === 'open' ? (
                  <Tag color="processing">{t('assessment.reporterOpen')}</Tag>
                ) : (
                  <Tag color="green">{t('assessment.reporterDone')}</Tag>
                )
              ) : (
                <Tag>{t('assessment.reporterWaiting')}</Tag>
              ),
          },
          {
            title: t('assessment.ballots'),
            key: 'ballots',
            align: 'right',
            render: (_v, r) => (r.open ? (byReporter.get(r.id) ?? 0) : '—'),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_v, r) =>
              !r.open &&
              allowed.has('open') && (
                <Button
                  size="small"
                  icon={<PlayCircleOutlined />}
                  loading={move.isPending && move.variables.reporterIds?.[0] === r.id}
                  onClick={() => move.mutate({ to: 'open', reporterIds: [r.id] })}
                  aria-label={t('assessment.openOneOf', { name: r.memberName })}
                >
                  {t('assessment.openOne')}
                </Button>
              ),
          },
        ]}
      />
    </div>
  );
}

/** Ballots in against codes issued: in total, per venue and per rater group. */
export function LiveCounts({ assessment: a, progress }: { assessment: Assessment; progress: Progress }) {
  const { t } = useTranslation();
  const venueName = new Map(a.venues.map((v) => [v.id, v.name]));
  const groupName = new Map(a.raterGroups.map((g) => [g.id, g.name]));
  const rows = (items: { name: string; issued: number; submitted: number }[]) =>
    items.map((x) => (
      <div key={x.name} className="assessment-count-row">
        <span className="assessment-count-name">{x.name}</span>
        <Bar percent={percent(x.submitted, x.issued)} size="small" showInfo={false} strokeColor="#c8161d" />
        <span className="assessment-count-figure">
          {x.submitted} / {x.issued}
        </span>
      </div>
    ));
  return (
    <Row gutter={[16, 16]} className="assessment-live">
      <Col xs={24} md={6}>
        <Card size="small">
          <Statistic
            title={t('assessment.submittedOfIssued')}
            value={progress.submitted}
            suffix={`/ ${progress.issued}`}
            valueStyle={{ color: '#c8161d' }}
          />
        </Card>
      </Col>
      <Col xs={24} md={9}>
        <Card size="small" title={t('assessment.byVenue')}>
          {rows(progress.byVenue.map((v) => ({ name: venueName.get(v.venueId) ?? v.venueId, ...v })))}
        </Card>
      </Col>
      <Col xs={24} md={9}>
        <Card size="small" title={t('assessment.byGroup')}>
          {rows(progress.byGroup.map((g) => ({ name: groupName.get(g.raterGroupId) ?? g.raterGroupId, ...g })))}
        </Card>
      </Col>
    </Row>
  );
}

interface NoteValues {
  kind: Note['kind'];
  text: string;
  byName?: string;
}

/** Questions asked of a reporter and the leader's comments, recorded during the meeting; the org's figures for the year. */
function ReporterNotes({ assessment: a, reporter }: { assessment: Assessment; reporter: ReporterEntry }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NoteValues>();
  const notes = useNotes(a.id);
  const mine = (notes.data?.items ?? []).filter((n) => n.reporterId === reporter.id);
  const add = useMutation({
    mutationFn: (v: NoteValues) =>
      api<Note>(`${assessmentPath(a.id)}/notes`, {
        method: 'POST',
        body: { reporterId: reporter.id, kind: v.kind, text: v.text.trim(), byName: v.byName?.trim() || null },
      }),
    onSuccess: async () => {
      form.resetFields(['text', 'byName']);
      await queryClient.invalidateQueries({ queryKey: assessmentKeys.notes(a.id) });
    },
  });
  return (
    <Row gutter={16} className="assessment-notes">
      <Col xs={24} lg={14}>
        <Typography.Title level={5}>{t('assessment.notes')}</Typography.Title>
        {mine.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessment.noNotes')} />
        ) : (
          <List
            size="small"
            dataSource={mine}
            renderItem={(n) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Space>
                      <Tag color={n.kind === 'question' ? 'blue' : 'red'}>{t(`assessment.noteKinds.${n.kind}`)}</Tag>
                      {n.byName}
                    </Space>
                  }
                  description={<span className="assessment-note-text">{n.text}</span>}
                />
              </List.Item>
            )}
          />
        )}
        <Form<NoteValues>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'question' }}
          onFinish={(v) => add.mutate(v)}
          className="assessment-note-form"
        >
          {add.isError && <Alert type="error" showIcon message={add.error.message} className="modal-alert" />}
          <Form.Item name="kind">
            <Radio.Group
              optionType="button"
              options={(['question', 'comment'] as const).map((k) => ({ value: k, label: t(`assessment.noteKinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="text" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={2} maxLength={4000} aria-label={t('assessment.noteText')} placeholder={t('assessment.noteText')} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="byName" noStyle>
              <Input maxLength={50} placeholder={t('assessment.noteBy')} aria-label={t('assessment.noteBy')} />
            </Form.Item>
            <Button htmlType="submit" loading={add.isPending}>
              {t('assessment.addNote')}
            </Button>
          </Space>
        </Form>
      </Col>
      <Col xs={24} lg={10}>
        <ReporterFigureList assessmentId={a.id} reporter={reporter} year={a.year} />
      </Col>
    </Row>
  );
}

/** The reporter's organization in the records for the year: what nobody has to type into a report again. */
function ReporterFigureList({ assessmentId, reporter, year }: { assessmentId: string; reporter: ReporterEntry; year: number }) {
  const { t } = useTranslation();
  const figures = useReporterFigures(assessmentId, reporter.id);
  if (!figures.data) return null;
  const f = figures.data;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      title={t('assessment.figuresOf', { org: reporter.orgName, year })}
    >
      <Descriptions.Item label={t('assessment.figures.activities')}>
        {t('assessment.figures.heldOfPlanned', { held: f.activitiesHeld, planned: f.activitiesPlanned })}
      </Descriptions.Item>
      <Descriptions.Item label={t('assessment.figures.members')}>
        {t('assessment.figures.membersValue', { full: f.membersFull, probationary: f.membersProbationary })}
      </Descriptions.Item>
      <Descriptions.Item label={t('assessment.figures.pairings')}>{f.pairingsActive}</Descriptions.Item>
      <Descriptions.Item label={t('assessment.figures.demands')}>
        {t('assessment.figures.demandsValue', { raised: f.demandsRaised, resolved: f.demandsResolved })}
      </Descriptions.Item>
      <Descriptions.Item label={t('assessment.figures.compliance')}>
        {t('assessment.figures.complianceValue', f.compliance)}
      </Descriptions.Item>
      <Descriptions.Item label={t('assessment.figures.project')}>
        {f.secretaryProject
          ? t('assessment.figures.projectValue', { title: f.secretaryProject.title, percent: f.secretaryProject.percentComplete ?? 0 })
          : t('assessment.figures.projectNone')}
      </Descriptions.Item>
    </Descriptions>
  );
}
