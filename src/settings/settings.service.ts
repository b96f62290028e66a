// Per-estate settings changed without SQL: shown and set through the registry (setting-keys.ts), every value
// validated with its section's zod schema before anything is written, every change audited (AuditLog
// `settings.set`, before and after). Used by `npm run cli -- settings …` and by `设置` in chat.
import { z } from 'zod';
import { AppError, userMessage } from '../shared/app-error.js';
import type { SettingsRepository } from '../db/repositories.js';
import type { Locale } from '../i18n/index.js';
import type { Clock } from '../shared/clock.js';
import { SettingInputError, type SettingDef, type SettingsRegistry } from './setting-registry.js';
import { SETTINGS } from './setting-keys.js';

export interface SettingValue {
  def: SettingDef;
  /** The value in effect (the stored one, else our default), as staff read it. */
  text: string;
}

export interface SettingChange {
  def: SettingDef;
  before: string;
  after: string;
  changed: boolean;
}

const asObject = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The section as it stands: the stored one when it is valid, else the defaults (a broken section is not kept). */
function sectionOf(
  def: SettingDef,
  settings: unknown,
): { raw: Record<string, unknown>; parsed: Record<string, unknown> } {
  const raw = asObject(asObject(settings)[def.section]);
  const ok = def.schema.safeParse(raw);
  if (ok.success) return { raw, parsed: asObject(ok.data) };
  return { raw: {}, parsed: asObject(def.schema.parse({})) };
}

function issuesText(error: z.ZodError, locale: Locale): string {
  return error.issues.map((i) => i.message).join(locale === 'en' ? '; ' : '；');
}

export class SettingsService {
  constructor(
    private readonly repo: SettingsRepository,
    private readonly now: Clock,
    readonly registry: SettingsRegistry = SETTINGS,
    /** Told after a change is written (drop cached estates / calendars). */
    private readonly onChange: (estateId: string) => void = () => {},
  ) {}

  /** Every registered setting of an estate with its value in effect. */
  async show(estateId: string, locale: Locale): Promise<SettingValue[]> {
    const row = await this.repo.settingsOf(estateId);
    if (!row) throw new AppError('NOT_FOUND', 'no estate', userMessage('settings.err.noEstate', { code: estateId }));
    return this.registry.all().map((def) => ({
      def,
      text: def.format(sectionOf(def, row.settings).parsed[def.field], locale),
    }));
  }

  /**
   * Sets one key from typed text. Refused with a clear message (and nothing written) when the key is unknown, the
   * text cannot be read, or the section's schema rejects the result.
   */
  async set(estateId: string, word: string, text: string, actor: string, locale: Locale): Promise<SettingChange> {
    const def = this.registry.find(word);
    if (!def)
      throw new AppError(
        'BAD_INPUT',
        `unknown setting ${word}`,
        userMessage('settings.err.unknownKey', {
          key: word,
          keys: this.registry
            .all()
            .map((d) => d.key)
            .join(locale === 'en' ? ', ' : '、'),
        }),
      );
    const refuse = (reason: string) =>
      new AppError(
        'BAD_INPUT',
        `setting ${def.key} refused`,
        userMessage('settings.err.invalid', { key: word.trim(), reason }),
      );
    const w = await this.repo.write(
      estateId,
      (settings) => {
        const { raw, parsed } = sectionOf(def, settings);
        const current = parsed[def.field];
        let value: unknown;
        try {
          value = def.parse(text, current);
        } catch (err) {
          if (err instanceof SettingInputError) throw refuse(err.message);
          throw err;
        }
        const checked = def.schema.safeParse(
          { ...raw, [def.field]: value },
          locale === 'zh-CN' ? { error: z.locales.zhCN().localeError } : {},
        );
        if (!checked.success) throw refuse(issuesText(checked.error, locale));
        const next = asObject(checked.data)[def.field];
        const before = def.format(current, locale);
        const after = def.format(next, locale);
        const result: SettingChange = { def, before, after, changed: JSON.stringify(current) !== JSON.stringify(next) };
        if (!result.changed) return { result };
        return {
          settings: { ...settings, [def.section]: { ...raw, [def.field]: next } },
          result,
          detail: { key: def.key, before: JSON.stringify(current), after: JSON.stringify(next) },
        };
      },
      { actor, action: 'settings.set', at: this.now() },
    );
    if (!w.found)
      throw new AppError('NOT_FOUND', 'no estate', userMessage('settings.err.noEstate', { code: estateId }));
    if (w.result.changed) this.onChange(estateId);
    return w.result;
  }
}
