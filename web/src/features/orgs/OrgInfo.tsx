import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgDetail } from '../../../../domain/schemas/orgs';

export default function OrgInfo({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const dash = (value: string | null | undefined) => value || '—';
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
      <Descriptions.Item label={t('org.path')} span={3}>
        {org.pathNames.join(' / ')}
      </Descriptions.Item>
      <Descriptions.Item label={t('org.type')}>{t(`enums.orgType.${org.type}`)}</Descriptions.Item>
      <Descriptions.Item label={t('org.sector')}>
        {org.sector ? t(`enums.sector.${org.sector}`) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('org.shortName')}>{dash(org.shortName)}</Descriptions.Item>
      <Descriptions.Item label={t('org.hostUnit')}>{dash(org.hostUnit)}</Descriptions.Item>
      <Descriptions.Item label={t('org.foundedOn')}>{dash(org.foundedOn)}</Descriptions.Item>
      <Descriptions.Item label={t('org.code')}>{dash(org.code)}</Descriptions.Item>
      <Descriptions.Item label={t('org.contactName')}>{dash(org.contactName)}</Descriptions.Item>
      <Descriptions.Item label={t('org.contactPhone')}>{dash(org.contactPhone)}</Descriptions.Item>
      {org.coveredUnits.length > 0 && (
        <Descriptions.Item label={t('org.coveredUnits')}>{org.coveredUnits.join('、')}</Descriptions.Item>
      )}
      {org.dissolvedOn && (
        <Descriptions.Item label={t('org.dissolvedOn')}>
          {org.dissolvedOn} {dash(org.dissolvedReason)}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
