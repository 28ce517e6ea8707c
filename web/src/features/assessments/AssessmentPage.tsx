import { DesktopOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Dropdown, Result, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../i18n/dates';
import type { Assessment } from '../../../../domain/schemas/assessments';
import { useAssessment, type ReporterEntry } from './assessmentQueries';
import CodesPanel from './CodesPanel';
import ControlPanel from './ControlPanel';
import FollowUpPanel from './FollowUpPanel';
import { gradeLabel, STATE_COLORS } from './format';
import ReportUpload from './ReportUpload';
import ResultsPanel from './ResultsPanel';
import './assessments.css';

const TABS = ['control', 'codes', 'results', 'followUps', 'setup'] as const;
type TabKey = (typeof TABS)[number];
const isTab = (v: string | null): v is TabKey => (TABS as readonly (string | null)[]).includes(v);

/** One assessment: the organizer's control screen, codes, results and follow-up list; others read what is published. */
export default function AssessmentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const assessment = useAssessment(id);

  if (assessment.isPending) return <Spin className="page-spinner" />;
  if (assessment.isError)
    return <Result status="error" title={t('common.error')} subTitle={assessment.error.message} />;
  const a = assessment.data;
  const manage = a.canManage;
  const wanted = params.get('tab');
  const fallback: TabKey = manage ? (a.state === 'draft' ? 'setup' : 'control') : 'results';
  const tab: TabKey = isTab(wanted) && (manage || wanted === 'results' || wanted === 'followUps' || wanted === 'setup') ? wanted : fallback;

  const items = [
    manage && { key: 'control', label: t('assessment.tabs.control'), children: <ControlPanel assessment={a} /> },
    manage && { key: 'codes', label: t('assessment.tabs.codes'), children: <CodesPanel assessment={a} /> },
    { key: 'results', label: t('assessment.tabs.results'), children: <ResultsPanel assessment={a} /> },
    { key: 'followUps', label: t('assessment.tabs.followUps'), children: <FollowUpPanel assessment={a} /> },
    { key: 'setup', label: t('assessment.tabs.setup'), children: <SetupSummary assessment={a} /> },
  ].filter((x) => x !== false);

  return (
    <Card
      title={
        <Space wrap>
          <span>{a.title}</span>
          <Tag color={STATE_COLORS[a.state]} data-testid="assessment-state" data-state={a.state}>
            {t(`assessment.states.${a.state}`)}
          </Tag>
        </Space>
      }
      extra={
        <Space wrap>
          {manage && a.state === 'draft' && (
            <Button icon={<EditOutlined />} onClick={() => void navigate(`/assessments/${a.id}/edit`)}>
              {t('common.edit')}
            </Button>
          )}
          {manage && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: a.venues.map((v) => ({ key: v.id, label: v.name })),
                onClick: ({ key }) => window.open(`/assessments/${a.id}/projector?venue=${key}`, '_blank'),
              }}
            >
              <Button icon={<DesktopOutlined />}>{t('assessment.projector')}</Button>
            </Dropdown>
          )}
        </Space>
      }
      className="assessment-page"
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} className="assessment-facts">
        <Descriptions.Item label={t('assessment.organizer')}>{a.organizerOrgName}</Descriptions.Item>
        <Descriptions.Item label={t('assessment.year')}>{a.year}</Descriptions.Item>
        <Descriptions.Item label={t('assessment.heldOn')}>{formatDate(a.heldOn)}</Descriptions.Item>
        <Descriptions.Item label={t('assessment.reporterCount')}>{a.reporters.length}</Descriptions.Item>
      </Descriptions>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={items}
        destroyOnHidden
      />
    </Card>
  );
}

function SetupSummary({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  return (
    <div className="assessment-setup">
      <Table<ReporterEntry>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={a.reporters}
        scroll={{ x: 'max-content' }}
        title={() => t('assessment.reporters')}
        columns={[
          { title: t('assessment.order'), dataIndex: 'position', render: (_v, _r, i) => i + 1, width: 60 },
          { title: t('assessment.reporter'), dataIndex: 'memberName' },
          { title: t('assessment.reporterOrg'), dataIndex: 'orgName' },
          { title: t('assessment.report.title'), key: 'report', render: (_v, r) => <ReportUpload assessment={a} reporter={r} /> },
        ]}
      />
      <Descriptions size="small" bordered column={1} className="assessment-setup-facts">
        <Descriptions.Item label={t('assessment.scale')}>
          {a.scale.map((s) => `${gradeLabel(t, s.grade)} ${s.points}`).join(' · ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.threshold')}>
          {a.scale
            .slice(0, -1)
            .map((s) => `${gradeLabel(t, s.grade)} ≥ ${a.thresholds[s.grade] ?? '—'}`)
            .join(' · ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.criteria')}>
          {a.criteria.length ? a.criteria.map((c) => c.name).join('、') : t('assessment.noCriteria')}
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.raterGroups')}>
          {a.raterGroups.map((g) => `${g.name} ${g.weight}%`).join(' · ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.venues')}>
          {a.venues.map((v) => (v.main ? t('assessment.mainVenueOf', { name: v.name }) : v.name)).join(' · ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('assessment.codesIssued')}>{a.codesIssued}</Descriptions.Item>
      </Descriptions>
      {a.state === 'draft' && a.canManage && a.codesIssued === 0 && (
        <Typography.Paragraph type="secondary">{t('assessment.nextIssueCodes')}</Typography.Paragraph>
      )}
    </div>
  );
}
