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

function noArgs(ctx: CommandContext, usage: string): void {
  if (ctx.args !== '')
    throw new AppError('BAD_INPUT', `unexpected args ${ctx.args}`, userMessage('report.cmd.noArgs', { usage }));
}

export function reportCommands(deps: ReportCommandDeps): Command[] {
  const { reports } = deps;
  const csatUsage = t('zh-CN', 'report.cmd.csatUsage');
  const statsUsage = t('zh-CN', 'report.cmd.statsUsage');
  return [
    {
      name: '逾期',
      aliases: ['overdue'],
      roles: ['FOREMAN', 'SUPERVISOR', 'MANAGER'],
      summary: '超时未响应/未办结的工单，按升级级别',
      usage: '逾期',
      run: async (ctx) => {
        noArgs(ctx, '逾期');
        return reports.overdueText(estateOf(ctx), ctx.now);
      },
    },
    {
      name: '今日',
      aliases: ['today'],
      roles: ALL_STAFF,
      summary: '今日新增、未结、办结、紧急事件、钥匙预约',
      usage: '今日',
      run: async (ctx) => {
        noArgs(ctx, '今日');
        return reports.todayText(estateOf(ctx), ctx.now);
      },
    },
    {
      name: '满意度',
      aliases: ['csat'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summary: '回访满意度（平均分、分布）和月度业主满意度调查（回复率、各题/各楼栋平均分、意见数对目标），默认本月',
      usage: csatUsage,
      run: async (ctx) => {
        const estate = estateOf(ctx);
        const month = monthArgOrThrow(ctx.args, ctx.now, estate.timezone, csatUsage);
        return reports.csatText(await reports.monthStats(estate, month, ctx.now), estate);
      },
    },
    {
      name: '统计',
      aliases: ['stats'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summary: '月度统计：投诉按类别、SLA 达标率、二次投诉、满意度、收缴率',
      usage: statsUsage,
      run: async (ctx) => {
        const estate = estateOf(ctx);
        const month = monthArgOrThrow(ctx.args, ctx.now, estate.timezone, statsUsage);
        const text = reports.statsText(await reports.monthStats(estate, month, ctx.now), estate);
        const extra = await Promise.all((deps.extraStats ?? []).map((line) => line(estate, month.period)));
        return [text, ...extra].join('\n');
      },
    },
  ];
}
