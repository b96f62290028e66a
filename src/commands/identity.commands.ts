// Identity commands: front-desk binding codes, staff codes, group registration, staff binding, whoami.
import { TurnContext } from 'botbuilder';
import { AppError } from '../shared/app-error.js';
import { staffRoleLabel, type BindingService } from '../identity/binding.service.js';
import { staffBindText } from '../identity/binding.replies.js';
import { t } from '../i18n/index.js';
import { formatLocal } from '../shared/zoned-time.js';
import { staffOf, type Command } from './command.js';

export interface IdentityCommandDeps {
  binding: BindingService;
}

export function identityCommands({ binding }: IdentityCommandDeps): Command[] {
  return [
    {
      name: '绑定码',
      aliases: ['bindcode'],
      roles: ['ASSISTANT', 'FOREMAN', 'SUPERVISOR', 'MANAGER'],
      summary: '为业主生成一次性绑定码（24 小时有效）',
      usage: '绑定码 3栋2单元1201',
      async run(ctx) {
        const staff = staffOf(ctx);
        const locale = ctx.sender.locale;
        if (!ctx.args) throw new AppError('BAD_INPUT', 'no unit', t(locale, 'bind.cmd.codeUsage'));
        const r = await binding.issueBindingCode(staff.estateId, ctx.args, `staff:${staff.id}`, locale);
        const until = formatLocal(r.expiresAt, ctx.sender.estate.timezone, 'datetime');
        return t(locale, 'bind.cmd.code', { unit: r.unitLabel, code: r.code, until });
      },
    },
    {
      name: '员工码',
      aliases: ['staffcode'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summary: '为本小区员工生成绑定聊天账号的一次性员工码',
      usage: '员工码 王芳',
      async run(ctx) {
        const staff = staffOf(ctx);
        const locale = ctx.sender.locale;
        if (!ctx.args) throw new AppError('BAD_INPUT', 'no name', t(locale, 'bind.cmd.staffCodeUsage'));
        const r = await binding.issueStaffCode(
          staff.estateId,
          ctx.args,
          { by: `staff:${staff.id}`, role: staff.role },
          locale,
        );
        const until = formatLocal(r.expiresAt, ctx.sender.estate.timezone, 'datetime');
        return t(locale, 'bind.cmd.staffCode', {
          name: r.name,
          role: staffRoleLabel(r.role, locale),
          code: r.code,
          until,
        });
      },
    },
    {
      name: '注册群',
      aliases: ['registergroup'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summary: '把本群登记为小区的员工群（在群里使用）',
      usage: '注册群 客户助理|领班|主管|经理',
      async run(ctx) {
        const staff = staffOf(ctx);
        const locale = ctx.sender.locale;
        if (!ctx.sender.isGroup) throw new AppError('BAD_INPUT', 'not a group', t(locale, 'bind.cmd.notGroup'));
        const conv = ctx.turn.activity.conversation;
        const role = await binding.registerGroup(
          {
            estateId: staff.estateId,
            roleLabel: ctx.args,
            channel: ctx.turn.activity.channelId,
            chatId: conv.id,
            title: conv.name ?? null,
            // Bot Framework (Teams) can only post into the group again with its reference (serviceUrl, ids).
            conversationRef: JSON.stringify(TurnContext.getConversationReference(ctx.turn.activity)),
            actor: `staff:${staff.id}`,
          },
          locale,
        );
        return t(locale, 'bind.cmd.groupRegistered', {
          estate: ctx.sender.estate.name,
          role: staffRoleLabel(role, locale),
        });
      },
    },
    {
      name: '员工绑定',
      aliases: ['staffbind'],
      roles: [],
      summary: '用主管发的员工码绑定本聊天账号',
      usage: '员工绑定 12345678',
      async run(ctx) {
        const locale = ctx.sender.locale;
        if (!/^\d{8}$/.test(ctx.args))
          throw new AppError('BAD_INPUT', 'bad code', t(locale, 'bind.cmd.staffBindUsage'));
        const r = await binding.bindStaffCode(ctx.sender.identityId, ctx.args, locale);
        return staffBindText(r, ctx.sender.estate, locale);
      },
    },
    {
      name: '身份',
      aliases: ['whoami'],
      roles: [],
      summary: '查看本聊天账号的绑定信息',
      usage: '身份',
      async run(ctx) {
        return binding.myInfoText(ctx.sender.identityId, ctx.sender.estate.timezone, ctx.sender.locale);
      },
    },
  ];
}
