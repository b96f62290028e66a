// 设置 (主管/经理): the estate's common settings in chat — list them, or set one (`设置 前台时间 周一至周日 08:30-18:00`,
// `设置 <key> <value>`). Validated by the registry's schemas, audited; the rest is in `npm run cli -- settings`.
import { AppError } from '../shared/app-error.js';
import { t } from '../i18n/index.js';
import type { SettingsService } from '../settings/settings.service.js';
import { ownEstate, staffOf, type Command } from './command.js';

export interface SettingsCommandDeps {
  settings: SettingsService;
}

export function settingsCommands({ settings }: SettingsCommandDeps): Command[] {
  return [
    {
      name: '设置',
      aliases: ['settings'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summary: '查看或修改本小区的常用设置（前台时间、时限、投诉类别、催缴提醒…）',
      usage: '设置 前台时间 周一至周日 08:30-18:00',
      async run(ctx) {
        const staff = staffOf(ctx);
        const estate = ownEstate(ctx);
        const locale = ctx.sender.locale;
        const args = ctx.args.trim();
        if (!args) {
          const common = (await settings.show(estate.id, locale)).filter((v) => v.def.chat);
          return [
            t(locale, 'settings.show.chatHead', { estate: estate.name }),
            ...common.map((v) => t(locale, 'settings.show.chatLine', { word: v.def.chat!, value: v.text })),
            t(locale, 'settings.show.chatMore'),
          ].join('\n');
        }
        const m = /^(\S+)\s+([\s\S]+)$/.exec(args);
        if (!m) throw new AppError('BAD_INPUT', 'settings usage', t(locale, 'settings.err.usage'));
        const r = await settings.set(estate.id, m[1]!, m[2]!, `staff:${staff.id}`, locale);
        return t(locale, r.changed ? 'settings.set.done' : 'settings.set.unchanged', {
          key: r.def.chat ?? r.def.key,
          before: r.before,
          after: r.after,
        });
      },
    },
  ];
}
