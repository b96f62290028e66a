// Front-desk key commands: 今日钥匙 (/keys) lists today's key appointments; 钥匙核销 <code> (/keydone) hands over
// against the 6-digit code the person shows — the code is the proof, so a wrong one is refused, never guessed.
import { AppError } from '../shared/app-error.js';
import type { StaffRole } from '../identity/sender.js';
import type { KeyService } from '../keys/key.service.js';
import { t } from '../i18n/index.js';
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
        const locale = ctx.sender.locale;
        const lines = await deps.keys.todayLines(staffOf(ctx).estateId, locale);
        if (lines.length === 0) return t(locale, 'keys.cmd.noneToday');
        return [t(locale, 'keys.cmd.todayHead', { count: lines.length }), ...lines].join('\n');
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
        const locale = ctx.sender.locale;
        if (!code) throw new AppError('BAD_INPUT', 'no code', t(locale, 'keys.cmd.usageDone'));
        const staff = staffOf(ctx);
        const { appointment: a, holding } = await deps.keys.markDoneByCode(
          staff.estateId,
          code,
          `staff:${staff.id}`,
          locale,
        );
        const time = formatLocal(a.slotStart, deps.keys.slots.tz, 'time');
        if (a.kind === 'DEPOSIT') {
          return t(locale, 'keys.cmd.deposited', {
            unit: a.unitLabel,
            person: a.personName,
            description: a.description,
            time,
          });
        }
        const released = holding?.status === 'RELEASED' ? t(locale, 'keys.cmd.released') : '';
        return t(locale, 'keys.cmd.handOver', {
          unit: a.unitLabel,
          description: a.description,
          person: a.personName,
          time,
          released,
        });
      },
    },
  ];
}
