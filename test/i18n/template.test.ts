// textTemplate (the 催缴 reminders' 100k-a-run texts) reads exactly like t(): same text for every key and params.
import { describe, expect, it } from 'vitest';
import { t, type Locale, type MessageKey } from '../../src/i18n/index.js';
import { textTemplate } from '../../src/i18n/template.js';
import { zhCN } from '../../src/i18n/zh-CN.js';

describe('textTemplate', () => {
  it('gives t()’s text for every key in both languages, fixed params filled once', () => {
    const keys = Object.keys(zhCN) as MessageKey[];
    for (const locale of ['zh-CN', 'en'] as Locale[])
      for (const key of keys) {
        const names = [...t(locale, key).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        const params = Object.fromEntries(names.map((n, i) => [n, i % 2 ? `v${i}` : i]));
        const [fixedName] = names;
        const fixed = fixedName === undefined ? {} : { [fixedName]: params[fixedName]! };
        expect(textTemplate(locale, key)(params), key).toBe(t(locale, key, params));
        expect(textTemplate(locale, key, fixed)(params), key).toBe(t(locale, key, params));
      }
  });

  it('leaves a missing placeholder visible and a brace inside a value as written, as t() does', () => {
    const params = { estate: '{amount}苑', amount: '¥1.00' };
    expect(textTemplate('zh-CN', 'fees.reminder.upcoming', { estate: params.estate })({ amount: '¥1.00' })).toBe(
      t('zh-CN', 'fees.reminder.upcoming', params),
    );
    expect(textTemplate('zh-CN', 'fees.reminder.upcoming')({})).toBe(t('zh-CN', 'fees.reminder.upcoming'));
    expect(t('zh-CN', 'fees.reminder.upcoming', params)).toContain('【{amount}苑】');
  });
});
