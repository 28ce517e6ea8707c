import { Button, Card, Form, Input, Table } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, withQuery } from '../../api/client';
import type { AuditEvent, Page } from '../../api/types';
import DateField from '../../components/DateField';
import JsonDiff from './JsonDiff';
import { formatDateTime } from '../../i18n/dates';

interface Filters {
  subjectType?: string;
  subjectId?: string;
  actor?: string;
  from?: string | null;
  to?: string | null;
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const events = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) =>
      api<Page<AuditEvent>>(withQuery('/audit', { ...filters, limit: 50, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card title={t('audit.title')}>
      <Form<Filters> layout="inline" className="toolbar" onFinish={(values) => setFilters(values)}>
        <Form.Item name="subjectType" label={t('audit.subjectType')}>
          <Input allowClear className="audit-filter" />
        </Form.Item>
        <Form.Item name="subjectId" label={t('audit.subjectId')}>
          <Input allowClear className="audit-filter" />
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
      </Form>
      <Table<AuditEvent>
        size="small"
        rowKey="seq"
        loading={events.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{ expandedRowRender: (e) => <JsonDiff before={e.before} after={e.after} /> }}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
          {
            title: t('audit.at'),
            dataIndex: 'at',
            render: (at: string) => formatDateTime(at),
            width: 180,
          },
          {
            title: t('audit.actor'),
            dataIndex: 'actorName',
            render: (name: string | null, e) => name ?? e.actorUserId ?? t('audit.system'),
          },
          { title: t('audit.action'), dataIndex: 'action' },
          {
            title: t('audit.subject'),
            key: 'subject',
            render: (_: unknown, e) => `${e.subjectType} · ${e.subjectId}`,
            ellipsis: true,
          },
          { title: t('audit.requestId'), dataIndex: 'requestId', ellipsis: true },
        ]}
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
