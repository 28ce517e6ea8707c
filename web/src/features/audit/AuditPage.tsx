import { Card, Input, Select, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { Link, useSearchParams } from 'react-router-dom';
import { AUDIT_SUBJECTS } from '../../../../domain/audit/labels';
import type { AuditEvent, AuditFilter, AuditPage as AuditPageBody } from '../../../../domain/schemas/audit';
import { api, downloadUrl, withQuery } from '../../api/client';
import DateField from '../../components/DateField';
import { FilterBar } from '../../components/FilterBar';
import ListTable from '../../components/ListTable';
import { useListState } from '../../components/useListState';
import { formatDateTime } from '../../i18n/dates';
import AuditChanges from './AuditChanges';
import { actionText, langOf, subjectLink, subjectText } from './auditText';
import './audit.css';

type Event = Static<typeof AuditEvent>;

/** Who did what to which object, in words: actions, objects and fields in the reader's language, ids as names, each object linked. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  // a link (from the users page) may name the object whose history to show
  const [params, setParams] = useSearchParams();
  const { filters, setFilters, set: setFilter, offset, limit, paging } = useListState<AuditFilter>(
    () => ({ subjectType: params.get('subjectType') ?? undefined, subjectId: params.get('subjectId') ?? undefined }),
    50,
  );
  const [actor, setActor] = useState('');
  const subjectName = params.get('name');
  const events = useQuery({
    queryKey: ['audit', filters, offset, limit],
    queryFn: () => api<Static<typeof AuditPageBody>>(withQuery('/audit', { ...filters, limit, offset })),
    placeholderData: keepPreviousData,
  });
  const names = events.data?.names ?? {};
  const typeOptions = Object.keys(AUDIT_SUBJECTS).map((type) => ({ value: type, label: subjectText(type, lang) }));
  const clearSubject = () => {
    setFilter('subjectId', null);
    setParams({}, { replace: true });
  };

  const actorOf = (e: Event) => (e.actorUserId && names[e.actorUserId]) || e.actorName || t('audit.system');
  const subjectCell = (e: Event) => {
    const link = subjectLink(e);
    const label = e.subjectName ?? t('audit.gone');
    return (
      <span className="audit-subject">
        <Tag>{subjectText(e.subjectType, lang)}</Tag>
        {link && e.subjectName ? <Link to={link}>{label}</Link> : <Typography.Text type="secondary">{label}</Typography.Text>}
      </span>
    );
  };

  return (
    <Card title={t('audit.title')}>
      <FilterBar
        active={Object.values(filters).some((v) => v !== undefined)}
        onReset={() => {
          setActor('');
          setFilters({});
          setParams({}, { replace: true });
        }}
      >
        <Select
          allowClear
          className="filter-bar-select"
          placeholder={t('audit.allTypes')}
          aria-label={t('audit.subjectType')}
          value={filters.subjectType}
          options={typeOptions}
          onChange={(v: string | undefined) => setFilter('subjectType', v ?? null)}
        />
        <Input.Search
          allowClear
          value={actor}
          placeholder={t('audit.actor')}
          aria-label={t('audit.actor')}
          onChange={(e) => setActor(e.target.value)}
          onSearch={(v) => setFilter('actor', v.trim() || null)}
        />
        <DateField placeholder={t('audit.from')} value={filters.from ?? null} onChange={(v) => setFilter('from', v)} />
        <DateField placeholder={t('audit.to')} value={filters.to ?? null} onChange={(v) => setFilter('to', v)} />
        {filters.subjectId && (
          <Tag closable onClose={clearSubject} className="audit-subject-tag">
            {t('audit.forSubject', { name: subjectName ?? names[filters.subjectId] ?? filters.subjectId })}
          </Tag>
        )}
      </FilterBar>
      <ListTable<Event>
        id="audit"
        rowKey={(e) => String(e.seq)}
        loading={events.isFetching}
        rows={events.data?.items ?? []}
        paging={paging(events.data)}
        exportHref={downloadUrl('/audit/export.xlsx', filters)}
        expandedRow={(e) => (
          <Space direction="vertical" className="audit-expanded">
            <AuditChanges event={e} names={names} />
            <Typography.Text type="secondary" className="audit-ids">
              {t('audit.details', { seq: e.seq, requestId: e.requestId ?? '—' })}
            </Typography.Text>
          </Space>
        )}
        columns={[
          { key: 'at', title: t('audit.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at) },
          { key: 'actor', title: t('audit.actor'), render: (_, e) => actorOf(e) },
          { key: 'action', required: true, title: t('audit.action'), dataIndex: 'action', render: (code: string) => actionText(code, lang) },
          { key: 'subject', title: t('audit.subject'), render: (_, e) => subjectCell(e) },
          { key: 'where', title: t('audit.where'), dataIndex: 'orgName', responsive: ['md'], render: (name: string | null) => name ?? '—' },
        ]}
      />
    </Card>
  );
}
