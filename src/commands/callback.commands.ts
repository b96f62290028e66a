// 回电 / 回电 N / 回电完成 N 结果: callback requests (转人工) as staff work them (src/handoff/handoff.service.ts).
import { AppError, userMessage } from '../shared/app-error.js';
import type { CallbackStaff, HandoffService } from '../handoff/handoff.service.js';
import { ALL_STAFF, ownEstate, staffOf, type Command, type CommandContext } from './command.js';

export interface CallbackCommandDeps {
  handoffs: HandoffService;
}

function callbackStaff(ctx: CommandContext): CallbackStaff {
  const staff = staffOf(ctx);
  const estate = ownEstate(ctx);
  if (!ctx.sender.personId)
    throw new AppError('FORBIDDEN', 'staff without person', userMessage('complaint.staff.staffOnly'));
  return {
    staffId: staff.id,
    personId: ctx.sender.personId,
    estateId: estate.id,
    timezone: estate.timezone,
    locale: ctx.sender.locale,
  };
}

export function callbackCommands({ handoffs }: CallbackCommandDeps): Command[] {
  return [
    {
      name: '回电',
      aliases: ['callback'],
      roles: ALL_STAFF,
      summaryKey: 'command.summary.callback',
      usageKey: 'command.usage.callback',
      run: async (ctx) => {
        const staff = callbackStaff(ctx);
        return ctx.args ? handoffs.take(staff, ctx.args) : handoffs.callbacksText(staff);
      },
    },
    {
      name: '回电完成',
      aliases: ['callbackdone'],
      roles: ALL_STAFF,
      summaryKey: 'command.summary.callbackdone',
      usageKey: 'command.usage.callbackdone',
      run: async (ctx) => {
        const staff = callbackStaff(ctx);
        const m = /^(\S+)\s+([\s\S]+)$/.exec(ctx.args);
        if (!m?.[1] || !m[2]) throw new AppError('BAD_INPUT', 'callback done usage', userMessage('callback.usageDone'));
        return handoffs.close(staff, m[1], m[2].trim().slice(0, 200));
      },
    },
  ];
}
