// Staff commands for the figures supervisors are judged on (#19): 误报 N [原因] takes a false alarm out of them;
// 导出 YYYY-MM sends the month's tickets as an .xlsx file to the supervisor privately.
import { AppError, userMessage } from '../shared/app-error.js';
import type { ComplaintService } from '../complaints/complaint.service.js';
import { t } from '../i18n/index.js';
import { monthArgOrThrow } from '../reports/report.service.js';
import type { TicketExportService } from '../reports/ticket-export.js';
import type { FalseAlarmService } from '../tickets/false-alarm.service.js';
import { actorName, ownEstate, refFrom, staffOf, type Command } from './command.js';

export interface FiguresCommandDeps {
  complaints: ComplaintService;
  falseAlarms: FalseAlarmService;
  exports: TicketExportService;
}

/** A ticket number typed first ("TS-20261128-0007" / "0007"), or the full number in a quoted bot notice. */
const TICKET_REF = { leading: /(TS-?\d{8}-?\d{1,4}|#?\d{1,4})/i, quoted: /(TS-\d{8}-\d{4})/i };

export function figuresCommands(deps: FiguresCommandDeps): Command[] {
  return [
    {
      name: '误报',
      aliases: ['falsealarm'],
      // 领班 and above: see FalseAlarmService for why not the assignee.
      roles: ['FOREMAN', 'SUPERVISOR', 'MANAGER'],
      summaryKey: 'falseAlarm.summary',
      usageKey: 'falseAlarm.usage',
      run: async (ctx) => {
        const locale = ctx.sender.locale;
        const estate = ownEstate(ctx);
        const staff = staffOf(ctx);
        const hit = refFrom(ctx.args, ctx.quoted, TICKET_REF);
        if (!hit)
          throw new AppError(
            'BAD_INPUT',
            'false alarm without ticket',
            userMessage('command.usage', { usage: t(locale, 'falseAlarm.usage') }),
          );
        const ticket = await deps.complaints.resolveRef(estate, hit.ref);
        return deps.falseAlarms.mark({ staffId: staff.id, name: actorName(ctx) }, ticket, hit.rest, {
          locale,
          timezone: estate.timezone,
        });
      },
    },
    {
      name: '导出',
      aliases: ['export'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summaryKey: 'export.summary',
      usageKey: 'export.usage',
      // The sheet lists every ticket of the month with unit and (masked) phone: each export is audited.
      auditAs: 'read.export',
      run: async (ctx) => {
        const estate = ownEstate(ctx);
        const month = monthArgOrThrow(ctx.args, ctx.now, estate.timezone, t(ctx.sender.locale, 'export.usage'));
        const requestKey = ctx.turn.activity?.id ?? String(ctx.now.getTime());
        return deps.exports.sendTo(
          estate,
          month,
          { identityId: ctx.sender.identityId, locale: ctx.sender.locale },
          requestKey,
        );
      },
    },
  ];
}
