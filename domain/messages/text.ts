// The shape of a message catalog: each stable code has a Chinese and an English text. Texts name
// their parameters in braces, `{count}`; `{state|pairingState}` shows the parameter through a label
// table (registry.ts), so an enum value or a subject reads in the user's language too.

export interface Texts {
  zh: string;
  en: string;
}

export type Catalog = Record<string, Texts>;

export type Lang = 'zh' | 'en';

export type MessageParams = Record<string, string | number>;
