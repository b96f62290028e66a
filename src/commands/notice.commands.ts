// 公告 and 建议 for staff (#20). 公告 in a private chat starts the drafting dialog (dialogs/notice.dialog.ts); in a
// registered staff group it takes one line, 公告 标题｜正文｜范围｜紧急, and shows the same preview; 确认公告 / 取消公告
// decide the draft. 建议列表 and 答复建议 N 内容 handle owners' suggestions. 注册群 业主群 lives with 注册群
// (identity.commands.ts) and calls NoticeService.registerOwnerGroup.
import { AppError, userMessage } from '../shared/app-error.js';
import type { MessageKey } from '../i18n/index.js';
import type { StaffRole } from '../identity/sender.js';
import { NOTICE_AUTHORS, parseAudience, type Author, type NoticeService } from '../notices/notice.service.js';
import type { SuggestionService } from '../notices/suggestion.service.js';
import { ALL_STAFF, ownEstate, staffOf, type Command, type CommandContext } from './command.js';

export interface NoticeCommandDeps {
  notices: NoticeService;
  suggestions: SuggestionService;
}

const isAuthor = (role: StaffRole | undefined) => role !== undefined && NOTICE_AUTHORS.includes(role);

function authorOf(ctx: CommandContext): Author {
  return {
    staffId: staffOf(ctx).id,
    channel: ctx.turn.activity.channelId,
    conversation: ctx.turn.activity.conversation?.id ?? '',
  };
}

/** "" → null (the caller's newest draft here); "12" / "#12" → 12; anything else → BAD_INPUT. */
function seqArg(args: string, usage: MessageKey): number | null {
  const a = args.trim();
  if (a === '') return null;
  const m = /^#?(\d{1,9})$/.exec(a);
  if (!m) throw new AppError('BAD_INPUT', `bad notice ref ${a}`, userMessage(usage));
  return Number(m[1]);
}

export function noticeCommands(deps: NoticeCommandDeps): Command[] {
  const { notices, suggestions } = deps;
  return [
    {
      name: '公告',
      aliases: ['notice'],
      roles: ALL_STAFF,
      summaryKey: 'command.summary.notice',
      usageKey: 'command.usage.notice',
      // Private chat: a bare 公告 drafts step by step (主管/经理); other staff see the recent notices like owners.
      defersToDialogs: ({ sender, args }) => !isAuthor(sender.staff?.role) || args.trim() === '',
      async run(ctx) {
        const locale = ctx.sender.locale;
        if (!isAuthor(ctx.sender.staff?.role))
          throw new AppError('FORBIDDEN', 'not an author', userMessage('notice.cmd.authorsOnly'));
        const estate = ownEstate(ctx);
        const parts = ctx.args.split(/[｜|]/).map((p) => p.trim());
        const [title = '', body = '', audienceText = '全体', urgentText = ''] = parts;
        const s = notices.settings(estate);
        if (!title || !body || parts.length > 4 || (urgentText && !/^(紧急|urgent|一般|普通)$/iu.test(urgentText)))
          throw new AppError('BAD_INPUT', 'bad notice line', userMessage('notice.cmd.usage'));
        if ([...title].length > s.maxTitleLength)
          throw new AppError(
            'BAD_INPUT',
            'title too long',
            userMessage('notice.draft.titleBad', { max: s.maxTitleLength }),
          );
        if ([...body].length > s.maxBodyLength)
          throw new AppError(
            'BAD_INPUT',
            'body too long',
            userMessage('notice.draft.bodyBad', { max: s.maxBodyLength, length: [...body].length }),
          );
        const audience = parseAudience(audienceText || '全体');
        if (!audience)
          throw new AppError(
            'BAD_INPUT',
            'bad audience',
            userMessage('notice.cmd.badAudience', { text: audienceText }),
          );
        if (audience.audience === 'buildings') {
          const unknown = await notices.unknownBuildings(estate.id, audience.buildings);
          if (unknown.length)
            throw new AppError(
              'BAD_INPUT',
              'unknown building',
              userMessage('notice.draft.badBuildings', {
                unknown: unknown.join('、'),
                buildings: (await notices.buildingNames(estate.id)).map((b) => `${b}栋`).join('、'),
              }),
            );
        }
        const draft = await notices.createDraft(estate, authorOf(ctx), {
          title,
          body,
          pictureUrl: null,
          ...audience,
          urgent: /^(紧急|urgent)$/iu.test(urgentText),
        });
        return notices.previewText(estate, draft, locale, true);
      },
    },
    {
      name: '确认公告',
      aliases: ['publish'],
      roles: NOTICE_AUTHORS,
      summaryKey: 'command.summary.publish',
      usageKey: 'command.usage.publish',
      async run(ctx) {
        const seq = seqArg(ctx.args, 'notice.cmd.confirmUsage');
        const estate = ownEstate(ctx);
        const r = await notices.confirm(estate, authorOf(ctx), seq);
        return notices.confirmText(estate, r, ctx.sender.locale, ctx.args.trim());
      },
    },
    {
      name: '取消公告',
      aliases: ['dropnotice'],
      roles: NOTICE_AUTHORS,
      summaryKey: 'command.summary.dropnotice',
      usageKey: 'command.usage.dropnotice',
      async run(ctx) {
        const seq = seqArg(ctx.args, 'notice.cmd.cancelUsage');
        return notices.cancel(ownEstate(ctx), authorOf(ctx), seq, ctx.sender.locale, ctx.args.trim());
      },
    },
    {
      name: '建议列表',
      aliases: ['suggestions'],
      roles: NOTICE_AUTHORS,
      summaryKey: 'command.summary.suggestions',
      usageKey: 'command.usage.suggestions',
      async run(ctx) {
        const a = ctx.args.trim();
        if (a !== '' && !/^(全部|all)$/iu.test(a))
          throw new AppError('BAD_INPUT', 'bad list arg', userMessage('suggestion.listUsage'));
        return suggestions.listText(ownEstate(ctx), a !== '', ctx.sender.locale);
      },
    },
    {
      name: '答复建议',
      aliases: ['answer'],
      roles: NOTICE_AUTHORS,
      summaryKey: 'command.summary.answer',
      usageKey: 'command.usage.answer',
      async run(ctx) {
        const locale = ctx.sender.locale;
        const m = /^(?:JY-)?#?(\d{1,9})\s+([\s\S]+)$/iu.exec(ctx.args.trim());
        if (!m || !m[2]?.trim())
          throw new AppError('BAD_INPUT', 'bad answer args', userMessage('suggestion.answerUsage'));
        return suggestions.answer(ownEstate(ctx), staffOf(ctx).id, Number(m[1]), m[2].trim(), locale);
      },
    },
  ];
}
