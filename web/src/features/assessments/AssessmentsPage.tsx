import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, InputNumber, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { downloadUrl } from '../../api/client';
import { hasRole, useMe } from '../../auth/useMe';
import { EnumFilter, FilterBar } from '../../components/FilterBar';
import ListTable from '../../components/ListTable';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { useScope } from '../../layout/scope';
import { formatDate } from '../../i18n/dates';
import { ASSESSMENT_STATES, type AssessmentState } from '../../../../domain/assessments/states';
import {
  assessmentPath,
  useAssessmentList,
  type AssessmentFilters,
  type AssessmentItem,
} from './assessmentQueries';
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
      <FilterBar active={Object.values(filters).some((v) => v !== undefined)} onReset={() => setFilters({})}>
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
        <EnumFilter<AssessmentState>
          label={t('assessment.state')}
          values={ASSESSMENT_STATES}
          labelKey="assessment.states"
          value={filters.state}
          onChange={(v) => set('state', v)}
        />
      </FilterBar>
      <ListTable<AssessmentItem>
        id="assessments"
        rowKey={(a) => a.id}
        loading={list.isFetching}
        rows={list.data?.items ?? []}
        paging={{ kind: 'client', pageSize: 20 }}
        exportHref={downloadUrl('/assessments/export.xlsx', { ...filters })}
        rowActions={(a) => [
          { key: 'open', label: t('common.view'), onClick: () => void navigate(assessmentPath(a.id)) },
          ...(a.canManage && a.state === 'draft'
            ? [
                {
                  key: 'edit',
                  label: t('common.edit'),
                  onClick: () => void navigate(`${assessmentPath(a.id)}/edit`),
                },
              ]
            : []),
          ...(a.state === 'open' || a.state === 'closed'
            ? [
                {
                  key: 'projector',
                  label: t('list.projector'),
                  onClick: () => void navigate(`${assessmentPath(a.id)}/projector`),
                },
              ]
            : []),
        ]}
        columns={[
          {
            key: 'title',
            required: true,
            title: t('assessment.title'),
            dataIndex: 'title',
            className: 'assessment-list-title',
            render: (title: string, a) => <Link to={assessmentPath(a.id)}>{title}</Link>,
          },
          // a phone shows the title and the state
          { key: 'year', title: t('assessment.year'), dataIndex: 'year', responsive: ['md'] },
          {
            key: 'heldOn',
            title: t('assessment.heldOn'),
            dataIndex: 'heldOn',
            responsive: ['md'],
            render: (d: string) => formatDate(d),
          },
          {
            key: 'organizer',
            title: t('assessment.organizer'),
            dataIndex: 'organizerOrgName',
            responsive: ['lg'],
          },
          {
            key: 'reporters',
            title: t('assessment.reporterCount'),
            dataIndex: 'reporters',
            align: 'right',
            responsive: ['md'],
          },
          {
            key: 'state',
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
