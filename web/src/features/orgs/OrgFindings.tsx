import { Alert, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgDetail } from '../../../../domain/schemas/orgs';

export default function OrgFindings({ findings }: { findings: OrgDetail['findings'] }) {
  const { t } = useTranslation();
  if (findings.length === 0) return <Alert type="success" showIcon message={t('org.noFindings')} />;
  return (
    <Space direction="vertical" className="full-width">
      {findings.map((f) => (
        <Alert
          key={f.rule}
          type={f.severity === 'hard' ? 'error' : 'warning'}
          showIcon
          message={
            <>
              <Typography.Text strong>{t(`enums.severity.${f.severity}`)}</Typography.Text> {f.message}
            </>
          }
        />
      ))}
    </Space>
  );
}
