// 公告 (#20), from the chat. An owner (or any staff member but a 主管/经理) asking 公告 / "最近有什么通知" gets the recent
// notices meant for them. A 主管/经理 in a private chat drafts one step by step: title → text → optional picture →
// audience (whole estate / buildings / arrears only / arrears excluded) → urgent or not → preview with who it
// reaches → 确认发布. Publishing is NoticeService.confirm (the outbox fan-out); groups use the one-line 公告 command.
import { MessageFactory } from 'botbuilder';
import {
  ComponentDialog,
  ListStyle,
  WaterfallDialog,
  type FoundChoice,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { checkText } from '../src/bot/input-guard.js';
import { t, type Translate } from '../src/i18n/index.js';
import { senderOf } from '../src/identity/sender.js';
import { NOTICE_AUTHORS, type NoticeService, parseBuildings, type Author } from '../src/notices/notice.service.js';
import type { Audience } from '../src/db/notice.repo.js';
import { textsFor, type DialogDeps } from './dialog-deps.js';
import { guardedTextPrompt } from './prompts/guarded-text.prompt.js';
import { PhotoPrompt, type PhotoAnswer } from './prompts/photo.prompt.js';
import { retryWith } from './prompts/retry.js';
import { imBackChoice } from './prompts/guarded-choice.prompt.js';
import { SafeChoicePrompt } from './prompts/safe-choice.prompt.js';
import { TextPrompt } from 'botbuilder-dialogs';

export const NOTICES_DIALOG = 'notices';
const DRAFT = 'notices.draft';
const TITLE = 'notices.title';
const BODY = 'notices.body';
const PICTURE = 'notices.picture';
const AUDIENCE = 'notices.audience';
const BUILDINGS = 'notices.buildings';
const URGENT = 'notices.urgent';
const CONFIRM = 'notices.confirm';

interface Draft {
  title?: string;
  body?: string;
  pictureUrl?: string | null;
  audience?: Audience;
  buildings?: string[];
  seq?: number;
}

const AUDIENCE_VALUES: Audience[] = ['all', 'buildings', 'arrearsOnly', 'arrearsExcluded'];

export class NoticesDialog extends ComponentDialog {
  private readonly notices: NoticeService;

  constructor(deps: Pick<DialogDeps, 'notices'>) {
    super(NOTICES_DIALOG);
    this.notices = deps.notices;
    this.addDialog(new WaterfallDialog(`${NOTICES_DIALOG}.steps`, [this.start]));
    this.addDialog(
      new WaterfallDialog(DRAFT, [
        this.askTitle,
        this.askBody,
        this.askPicture,
        this.askAudience,
        this.askBuildings,
        this.askUrgent,
        this.preview,
        this.decide,
      ]),
    );
    const limits = (p: PromptValidatorContext<string>) => {
      const s = this.notices.settings(senderOf(p.context).estate);
      return (p.options.validations as { field?: string } | undefined)?.field === 'title'
        ? s.maxTitleLength
        : s.maxBodyLength;
    };
    this.addDialog(guardedTextPrompt(TITLE, limits));
    this.addDialog(guardedTextPrompt(BODY, limits));
    this.addDialog(
      // Its texts are fixed when the prompt is built (as the complaint flow's): zh-CN, the staff's language.
      new PhotoPrompt(PICTURE, {
        received: () => t('zh-CN', 'notice.draft.pictureReceived'),
        unsupported: (type) => t('zh-CN', 'notice.draft.pictureUnsupported', { type }),
        retry: t('zh-CN', 'notice.draft.pictureRetry'),
        tooLong: t('zh-CN', 'notice.draft.pictureTooLong'),
      }),
    );
    this.addDialog(new SafeChoicePrompt(AUDIENCE, undefined, 'zh-cn'));
    this.addDialog(new TextPrompt(BUILDINGS, (p) => this.validateBuildings(p)));
    this.addDialog(new SafeChoicePrompt(URGENT, undefined, 'zh-cn'));
    this.addDialog(new SafeChoicePrompt(CONFIRM, undefined, 'zh-cn'));
    this.initialDialogId = `${NOTICES_DIALOG}.steps`;
  }

  private start = async (step: WaterfallStepContext) => {
    const sender = senderOf(step.context);
    if (sender.staff && NOTICE_AUTHORS.includes(sender.staff.role) && !sender.isGroup) return step.replaceDialog(DRAFT);
    await step.context.sendActivity(
      await this.notices.recentText(sender.estate, sender.staff ? 'staff' : sender.personId, sender.locale),
    );
    return step.endDialog();
  };

  private askTitle = async (step: WaterfallStepContext) => {
    const tr = this.texts(step);
    const max = this.notices.settings(senderOf(step.context).estate).maxTitleLength;
    return step.prompt(TITLE, { prompt: tr('notice.draft.askTitle', { max }), validations: { field: 'title' } });
  };

  private askBody = async (step: WaterfallStepContext) => {
    (step.values as Draft).title = String(step.result).trim();
    const max = this.notices.settings(senderOf(step.context).estate).maxBodyLength;
    return step.prompt(BODY, {
      prompt: this.texts(step)('notice.draft.askBody', { max }),
      validations: { field: 'body' },
    });
  };

  private askPicture = async (step: WaterfallStepContext) => {
    (step.values as Draft).body = String(step.result).trim();
    const tr = this.texts(step);
    return step.prompt(PICTURE, {
      prompt: tr('notice.draft.askPicture'),
      retryPrompt: tr('notice.draft.pictureRetry'),
    });
  };

  private askAudience = async (step: WaterfallStepContext) => {
    const photos = (step.result as Extract<PhotoAnswer, { done: true }>).photos;
    (step.values as Draft).pictureUrl = photos[0]?.contentUrl ?? null;
    const tr = this.texts(step);
    return step.prompt(AUDIENCE, {
      prompt: tr('notice.draft.askAudience'),
      retryPrompt: tr('notice.draft.askAudience'),
      choices: [
        imBackChoice('all', tr('notice.audience.all'), ['全体', '全部', '所有']),
        imBackChoice('buildings', tr('notice.audience.buildings'), ['楼栋']),
        imBackChoice('arrearsOnly', tr('notice.audience.arrearsOnly'), ['仅欠费', '欠费']),
        imBackChoice('arrearsExcluded', tr('notice.audience.arrearsExcluded'), ['不含欠费', '排除欠费']),
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private askBuildings = async (step: WaterfallStepContext) => {
    const value = (step.result as FoundChoice).value;
    const d = step.values as Draft;
    d.audience = AUDIENCE_VALUES.find((a) => a === value) ?? 'all';
    if (d.audience !== 'buildings') return step.next();
    const sender = senderOf(step.context);
    const buildings = (await this.notices.buildingNames(sender.estate.id)).map((b) => `${b}栋`).join('、');
    return step.prompt(BUILDINGS, { prompt: this.texts(step)('notice.draft.askBuildings', { buildings }) });
  };

  private async validateBuildings(p: PromptValidatorContext<string>): Promise<boolean> {
    const tr = textsFor(p.context);
    const problem = checkText(p.context.activity, 200);
    if (problem) {
      retryWith(p, tr(problem.key, problem.params));
      return false;
    }
    const sender = senderOf(p.context);
    const wanted = parseBuildings(p.recognized.value ?? '');
    const unknown = wanted.length ? await this.notices.unknownBuildings(sender.estate.id, wanted) : ['—'];
    if (unknown.length === 0) return true;
    const buildings = (await this.notices.buildingNames(sender.estate.id)).map((b) => `${b}栋`).join('、');
    p.options.retryPrompt = MessageFactory.text(
      tr('notice.draft.badBuildings', { unknown: unknown.join('、'), buildings }),
    );
    return false;
  }

  private askUrgent = async (step: WaterfallStepContext) => {
    const d = step.values as Draft;
    d.buildings = d.audience === 'buildings' ? parseBuildings(String(step.result ?? '')) : [];
    const tr = this.texts(step);
    return step.prompt(URGENT, {
      prompt: tr('notice.draft.askUrgent'),
      retryPrompt: tr('notice.draft.askUrgent'),
      choices: [
        imBackChoice('yes', tr('notice.urgent.yes'), ['是', '急']),
        imBackChoice('no', tr('notice.urgent.no'), ['否', '不急', '普通']),
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private preview = async (step: WaterfallStepContext) => {
    const d = step.values as Draft;
    const sender = senderOf(step.context);
    const draft = await this.notices.createDraft(sender.estate, this.authorOf(step), {
      title: d.title ?? '',
      body: d.body ?? '',
      pictureUrl: d.pictureUrl ?? null,
      audience: d.audience ?? 'all',
      buildings: d.buildings ?? [],
      urgent: (step.result as FoundChoice).value === 'yes',
    });
    d.seq = draft.seq;
    const tr = this.texts(step);
    return step.prompt(CONFIRM, {
      prompt: await this.notices.previewText(sender.estate, draft, sender.locale, false),
      retryPrompt: `${tr('notice.confirm')} / ${tr('notice.cancel')}`,
      choices: [
        imBackChoice('confirm', tr('notice.confirm'), ['确认', '发布', '发送', '是']),
        imBackChoice('drop', tr('notice.cancel'), ['放弃', '不发', '否']),
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private decide = async (step: WaterfallStepContext) => {
    const d = step.values as Draft;
    const sender = senderOf(step.context);
    const seq = d.seq ?? null;
    if ((step.result as FoundChoice).value === 'confirm') {
      const r = await this.notices.confirm(sender.estate, this.authorOf(step), seq);
      await step.context.sendActivity(this.notices.confirmText(sender.estate, r, sender.locale, String(seq ?? '')));
    } else {
      await step.context.sendActivity(
        await this.notices.cancel(sender.estate, this.authorOf(step), seq, sender.locale, String(seq ?? '')),
      );
    }
    return step.endDialog();
  };

  private authorOf(step: WaterfallStepContext): Author {
    const sender = senderOf(step.context);
    return {
      staffId: sender.staff?.id ?? '',
      channel: step.context.activity.channelId,
      conversation: step.context.activity.conversation?.id ?? '',
    };
  }

  private texts(step: WaterfallStepContext): Translate {
    return textsFor(step.context);
  }
}
