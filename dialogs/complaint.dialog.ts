// 投诉: category → what happened → where → photos → urgency → summary to confirm → ticket number and promised
// response time. What the first message already said (category, description, the owner's unit) is taken from the
// recogniser and its question skipped, still validated; a wrong category is changed at the summary ("改类别") without
// retyping anything. Bad input at any step gets a clear answer and the step is asked again.
import {
  ComponentDialog,
  ListStyle,
  WaterfallDialog,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Activity } from 'botbuilder';
import { PRIORITY_LABEL, T } from '../src/complaints/complaint.texts.js';
import { checkText } from '../src/bot/input-guard.js';
import { formatUnitAddress } from '../src/identity/address.parser.js';
import { freeText, understoodOf, type FlowOptions } from './understood.js';
import { senderOf } from '../src/identity/sender.js';
import type { DialogDeps } from './dialog-deps.js';
import { guardedChoicePrompt, imBackChoices as choices } from './prompts/guarded-choice.prompt.js';
import { guardedTextPrompt } from './prompts/guarded-text.prompt.js';
import { PhotoPrompt, type PhotoFile } from './prompts/photo.prompt.js';
import { ownerGuidanceText } from '../src/notices/guidance.js';

export const COMPLAINT_DIALOG = 'complaint';
const CATEGORY = 'complaint.category';
const DESCRIPTION = 'complaint.description';
const WHERE = 'complaint.where';
const UNIT = 'complaint.unit';
const LOCATION = 'complaint.location';
const PHOTOS = 'complaint.photos';
const URGENCY = 'complaint.urgency';
const CONFIRM = 'complaint.confirm';

export interface ComplaintOptions extends FlowOptions {
  /** Back from the summary to change the category: everything else already answered. */
  resume?: Values;
}

interface Values {
  category?: string;
  description?: string;
  where?: 'own' | 'public';
  unitId?: string | null;
  location?: string;
  photos?: PhotoFile[];
  urgent?: boolean;
}

