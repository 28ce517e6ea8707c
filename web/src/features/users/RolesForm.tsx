import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Tooltip, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccessRole } from '../../../../domain/enums';
import OrgTreeSelect from '../../components/OrgTreeSelect';

export interface RoleRow {
  role: AccessRole;
  orgId: string | null;
  orgName?: string | null;
  /** false: granted outside the caller's scope, shown but not changed */
  editable: boolean;
}

export interface RolesValues {
  displayName?: string;
  roles: RoleRow[];
}

/**
 * The name and the roles of an account, one row a grant (a role at an organization and below it).
 * Rows the caller could not have granted stay as they are: the server keeps them and refuses to
 * change them, so they are shown locked.
 */
export default function RolesForm({ form, roleOptions }: { form: FormInstance<RolesValues>; roleOptions: { value: AccessRole; label: string }[] }) {
  const { t } = useTranslation();
  const required = { required: true, message: t('common.required') };
  return (
    <>
      <Form.Item name="displayName" label={t('users.displayName')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.List name="roles">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => {
              const row = form.getFieldValue(['roles', field.name]) as RoleRow | undefined;
              const locked = row ? !row.editable : false;
              // an admin grant over everything (it has no organization); a new row always picks one
              const global = row?.role === 'admin' && row.orgId === null && row.orgName === null;
              return (
                <div key={field.key} className="role-row">
                  <Form.Item name={[field.name, 'role']} label={field.name === 0 ? t('users.role') : undefined} rules={[required]} className="role-row-role">
                    <Select options={locked ? [{ value: row!.role, label: t(`enums.accessRole.${row!.role}`) }] : roleOptions} disabled={locked} aria-label={t('users.role')} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'orgId']}
                    label={field.name === 0 ? t('users.org') : undefined}
                    rules={global ? [] : [required]}
                    className="role-row-org"
                  >
                    {global ? (
                      <Input value={t('users.everywhere')} disabled />
                    ) : (
                      <OrgTreeSelect valueLabel={row?.orgName ?? undefined} disabled={locked} />
                    )}
                  </Form.Item>
                  {locked ? (
                    <Tooltip title={t('users.roleLocked')}>
                      <MinusCircleOutlined className={`role-row-remove locked${field.name === 0 ? ' first' : ''}`} aria-label={t('users.roleLocked')} />
                    </Tooltip>
                  ) : (
                    <Button type="text" danger icon={<MinusCircleOutlined />} aria-label={t('users.removeRole')} title={t('users.removeRole')} onClick={() => remove(field.name)} className={`role-row-remove${field.name === 0 ? ' first' : ''}`} />
                  )}
                </div>
              );
            })}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ role: 'secretary', orgId: null, editable: true })}>
              {t('users.addRole')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
