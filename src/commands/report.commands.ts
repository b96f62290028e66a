// Supervisors' numbers in the chat: 逾期 (late work by ladder level), 今日 (today at a glance), 满意度 and 统计 (a month).
// Always the caller's own estate; the router checks roles and masks phones.
import { AppError, userMessage } from '../shared/app-error.js';
import { t } from '../i18n/index.js';
import type { ReportEstate, ReportService } from '../reports/report.service.js';
import { monthArgOrThrow } from '../reports/report.service.js';
import type { Command, CommandContext } from './command.js';
import { ALL_STAFF, ownEstate } from './command.js';

export interface ReportCommandDeps {
  reports: ReportService;
  /** More lines for 统计 (e.g. #20's notices and suggestions against their targets), after the report's own. */
  extraStats?: Array<(estate: ReportEstate, period: { from: Date; to: Date }) => Promise<string>>;
}

const estateOf = (ctx: CommandContext): ReportEstate => ownEstate(ctx);

/** A report that takes no arguments (逾期, 今日): any are refused with its usage; else `text` of the caller's estate. */
function noArgsReport(
  command: Pick<Command, 'name' | 'aliases' | 'roles' | 'summaryKey' | 'usageKey'>,
  text: (estate: ReportEstate, now: Date) => Promise<string>,
): Command {
  return {
    ...command,
    run: async (ctx) => {
      if (ctx.args !== '') {
        const usage = t(ctx.sender.locale, command.usageKey);
        throw new AppError('BAD_INPUT', `unexpected args ${ctx.args}`, userMessage('report.cmd.noArgs', { usage }));
      }
      return text(estateOf(ctx), ctx.now);
    },
  };
}

export function reportCommands(deps: ReportCommandDeps): Command[] {
  const { reports } = deps;
  return [
    noArgsReport(
      {
        name: '逾期',
        aliases: ['overdue'],
        roles: ['FOREMAN', 'SUPERVISOR', 'MANAGER'],
        summaryKey: 'command.summary.overdue',
        usageKey: 'command.usage.overdue',
      },
      (estate, now) => reports.overdueText(estate, now),
    ),
    noArgsReport(
      {
        name: '今日',
        aliases: ['today'],
        roles: ALL_STAFF,
        summaryKey: 'command.summary.today',
        usageKey: 'command.usage.today',
      },
      (estate, now) => reports.todayText(estate, now),
    ),
    {
      name: '满意度',
      aliases: ['csat'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summaryKey: 'command.summary.csat',
      usageKey: 'report.cmd.csatUsage',
      run: async (ctx) => {
        const estate = estateOf(ctx);
        const month = monthArgOrThrow(ctx.args, ctx.now, estate.timezone, t(ctx.sender.locale, 'report.cmd.csatUsage'));
        return reports.csatText(await reports.monthStats(estate, month, ctx.now), estate);
      },
    },
    {
      name: '统计',
      aliases: ['stats'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summaryKey: 'command.summary.stats',
      usageKey: 'report.cmd.statsUsage',
      run: async (ctx) => {
        const estate = estateOf(ctx);
        const month = monthArgOrThrow(
          ctx.args,
          ctx.now,
          estate.timezone,
          t(ctx.sender.locale, 'report.cmd.statsUsage'),
        );
        const text = reports.statsText(await reports.monthStats(estate, month, ctx.now), estate);
        const extra = await Promise.all((deps.extraStats ?? []).map((line) => line(estate, month.period)));
        return [text, ...extra].join('\n');
      },
    },
  ];
}
