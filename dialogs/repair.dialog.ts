// 报修: in-home or public area → which flat / where → trade → what is wrong → photos → (in-home) visit window on the
// desk calendar and who will be home → urgency → summary with 有偿/无偿 from the estate's price list → the owner
// confirms (a paid repair: agrees to the quoted price) → ticket number and promised dispatch time. What the first
// message said ("洗手池下水很慢") is taken as the description and names the trade; bad input re-asks the same step.
import {
  ComponentDialog,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Activity } from 'botbuilder';
import { checkText } from '../src/bot/input-guard.js';
import { t } from '../src/i18n/index.js';
import { senderOf } from '../src/identity/sender.js';
import { guessTrade } from '../src/repairs/repair-settings.js';
import { priceLabel, tradeLabel } from '../src/repairs/repair.service.js';
import { visitWindowOf, windowText, type VisitWindow } from '../src/repairs/visit-window.js';
import { PRIORITY_LABEL } from '../src/sla/ladder.js';
import type { DialogDeps } from './dialog-deps.js';
import { textsFor } from './dialog-deps.js';
import { guardedChoicePrompt, imBackChoice, imBackChoices as choices } from './prompts/guarded-choice.prompt.js';
import { guardedTextPrompt } from './prompts/guarded-text.prompt.js';
import { PhotoPrompt, type PhotoFile } from './prompts/photo.prompt.js';
import { retryWith } from './prompts/retry.js';
import { freeText, understoodOf } from './understood.js';

export const REPAIR_DIALOG = 'repair';
const WHERE = 'repair.where';
const UNIT = 'repair.unit';
const LOCATION = 'repair.location';
const TRADE = 'repair.trade';
const DESCRIPTION = 'repair.description';
const PHOTOS = 'repair.photos';
const VISIT = 'repair.visit';
const WHO_HOME = 'repair.whoHome';
const URGENCY = 'repair.urgency';
const CONFIRM = 'repair.confirm';
const CONFIRM_PAID = 'repair.confirmPaid';
const WINDOW_KEY = Symbol('repair.window');

interface Values {
  trade?: string;
  description?: string;
  inHome?: boolean;
  unitId?: string | null;
  location?: string;
  photos?: PhotoFile[];
  visit?: { from: string; to: string } | null;
  homeContact?: string | null;
  urgent?: boolean;
  paid?: boolean;
}

