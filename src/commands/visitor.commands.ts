// 访客核销 <code> (/visitor): the gate or desk checks the code a visitor shows. A code works once, on its day, in
// this estate; wrong codes are counted per staff account and estate-wide (see VisitorService).
import { AppError } from '../shared/app-error.js';
import { t } from '../i18n/index.js';
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
      summary: '凭 6 位访客码核销业主登记的访客（当天有效，仅一次）',
      usage: '访客核销 123456',
      async run(ctx) {
        const locale = ctx.sender.locale;
        const code = ctx.args.trim();
        if (!code) throw new AppError('BAD_INPUT', 'no visitor code', t(locale, 'visitor.cmd.usage'));
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
