// 我的投诉: the owner's open and recent tickets with status and next step; pick one to add information / photos or
// to withdraw it. A first message that says which ("投诉撤回吧", "给投诉加几张照片") skips the action question.
import {
  TextPrompt,
  WaterfallDialog,
  ComponentDialog,
  ListStyle,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { checkText } from '../src/bot/input-guard.js';
import { OPEN_STATUSES } from '../src/complaints/complaint.service.js';
import { categoryLabel, eventLine, locationText, nextStepText, statusLabel } from '../src/tickets/status-labels.js';
import { t as translate, type Locale } from '../src/i18n/index.js';
import type { TicketListItem } from '../src/db/ticket.repo.js';
import { senderOf } from '../src/identity/sender.js';
import { formatLocal } from '../src/shared/zoned-time.js';
import { textsFor, type DialogDeps } from './dialog-deps.js';
import { guardedChoicePrompt, imBackChoice } from './prompts/guarded-choice.prompt.js';
import { imagesOf } from './prompts/photo.prompt.js';
import { retryWith } from './prompts/retry.js';
import { understoodOf } from './understood.js';

export const MY_COMPLAINTS_DIALOG = 'my-complaints';
const PICK = 'my-complaints.pick';
const ACTION = 'my-complaints.action';
const INFO = 'my-complaints.info';
const WITHDRAW = 'my-complaints.withdraw';

interface Values {
  tickets?: Array<{ id: string; number: string }>;
  ticket?: { id: string; number: string };
}

const BACK = 'back';

/** 返回 / Back: ends the flow. */
const backChoice = (title: string) => ({
  value: BACK,
  synonyms: [...new Set(['返回', 'back', title])],
  action: { type: 'imBack', title, value: title },
});

export class MyComplaintsDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MY_COMPLAINTS_DIALOG);
    this.addDialog(guardedChoicePrompt(PICK, (tr) => tr('complaint.pickRetry')));
    this.addDialog(guardedChoicePrompt(ACTION, (tr) => tr('complaint.actionRetry')));
    this.addDialog(guardedChoicePrompt(WITHDRAW, (tr) => tr('complaint.withdrawRetry')));
    // Text or photos: either is information for the ticket.
    this.addDialog(
      new TextPrompt(INFO, async (p) => {
        const { images, unsupported } = imagesOf(p.context);
        if (unsupported) {
          retryWith(p, textsFor(p.context)('complaint.photoUnsupported', { type: unsupported }));
          return false;
        }
        if (images.length) return true;
        const problem = checkText(
          p.context.activity,
          this.deps.complaints.settings(senderOf(p.context).estate).maxDescriptionLength,
        );
        if (!problem) return true;
        retryWith(p, textsFor(p.context)(problem.key, problem.params));
        return false;
      }),
    );
    this.addDialog(new WaterfallDialog('my-complaints.steps', [this.list, this.show, this.act, this.finish]));
    this.initialDialogId = 'my-complaints.steps';
  }

  private line(t: TicketListItem, i: number, tz: string, locale: Locale): string {
    const tr = (key: 'complaint.listLine' | 'complaint.listRepeat', params?: Record<string, string | number>) =>
      translate(locale, key, params);
    return tr('complaint.listLine', {
      index: i + 1,
      number: t.number,
      category: categoryLabel(t.category, locale),
      status: statusLabel(t.status, locale),
      repeat: t.isRepeat ? tr('complaint.listRepeat') : '',
      description: t.description.slice(0, 30),
      createdAt: formatLocal(t.createdAt, tz),
      next: nextStepText(t.status, locale),
    });
  }

  private list = async (step: WaterfallStepContext) => {
    const sender = senderOf(step.context);
    const tr = textsFor(step.context);
    if (!sender.personId) {
      await step.context.sendActivity(tr('complaint.notBound'));
      return step.endDialog();
    }
    const tickets = await this.deps.complaints.listMine(sender.personId);
    if (tickets.length === 0) {
      await step.context.sendActivity(tr('complaint.noTickets'));
      return step.endDialog();
    }
    (step.values as Values).tickets = tickets.map((t) => ({ id: t.id, number: t.number }));
    const text = [
      tr('complaint.myList'),
      ...tickets.map((t, i) => this.line(t, i, sender.estate.timezone, sender.locale)),
      tr('complaint.askPick'),
    ].join('\n');
    return step.prompt(PICK, {
      prompt: text,
      choices: [
        ...tickets.map((t, i) => imBackChoice(t.id, t.number, [String(i + 1)])),
        backChoice(tr('complaint.back')),
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private show = async (step: WaterfallStepContext) => {
    const picked = (step.result as FoundChoice).value;
    const tr = textsFor(step.context);
    if (picked === BACK) {
      await step.context.sendActivity(tr('complaint.backDone'));
      return step.endDialog();
    }
    const v = step.values as Values;
    const ref = v.tickets?.find((t) => t.id === picked);
    const sender = senderOf(step.context);
    const mine = ref && sender.personId ? await this.deps.complaints.mine(sender.personId, ref.id) : null;
    if (!ref || !mine) return step.endDialog();
    v.ticket = ref;
    const { ticket, events } = mine;
    const locale = sender.locale;
    const detail = [
      tr('complaint.detailHead', {
        number: ticket.number,
        category: categoryLabel(ticket.category, locale),
        status: statusLabel(ticket.status, locale),
      }),
      tr('complaint.detailContent', { description: ticket.description }),
      tr('complaint.detailLocation', { location: locationText(ticket.location, locale) }),
      // Staff 备注 are internal (they may name neighbours): owners see what happened, not the notes.
      ...events
        .filter((e) => e.action !== 'note')
        .slice(-3)
        .map((e) => eventLine(e, sender.estate.timezone, locale)),
      tr('complaint.detailNext', { next: nextStepText(ticket.status, locale) }),
    ].join('\n');
    if (!OPEN_STATUSES.includes(ticket.status)) {
      await step.context.sendActivity(`${detail}\n${tr('complaint.ticketClosedActions')}`);
      return step.endDialog();
    }
    const preset = { addInfo: 'info', withdraw: 'withdraw' }[understoodOf(step.options)?.sub ?? ''];
    if (preset) {
      await step.context.sendActivity(detail);
      return step.next({ value: preset, index: 0, score: 1 } satisfies FoundChoice);
    }
    return step.prompt(ACTION, {
      prompt: `${detail}\n${tr('complaint.ticketActions')}`,
      choices: [
        {
          value: 'info',
          synonyms: ['补充信息', '补充', '补充照片', 'add info', 'add', 'add photos', tr('complaint.actionAddInfo')],
          action: { type: 'imBack', title: tr('complaint.actionAddInfo'), value: tr('complaint.actionAddInfo') },
        },
        {
          value: 'withdraw',
          synonyms: ['撤回', '撤销', 'withdraw', 'cancel it', tr('complaint.actionWithdraw')],
          action: { type: 'imBack', title: tr('complaint.actionWithdraw'), value: tr('complaint.actionWithdraw') },
        },
        backChoice(tr('complaint.back')),
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private act = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const action = (step.result as FoundChoice).value;
    const tr = textsFor(step.context);
    if (action === 'info') return step.prompt(INFO, { prompt: tr('complaint.askAddInfo') });
    if (action === 'withdraw') {
      return step.prompt(WITHDRAW, {
        prompt: tr('complaint.confirmWithdraw', { number: v.ticket?.number ?? '' }),
        choices: [
          {
            value: 'yes',
            synonyms: ['是', 'yes', tr('complaint.yes')],
            action: { type: 'imBack', title: tr('complaint.yes'), value: tr('complaint.yes') },
          },
          {
            value: 'no',
            synonyms: ['否', 'no', tr('complaint.no')],
            action: { type: 'imBack', title: tr('complaint.no'), value: tr('complaint.no') },
          },
        ],
        style: ListStyle.suggestedAction,
      });
    }
    await step.context.sendActivity(tr('complaint.backDone'));
    return step.endDialog();
  };

  private finish = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const sender = senderOf(step.context);
    const ticket = v.ticket;
    if (!ticket || !sender.personId) return step.endDialog();
    const tr = textsFor(step.context);
    if (typeof step.result === 'string' || step.result === undefined) {
      const { images } = imagesOf(step.context);
      const text = (step.context.activity.text ?? '').trim();
      await this.deps.complaints.addInfo(
        sender.personId,
        ticket.id,
        { text: text || null, attachments: images },
        sender.locale,
      );
      await step.context.sendActivity(tr('complaint.infoAdded', { number: ticket.number }));
      return step.endDialog();
    }
    if ((step.result as FoundChoice).value === 'yes') {
      await this.deps.complaints.withdraw(sender.personId, ticket.id, sender.locale);
      await step.context.sendActivity(tr('complaint.withdrawn', { number: ticket.number }));
    } else {
      await step.context.sendActivity(tr('complaint.kept'));
    }
    return step.endDialog();
  };
}
