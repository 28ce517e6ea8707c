import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** Quorum and outcome of a vote, as the server evaluated them. */
export default function VoteOutcome({ quorum, passed }: { quorum: boolean; passed: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={quorum ? 'green' : 'red'}>{quorum ? t('activity.quorum') : t('activity.noQuorum')}</Tag>
      <Tag color={passed ? 'green' : 'default'}>
        {passed ? t('activity.passed') : t('activity.notPassed')}
      </Tag>
    </Space>
  );
}