export class ComplaintDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(COMPLAINT_DIALOG);
    this.addDialog(guardedChoicePrompt(CATEGORY, T.categoryRetry));
    this.addDialog(
      guardedTextPrompt(DESCRIPTION, (p) => deps.complaints.settings(senderOf(p.context).estate).maxDescriptionLength),
    );
    this.addDialog(guardedChoicePrompt(WHERE, T.whereRetry));
    this.addDialog(guardedChoicePrompt(UNIT, T.unitRetry));
    this.addDialog(guardedTextPrompt(LOCATION, () => 100));
    this.addDialog(
      new PhotoPrompt(PHOTOS, {
        received: T.photoReceived,
        unsupported: T.photoUnsupported,
        retry: T.photoRetry,
        tooLong: T.photoTooLong,
      }),
    );
    this.addDialog(guardedChoicePrompt(URGENCY, T.urgencyRetry));
    this.addDialog(guardedChoicePrompt(CONFIRM, T.confirmRetry));
    this.addDialog(
      new WaterfallDialog('complaint.steps', [
        this.askCategory,
        this.askDescription,
        this.askWhere,
        this.askWhereDetail,
        this.askPhotos,
        this.askUrgency,
        this.confirm,
        this.create,
      ]),
    );
    this.initialDialogId = 'complaint.steps';
  }

  private askCategory = async (step: WaterfallStepContext) => {
    const sender = senderOf(step.context);
    if (!sender.personId || sender.units.length === 0) {
      await step.context.sendActivity(T.notBound);
      return step.endDialog();
    }
    const v = step.values as Values;
    const opts = (step.options ?? {}) as ComplaintOptions;
    if (opts.resume) Object.assign(v, opts.resume);
    else this.prefill(step, v);
    if (v.category) return step.next(v.category);
    const { categories } = this.deps.complaints.settings(sender.estate);
    return step.prompt(CATEGORY, {
      prompt: T.askCategory,
      choices: choices(categories),
      style: ListStyle.suggestedAction,
    });
  };

  /** What the message that started the flow answered: category, description, the owner's own unit. */
  private prefill(step: WaterfallStepContext, v: Values): void {
    const u = understoodOf(step.options);
    const sender = senderOf(step.context);
    const settings = this.deps.complaints.settings(sender.estate);
    // Only a category this estate files under; otherwise the question is asked.
    if (u?.sub && settings.categories.includes(u.sub)) v.category = u.sub;
    const said = freeText(u);
    // A description says what happened ("楼上装修太吵了"), not only that a complaint is wanted ("我要投诉噪音"), and
    // it passes the same checks as a typed one.
    if (said && saysWhatHappened(said, v.category) && !checkText({ text: said }, settings.maxDescriptionLength))
      v.description = said;
    const unit = u?.slots.unit;
    const own = unit && sender.units.find((x) => x.label === formatUnitAddress(unit));
    if (own) {
      v.where = 'own';
      v.unitId = own.unitId;
      v.location = `本户 ${own.label}`;
    }
  }

  private askDescription = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const picked = typeof step.result === 'string' ? step.result : (step.result as FoundChoice).value;
    const changed = v.category !== picked;
    v.category = picked;
    const opts = (step.options ?? {}) as ComplaintOptions;
    // Say what was understood once, when the flow started from a message that named it.
    if (!opts.resume && !changed && understoodOf(step.options)?.sub === picked)
      await step.context.sendActivity(v.description ? T.understoodWith(picked, v.description) : T.understood(picked));
    if (v.description) return step.next(v.description);
    return step.prompt(DESCRIPTION, { prompt: T.askDescription });
  };

  private askWhere = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.description = String(step.result).trim();
    if (v.where) return step.next(v.where === 'own' ? { value: T.whereOwn } : { value: T.wherePublic });
    return step.prompt(WHERE, {
      prompt: T.askWhere,
      choices: choices([T.whereOwn, T.wherePublic]),
      style: ListStyle.suggestedAction,
    });
  };

  private askWhereDetail = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const sender = senderOf(step.context);
    if (v.location) return step.next(undefined);
    v.where = (step.result as FoundChoice).value === T.whereOwn ? 'own' : 'public';
    v.unitId = sender.units[0]?.unitId ?? null;
    if (v.where === 'public') return step.prompt(LOCATION, { prompt: T.askLocation });
    if (sender.units.length > 1) {
      return step.prompt(UNIT, {
        prompt: T.askUnit,
        choices: choices(sender.units.map((u) => u.label)),
        style: ListStyle.suggestedAction,
      });
    }
    return step.next(null);
  };

  private askPhotos = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const sender = senderOf(step.context);
    if (!v.location) {
      if (v.where === 'public') {
        v.location = `公共区域：${String(step.result).trim()}`;
      } else {
        const picked = step.result
          ? sender.units.find((u) => u.label === (step.result as FoundChoice).value)
          : sender.units[0];
        v.unitId = picked?.unitId ?? v.unitId ?? null;
        v.location = `本户 ${picked?.label ?? ''}`.trim();
      }
    }
    if (v.photos) return step.next({ photos: v.photos });
    return step.prompt(PHOTOS, { prompt: T.askPhotos });
  };

  private askUrgency = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.photos = (step.result as { photos: PhotoFile[] }).photos;
    if (v.urgent !== undefined) return step.next({ value: v.urgent ? '紧急' : '一般' });
    return step.prompt(URGENCY, {
      prompt: T.askUrgency,
      choices: choices(['一般', '紧急']),
      style: ListStyle.suggestedAction,
    });
  };

  private confirm = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.urgent = (step.result as FoundChoice).value === '紧急';
    const text = T.summary({
      category: v.category ?? '',
      description: v.description ?? '',
      location: v.location ?? '',
      photos: v.photos?.length ?? 0,
      urgency: PRIORITY_LABEL[v.urgent ? 3 : 1] ?? '',
    });
    return step.prompt(CONFIRM, {
      prompt: text,
      choices: [
        {
          value: '是',
          synonyms: ['确认', '提交', '对', '好的', '确定'],
          action: { type: 'imBack', title: '是', value: '是' },
        },
        {
          value: T.changeCategory,
          synonyms: ['改类别', '修改类别', '换类别', '类别不对', '改分类'],
          action: { type: 'imBack', title: T.changeCategory, value: T.changeCategory },
        },
        { value: '否', synonyms: ['不', '不对', '不提交'], action: { type: 'imBack', title: '否', value: '否' } },
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private create = async (step: WaterfallStepContext) => {
    const answer = (step.result as FoundChoice).value;
    if (answer === T.changeCategory) {
      // Back to the category question only: every other answer is kept.
      const { category: _dropped, ...rest } = step.values as Values;
      return step.replaceDialog('complaint.steps', { resume: rest } satisfies ComplaintOptions);
    }
    if (answer !== '是') {
      await step.context.sendActivity(T.notSubmitted);
      return step.endDialog();
    }
    const v = step.values as Values;
    const sender = senderOf(step.context);
    const made = await this.deps.complaints.create({
      estate: sender.estate,
      personId: sender.personId ?? '',
      unitId: v.unitId ?? null,
      category: v.category ?? '其他',
      description: v.description ?? '',
      location: v.location ?? '',
      urgent: v.urgent === true,
      attachments: v.photos ?? [],
      intakeKey: intakeKeyOf(step.context.activity),
    });
    // #20: where the estate's guidance has a word for the owner ("根据…，…"), it follows the ticket number.
    const guidance = ownerGuidanceText(sender.estate.settings as Record<string, unknown>, made.ticket.category);
    const created = T.created({
      number: made.ticket.number,
      ack: made.ackText,
      due: made.ackDueLocal,
      repeat: made.repeatOf ? T.repeatNote(made.repeatOf.number) : null,
    });
    await step.context.sendActivity(guidance ? `${created}\n${guidance}` : created);
    return step.endDialog({ ticketId: made.ticket.id });
  };
}

/** More than "我要投诉(噪音)": at least a few characters once the request words and the category are gone. */
function saysWhatHappened(text: string, category: string | undefined): boolean {
  let rest = text.replace(
    /我要|我想|想要|我|要|投诉|举报|反映|反应|一下|个|问题|物业|你好|您好|请问|麻烦|[\p{P}\s]/gu,
    '',
  );
  if (category) rest = rest.replace(category, '');
  return [...rest].length >= 4;
}

/** The message that files the complaint, as the channel names it: a re-run of its turn files nothing new. */
function intakeKeyOf(a: Partial<Activity>): string | undefined {
  return a.id ? `${a.channelId}/${a.conversation?.id}:${a.id}` : undefined;
}