export class RepairDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(REPAIR_DIALOG);
    this.addDialog(guardedChoicePrompt(WHERE, (tr) => tr('repair.whereRetry')));
    this.addDialog(guardedChoicePrompt(UNIT, (tr) => tr('repair.unitRetry')));
    this.addDialog(guardedTextPrompt(LOCATION, () => 100));
    this.addDialog(guardedChoicePrompt(TRADE, (tr) => tr('repair.tradeRetry')));
    this.addDialog(
      guardedTextPrompt(DESCRIPTION, (p) => deps.repairs.settings(senderOf(p.context).estate).maxDescriptionLength),
    );
    this.addDialog(
      new PhotoPrompt(PHOTOS, (tr) => ({
        received: (count) => tr('repair.photoReceived', { count }),
        unsupported: (type) => tr('repair.photoUnsupported', { type }),
        retry: tr('repair.photoRetry'),
        tooLong: tr('repair.photoTooLong'),
      })),
    );
    this.addDialog(
      new TextPrompt(VISIT, async (p) => {
        const tr = textsFor(p.context);
        const problem = checkText(p.context.activity, 100);
        if (problem) {
          retryWith(p, tr(problem.key, problem.params));
          return false;
        }
        const sender = senderOf(p.context);
        const slots = await deps.keys.slotsFor(sender.estate.id);
        const w = visitWindowOf(p.recognized.value ?? '', slots, deps.now(), sender.locale);
        const hours = slots.hoursText(sender.locale);
        if (w && 'from' in w) {
          p.context.turnState.set(WINDOW_KEY, w);
          return true;
        }
        retryWith(p, w === null ? tr('repair.visitRetry', { hours }) : w.problem || tr('repair.visitNone', { hours }));
        return false;
      }),
    );
    this.addDialog(guardedTextPrompt(WHO_HOME, () => 60));
    this.addDialog(guardedChoicePrompt(URGENCY, (tr) => tr('repair.urgencyRetry')));
    this.addDialog(guardedChoicePrompt(CONFIRM, (tr) => tr('repair.confirmRetry')));
    this.addDialog(guardedChoicePrompt(CONFIRM_PAID, (tr) => tr('repair.confirmPaidRetry')));
    this.addDialog(
      new WaterfallDialog('repair.steps', [
        this.askWhere,
        this.askWhereDetail,
        this.askTrade,
        this.askDescription,
        this.askPhotos,
        this.askVisit,
        this.askWhoHome,
        this.askUrgency,
        this.confirm,
        this.create,
      ]),
    );
    this.initialDialogId = 'repair.steps';
  }

  private askWhere = async (step: WaterfallStepContext) => {
    const sender = senderOf(step.context);
    const tr = textsFor(step.context);
    if (!sender.personId || sender.units.length === 0) {
      await step.context.sendActivity(tr('repair.notBound', { deskPhone: sender.estate.deskPhone }));
      return step.endDialog();
    }
    const v = step.values as Values;
    const s = this.deps.repairs.settings(sender.estate);
    const said = freeText(understoodOf(step.options));
    // "洗手池下水很慢" is the description and names the trade; "报修" alone names nothing.
    if (
      said &&
      !checkText({ text: said }, s.maxDescriptionLength) &&
      [...said.replace(/报修|维修|修理|[\p{P}\s]/gu, '')].length >= 3
    ) {
      v.description = said;
      v.trade = guessTrade(s, said) ?? undefined;
      await step.context.sendActivity(
        tr('repair.understood', { description: said.length > 60 ? `${said.slice(0, 60)}…` : said }),
      );
    }
    return step.prompt(WHERE, {
      prompt: tr('repair.askWhere'),
      choices: choices([tr('repair.whereHome'), tr('repair.wherePublic')]),
      style: ListStyle.suggestedAction,
    });
  };

  private askWhereDetail = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const sender = senderOf(step.context);
    const tr = textsFor(step.context);
    v.inHome = (step.result as FoundChoice).index === 0;
    v.unitId = sender.units[0]?.unitId ?? null;
    if (!v.inHome) return step.prompt(LOCATION, { prompt: tr('repair.askLocation') });
    if (sender.units.length > 1)
      return step.prompt(UNIT, {
        prompt: tr('repair.askUnit'),
        choices: choices(sender.units.map((u) => u.label)),
        style: ListStyle.suggestedAction,
      });
    return step.next(null);
  };

  private askTrade = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const sender = senderOf(step.context);
    if (v.inHome) {
      const picked = step.result
        ? sender.units.find((u) => u.label === (step.result as FoundChoice).value)
        : sender.units[0];
      v.unitId = picked?.unitId ?? v.unitId ?? null;
      v.location = `${t(sender.locale, 'repair.whereHome')} ${picked?.label ?? ''}`.trim();
    } else {
      v.location = t(sender.locale, 'repair.location.public', {
        where: t(sender.locale, 'repair.wherePublic'),
        text: String(step.result).trim(),
      });
    }
    if (v.trade) return step.next({ value: v.trade });
    const { trades } = this.deps.repairs.settings(sender.estate);
    return step.prompt(TRADE, {
      prompt: textsFor(step.context)('repair.askTrade'),
      // The value is the trade's name (data); the button shows it in the owner's language.
      choices: trades.map((x) => imBackChoice(x.name, tradeLabel(x.name, sender.locale))),
      style: ListStyle.suggestedAction,
    });
  };

  private askDescription = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.trade = (step.result as FoundChoice).value;
    if (v.description) return step.next(v.description);
    return step.prompt(DESCRIPTION, { prompt: textsFor(step.context)('repair.askDescription') });
  };

  private askPhotos = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.description = String(step.result).trim();
    return step.prompt(PHOTOS, { prompt: textsFor(step.context)('repair.askPhotos') });
  };

  private askVisit = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.photos = (step.result as { photos: PhotoFile[] }).photos;
    if (!v.inHome) return step.next(null);
    const sender = senderOf(step.context);
    const slots = await this.deps.keys.slotsFor(sender.estate.id);
    return step.prompt(VISIT, {
      prompt: textsFor(step.context)('repair.askVisit', { hours: slots.hoursText(sender.locale) }),
    });
  };

  private askWhoHome = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const w = step.context.turnState.get(WINDOW_KEY) as VisitWindow | undefined;
    v.visit = v.inHome && w ? { from: w.from.toISOString(), to: w.to.toISOString() } : null;
    if (!v.inHome) return step.next(null);
    const tr = textsFor(step.context);
    return step.prompt(WHO_HOME, {
      prompt: tr('repair.askWhoHome'),
    });
  };

  private askUrgency = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const sender = senderOf(step.context);
    const tr = textsFor(step.context);
    if (v.inHome) {
      const said = String(step.result ?? '').trim();
      v.homeContact = /^(本人|我|我自己|自己|me|myself)$/i.test(said)
        ? tr('repair.contact.self', { name: sender.name ?? tr('repair.contact.owner') })
        : said;
    }
    return step.prompt(URGENCY, {
      prompt: tr('repair.askUrgency'),
      choices: choices([tr('repair.urgencyNormal'), tr('repair.urgencyUrgent')]),
      style: ListStyle.suggestedAction,
    });
  };

  private confirm = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const sender = senderOf(step.context);
    const tr = textsFor(step.context);
    v.urgent = (step.result as FoundChoice).index === 1;
    const quote = this.deps.repairs.quote(sender.estate, v.trade ?? '', v.inHome === true);
    v.paid = quote.paid;
    const tz = sender.estate.timezone;
    const visit = v.visit ? windowText({ from: new Date(v.visit.from), to: new Date(v.visit.to) }, tz) : null;
    const text = tr('repair.summary', {
      trade: tradeLabel(v.trade ?? '', sender.locale),
      description: v.description ?? '',
      location: v.location ?? '',
      photos: v.photos?.length ?? 0,
      visit: visit ? tr('repair.summaryVisit', { window: visit, contact: v.homeContact ?? '' }) : '',
      urgency:
        (sender.locale === 'en'
          ? tr(v.urgent ? 'repair.urgencyUrgent' : 'repair.urgencyNormal')
          : PRIORITY_LABEL[v.urgent ? 3 : 1]) ?? '',
      fee: quote.paid ? tr('repair.paid', { price: priceLabel(quote.text, sender.locale) }) : tr('repair.free'),
      ask: tr(quote.paid ? 'repair.askConfirmPaid' : 'repair.askConfirm'),
    });
    const yes = tr(quote.paid ? 'repair.button.agree' : 'repair.button.yes');
    const no = tr('repair.button.no');
    return step.prompt(quote.paid ? CONFIRM_PAID : CONFIRM, {
      prompt: text,
      choices: [
        {
          value: 'yes',
          synonyms: quote.paid
            ? [yes, '同意', '同意报价', '确认', '可以', 'agree', 'yes']
            : [yes, '是', '确认', '提交', '对', '好的', '确定', 'yes'],
          action: { type: 'imBack', title: yes, value: yes },
        },
        {
          value: 'no',
          synonyms: [no, '否', '不', '不同意', '不提交', '取消', 'no'],
          action: { type: 'imBack', title: no, value: no },
        },
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private create = async (step: WaterfallStepContext) => {
    const tr = textsFor(step.context);
    if ((step.result as FoundChoice).value !== 'yes') {
      await step.context.sendActivity(tr('repair.notSubmitted'));
      return step.endDialog();
    }
    const v = step.values as Values;
    const sender = senderOf(step.context);
    const visit = v.visit ? { from: new Date(v.visit.from), to: new Date(v.visit.to) } : null;
    const made = await this.deps.repairs.create({
      estate: sender.estate,
      personId: sender.personId ?? '',
      unitId: v.unitId ?? null,
      trade: v.trade ?? '其他',
      description: v.description ?? '',
      location: v.location ?? '',
      inHome: v.inHome === true,
      urgent: v.urgent === true,
      attachments: v.photos ?? [],
      visit,
      homeContact: v.homeContact ?? null,
      intake: 'chat',
      intakeKey: intakeKeyOf(step.context.activity),
    });
    await step.context.sendActivity(
      tr('repair.created', { number: made.ticket.number, ack: made.ackTextIn(sender.locale), due: made.ackDueLocal }) +
        (visit ? tr('repair.createdVisit', { window: windowText(visit, sender.estate.timezone) }) : ''),
    );
    return step.endDialog({ ticketId: made.ticket.id });
  };
}

/** The message that files the repair, as the channel names it: a re-run of its turn files nothing new. */
function intakeKeyOf(a: Partial<Activity>): string | undefined {
  return a.id ? `${a.channelId}/${a.conversation?.id}:${a.id}` : undefined;
}
