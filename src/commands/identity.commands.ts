// Identity commands: front-desk binding codes, staff codes, group registration, staff binding, whoami.
import { AppError, userMessage } from '../shared/app-error.js';
import { NOT_ME_WORD, STAFF_CODE_DIGITS, staffRoleLabel, type BindingService } from '../identity/binding.service.js';
import { staffBindText } from '../identity/binding.replies.js';
import { t } from '../i18n/index.js';
import { formatLocal } from '../shared/zoned-time.js';
import { ALL_STAFF, groupChatOf, staffOf, type Command, type CommandContext, type GroupChat } from './command.js';

export interface IdentityCommandDeps {
  binding: BindingService;
  /** #20: 注册群 业主群 registers an owners' group (公告 are posted there for WeChat personal-account owners). */
  registerOwnerGroup?: (
    estate: CommandContext['sender']['estate'],
    group: GroupChat,
    locale: CommandContext['sender']['locale'],
  ) => Promise<string>;
}

/** The argument of 注册群 that names an owners' group rather than a staff role. */
const OWNER_GROUP_ARG = /^(业主群|业主|owners?)$/iu;

export function identityCommands({ binding, registerOwnerGroup }: IdentityCommandDeps): Command[] {
  async function decide(ctx: CommandContext, approve: boolean): Promise<string> {
    const staff = staffOf(ctx);
    const locale = ctx.sender.locale;
    const m = /^#?(\d{1,6})$/.exec(ctx.args);
    if (!m)
      throw new AppError(
        'BAD_INPUT',
        'bad seq',
        userMessage(approve ? 'bindGuard.cmd.approveUsage' : 'bindGuard.cmd.rejectUsage'),
      );
    const seq = Number(m[1]);
    const r = await binding.decideApproval(staff.estateId, seq, approve, staff.id, locale);
    return approve
      ? t(locale, 'bindGuard.cmd.approved', { seq, unit: r.unitLabel, name: r.name })
      : t(locale, 'bindGuard.cmd.rejected', { seq, unit: r.unitLabel });
  }

  return [
    {
      name: '绑定码',
      aliases: ['bindcode'],
      roles: ALL_STAFF,
      summaryKey: 'command.summary.bindcode',
      usageKey: 'command.usage.bindcode',
      async run(ctx) {
        const staff = staffOf(ctx);
        const locale = ctx.sender.locale;
        if (!ctx.args) throw new AppError('BAD_INPUT', 'no unit', userMessage('bind.cmd.codeUsage'));
        const r = await binding.issueBindingCode(staff.estateId, ctx.args, `staff:${staff.id}`, locale);
        const until = formatLocal(r.expiresAt, ctx.sender.estate.timezone, 'datetime');
        return t(locale, 'bind.cmd.code', { unit: r.unitLabel, code: r.code, until });
      },
    },
    {
      name: '员工码',
      aliases: ['staffcode'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summaryKey: 'command.summary.staffcode',
      usageKey: 'command.usage.staffcode',
      async run(ctx) {
        const staff = staffOf(ctx);
        const locale = ctx.sender.locale;
        if (!ctx.args) throw new AppError('BAD_INPUT', 'no name', userMessage('bind.cmd.staffCodeUsage'));
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
      summaryKey: 'command.summary.registergroup',
      usageKey: 'command.usage.registergroup',
      async run(ctx) {
        const staff = staffOf(ctx);
        const locale = ctx.sender.locale;
        const group = groupChatOf(ctx, 'bind.cmd.notGroup');
        if (registerOwnerGroup && OWNER_GROUP_ARG.test(ctx.args.trim()))
          return registerOwnerGroup(ctx.sender.estate, group, locale);
        const role = await binding.registerGroup(
          { estateId: staff.estateId, roleLabel: ctx.args, ...group, actor: `staff:${staff.id}` },
          locale,
        );
        return t(locale, 'bind.cmd.groupRegistered', {
          estate: ctx.sender.estate.name,
          role: typeof role === 'string' ? staffRoleLabel(role, locale) : role.department,
        });
      },
    },
    {
      name: '员工绑定',
      aliases: ['staffbind'],
      roles: [],
      summaryKey: 'command.summary.staffBind',
      usageKey: 'command.usage.staffbind',
      async run(ctx) {
        const locale = ctx.sender.locale;
        if (!new RegExp(`^\\d{${STAFF_CODE_DIGITS}}$`).test(ctx.args))
          throw new AppError('BAD_INPUT', 'bad code', userMessage('bind.cmd.staffBindUsage'));
        const r = await binding.bindStaffCode(ctx.sender.identityId, ctx.args, locale, ctx.sender.estate.id);
        return staffBindText(r, ctx.sender.estate, locale);
      },
    },
    {
      name: '批准绑定',
      aliases: ['approvebind'],
      roles: ALL_STAFF,
      summaryKey: 'command.summary.approvebind',
      usageKey: 'command.usage.approvebind',
      run: (ctx) => decide(ctx, true),
    },
    {
      name: '拒绝绑定',
      aliases: ['rejectbind'],
      roles: ALL_STAFF,
      summaryKey: 'command.summary.rejectbind',
      usageKey: 'command.usage.rejectbind',
      run: (ctx) => decide(ctx, false),
    },
    {
      // The one-tap answer to a new-binding notice: unbinds the accounts bound since this one, alerts staff.
      name: NOT_ME_WORD,
      aliases: ['notme'],
      roles: [],
      summaryKey: 'command.summary.notMe',
      usageKey: 'command.usage.notme',
      async run(ctx) {
        const locale = ctx.sender.locale;
        const n = await binding.disown(ctx.sender.identityId, ctx.sender.personId!);
        const deskPhone = ctx.sender.estate.deskPhone;
        return n > 0
          ? t(locale, 'bindGuard.notMe.done', { count: n, deskPhone })
          : t(locale, 'bindGuard.notMe.none', { deskPhone });
      },
    },
    {
      name: '身份',
      aliases: ['whoami'],
      roles: [],
      summaryKey: 'command.summary.whoami',
      usageKey: 'command.usage.whoami',
      async run(ctx) {
        return binding.myInfoText(ctx.sender.identityId, ctx.sender.estate.timezone, ctx.sender.locale);
      },
    },
  ];
}
