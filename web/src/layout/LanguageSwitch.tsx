import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../i18n/i18n';

export default function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('header.language')}
      value={i18n.language === 'en' ? 'en' : 'zh'}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
      onChange={changeLanguage}
    />
  );
}
