// 意见列表 / 意见转工单: the owners' free-text opinions from the monthly 满意度 survey, for 主管 and 经理. The
// survey's numbers themselves are part of 满意度 (report.commands.ts). Always the caller's own estate.
import { AppError, userMessage } from '../shared/app-error.js';
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
  return [
    {
      name: '意见列表',
      aliases: ['opinions'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summaryKey: 'command.summary.opinions',
      usageKey: 'survey.opinions.usage',
      run: async (ctx) => {
        const estate = ownEstate(ctx);
        const month = monthArgOrThrow(
          ctx.args,
          ctx.now,
          estate.timezone,
          t(ctx.sender.locale, 'survey.opinions.usage'),
        );
        return deps.surveys.opinionsText(estate, month.key, ctx.sender.locale);
      },
    },
    {
      name: '意见转工单',
      aliases: ['opiniontoticket'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summaryKey: 'command.summary.opiniontoticket',
      usageKey: 'command.usage.opiniontoticket',
      run: async (ctx) => {
        const estate = ownEstate(ctx);
        const m = /^(\d{1,4})(?:\s+(.+))?$/.exec(normalizeDigits(ctx.args).trim());
        if (!m?.[1])
          throw new AppError('BAD_INPUT', `bad opinion ref ${ctx.args}`, userMessage('survey.toTicket.usage'));
        const month = monthArgOrThrow(
          m[2] ?? '',
          ctx.now,
          estate.timezone,
          t(ctx.sender.locale, 'survey.toTicket.usage'),
        );
        return deps.surveys.opinionToTicket(deps.complaints, estate, month.key, Number(m[1]), ctx.sender.locale);
      },
    },
  ];
}
