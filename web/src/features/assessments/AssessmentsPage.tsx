import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, InputNumber, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { hasRole, useMe } from '../../auth/useMe';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { useScope } from '../../layout/scope';
import { formatDate } from '../../i18n/dates';
import { ASSESSMENT_STATES, type AssessmentState } from '../../../../domain/assessments/states';
import { useAssessmentList, type AssessmentFilters, type AssessmentItem } from './assessmentQueries';
import { STATE_COLORS } from './format';
import './assessments.css';

/** Debriefing assessments the user can see, newest first; an organizer starts a new one here. */
export default function AssessmentsPage() {
  const { t } = useTranslation();
  const { scopeId } = useScope();
  const me = useMe();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<AssessmentFilters>({ org: scopeId ?? undefined });
  const list = useAssessmentList(filters);
  const set = <K extends keyof AssessmentFilters>(key: K, value: AssessmentFilters[K] | null) =>
    setFilters({ ...filters, [key]: value ?? undefined });

  return (
    <Card
      title={t('nav.assessments')}
      extra={
        hasRole(me.data, ['admin', 'org_admin', 'secretary']) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/assessments/new')}>
            {t('assessment.create')}
          </Button>
        )
      }
    >
      <div className="toolbar">
        <OrgTreeSelect
          className="member-filter-org"
          rootId={scopeId}
          value={filters.org ?? null}
          onChange={(org) => set('org', org)}
          placeholder={t('assessment.organizer')}
          allowClear
        />
        <InputNumber
          placeholder={t('assessment.year')}
          aria-label={t('assessment.year')}
          min={2000}
          max={2100}
          value={filters.year}
          onChange={(year) => set('year', year)}
        />
        <Select<AssessmentState>
          allowClear
          className="member-filter-select"
          placeholder={t('assessment.state')}
          aria-label={t('assessment.state')}
          value={filters.state}
          onChange={(v) => set('state', v)}
          options={ASSESSMENT_STATES.map((s) => ({ value: s, label: t(`assessment.states.${s}`) }))}
        />
      </div>
      <Table<AssessmentItem>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('assessment.title'),
            dataIndex: 'title',
            className: 'assessment-list-title',
            render: (title: string, a) => <Link to={`/assessments/${a.id}`}>{title}</Link>,
          },
          // a phone shows the title and the state
          { title: t('assessment.year'), dataIndex: 'year', responsive: ['md'] },
          { title: t('assessment.heldOn'), dataIndex: 'heldOn', responsive: ['md'], render: (d: string) => formatDate(d) },
          { title: t('assessment.organizer'), dataIndex: 'organizerOrgName', responsive: ['lg'] },
          { title: t('assessment.reporterCount'), dataIndex: 'reporters', align: 'right', responsive: ['md'] },
          {
            title: t('assessment.state'),
            dataIndex: 'state',
            render: (s: AssessmentState) => (
              <Tag color={STATE_COLORS[s]} data-state={s}>
                {t(`assessment.states.${s}`)}
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}
