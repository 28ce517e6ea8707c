import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Table, Tag, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useScope } from '../../layout/scope';
import type { Member } from '../../../../domain/schemas/members';
import MemberDrawer from './MemberDrawer';
import MemberFiltersBar from './MemberFiltersBar';
import MemberFormModal from './MemberFormModal';
import { useMemberList, type MemberFilters } from './memberQueries';

const PAGE_SIZES = [20, 50, 100, 200];
const TEXT_FILTERS = ['status', 'category', 'gender', 'education'] as const;
const NUMBER_FILTERS = ['ageMin', 'ageMax', 'joinedFrom', 'joinedTo'] as const;

/** Initial filters from the address (the dashboard links here with e.g. ?gender=female). */
function filtersFromUrl(params: URLSearchParams): Partial<MemberFilters> {
  const out: Record<string, string | number> = {};
  for (const key of TEXT_FILTERS) {
    const value = params.get(key);
    if (value) out[key] = value;
  }
  for (const key of NUMBER_FILTERS) {
    const value = Number(params.get(key) ?? NaN);
    if (Number.isInteger(value)) out[key] = value;
  }
  return out;
}
const SORTABLE = new Set<string>(['name', 'joinedOn', 'birthDate']);

export default function MembersPage() {
  const { t } = useTranslation();
  const { scopeId } = useScope();
  const [params] = useSearchParams();
  const [filters, setFiltersState] = useState<MemberFilters>(() => ({
    org: params.get('org') ?? scopeId ?? undefined,
    subtree: true,
    sort: 'name',
    order: 'asc',
    ...filtersFromUrl(params),
  }));
  const [limit, setLimit] = useState(20);
  // cursors[i] is the cursor that fetches page i; the first page needs none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useMemberList(filters, cursors[page], limit);

  const resetPaging = () => {
    setCursors([undefined]);
    setPage(0);
  };
  const setFilters = (next: MemberFilters) => {
    setFiltersState(next);
    resetPaging();
  };
  const next = () => {
    const cursor = list.data?.nextCursor;
    if (!cursor) return;
    setCursors((c) => [...c.slice(0, page + 1), cursor]);
    setPage(page + 1);
  };

  const sortOrder = (key: string) =>
    filters.sort === key ? (filters.order === 'desc' ? 'descend' : 'ascend') : null;
  const dash = (v: string | null) => v ?? '—';

  return (
    <Card
      title={t('nav.members')}
      extra={
        // offered only where the list says the caller may add a member (not to a viewer)
        list.data?.abilities.includes('member.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('member.create')}
          </Button>
        )
      }
    >
      <MemberFiltersBar filters={filters} onChange={setFilters} scopeId={scopeId} />
      <Table<Member>
        size="small"
        rowKey="id"
        className="member-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(m) => ({ onDoubleClick: () => setOpenId(m.id) })}
        onChange={(_p, _f, sorter) => {
          const s = sorter as SorterResult<Member>;
          const key = String(s.field ?? s.columnKey ?? '');
          if (!SORTABLE.has(key) || !s.order) setFilters({ ...filters, sort: 'name', order: 'asc' });
          else
            setFilters({
              ...filters,
              sort: key as MemberFilters['sort'],
              order: s.order === 'descend' ? 'desc' : 'asc',
            });
        }}
        columns={[
          {
            title: t('member.name'),
            dataIndex: 'name',
            sorter: true,
            sortOrder: sortOrder('name'),
            fixed: 'left',
            render: (name: string, m) => (
              <Typography.Link onClick={() => setOpenId(m.id)}>{name}</Typography.Link>
            ),
          },
          {
            title: t('member.gender'),
            dataIndex: 'gender',
            render: (g: Member['gender']) => t(`enums.gender.${g}`),
            width: 60,
          },
          {
            title: t('member.birthDate'),
            dataIndex: 'birthDate',
            sorter: true,
            sortOrder: sortOrder('birthDate'),
          },
          { title: t('member.idNumber'), dataIndex: 'idNumber', render: dash },
          { title: t('member.phone'), dataIndex: 'phone', render: dash },
          {
            title: t('member.status'),
            dataIndex: 'status',
            render: (s: Member['status']) => (
              <Tag color={s === 'full' ? 'red' : 'gold'}>{t(`enums.memberStatus.${s}`)}</Tag>
            ),
          },
          {
            title: t('member.category'),
            dataIndex: 'category',
            render: (c: Member['category']) => t(`enums.memberCategory.${c}`),
          },
          {
            title: t('member.joinedOn'),
            dataIndex: 'joinedOn',
            sorter: true,
            sortOrder: sortOrder('joinedOn'),
          },
          { title: t('member.org'), dataIndex: 'orgName', ellipsis: true },
        ]}
      />
      <div className="pager">
        {list.data?.total !== undefined && (
          <Typography.Text>
            {t(list.data.totalExact ? 'common.total' : 'common.totalAtLeast', { count: list.data.total })}
          </Typography.Text>
        )}
        <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
          {t('common.prev')}
        </Button>
        <Typography.Text>{page + 1}</Typography.Text>
        <Button disabled={!list.data?.nextCursor} onClick={next}>
          {t('common.next')}
        </Button>
        <Select
          aria-label={t('common.rowsPerPage')}
          value={limit}
          onChange={(size) => {
            setLimit(size);
            resetPaging();
          }}
          options={PAGE_SIZES.map((size) => ({ value: size, label: t('common.pageSize', { size }) }))}
        />
      </div>
      <MemberDrawer memberId={openId} onClose={() => setOpenId(null)} />
      {creating && (
        <MemberFormModal
          mode="create"
          orgId={filters.org ?? null}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            setOpenId(id);
          }}
        />
      )}
    </Card>
  );
}
