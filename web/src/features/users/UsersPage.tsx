import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { User, UserListItem, UserListQuery } from '../../../../domain/schemas/users';
import { ACCESS_ROLES, type AccessRole } from '../../../../domain/enums';
import { api, ApiError, downloadUrl, withQuery } from '../../api/client';
import { hasRole, mayDo, useMe } from '../../auth/useMe';
import { EnumFilter, FilterBar } from '../../components/FilterBar';
import FormModal from '../../components/FormModal';
import ListTable, { type BatchAction, type RowAction } from '../../components/ListTable';
import { useListState } from '../../components/useListState';
import MemberSelect from '../../components/MemberSelect';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { formatDateTime } from '../../i18n/dates';
import RolesForm, { type RolesValues } from './RolesForm';
import './users.css';

interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  role: AccessRole;
  orgId: string;
  memberId?: string;
}

type Filters = Pick<UserListQuery, 'q' | 'role' | 'orgId' | 'disabled'>;
const STATES = ['active', 'disabled'] as const;

/** Accounts within the admin's scope: who may do what, where; roles edited, accounts disabled and enabled (one or many), passwords reset. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useMe();
  // a link from the audit log names the account to find
  const [params] = useSearchParams();
  const { filters, setFilters, set: setFilter, offset, limit, paging } = useListState<Filters>(() => ({ q: params.get('q') ?? undefined }));
  const [search, setSearch] = useState(filters.q ?? '');
  const users = useQuery({
    queryKey: ['users', filters, offset, limit],
    queryFn: () => api<{ items: UserListItem[]; total: number }>(withQuery('/users', { ...filters, limit, offset })),
    placeholderData: keepPreviousData,
  });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserListItem | null>(null);
  const [resetting, setResetting] = useState<UserListItem | null>(null);
  const [form] = Form.useForm<NewUser>();
  const [resetForm] = Form.useForm<{ newPassword: string }>();
  const [rolesForm] = Form.useForm<RolesValues>();
  const orgId = Form.useWatch('orgId', form);
  const mayGrantAdmin = hasRole(me.data, ['admin']);
  const roleOptions = ACCESS_ROLES.filter((r) => r !== 'admin' || mayGrantAdmin).map((r) => ({ value: r, label: t(`enums.accessRole.${r}`) }));

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });
  const nameOf = (u: UserListItem) => u.displayName ?? u.username;
  const required = { required: true, message: t('common.required') };

  /** Disables or enables the accounts, all or none; a refusal names each account the server would not change. */
  const setDisabled = (rows: UserListItem[], disabled: boolean, done: () => void) => {
    modal.confirm({
      title: rows.length === 1 ? t(disabled ? 'users.disableConfirm' : 'users.enableConfirm', { name: nameOf(rows[0]!) }) : t(disabled ? 'users.batchDisableConfirm' : 'users.batchEnableConfirm', { count: rows.length }),
      okButtonProps: { danger: disabled },
      onOk: async () => {
        try {
          await api<{ items: UserListItem[] }>('/users/batch', { method: 'POST', body: { ids: rows.map((u) => u.id), action: disabled ? 'disable' : 'enable' } });
        } catch (error) {
          const refused = error instanceof ApiError ? error.fieldErrors.map((f) => `${nameOf(rows[Number(f.field.split('.')[1])] ?? rows[0]!)}：${f.message}`) : [];
          void message.error([error instanceof Error ? error.message : String(error), ...refused].join('；'));
          return;
        }
        void message.success(rows.length === 1 ? t(disabled ? 'users.disabledDone' : 'users.enabledDone') : t(disabled ? 'users.batchDisabledDone' : 'users.batchEnabledDone', { count: rows.length }));
        done();
        await refresh();
      },
    });
  };

  const rowActions = (u: UserListItem): RowAction[] => [
    ...(u.abilities.includes('edit') ? [{ key: 'edit', label: t('users.editRoles'), onClick: () => setEditing(u) }] : []),
    ...(u.abilities.includes('disable') ? [{ key: 'disable', label: t('users.disable'), danger: true, onClick: () => setDisabled([u], true, () => undefined) }] : []),
    ...(u.abilities.includes('enable') ? [{ key: 'enable', label: t('users.enable'), onClick: () => setDisabled([u], false, () => undefined) }] : []),
    ...(u.abilities.includes('resetPassword') ? [{ key: 'reset', label: t('users.resetPassword'), onClick: () => setResetting(u) }] : []),
    {
      key: 'audit',
      label: t('users.auditLog'),
      onClick: () => void navigate(`/audit?subjectType=user&subjectId=${encodeURIComponent(u.id)}&name=${encodeURIComponent(nameOf(u))}`),
    },
  ];
  const batchActions: BatchAction<UserListItem>[] = mayDo(me.data, 'user.manage')
    ? [
        { key: 'disable', label: t('users.batchDisable'), danger: true, onClick: (rows, clear) => setDisabled(rows, true, clear) },
        { key: 'enable', label: t('users.batchEnable'), onClick: (rows, clear) => setDisabled(rows, false, clear) },
      ]
    : [];

  return (
    <Card
      title={t('users.title')}
      extra={
        mayDo(me.data, 'user.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        )
      }
    >
      <FilterBar
        active={Object.values(filters).some((v) => v !== undefined)}
        onReset={() => {
          setSearch('');
          setFilters({});
        }}
      >
        <Input.Search
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('users.search')}
          aria-label={t('users.search')}
          onSearch={(v) => setFilter('q', v.trim() || null)}
        />
        <EnumFilter<AccessRole> label={t('users.allRoles')} values={ACCESS_ROLES} labelKey="enums.accessRole" value={filters.role} onChange={(v) => setFilter('role', v)} />
        <OrgTreeSelect allowClear placeholder={t('users.anyOrg')} value={filters.orgId ?? null} onChange={(v) => setFilter('orgId', v)} className="filter-bar-select" />
        <EnumFilter<(typeof STATES)[number]>
          label={t('users.anyState')}
          values={STATES}
          labelKey="users"
          value={filters.disabled === undefined ? undefined : filters.disabled ? 'disabled' : 'active'}
          onChange={(v) => setFilter('disabled', v === undefined ? null : v === 'disabled')}
        />
      </FilterBar>
      <ListTable<UserListItem>
        id="users"
        rowKey={(u) => u.id}
        loading={users.isFetching}
        rows={users.data?.items ?? []}
        paging={paging(users.data)}
        rowActions={rowActions}
        batchActions={batchActions.length ? batchActions : undefined}
        selectable={(u) => u.abilities.includes('disable') || u.abilities.includes('enable')}
        exportHref={downloadUrl('/users/export.xlsx', filters)}
        onRow={(u) => ({ className: u.disabled ? 'user-disabled' : undefined })}
        columns={[
          {
            key: 'account',
            required: true,
            title: t('users.username'),
            render: (_, u) => (
              <Space direction="vertical" size={0}>
                <span>{u.username}</span>
                {u.displayName && <Typography.Text type="secondary">{u.displayName}</Typography.Text>}
              </Space>
            ),
          },
          {
            key: 'roles',
            title: t('users.roles'),
            render: (_, u) =>
              u.roles.map((r, i) => (
                <Tag key={i} color={r.role === 'admin' ? 'red' : r.role === 'org_admin' ? 'volcano' : 'blue'}>
                  {t(`enums.accessRole.${r.role}`)} · {r.orgName ?? t('users.everywhere')}
                </Tag>
              )),
          },
          {
            key: 'state',
            title: t('users.state'),
            render: (_, u) => (u.disabled ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>),
          },
          {
            key: 'lastLogin',
            title: t('users.lastLogin'),
            responsive: ['md'],
            render: (_, u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>),
          },
        ]}
      />
      {creating && (
        <FormModal<NewUser>
          title={t('users.create')}
          form={form}
          initialValues={{ role: 'secretary' }}
          onClose={() => setCreating(false)}
          onSubmit={async (v) => {
            await api<User>('/users', {
              method: 'POST',
              body: { username: v.username, password: v.password, displayName: v.displayName || undefined, memberId: v.memberId ?? null, roles: [{ role: v.role, orgId: v.orgId }] },
            });
            setCreating(false);
            form.resetFields();
            void message.success(t('common.saved'));
            await refresh();
          }}
        >
          <Form.Item name="username" label={t('users.username')} rules={[required]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')}>
            <Input />
          </Form.Item>
          <Form.Item name="password" label={t('users.initialPassword')} rules={[required, { min: 10, message: t('me.passwordTooShort') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="role" label={t('users.role')} rules={[required]} style={{ width: '40%' }}>
              <Select options={roleOptions} />
            </Form.Item>
            <Form.Item name="orgId" label={t('users.org')} rules={[required]} style={{ width: '60%' }}>
              <OrgTreeSelect />
            </Form.Item>
          </Space.Compact>
          {orgId && (
            <Form.Item name="memberId" label={t('users.member')} extra={t('users.memberHint')}>
              <MemberSelect orgId={orgId} />
            </Form.Item>
          )}
        </FormModal>
      )}
      {editing && (
        <FormModal<RolesValues>
          title={t('users.editTitle', { name: nameOf(editing) })}
          form={rolesForm}
          width={640}
          initialValues={{ displayName: editing.displayName ?? '', roles: editing.roles }}
          onClose={() => setEditing(null)}
          onSubmit={async (v) => {
            await api<UserListItem>(`/users/${editing.id}`, {
              method: 'PATCH',
              body: { displayName: v.displayName?.trim() || null, roles: v.roles.map((r) => ({ role: r.role, orgId: r.orgId })) },
            });
            setEditing(null);
            void message.success(t('common.saved'));
            await refresh();
          }}
        >
          <RolesForm form={rolesForm} roleOptions={roleOptions} />
        </FormModal>
      )}
      {resetting && (
        <FormModal<{ newPassword: string }>
          title={`${t('users.resetPassword')} · ${nameOf(resetting)}`}
          form={resetForm}
          okText={t('users.resetPassword')}
          onClose={() => setResetting(null)}
          onSubmit={async (v) => {
            await api<unknown>(`/users/${resetting.id}/password`, { method: 'POST', body: v });
            setResetting(null);
            resetForm.resetFields();
            void message.success(t('users.resetDone'));
          }}
        >
          <Form.Item name="newPassword" label={t('me.newPassword')} extra={t('users.resetHint')} rules={[required, { min: 10, message: t('me.passwordTooShort') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
