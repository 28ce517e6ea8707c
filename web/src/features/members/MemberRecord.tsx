import { Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberDetail } from '../../../../domain/schemas/members';

/** A member's record, membership history and committee roles (used in the drawer and on "My record"). */
export default function MemberRecord({ member, columns = 2 }: { member: MemberDetail; columns?: number }) {
  const { t } = useTranslation();
  const dash = (v: string | null) => v || '—';
  return (
    <>
      <Descriptions size="small" bordered column={columns}>
        <Descriptions.Item label={t('member.name')}>{member.name}</Descriptions.Item>
        <Descriptions.Item label={t('member.gender')}>{t(`enums.gender.${member.gender}`)}</Descriptions.Item>
        <Descriptions.Item label={t('member.ethnicity')}>{dash(member.ethnicity)}</Descriptions.Item>
        <Descriptions.Item label={t('member.birthDate')}>{member.birthDate}</Descriptions.Item>
        <Descriptions.Item label={t('member.idNumber')}>
          {dash(member.idNumber)} {member.masked && <Tag>{t('member.masked')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('member.phone')}>{dash(member.phone)}</Descriptions.Item>
        <Descriptions.Item label={t('member.education')}>
          {member.education ? t(`enums.education.${member.education}`) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('member.status')}>
          {t(`enums.memberStatus.${member.status}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('member.joinedOn')}>{member.joinedOn}</Descriptions.Item>
        <Descriptions.Item label={t('member.fullOn')}>{dash(member.fullOn)}</Descriptions.Item>
        <Descriptions.Item label={t('member.category')}>
          {t(`enums.memberCategory.${member.category}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('member.jobTitle')}>{dash(member.jobTitle)}</Descriptions.Item>
        <Descriptions.Item label={t('member.org')} span={columns}>
          {member.orgName}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} className="section-title">
        {t('member.history')}
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey={(h) => `${h.orgId}-${h.fromOn}`}
        dataSource={member.history}
        scroll={{ x: true }}
        columns={[
          { title: t('member.org'), dataIndex: 'orgName' },
          { title: t('member.historyFrom'), dataIndex: 'fromOn' },
          {
            title: t('member.historyTo'),
            dataIndex: 'toOn',
            render: (v: string | null) => v ?? t('member.current'),
          },
          { title: t('member.transferNote'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
        ]}
      />
      {member.committeeRoles.length > 0 && (
        <>
          <Typography.Title level={5} className="section-title">
            {t('member.committeeRoles')}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.orgId}-${r.role}-${r.startedOn}`}
            dataSource={member.committeeRoles}
            columns={[
              { title: t('member.org'), dataIndex: 'orgName' },
              {
                title: t('org.seatRole'),
                dataIndex: 'role',
                render: (role: string) => t(`enums.committeeRole.${role}`),
              },
              { title: t('org.seatStartedOn'), dataIndex: 'startedOn' },
            ]}
          />
        </>
      )}
    </>
  );
}
