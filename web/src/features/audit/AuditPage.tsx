import { Button, Card, Form, Grid, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { AUDIT_SUBJECTS } from '../../../../domain/audit/labels';
import { api, withQuery } from '../../api/client';
import type { AuditEvent, Page } from '../../api/types';
import DateField from '../../components/DateField';
import { formatDateTime } from '../../i18n/dates';
import AuditChanges from './AuditChanges';
import { actionText, langOf, subjectLink, subjectText } from './auditText';
import './audit.css';

interface Filters {
  subjectType?: string;
  subjectId?: string;
  actor?: string;
  from?: string | null;
  to?: string | null;
}

type AuditPage = Page<AuditEvent> & { names: Record<string, string> };

/** Who did what to which object, in words: actions, objects and fields in the reader's language, ids as names, each object linked. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const phone = !Grid.useBreakpoint().md;
  // a link (from the users page) may name the object whose history to show
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => ({ subjectType: params.get('subjectType') ?? undefined, subjectId: params.get('subjectId') ?? undefined }));
  const subjectName = params.get('name');
  const events = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => api<AuditPage>(withQuery('/audit', { ...filters, limit: 50, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const pages = events.data?.pages ?? [];
  const rows = pages.flatMap((p) => p.items);
  const names: Record<string, string> = Object.fromEntries(pages.flatMap((p) => Object.entries(p.names)));
  const typeOptions = Object.keys(AUDIT_SUBJECTS).map((type) => ({ value: type, label: subjectText(type, lang) }));
  const clearSubject = () => {
    setFilters({ ...filters, subjectId: undefined });
    setParams({}, { replace: true });
  };

  const actorOf = (e: AuditEvent) => (e.actorUserId && names[e.actorUserId]) || e.actorName || t('audit.system');
  const subjectCell = (e: AuditEvent) => {
    const link = subjectLink(e);
    const label = e.subjectName ?? t('audit.gone');
    return (
      <span className="audit-subject">
        <Tag>{subjectText(e.subjectType, lang)}</Tag>
        {link && e.subjectName ? <Link to={link}>{label}</Link> : <Typography.Text type="secondary">{label}</Typography.Text>}
      </span>
    );
  };
  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at), width: 150 },
    { title: t('audit.actor'), key: 'actor', render: (_, e) => actorOf(e) },
    { title: t('audit.action'), dataIndex: 'action', render: (code: string) => actionText(code, lang) },
    { title: t('audit.subject'), key: 'subject', render: (_, e) => subjectCell(e) },
    { title: t('audit.where'), dataIndex: 'orgName', render: (name: string | null) => name ?? '—' },
  ];
  // a phone reads each event as one block: what, on which object, when and by whom
  const phoneColumns: TableColumnsType<AuditEvent> = [
    {
      title: t('audit.action'),
      key: 'event',
      render: (_, e) => (
        <div className="audit-card">
          <strong>{actionText(e.action, lang)}</strong>
          {subjectCell(e)}
          <Typography.Text type="secondary">
            {formatDateTime(e.at)} · {actorOf(e)}
          </Typography.Text>
        </div>
      ),
    },
  ];

  return (
    <Card title={t('audit.title')}>
      <Form<Filters> layout="inline" className="toolbar audit-toolbar" initialValues={filters} onFinish={(values) => setFilters({ ...values, subjectId: filters.subjectId })}>
        <Form.Item name="subjectType" label={t('audit.subjectType')}>
          <Select allowClear placeholder={t('audit.allTypes')} options={typeOptions} className="audit-filter" />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear className="audit-filter" />
        </Form.Item>
        <Form.Item name="from" label={t('audit.from')}>
          <DateField />
        </Form.Item>
        <Form.Item name="to" label={t('audit.to')}>
          <DateField />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
        {filters.subjectId && (
          <Tag closable onClose={clearSubject} className="audit-subject-tag">
            {t('audit.forSubject', { name: subjectName ?? names[filters.subjectId] ?? filters.subjectId })}
          </Tag>
        )}
      </Form>
      <Table<AuditEvent>
        size="small"
        rowKey="seq"
        loading={events.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={phone ? undefined : { x: 'max-content' }}
        expandable={{
          expandedRowRender: (e) => (
            <Space direction="vertical" className="audit-expanded">
              <AuditChanges event={e} names={names} />
              <Typography.Text type="secondary" className="audit-ids">
                {t('audit.details', { seq: e.seq, requestId: e.requestId ?? '—' })}
              </Typography.Text>
            </Space>
          ),
        }}
        columns={phone ? phoneColumns : columns}
      />
      {events.hasNextPage && (
        <div className="pager">
          <Button loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}
