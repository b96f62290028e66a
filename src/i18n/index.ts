import { en } from './en.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en';
export type Params = Record<string, string | number>;

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function normalizeLocale(locale: string | undefined | null): Locale {
  return locale && locale.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** Looks a text up and fills `{name}` placeholders. Unknown placeholders stay visible so a test catches them. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const text = catalogues[locale][key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}
