// 投诉: category (pre-filled from the first message when obvious) → what happened → where → photos → urgency →
// summary to confirm → ticket number and promised response time. Bad input at any step gets a clear answer and
// the step is asked again.
import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import {
  ChoicePrompt, ComponentDialog, ListStyle, Prompt, WaterfallDialog, type Choice, type FoundChoice, type PromptOptions,
  type PromptRecognizerResult, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { checkText } from '../src/bot/input-guard.js';
import { guessCategory } from '../src/complaints/categories.js';
import { PRIORITY_LABEL, T } from '../src/complaints/complaint.texts.js';
import { senderOf } from '../src/identity/sender.js';
import { textsFor, type DialogDeps } from './dialog-deps.js';
import { guardedTextPrompt } from './prompts/guarded-text.prompt.js';
import { retryWith } from './prompts/retry.js';

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

export interface TicketFile {
  contentUrl: string;
  name: string;
}

interface Values {
  category?: string;
  description?: string;
  where?: 'own' | 'public';
  unitId?: string | null;
  location?: string;
  photos?: TicketFile[];
  urgent?: boolean;
}

/** A choice prompt whose retries say what was wrong (empty, too long, emoji only, a file) before asking again. */
export function guardedChoicePrompt(id: string, retryText: string): ChoicePrompt {
  return new ChoicePrompt(
    id,
    async (p) => {
      // A 5,000-character message may contain a choice word somewhere: that is not an answer.
      const problem = checkText(p.context.activity, 100);
      if (problem) {
        retryWith(p, textsFor(p.context)(problem.key, problem.params));
        return false;
      }
      if (p.recognized.succeeded) return true;
      retryWith(p, retryText);
      return false;
    },
    'zh-cn',
  );
}

const isImage = (a: Attachment) => (a.contentType ?? '').startsWith('image/');
const toFile = (a: Attachment, i: number): TicketFile => ({ contentUrl: a.contentUrl ?? '', name: a.name ?? `photo-${i + 1}.jpg` });
const DONE_WORDS = /^(好了|好|完成|发完了|没有|无|跳过|不用|没|没有照片|ok)$/i;

/** Photos of this message (images only), or null when it carries a file of another type. */
export function imagesOf(context: TurnContext): { images: TicketFile[]; unsupported: string | null } {
  const atts = context.activity.attachments ?? [];
  const other = atts.find((a) => !isImage(a));
  return { images: atts.filter(isImage).map(toFile), unsupported: other ? (other.contentType ?? 'file') : null };
}

type PhotoAnswer = { done: true; photos: TicketFile[] } | { done: false; problem: string };

/** Collects photos over several messages until "好了" / "没有"; the photos so far live in the prompt's own state. */
export class PhotoPrompt extends Prompt<PhotoAnswer> {
  constructor(id: string) {
    super(id, async (p) => {
      const v = p.recognized.value;
      if (!v) return false;
      if (v.done) return true;
      retryWith(p, v.problem);
      return false;
    });
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const activity = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (activity) await context.sendActivity(typeof activity === 'string' ? MessageFactory.text(activity) : activity);
  }

  protected async onRecognize(context: TurnContext, state: object): Promise<PromptRecognizerResult<PhotoAnswer>> {
    const s = state as { photos?: TicketFile[] };
    const photos = (s.photos ??= []);
    const { images, unsupported } = imagesOf(context);
    const text = (context.activity.text ?? '').trim();
    if (unsupported) return { succeeded: true, value: { done: false, problem: T.photoUnsupported(unsupported) } };
    if (images.length) {
      // onRecognize also runs before the prompt validates (pre-bubble): count each file once.
      for (const img of images) if (!photos.some((p) => p.contentUrl === img.contentUrl)) photos.push(img);
      return { succeeded: true, value: { done: false, problem: T.photoReceived(photos.length) } };
    }
    if (DONE_WORDS.test(text.replace(/[。！!.，,\s]+$/u, ''))) return { succeeded: true, value: { done: true, photos } };
    const problem = checkText(context.activity, 100);
    if (problem && problem.key !== 'input.tooLong') return { succeeded: true, value: { done: false, problem: textsFor(context)(problem.key, problem.params) } };
    return { succeeded: true, value: { done: false, problem: problem ? T.photoTooLong : T.photoRetry } };
  }
}

const choices = (titles: string[]): Choice[] => titles.map((t) => ({ value: t, action: { type: 'imBack', title: t, value: t } }));

export class ComplaintDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(COMPLAINT_DIALOG);
    this.addDialog(guardedChoicePrompt(CATEGORY, T.categoryRetry));
    this.addDialog(guardedTextPrompt(DESCRIPTION, (p) => deps.complaints.settings(senderOf(p.context).estate).maxDescriptionLength));
    this.addDialog(guardedChoicePrompt(WHERE, T.whereRetry));
    this.addDialog(guardedChoicePrompt(UNIT, T.askUnit));
    this.addDialog(guardedTextPrompt(LOCATION, () => 100));
    this.addDialog(new PhotoPrompt(PHOTOS));
    this.addDialog(guardedChoicePrompt(URGENCY, T.urgencyRetry));
    this.addDialog(guardedChoicePrompt(CONFIRM, T.confirmRetry));
    this.addDialog(
      new WaterfallDialog('complaint.steps', [
        this.askCategory, this.askDescription, this.askWhere, this.askWhereDetail, this.askPhotos, this.askUrgency, this.confirm, this.create,
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
    const guess = guessCategory((step.options as ComplaintOptions | undefined)?.text ?? step.context.activity.text ?? '', categories);
    if (guess) {
      await step.context.sendActivity(T.categoryPrefilled(guess));
      return step.next(guess);
    }
    return step.prompt(CATEGORY, { prompt: T.askCategory, choices: choices(categories), style: ListStyle.suggestedAction });
  };

  private askDescription = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.category = typeof step.result === 'string' ? step.result : (step.result as FoundChoice).value;
    return step.prompt(DESCRIPTION, { prompt: T.askDescription });
  };

  private askWhere = async (step: WaterfallStepContext) => {
    (step.values as Values).description = String(step.result).trim();
    return step.prompt(WHERE, { prompt: T.askWhere, choices: choices([T.whereOwn, T.wherePublic]), style: ListStyle.suggestedAction });
  };

  private askWhereDetail = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const sender = senderOf(step.context);
    v.where = (step.result as FoundChoice).value === T.whereOwn ? 'own' : 'public';
    v.unitId = sender.units[0]?.unitId ?? null;
    if (v.where === 'public') return step.prompt(LOCATION, { prompt: T.askLocation });
    if (sender.units.length > 1) {
      return step.prompt(UNIT, { prompt: T.askUnit, choices: choices(sender.units.map((u) => u.label)), style: ListStyle.suggestedAction });
    }
    return step.next(null);
  };

  private askPhotos = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const sender = senderOf(step.context);
    if (v.where === 'public') {
      v.location = `公共区域：${String(step.result).trim()}`;
    } else {
      const picked = step.result ? sender.units.find((u) => u.label === (step.result as FoundChoice).value) : sender.units[0];
      v.unitId = picked?.unitId ?? v.unitId ?? null;
      v.location = `本户 ${picked?.label ?? ''}`.trim();
    }
    return step.prompt(PHOTOS, { prompt: T.askPhotos });
  };

  private askUrgency = async (step: WaterfallStepContext) => {
    (step.values as Values).photos = (step.result as { photos: TicketFile[] }).photos;
    return step.prompt(URGENCY, { prompt: T.askUrgency, choices: choices(['一般', '紧急']), style: ListStyle.suggestedAction });
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
        { value: '是', synonyms: ['确认', '提交', '对', '好的', '确定'], action: { type: 'imBack', title: '是', value: '是' } },
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
    });
    await step.context.sendActivity(
      T.created({ number: made.ticket.number, ack: made.ackText, due: made.ackDueLocal, repeat: made.repeatOf ? T.repeatNote(made.repeatOf.number) : null }),
    );
    return step.endDialog({ ticketId: made.ticket.id });
  };
}
