// Front-desk key commands: 今日钥匙 (/keys) lists today's key appointments; 钥匙核销 <code> (/keydone) hands over
// against the 6-digit code the person shows — the code is the proof, so a wrong one is refused, never guessed.
import { AppError, userMessage } from '../shared/app-error.js';
import { isDeskPurpose, kindLabel, type KeyService } from '../keys/key.service.js';
import { t } from '../i18n/index.js';
import { formatLocal } from '../shared/zoned-time.js';
import { ALL_STAFF, staffOf, type Command, type CommandContext } from './command.js';

export interface KeyCommandDeps {
  keys: KeyService;
}

const STAFF = ALL_STAFF;

export function keyCommands(deps: KeyCommandDeps): Command[] {
  // Today's desk list: key hand-overs and 转名/退楼/入住 share the desk calendar, so both words list all of them.
  const today = async (ctx: CommandContext) => {
    const locale = ctx.sender.locale;
    const lines = await deps.keys.todayLines(staffOf(ctx).estateId, locale);
    if (lines.length === 0) return t(locale, 'keys.cmd.noneToday');
    return [t(locale, 'keys.cmd.todayHead', { count: lines.length }), ...lines].join('\n');
  };
  return [
    {
      name: '今日钥匙',
      aliases: ['keys'],
      roles: STAFF,
      summaryKey: 'command.summary.keys',
      usageKey: 'command.usage.keys',
      run: today,
    },
    {
      name: '今日预约',
      aliases: ['appointments'],
      roles: STAFF,
      summaryKey: 'command.summary.appointments',
      usageKey: 'command.usage.appointments',
      run: today,
    },
    {
      name: '钥匙核销',
      aliases: ['keydone'],
      roles: STAFF,
      summaryKey: 'command.summary.keydone',
      usageKey: 'command.usage.keydone',
      async run(ctx) {
        const code = ctx.args.trim();
        const locale = ctx.sender.locale;
        if (!code) throw new AppError('BAD_INPUT', 'no code', userMessage('keys.cmd.usageDone'));
        const staff = staffOf(ctx);
        const { appointment: a, holding } = await deps.keys.markDoneByCode(
          staff.estateId,
          code,
          `staff:${staff.id}`,
          locale,
        );
        const time = formatLocal(a.slotStart, deps.keys.slots.tz, 'time');
        if (isDeskPurpose(a.kind)) {
          return t(locale, 'appointments.cmd.done', {
            unit: a.unitLabel,
            person: a.personName,
            purpose: kindLabel(a.kind, locale),
            time,
          });
        }
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
