import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setDateLanguage } from './dates';
import zh from './zh.json';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'gongjian.language';

function storedLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

// The English table is loaded only by those who use it, which keeps the login page lighter.
const englishTable = async () => (await import('./en.json')).default;

async function withTable(language: Language): Promise<void> {
  if (language === 'en' && !i18n.hasResourceBundle('en', 'translation')) i18n.addResourceBundle('en', 'translation', await englishTable());
}

export function changeLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
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
