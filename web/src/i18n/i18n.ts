import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setDateLanguage } from './dates';
import { storedLanguage, storeLanguage } from './language';
import zh from './zh.json';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

// The English table is loaded only by those who use it, which keeps the login page lighter.
const englishTable = async () => (await import('./en.json')).default;

async function withTable(language: Language): Promise<void> {
  if (language === 'en' && !i18n.hasResourceBundle('en', 'translation')) i18n.addResourceBundle('en', 'translation', await englishTable());
}

export function changeLanguage(language: Language): void {
  storeLanguage(language);
  void withTable(language).then(() => i18n.changeLanguage(language));
}

const initial = storedLanguage();
document.documentElement.lang = initial === 'zh' ? 'zh-CN' : 'en';
i18n.on('languageChanged', (language) => setDateLanguage(language === 'en' ? 'en' : 'zh'));
await i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, ...(initial === 'en' ? { en: { translation: await englishTable() } } : {}) },
  lng: initial,
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
});

export default i18n;
