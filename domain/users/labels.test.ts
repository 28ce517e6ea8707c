import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCESS_ROLES } from '../enums';
import { ACCESS_ROLE_LABELS } from './labels';

const texts = (lang: 'zh' | 'en') => JSON.parse(readFileSync(new URL(`../../web/src/i18n/${lang}.json`, import.meta.url), 'utf8')) as { enums: { accessRole: Record<string, string> } };

describe('role labels in server-written files', () => {
  it('name every role as the web app does, in both languages', () => {
    for (const lang of ['zh', 'en'] as const) {
      const web = texts(lang).enums.accessRole;
      expect(Object.keys(ACCESS_ROLE_LABELS).sort()).toEqual([...ACCESS_ROLES].sort());
      for (const role of ACCESS_ROLES) expect(ACCESS_ROLE_LABELS[role][lang]).toBe(web[role]);
    }
  });
});
