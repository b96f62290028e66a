// The registry of per-estate settings staff may change (`settings set`, `设置`): each key names a field of a section of
// Estate.settings, the section's zod schema (the whole section is re-validated with the new value), how a typed value
// is read, how it is shown, and its zh-CN description. Areas add their keys in one line (see setting-keys.ts).
import type { z } from 'zod';
import { t, type Locale, type MessageKey } from '../i18n/index.js';

/** A typed value that cannot be read at all (before validation): the message says what was expected. */
export class SettingInputError extends Error {}

export interface SettingDef {
  /** 'section.name', e.g. 'fees.reminderOffsetsDays'; what `settings set` takes. */
  key: string;
  /** The Estate.settings section, e.g. 'fees'. */
  section: string;
  /** The field of the section this key sets. */
  field: string;
  /** The section's schema (with its defaults). */
  schema: z.ZodType;
  /** The word for `设置 <word> <value>` in chat; only the common keys have one. */
  chat?: string;
  /** Typed text → the field's raw value (the current value given for edits such as desk hours). */
  parse: (text: string, current: unknown) => unknown;
  /** The field's value as staff read it. */
  format: (value: unknown, locale: Locale) => string;
  /** One line: what it is, the unit, our default. */
  help: MessageKey;
}

export interface SettingOptions {
  field?: string;
  chat?: string;
  parse?: SettingDef['parse'];
  format?: SettingDef['format'];
  help: MessageKey;
}

export class SettingsRegistry {
  private readonly defs = new Map<string, SettingDef>();

  /** Registers `section.field` (or `section.name` with `field`) with the section's schema. */
  register(key: string, schema: z.ZodType, opts: SettingOptions): this {
    const dot = key.indexOf('.');
    if (dot <= 0) throw new Error(`setting key ${key} must be section.name`);
    if (this.defs.has(key)) throw new Error(`setting ${key} registered twice`);
    if (opts.chat && this.all().some((d) => d.chat === opts.chat)) throw new Error(`chat word ${opts.chat} used twice`);
    this.defs.set(key, {
      key,
      section: key.slice(0, dot),
      field: opts.field ?? key.slice(dot + 1),
      schema,
      ...(opts.chat ? { chat: opts.chat } : {}),
      parse: opts.parse ?? readJson,
      format: opts.format ?? showJson,
      help: opts.help,
    });
    return this;
  }

  /** By key ('fees.reminderOffsetsDays', any case) or chat word ('催缴提醒'). */
  find(word: string): SettingDef | undefined {
    const w = word.trim();
    return this.defs.get(w) ?? this.all().find((d) => d.key.toLowerCase() === w.toLowerCase() || d.chat === w);
  }

  all(): SettingDef[] {
    return [...this.defs.values()];
  }

  describe(def: SettingDef, locale: Locale): string {
    return t(locale, def.help);
  }
}

// ——— readers and formatters for typed values ———

/** JSON when it parses, else the text itself (a plain string value). */
export function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.trim();
  }
}

export function showJson(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const LIST_SEP = /[,，、;；\s]+/;

function number(word: string): number {
  const n = Number(word.replace(/^＋/, '+').replace(/^[－−]/, '-'));
  if (word === '' || !Number.isFinite(n)) throw new SettingInputError(t('zh-CN', 'settings.err.notNumber', { word }));
  return n;
}

/** "5" → 5. */
export const readNumber = (text: string): number => number(text.trim());

/** "-7, 0, 3, 15" → [-7, 0, 3, 15] (JSON arrays too). */
export function readNumberList(text: string): number[] {
  const s = text.trim();
  if (s.startsWith('[')) return readJson(s) as number[];
  return s.split(LIST_SEP).filter(Boolean).map(number);
}

/** "噪音、漏水/渗水、其他" → ['噪音', '漏水/渗水', '其他'] (JSON arrays too). */
export function readTextList(text: string): string[] {
  const s = text.trim();
  if (s.startsWith('[')) return readJson(s) as string[];
  return s.split(LIST_SEP).filter(Boolean);
}

const YES = /^(是|开|开启|打开|需要|要|true|yes|on|1)$/i;
const NO = /^(否|关|关闭|不|不需要|不要|false|no|off|0)$/i;

export function readBoolean(text: string): boolean {
  const s = text.trim();
  if (YES.test(s)) return true;
  if (NO.test(s)) return false;
  throw new SettingInputError(t('zh-CN', 'settings.err.notBoolean', { word: s }));
}

/** "120,60,30" → { 1: 120, 2: 60, 3: 30 } (by priority: 普通, 提级, 紧急); JSON objects too. */
export function readPerPriority(text: string): unknown {
  const s = text.trim();
  if (s.startsWith('{')) return readJson(s);
  const n = s.split(LIST_SEP).filter(Boolean).map(number);
  if (n.length !== 3) throw new SettingInputError(t('zh-CN', 'settings.err.perPriority'));
  return { 1: n[0], 2: n[1], 3: n[2] };
}

export function showList(value: unknown, locale: Locale): string {
  return Array.isArray(value) ? value.join(t(locale, 'settings.desk.shiftSep')) : showJson(value);
}

export function showBoolean(value: unknown, locale: Locale): string {
  return t(locale, value ? 'settings.yes' : 'settings.no');
}

export function showPerPriority(value: unknown, locale: Locale): string {
  const v = value as Record<string, number>;
  return t(locale, 'settings.perPriority', { 1: v['1'] ?? '—', 2: v['2'] ?? '—', 3: v['3'] ?? '—' });
}
