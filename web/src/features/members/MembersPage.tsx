import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { downloadUrl } from '../../api/client';
import ListTable, { type ListColumn } from '../../components/ListTable';
import { useListState } from '../../components/useListState';
import { useScope } from '../../layout/scope';
import type { MemberListItem } from '../../../../domain/schemas/members';
import AssignGroupModal from './AssignGroupModal';
import MemberDrawer from './MemberDrawer';
import MemberFiltersBar from './MemberFiltersBar';
import MemberFormModal from './MemberFormModal';
import TransferModal from './TransferModal';
import { useMemberDetail, useMemberList, type MemberFilters } from './memberQueries';

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

/** Editing from the list opens the form on the member's record: the list shows the ID-card and phone numbers masked, the record in full to those allowed. */
function EditMember({ id, onClose }: { id: string; onClose: () => void }) {
  const { message } = App.useApp();
  const detail = useMemberDetail(id);
  useEffect(() => {
    if (!detail.isError) return;
    void message.error(detail.error.message);
    onClose();
  }, [detail.isError, detail.error, message, onClose]);
  return detail.data ? <MemberFormModal mode="edit" member={detail.data} onClose={onClose} onSaved={onClose} /> : null;
}

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; id: string }
  | { kind: 'transfer'; member: MemberListItem }
  | { kind: 'group'; members: MemberListItem[]; done: () => void };

export default function MembersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { scopeId } = useScope();
  const [params] = useSearchParams();
  const { filters, setFilters, offset, limit, paging } = useListState<MemberFilters>(() => ({
    org: params.get('org') ?? scopeId ?? undefined,
    subtree: true,
    sort: 'name',
    order: 'asc',
    ...filtersFromUrl(params),
  }));
  const [openId, setOpenId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const list = useMemberList(filters, offset, limit);
  const may = (action: MemberListItem['abilities'][number]) => list.data?.abilities.includes(action) ?? false;

  const close = () => setDialog(null);
  const dash = (v: string | null) => v ?? '—';

  const columns: ListColumn<MemberListItem>[] = [
    {
      key: 'name',
      required: true,
      title: t('member.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, m) => <Typography.Link onClick={() => setOpenId(m.id)}>{name}</Typography.Link>,
    },
    {
      key: 'gender',
      // a phone shows the name, the status and the row's actions (the organization is picked above the list)
      responsive: ['md'],
      title: t('member.gender'),
      dataIndex: 'gender',
      render: (g: MemberListItem['gender']) => t(`enums.gender.${g}`),
    },
    { key: 'birthDate', responsive: ['md'], title: t('member.birthDate'), dataIndex: 'birthDate' },
    { key: 'idNumber', responsive: ['md'], title: t('member.idNumber'), dataIndex: 'idNumber', render: dash },
    { key: 'phone', responsive: ['md'], title: t('member.phone'), dataIndex: 'phone', render: dash },
    {
      key: 'status',
      title: t('member.status'),
      dataIndex: 'status',
      render: (s: MemberListItem['status']) => (
        <Tag color={s === 'full' ? 'red' : 'gold'}>{t(`enums.memberStatus.${s}`)}</Tag>
      ),
    },
    {
      key: 'category',
      responsive: ['md'],
      title: t('member.category'),
      dataIndex: 'category',
      render: (c: MemberListItem['category']) => t(`enums.memberCategory.${c}`),
    },
    {
      key: 'education',
      responsive: ['md'],
      title: t('member.education'),
      dataIndex: 'education',
      render: (e: MemberListItem['education']) => (e ? t(`enums.education.${e}`) : '—'),
    },
    { key: 'joinedOn', responsive: ['md'], title: t('member.joinedOn'), dataIndex: 'joinedOn' },
    {
      key: 'org',
      responsive: ['md'],
      title: t('member.org'),
      dataIndex: 'orgName',
      render: (name: string) => <span className="list-title">{name}</span>,
    },
  ];

  return (
    <Card
      title={t('nav.members')}
      extra={
        // offered only where the list says the caller may add a member (not to a viewer)
        may('member.create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('member.create')}
          </Button>
        )
      }
    >
      <MemberFiltersBar filters={filters} onChange={setFilters} scopeId={scopeId} />
      <div className="member-table">
        <ListTable<MemberListItem>
          id="members"
          columns={columns}
          rows={list.data?.items ?? []}
          rowKey={(m) => m.id}
          loading={list.isFetching}
          onRow={(m) => ({ onDoubleClick: () => setOpenId(m.id) })}
          paging={paging(list.data)}
          rowActions={(m) => [
            { key: 'view', label: t('common.view'), onClick: () => setOpenId(m.id) },
            ...(m.abilities.includes('member.update')
              ? [{ key: 'edit', label: t('common.edit'), onClick: () => setDialog({ kind: 'edit', id: m.id }) }]
              : []),
            ...(m.abilities.includes('member.transfer')
              ? [{ key: 'transfer', label: t('member.transfer'), onClick: () => setDialog({ kind: 'transfer', member: m }) }]
              : []),
          ]}
          batchActions={
            may('member.update')
              ? [
                  {
                    key: 'group',
                    label: t('member.assignGroup'),
                    onClick: (rows, clearSelection) => {
                      // a party group belongs to one branch: its members are chosen from that branch
                      if (new Set(rows.map((r) => r.orgId)).size > 1) void message.warning(t('member.assignOneOrg'));
                      else setDialog({ kind: 'group', members: rows, done: clearSelection });
                    },
                  },
                ]
              : undefined
          }
          exportHref={may('export.run') ? downloadUrl('/exports/members.xlsx', filters) : undefined}
        />
      </div>
      <MemberDrawer memberId={openId} onClose={() => setOpenId(null)} />
      {dialog?.kind === 'create' && (
        <MemberFormModal
          mode="create"
          orgId={filters.org ?? null}
          onClose={close}
          onSaved={(id) => {
            close();
            setOpenId(id);
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <EditMember id={dialog.id} onClose={close} />
      )}
      {dialog?.kind === 'transfer' && <TransferModal member={dialog.member} onClose={close} />}
      {dialog?.kind === 'group' && (
        <AssignGroupModal
          members={dialog.members}
          onClose={close}
          onDone={() => {
            close();
            dialog.done();
          }}
        />
      )}
    </Card>
  );
}
