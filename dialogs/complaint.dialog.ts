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
import { categoryLabel, durationText, locationText, priorityLabel } from '../src/tickets/status-labels.js';
import { formatLocal } from '../src/shared/zoned-time.js';
import type { Translate } from '../src/i18n/index.js';
import { checkText } from '../src/bot/input-guard.js';
import { formatUnitAddress } from '../src/identity/address.parser.js';
import { freeText, understoodOf, type FlowOptions } from './understood.js';
import { senderOf } from '../src/identity/sender.js';
import { textsFor, type DialogDeps } from './dialog-deps.js';
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
  /** As stored on the ticket (zh-CN: staff read it); the owner reads it through locationText. */
  location?: string;
  photos?: PhotoFile[];
  urgent?: boolean;
}

export class ComplaintDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(COMPLAINT_DIALOG);
    this.addDialog(guardedChoicePrompt(CATEGORY, (tr) => tr('complaint.categoryRetry')));
    this.addDialog(
      guardedTextPrompt(DESCRIPTION, (p) => deps.complaints.settings(senderOf(p.context).estate).maxDescriptionLength),
    );
    this.addDialog(guardedChoicePrompt(WHERE, (tr) => tr('complaint.whereRetry')));
    this.addDialog(guardedChoicePrompt(UNIT, (tr) => tr('complaint.unitRetry')));
    this.addDialog(guardedTextPrompt(LOCATION, () => 100));
    this.addDialog(
      new PhotoPrompt(PHOTOS, {
        received: (count, tr) => tr('complaint.photoReceived', { count }),
        unsupported: (type, tr) => tr('complaint.photoUnsupported', { type }),
        retry: (tr) => tr('complaint.photoRetry'),
        tooLong: (tr) => tr('complaint.photoTooLong'),
      }),
    );
    this.addDialog(guardedChoicePrompt(URGENCY, (tr) => tr('complaint.urgencyRetry')));
    this.addDialog(guardedChoicePrompt(CONFIRM, (tr) => tr('complaint.confirmRetry')));
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
      await step.context.sendActivity(textsFor(step.context)('complaint.notBound'));
      return step.endDialog();
    }
    const v = step.values as Values;
    const opts = (step.options ?? {}) as ComplaintOptions;
    if (opts.resume) Object.assign(v, opts.resume);
    else this.prefill(step, v);
    if (v.category) return step.next(v.category);
    const { categories } = this.deps.complaints.settings(sender.estate);
    const locale = sender.locale;
    return step.prompt(CATEGORY, {
      prompt: textsFor(step.context)('complaint.askCategory'),
      choices: labelled(categories, (c) => categoryLabel(c, locale)),
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
    const tr = textsFor(step.context);
    const category = categoryLabel(picked, senderOf(step.context).locale);
    if (!opts.resume && !changed && understoodOf(step.options)?.sub === picked)
      await step.context.sendActivity(
        v.description
          ? tr('complaint.understoodWith', {
              category,
              description: v.description.length > 60 ? `${v.description.slice(0, 60)}…` : v.description,
            })
          : tr('complaint.understood', { category }),
      );
    if (v.description) return step.next(v.description);
    return step.prompt(DESCRIPTION, { prompt: tr('complaint.askDescription') });
  };

  private askWhere = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.description = String(step.result).trim();
    if (v.where) return step.next({ value: v.where });
    const tr = textsFor(step.context);
    return step.prompt(WHERE, {
      prompt: tr('complaint.askWhere'),
      choices: localChoices(tr, [
        ['own', 'complaint.whereOwn', ['本户']],
        ['public', 'complaint.wherePublic', ['公共区域']],
      ]),
      style: ListStyle.suggestedAction,
    });
  };

  private askWhereDetail = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const sender = senderOf(step.context);
    if (v.location) return step.next(undefined);
    const tr = textsFor(step.context);
    v.where = (step.result as FoundChoice).value === 'own' ? 'own' : 'public';
    v.unitId = sender.units[0]?.unitId ?? null;
    if (v.where === 'public') return step.prompt(LOCATION, { prompt: tr('complaint.askLocation') });
    if (sender.units.length > 1) {
      return step.prompt(UNIT, {
        prompt: tr('complaint.askUnit'),
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
    return step.prompt(PHOTOS, { prompt: textsFor(step.context)('complaint.askPhotos') });
  };

  private askUrgency = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.photos = (step.result as { photos: PhotoFile[] }).photos;
    if (v.urgent !== undefined) return step.next({ value: v.urgent ? 'urgent' : 'normal' });
    const tr = textsFor(step.context);
    return step.prompt(URGENCY, {
      prompt: tr('complaint.askUrgency'),
      choices: localChoices(tr, [
        ['normal', 'complaint.urgencyNormal', ['一般']],
        ['urgent', 'complaint.urgencyUrgent', ['紧急']],
      ]),
      style: ListStyle.suggestedAction,
    });
  };

  private confirm = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.urgent = (step.result as FoundChoice).value === 'urgent';
    const tr = textsFor(step.context);
    const locale = senderOf(step.context).locale;
    const text = tr('complaint.summary', {
      category: categoryLabel(v.category ?? '', locale),
      description: v.description ?? '',
      location: locationText(v.location ?? '', locale),
      photos: v.photos?.length ?? 0,
      urgency: priorityLabel(v.urgent ? 3 : 1, locale),
    });
    return step.prompt(CONFIRM, {
      prompt: text,
      choices: localChoices(tr, [
        ['yes', 'complaint.yes', ['是', '确认', '提交', '对', '好的', '确定', 'yes', 'ok', 'submit', 'confirm']],
        [
          'change',
          'complaint.changeCategory',
          ['改类别', '修改类别', '换类别', '类别不对', '改分类', 'change category', 'change'],
        ],
        ['no', 'complaint.no', ['否', '不', '不对', '不提交', 'no', 'cancel']],
      ]),
      style: ListStyle.suggestedAction,
    });
  };

  private create = async (step: WaterfallStepContext) => {
    const answer = (step.result as FoundChoice).value;
    const tr = textsFor(step.context);
    if (answer === 'change') {
      // Back to the category question only: every other answer is kept.
      const { category: _dropped, ...rest } = step.values as Values;
      return step.replaceDialog('complaint.steps', { resume: rest } satisfies ComplaintOptions);
    }
    if (answer !== 'yes') {
      await step.context.sendActivity(tr('complaint.notSubmitted'));
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
    const duration = durationText(made.ackMinutes, sender.locale);
    const created = tr('complaint.created', {
      number: made.ticket.number,
      ack: tr(made.roundTheClock ? 'complaint.ack.anytime' : 'complaint.ack.businessHours', { duration }),
      due: formatLocal(made.ackDueAt, sender.estate.timezone, 'datetime'),
      repeat: made.repeatOf ? `\n${tr('complaint.repeatNote', { previous: made.repeatOf.number })}` : '',
    });
    await step.context.sendActivity(guidance ? `${created}\n${guidance}` : created);
    return step.endDialog({ ticketId: made.ticket.id });
  };
}

/** Choices whose value is a stored word and whose button shows it in the reader's language. */
function labelled(values: readonly string[], label: (v: string) => string) {
  return values.map((v) => {
    const title = label(v);
    return title === v
      ? { value: v, action: { type: 'imBack', title: v, value: v } }
      : { value: v, synonyms: [title], action: { type: 'imBack', title, value: title } };
  });
}

/** Choices with a fixed value, a button in the reader's language, and the words (zh and en) that also pick them. */
function localChoices(tr: Translate, items: Array<[string, Parameters<Translate>[0], string[]]>) {
  return items.map(([value, key, words]) => {
    const title = tr(key);
    return { value, synonyms: [...new Set([title, ...words])], action: { type: 'imBack', title, value: title } };
  });
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
