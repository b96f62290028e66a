// The settings registry: every key names a real field of its section with a default, and another area can add its
// own key in one line.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SETTINGS, settingKeys } from '../../src/settings/setting-keys.js';
import { readTextList, showList } from '../../src/settings/setting-registry.js';
import { t } from '../../src/i18n/index.js';

describe('settings registry', () => {
  it('every key is a field of its section, shows its default, and has a zh-CN and an English help line', () => {
    expect(SETTINGS.all().length).toBeGreaterThanOrEqual(20);
    for (const def of SETTINGS.all()) {
      const section = def.schema.parse({}) as Record<string, unknown>;
      expect(section, def.key).toHaveProperty(def.field);
      expect(def.format(section[def.field], 'zh-CN'), def.key).not.toBe('');
      expect(t('zh-CN', def.help)).toMatch(/默认/);
      expect(t('en', def.help)).toMatch(/Default/);
    }
    expect(SETTINGS.find('前台时间')?.key).toBe('desk.hours');
    expect(SETTINGS.find('DESK.HOURS')?.key).toBe('desk.hours');
  });

  it('an area registers a key in one line; a key or chat word twice is refused', () => {
    const trades = z.object({ trades: z.array(z.string().min(1)).min(1).default(['水', '电']) }).prefault({});
    const r = settingKeys().register('repairs.trades', trades, {
      chat: '工种',
      parse: readTextList,
      format: showList,
      help: 'settings.help.complaints.categories',
    });
    expect(r.find('工种')?.section).toBe('repairs');
    expect(() => r.register('repairs.trades', trades, { help: 'settings.help.complaints.categories' })).toThrow();
    expect(() =>
      r.register('repairs.other', trades, { chat: '工种', help: 'settings.help.complaints.categories' }),
    ).toThrow();
  });
});
