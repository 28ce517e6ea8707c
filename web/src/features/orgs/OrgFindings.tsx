import { Alert, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { findingMessage, type Finding } from '../../../../domain/rules/orgFindings';
import type { OrgDetail } from '../../../../domain/schemas/orgs';

/** The finding in the current language; the server's own message for a rule this build does not know. */
function localized(finding: OrgDetail['findings'][number], language: string): string {
  try {
    return findingMessage(finding as Finding, language === 'en' ? 'en' : 'zh');
  } catch {
    return finding.message;
  }
}

export default function OrgFindings({ findings }: { findings: OrgDetail['findings'] }) {
  const { t, i18n } = useTranslation();
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
              <Typography.Text strong>{t(`enums.severity.${f.severity}`)}</Typography.Text>{' '}
              {localized(f, i18n.language)}
            </>
          }
        />
      ))}
    </Space>
  );
}
