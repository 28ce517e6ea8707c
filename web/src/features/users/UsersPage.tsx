import { HistoryOutlined, KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Grid, Input, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { User, UserListItem, UserListQuery } from '../../../../domain/schemas/users';
import { ACCESS_ROLES, type AccessRole } from '../../../../domain/enums';
import { api, withQuery } from '../../api/client';
import { hasRole, mayDo, useMe } from '../../auth/useMe';
import FormModal from '../../components/FormModal';
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
const PAGE_SIZES = [20, 50, 100];

/** Accounts within the admin's scope: who may do what, where; roles edited, accounts disabled and enabled, passwords reset. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe();
  const phone = !Grid.useBreakpoint().md;
  // a link from the audit log names the account to find
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => ({ q: params.get('q') ?? undefined }));
  const [page, setPage] = useState({ current: 1, size: 20 });
  const users = useQuery({
    queryKey: ['users', filters, page],
    queryFn: () => api<{ items: UserListItem[]; total: number }>(withQuery('/users', { ...filters, limit: page.size, offset: (page.current - 1) * page.size })),
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
  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K] | null) => {
    setFilters({ ...filters, [key]: value ?? undefined });
    setPage({ ...page, current: 1 });
  };
  const toggle = useMutation({
    mutationFn: (u: UserListItem) => api<UserListItem>(`/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`, { method: 'POST' }),
    onSuccess: async (u) => {
      void message.success(t(u.disabled ? 'users.disabledDone' : 'users.enabledDone'));
      await refresh();
    },
    onError: (error) => void message.error(error.message),
  });
  const nameOf = (u: UserListItem) => u.displayName ?? u.username;
  const required = { required: true, message: t('common.required') };

  const roleTags = (u: UserListItem) =>
    u.roles.map((r, i) => (
      <Tag key={i} color={r.role === 'admin' ? 'red' : r.role === 'org_admin' ? 'volcano' : 'blue'}>
        {t(`enums.accessRole.${r.role}`)} · {r.orgName ?? t('users.everywhere')}
      </Tag>
    ));
  const stateTag = (u: UserListItem) => (u.disabled ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>);
  const lastLogin = (u: UserListItem) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>);
  const actions = (u: UserListItem) => (
    <Space wrap size={4}>
      {u.abilities.includes('edit') && (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
          {t('users.editRoles')}
        </Button>
      )}
      {u.abilities.includes('disable') && (
        <Popconfirm title={t('users.disableConfirm', { name: nameOf(u) })} onConfirm={() => toggle.mutate(u)} okButtonProps={{ danger: true }}>
          <Button size="small" danger icon={<StopOutlined />}>
            {t('users.disable')}
          </Button>
        </Popconfirm>
      )}
      {u.abilities.includes('enable') && (
        <Popconfirm title={t('users.enableConfirm', { name: nameOf(u) })} onConfirm={() => toggle.mutate(u)}>
          <Button size="small" icon={<CheckCircleOutlined />}>
            {t('users.enable')}
          </Button>
        </Popconfirm>
      )}
      {u.abilities.includes('resetPassword') && (
        <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)}>
          {t('users.resetPassword')}
        </Button>
      )}
      <Link to={`/audit?subjectType=user&subjectId=${encodeURIComponent(u.id)}&name=${encodeURIComponent(nameOf(u))}`}>
        <Button size="small" type="link" icon={<HistoryOutlined />}>
          {t('users.auditLog')}
        </Button>
      </Link>
    </Space>
  );
  const account = (u: UserListItem) => (
    <Space direction="vertical" size={0}>
      <span>{u.username}</span>
      {u.displayName && <Typography.Text type="secondary">{u.displayName}</Typography.Text>}
    </Space>
  );
  const columns: TableColumnsType<UserListItem> = [
    { title: t('users.username'), key: 'account', render: (_, u) => account(u) },
    { title: t('users.roles'), key: 'roles', render: (_, u) => roleTags(u) },
    { title: t('users.state'), key: 'state', render: (_, u) => stateTag(u) },
    { title: t('users.lastLogin'), key: 'lastLogin', render: (_, u) => lastLogin(u) },
    { title: t('common.actions'), key: 'actions', render: (_, u) => actions(u) },
  ];
  // a phone shows each account as one card-like row: the table's columns would scroll out of sight
  const phoneColumns: TableColumnsType<UserListItem> = [
    {
      title: t('users.title'),
      key: 'card',
      render: (_, u) => (
        <div className="user-card">
          {account(u)}
          <div>{roleTags(u)}</div>
          <div>
            {stateTag(u)} {t('users.lastLogin')}：{lastLogin(u)}
          </div>
          {actions(u)}
        </div>
      ),
    },
  ];

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
      <div className="toolbar users-filters">
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('users.search')}
          aria-label={t('users.search')}
          onSearch={(v) => setFilter('q', v.trim() || null)}
          className="users-filter"
        />
        <Select<AccessRole>
          allowClear
          placeholder={t('users.allRoles')}
          aria-label={t('users.role')}
          options={ACCESS_ROLES.map((r) => ({ value: r, label: t(`enums.accessRole.${r}`) }))}
          onChange={(v) => setFilter('role', v ?? null)}
          className="users-filter"
        />
        <OrgTreeSelect allowClear placeholder={t('users.anyOrg')} onChange={(v) => setFilter('orgId', v)} className="users-filter" />
        <Select<'active' | 'disabled'>
          allowClear
          placeholder={t('users.anyState')}
          aria-label={t('users.state')}
          options={[
            { value: 'active', label: t('users.active') },
            { value: 'disabled', label: t('users.disabled') },
          ]}
          onChange={(v) => setFilter('disabled', v === undefined ? null : v === 'disabled')}
          className="users-filter"
        />
      </div>
      <Table<UserListItem>
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        scroll={phone ? undefined : { x: 'max-content' }}
        pagination={{
          current: page.current,
          pageSize: page.size,
          total: users.data?.total ?? 0,
          showQuickJumper: !phone,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (current, size) => setPage({ current: size === page.size ? current : 1, size }),
        }}
        rowClassName={(u) => (u.disabled ? 'user-disabled' : '')}
        columns={phone ? phoneColumns : columns}
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
