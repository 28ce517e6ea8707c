import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgDetail } from '../../../../domain/schemas/orgs';

export default function OrgTerm({ term }: { term: OrgDetail['term'] }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
      <Descriptions.Item label={t('org.termElected')}>{term.electedOn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('org.termYears')}>{term.years ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('org.termExpires')}>{term.expiresOn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('org.termRemind')}>{term.remindOn ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
}
