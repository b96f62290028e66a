// 意见列表 / 意见转工单: the owners' free-text opinions from the monthly 满意度 survey, for 主管 and 经理. The
// survey's numbers themselves are part of 满意度 (report.commands.ts). Always the caller's own estate.
import { AppError } from '../shared/app-error.js';
import type { ComplaintService } from '../complaints/complaint.service.js';
import { t } from '../i18n/index.js';
import { monthArgOrThrow } from '../reports/report.service.js';
import type { SurveyService } from '../survey/survey.service.js';
import { normalizeDigits } from '../shared/zh-numbers.js';
import type { Command } from './command.js';
import { ownEstate } from './command.js';

export interface SurveyCommandDeps {
  surveys: SurveyService;
  complaints: ComplaintService;
}

export function surveyCommands(deps: SurveyCommandDeps): Command[] {
  const listUsage = t('zh-CN', 'survey.opinions.usage');
  const ticketUsage = t('zh-CN', 'survey.toTicket.usage');
  return [
    {
      name: '意见列表',
      aliases: ['opinions'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summary: '满意度调查中业主写下的意见（本月，按收到顺序编号）',
      usage: listUsage,
      run: async (ctx) => {
        const estate = ownEstate(ctx);
        const month = monthArgOrThrow(ctx.args, ctx.now, estate.timezone, listUsage);
        return deps.surveys.opinionsText(estate, month.key, ctx.sender.locale);
      },
    },
    {
      name: '意见转工单',
      aliases: ['opiniontoticket'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summary: '把意见列表中的第 N 条意见转为工单（通知业主）',
      usage: '意见转工单 编号 [月份]',
      run: async (ctx) => {
        const estate = ownEstate(ctx);
        const m = /^(\d{1,4})(?:\s+(.+))?$/.exec(normalizeDigits(ctx.args).trim());
        if (!m?.[1]) throw new AppError('BAD_INPUT', `bad opinion ref ${ctx.args}`, ticketUsage);
        const month = monthArgOrThrow(m[2] ?? '', ctx.now, estate.timezone, ticketUsage);
        return deps.surveys.opinionToTicket(deps.complaints, estate, month.key, Number(m[1]), ctx.sender.locale);
      },
    },
  ];
}
