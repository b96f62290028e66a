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
import { eventLine, NEXT_STEP, STATUS_LABEL, T } from '../src/complaints/complaint.texts.js';
import type { TicketListItem } from '../src/db/ticket.repo.js';
import { senderOf } from '../src/identity/sender.js';
import { formatLocal } from '../src/shared/zoned-time.js';
import { textsFor, type DialogDeps } from './dialog-deps.js';
import { guardedChoicePrompt, imBackChoices as choices } from './prompts/guarded-choice.prompt.js';
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

const BACK = '返回';

export class MyComplaintsDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MY_COMPLAINTS_DIALOG);
    this.addDialog(guardedChoicePrompt(PICK, T.pickRetry));
    this.addDialog(guardedChoicePrompt(ACTION, T.actionRetry));
    this.addDialog(guardedChoicePrompt(WITHDRAW, T.withdrawRetry));
    // Text or photos: either is information for the ticket.
    this.addDialog(
      new TextPrompt(INFO, async (p) => {
        const { images, unsupported } = imagesOf(p.context);
        if (unsupported) {
          retryWith(p, T.photoUnsupported(unsupported));
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

  private line(t: TicketListItem, i: number, tz: string): string {
    return `${i + 1}. ${t.number} ${t.category}｜${STATUS_LABEL[t.status]}${t.isRepeat ? '（二次投诉）' : ''}\n   ${t.description.slice(0, 30)}\n   提交于 ${formatLocal(t.createdAt, tz)}；下一步：${NEXT_STEP[t.status]}`;
  }

  private list = async (step: WaterfallStepContext) => {
    const sender = senderOf(step.context);
    if (!sender.personId) {
      await step.context.sendActivity(T.notBound);
      return step.endDialog();
    }
    const tickets = await this.deps.complaints.listMine(sender.personId);
    if (tickets.length === 0) {
      await step.context.sendActivity(T.noTickets);
      return step.endDialog();
    }
    (step.values as Values).tickets = tickets.map((t) => ({ id: t.id, number: t.number }));
    const text = [T.myList, ...tickets.map((t, i) => this.line(t, i, sender.estate.timezone)), T.askPick].join('\n');
    return step.prompt(PICK, {
      prompt: text,
      choices: [
        ...tickets.map((t, i) => ({
          value: t.id,
          synonyms: [t.number, String(i + 1)],
          action: { type: 'imBack', title: t.number, value: t.number },
        })),
        ...choices([BACK]),
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private show = async (step: WaterfallStepContext) => {
    const picked = (step.result as FoundChoice).value;
    if (picked === BACK) {
      await step.context.sendActivity(T.backDone);
      return step.endDialog();
    }
    const v = step.values as Values;
    const ref = v.tickets?.find((t) => t.id === picked);
    const sender = senderOf(step.context);
    const mine = ref && sender.personId ? await this.deps.complaints.mine(sender.personId, ref.id) : null;
    if (!ref || !mine) return step.endDialog();
    v.ticket = ref;
    const { ticket, events } = mine;
    const detail = [
      `工单 ${ticket.number}｜${ticket.category}｜${STATUS_LABEL[ticket.status]}`,
      `内容：${ticket.description}`,
      `位置：${ticket.location}`,
      // Staff 备注 are internal (they may name neighbours): owners see what happened, not the notes.
      ...events
        .filter((e) => e.action !== 'note')
        .slice(-3)
        .map((e) => eventLine(e, sender.estate.timezone)),
      `下一步：${NEXT_STEP[ticket.status]}`,
    ].join('\n');
    if (!OPEN_STATUSES.includes(ticket.status)) {
      await step.context.sendActivity(`${detail}\n${T.ticketClosedActions}`);
      return step.endDialog();
    }
    const preset = { addInfo: 'info', withdraw: 'withdraw' }[understoodOf(step.options)?.sub ?? ''];
    if (preset) {
      await step.context.sendActivity(detail);
      return step.next({ value: preset, index: 0, score: 1 } satisfies FoundChoice);
    }
    return step.prompt(ACTION, {
      prompt: `${detail}\n${T.ticketActions}`,
      choices: [
        {
          value: 'info',
          synonyms: ['补充信息', '补充', '补充照片'],
          action: { type: 'imBack', title: '补充信息', value: '补充信息' },
        },
        { value: 'withdraw', synonyms: ['撤回', '撤销'], action: { type: 'imBack', title: '撤回', value: '撤回' } },
        ...choices([BACK]),
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private act = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const action = (step.result as FoundChoice).value;
    if (action === 'info') return step.prompt(INFO, { prompt: T.askAddInfo });
    if (action === 'withdraw') {
      return step.prompt(WITHDRAW, {
        prompt: T.confirmWithdraw(v.ticket?.number ?? ''),
        choices: choices(['是', '否']),
        style: ListStyle.suggestedAction,
      });
    }
    await step.context.sendActivity(T.backDone);
    return step.endDialog();
  };

  private finish = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const sender = senderOf(step.context);
    const ticket = v.ticket;
    if (!ticket || !sender.personId) return step.endDialog();
    if (typeof step.result === 'string' || step.result === undefined) {
      const { images } = imagesOf(step.context);
      const text = (step.context.activity.text ?? '').trim();
      await this.deps.complaints.addInfo(sender.personId, ticket.id, { text: text || null, attachments: images });
      await step.context.sendActivity(T.infoAdded(ticket.number));
      return step.endDialog();
    }
    if ((step.result as FoundChoice).value === '是') {
      await this.deps.complaints.withdraw(sender.personId, ticket.id);
      await step.context.sendActivity(T.withdrawn(ticket.number));
    } else {
      await step.context.sendActivity(T.kept);
    }
    return step.endDialog();
  };
}
