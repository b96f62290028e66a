// 设置 (主管/经理): the estate's common settings in chat — list them, or set one (`设置 前台时间 周一至周日 08:30-18:00`,
// `设置 <key> <value>`). Validated by the registry's schemas, audited; the rest is in `npm run cli -- settings`.
// 离职 姓名 (a leaver in one step) and 注销群 (in the group) for the same roles.
import { AppError, userMessage } from '../shared/app-error.js';
import { t, type Locale } from '../i18n/index.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { SettingDef } from '../settings/setting-registry.js';
import type { StaffAdminService } from '../identity/staff-admin.service.js';
import { staffRoleLabel } from '../identity/binding.service.js';
import { groupChatOf, ownEstate, staffOf, type Command } from './command.js';

export interface SettingsCommandDeps {
  settings: SettingsService;
  staffAdmin: StaffAdminService;
}

/**
 * How a setting is named to its reader: the Chinese word staff type (设置 前台时间 …) in zh-CN; the key, which `设置`
 * takes just as well (settings set desk.hours …), in other languages.
 */
function wordFor(def: SettingDef, locale: Locale): string {
  return locale === 'zh-CN' ? (def.chat ?? def.key) : def.key;
}

export function settingsCommands({ settings, staffAdmin }: SettingsCommandDeps): Command[] {
  const by = async (ctx: Parameters<Command['run']>[0]) => {
    const staff = staffOf(ctx);
    return { staffId: staff.id, name: ctx.sender.name ?? '' };
  };
  return [
    {
      name: '设置',
      aliases: ['settings'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summaryKey: 'command.summary.settings',
      usageKey: 'command.usage.settings',
      async run(ctx) {
        const staff = staffOf(ctx);
        const estate = ownEstate(ctx);
        const locale = ctx.sender.locale;
        const args = ctx.args.trim();
        if (!args) {
          const common = (await settings.show(estate.id, locale)).filter((v) => v.def.chat);
          return [
            t(locale, 'settings.show.chatHead', { estate: estate.name }),
            ...common.map((v) => t(locale, 'settings.show.chatLine', { word: wordFor(v.def, locale), value: v.text })),
            t(locale, 'settings.show.chatMore'),
          ].join('\n');
        }
        const m = /^(\S+)\s+([\s\S]+)$/.exec(args);
        if (!m) throw new AppError('BAD_INPUT', 'settings usage', userMessage('settings.err.usage'));
        const r = await settings.set(estate.id, m[1]!, m[2]!, `staff:${staff.id}`, locale);
        return t(locale, r.changed ? 'settings.set.done' : 'settings.set.unchanged', {
          key: wordFor(r.def, locale),
          before: r.before,
          after: r.after,
        });
      },
    },
    {
      name: '离职',
      aliases: ['leaver'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summaryKey: 'command.summary.leaver',
      usageKey: 'command.usage.leaver',
      async run(ctx) {
        const estate = ownEstate(ctx);
        const locale = ctx.sender.locale;
        const name = ctx.args.trim();
        if (!name || /\s/.test(name)) throw new AppError('BAD_INPUT', 'leaver usage', userMessage('leaver.usage'));
        const r = await staffAdmin.leave(estate.id, name, await by(ctx), locale);
        return t(locale, 'leaver.done', { ...r });
      },
    },
    {
      name: '注销群',
      aliases: ['unregistergroup'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summaryKey: 'command.summary.unregistergroup',
      usageKey: 'command.usage.unregistergroup',
      async run(ctx) {
        const estate = ownEstate(ctx);
        const locale = ctx.sender.locale;
        const { channel, chatId } = groupChatOf(ctx, 'unregister.notGroup');
        const role = await staffAdmin.unregisterGroup(estate.id, { channel, chatId }, await by(ctx), locale);
        return t(locale, 'unregister.done', { role: staffRoleLabel(role, locale) });
      },
    },
  ];
}
