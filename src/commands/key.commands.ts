// Front-desk key commands: 今日钥匙 (/keys) lists today's key appointments; 钥匙核销 <code> (/keydone) hands over
// against the 6-digit code the person shows — the code is the proof, so a wrong one is refused, never guessed.
import { AppError } from '../bot/app-error.js';
import type { StaffRole } from '../identity/sender.js';
import type { KeyService } from '../keys/key.service.js';
import { formatLocal } from '../shared/zoned-time.js';
import { ALL_STAFF, staffOf, type Command, type CommandContext } from './command.js';

export interface KeyCommandDeps {
  keys: KeyService;
}

const STAFF = ALL_STAFF;

export function keyCommands(deps: KeyCommandDeps): Command[] {
  return [
    {
      name: '今日钥匙',
      aliases: ['keys'],
      roles: STAFF,
      summary: '查看今天的钥匙寄存/领取预约',
      usage: '今日钥匙',
      async run(ctx) {
        const lines = await deps.keys.todayLines(staffOf(ctx).estateId);
        if (lines.length === 0) return '今天没有钥匙预约。';
        return [`今日钥匙预约（${lines.length}）：`, ...lines].join('\n');
      },
    },
    {
      name: '钥匙核销',
      aliases: ['keydone'],
      roles: STAFF,
      summary: '凭 6 位取件码办理钥匙交接',
      usage: '钥匙核销 123456',
      async run(ctx) {
        const code = ctx.args.trim();
        if (!code) throw new AppError('BAD_INPUT', 'no code', '用法：钥匙核销 123456');
        const staff = staffOf(ctx);
        const { appointment: a, holding } = await deps.keys.markDoneByCode(staff.estateId, code, `staff:${staff.id}`);
        const time = formatLocal(a.slotStart, deps.keys.slots.tz, 'time');
        if (a.kind === 'DEPOSIT') {
          return `已收下 ${a.unitLabel} ${a.personName} 寄存的钥匙（${a.description}，${time} 预约），已登记在册。`;
        }
        const released = holding?.status === 'RELEASED' ? '，该份钥匙已全部交还' : '';
        return `核对无误：请将 ${a.unitLabel} 的钥匙（${a.description}）交给 ${a.personName}（${time} 预约）${released}。`;
      },
    },
  ];
}
