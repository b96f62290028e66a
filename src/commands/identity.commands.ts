// Identity commands: front-desk binding codes, staff codes, group registration, staff binding, whoami.
import { AppError } from '../bot/app-error.js';
import { staffRoleLabel, type BindingService } from '../identity/binding.service.js';
import { staffBindText } from '../identity/binding.replies.js';
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
        if (!ctx.args) throw new AppError('BAD_INPUT', 'no unit', '用法：绑定码 3栋2单元1201');
        const r = await binding.issueBindingCode(staff.estateId, ctx.args, `staff:${staff.id}`);
        const until = formatLocal(r.expiresAt, ctx.sender.estate.timezone, 'datetime');
        return `${r.unitLabel} 的绑定码：${r.code}\n有效期至 ${until}，仅可使用一次。请核实业主身份后当面或电话告知。`;
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
        if (!ctx.args) throw new AppError('BAD_INPUT', 'no name', '用法：员工码 王芳');
        const r = await binding.issueStaffCode(staff.estateId, ctx.args, `staff:${staff.id}`);
        const until = formatLocal(r.expiresAt, ctx.sender.estate.timezone, 'datetime');
        return `${r.name}（${staffRoleLabel(r.role)}）的员工码：${r.code}\n有效期至 ${until}。请对方私聊机器人发送“员工绑定 ${r.code}”。`;
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
        if (!ctx.sender.isGroup) throw new AppError('BAD_INPUT', 'not a group', '请在要登记的群里发送此命令。');
        const conv = ctx.turn.activity.conversation;
        const role = await binding.registerGroup({
          estateId: staff.estateId,
          roleLabel: ctx.args,
          channel: ctx.turn.activity.channelId,
          chatId: conv.id,
          title: conv.name ?? null,
          actor: `staff:${staff.id}`,
        });
        return `已将本群登记为${ctx.sender.estate.name}的${staffRoleLabel(role)}群，相关通知将发到这里。`;
      },
    },
    {
      name: '员工绑定',
      aliases: ['staffbind'],
      roles: [],
      summary: '用主管发的员工码绑定本聊天账号',
      usage: '员工绑定 12345678',
      async run(ctx) {
        if (!/^\d{8}$/.test(ctx.args)) throw new AppError('BAD_INPUT', 'bad code', '用法：员工绑定 12345678（8 位员工码）');
        const r = await binding.bindStaffCode(ctx.sender.identityId, ctx.args);
        return staffBindText(r, ctx.sender.estate);
      },
    },
    {
      name: '身份',
      aliases: ['whoami'],
      roles: [],
      summary: '查看本聊天账号的绑定信息',
      usage: '身份',
      async run(ctx) {
        return binding.myInfoText(ctx.sender.identityId, ctx.sender.estate.timezone);
      },
    },
  ];
}
