// 访客核销 <code> (/visitor): the gate or desk checks the code a visitor shows. A code works once, on its day, in
// this estate; wrong codes are counted per staff account and estate-wide (see VisitorService).
import { AppError, userMessage } from '../shared/app-error.js';
import type { VisitorService } from '../permits/visitor.service.js';
import { ALL_STAFF, staffOf, type Command } from './command.js';

export interface VisitorCommandDeps {
  visitors: VisitorService;
}

export function visitorCommands(deps: VisitorCommandDeps): Command[] {
  return [
    {
      name: '访客核销',
      aliases: ['visitor'],
      roles: ALL_STAFF,
      summaryKey: 'command.summary.visitor',
      usageKey: 'command.usage.visitor',
      async run(ctx) {
        const locale = ctx.sender.locale;
        const code = ctx.args.trim();
        if (!code) throw new AppError('BAD_INPUT', 'no visitor code', userMessage('visitor.cmd.usage'));
        const staff = staffOf(ctx);
        const r = await deps.visitors.checkIn(
          ctx.sender.estate,
          { staffId: staff.id, identityId: ctx.sender.identityId },
          code,
          locale,
        );
        return r.text;
      },
    },
  ];
}
