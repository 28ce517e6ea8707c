// The interface language this browser last chose, one key for the web app and the light phone pages
// (check-in, record, demands, ballot), so a phone that switched language in one keeps it in the others.
// Free of i18next and of any page's texts: the light entries import it and nothing more.

export type Language = 'zh' | 'en';

const STORAGE_KEY = 'gongjian.language';

export function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** Remembers the choice and sets the page's lang attribute. */
export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private browsing: the choice lasts for this page only
  }
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}
