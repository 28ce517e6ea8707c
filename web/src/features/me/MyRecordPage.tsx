import { Alert, Card, Descriptions, Space, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { mayDo, useMe } from '../../auth/useMe';
import MemberRecord from '../members/MemberRecord';
import ApiTokens from './ApiTokens';
import PasswordForm from './PasswordForm';
import { usePhone } from '../../components/usePhone';

export default function MyRecordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const phone = usePhone();
  if (!me.data) return <Spin />;
  const { user, member } = me.data;
  return (
    <Space direction="vertical" size="middle" className="my-record full-width">
      <Card title={t('me.title')} size="small">
        {member ? (
          <MemberRecord member={member} columns={phone ? 1 : 2} />
        ) : (
          <Alert type="info" showIcon message={t('me.noMember')} />
        )}
      </Card>
      <Card title={t('me.account')} size="small">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('login.username')}>{user.username}</Descriptions.Item>
          <Descriptions.Item label={t('me.roles')}>
            {user.roles.map((r) => (
              <Tag key={`${r.role}-${r.orgId ?? ''}`}>
                {t(`enums.accessRole.${r.role}`)}
                {r.orgName ? ` · ${r.orgName}` : ''}
              </Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('me.password')} size="small">
        <PasswordForm />
      </Card>
      {/* API tokens serve scripts that export or import for an office; a member's own account has no such work */}
      {mayDo(me.data, 'export.run') && (
        <Card title={t('tokens.title')} size="small" className="tokens-card">
          <ApiTokens />
        </Card>
      )}
    </Space>
  );
}
