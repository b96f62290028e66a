// 投诉: category (pre-filled from the first message when obvious) → what happened → where → photos → urgency →
// summary to confirm → ticket number and promised response time. Bad input at any step gets a clear answer and
// the step is asked again.
import {
  ComponentDialog,
  ListStyle,
  WaterfallDialog,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Activity } from 'botbuilder';
import { guessCategory } from '../src/complaints/categories.js';
import { PRIORITY_LABEL, T } from '../src/complaints/complaint.texts.js';
import { senderOf } from '../src/identity/sender.js';
import type { DialogDeps } from './dialog-deps.js';
import { guardedChoicePrompt, imBackChoices as choices } from './prompts/guarded-choice.prompt.js';
import { guardedTextPrompt } from './prompts/guarded-text.prompt.js';
import { PhotoPrompt, type PhotoFile } from './prompts/photo.prompt.js';

export const COMPLAINT_DIALOG = 'complaint';
const CATEGORY = 'complaint.category';
const DESCRIPTION = 'complaint.description';
const WHERE = 'complaint.where';
const UNIT = 'complaint.unit';
const LOCATION = 'complaint.location';
const PHOTOS = 'complaint.photos';
const URGENCY = 'complaint.urgency';
const CONFIRM = 'complaint.confirm';

export interface ComplaintOptions {
  /** The message that started the flow ("我要投诉，楼上装修太吵了"): used to pre-fill the category. */
  text?: string;
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
    const { categories } = this.deps.complaints.settings(sender.estate);
    // Started from free text ("我要投诉，楼上装修太吵了"): the message that started the flow names the category.
    const guess = guessCategory(
      (step.options as ComplaintOptions | undefined)?.text ?? step.context.activity.text ?? '',
      categories,
    );
    if (guess) {
      await step.context.sendActivity(T.categoryPrefilled(guess));
      return step.next(guess);
    }
    return step.prompt(CATEGORY, {
      prompt: T.askCategory,
      choices: choices(categories),
      style: ListStyle.suggestedAction,
    });
  };

  private askDescription = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.category = typeof step.result === 'string' ? step.result : (step.result as FoundChoice).value;
    return step.prompt(DESCRIPTION, { prompt: T.askDescription });
  };

  private askWhere = async (step: WaterfallStepContext) => {
    (step.values as Values).description = String(step.result).trim();
    return step.prompt(WHERE, {
      prompt: T.askWhere,
      choices: choices([T.whereOwn, T.wherePublic]),
      style: ListStyle.suggestedAction,
    });
  };

  private askWhereDetail = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const sender = senderOf(step.context);
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
    if (v.where === 'public') {
      v.location = `公共区域：${String(step.result).trim()}`;
    } else {
      const picked = step.result
        ? sender.units.find((u) => u.label === (step.result as FoundChoice).value)
        : sender.units[0];
      v.unitId = picked?.unitId ?? v.unitId ?? null;
      v.location = `本户 ${picked?.label ?? ''}`.trim();
    }
    return step.prompt(PHOTOS, { prompt: T.askPhotos });
  };

  private askUrgency = async (step: WaterfallStepContext) => {
    (step.values as Values).photos = (step.result as { photos: PhotoFile[] }).photos;
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
        { value: '否', synonyms: ['不', '不对', '不提交'], action: { type: 'imBack', title: '否', value: '否' } },
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private create = async (step: WaterfallStepContext) => {
    if ((step.result as FoundChoice).value !== '是') {
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
    await step.context.sendActivity(
      T.created({
        number: made.ticket.number,
        ack: made.ackText,
        due: made.ackDueLocal,
        repeat: made.repeatOf ? T.repeatNote(made.repeatOf.number) : null,
      }),
    );
    return step.endDialog({ ticketId: made.ticket.id });
  };
}

/** The message that files the complaint, as the channel names it: a re-run of its turn files nothing new. */
function intakeKeyOf(a: Partial<Activity>): string | undefined {
  return a.id ? `${a.channelId}/${a.conversation?.id}:${a.id}` : undefined;
}
