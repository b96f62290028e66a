// 装修 for owners: see my permits, ask for an extension ("延期两周", "到12月20号"; a date prompt when the phrase is
// not understood), announce stop-work / resumption, book the 退场验收 in a free slot, ask about the deposit refund.
// Every request goes to staff for a decision; the rules and their explanations live in the renovation service.
// A first message that names the action ("装修许可要续一个月") skips the menu, and for an extension the same message
// is tried as the new end ("续一个月"): the question is asked only when it does not say one.
import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DateTimeResolution,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { AppError } from '../src/shared/app-error.js';
import { senderOf } from '../src/identity/sender.js';
import { REQUEST_KIND_LABEL, type RenovationService, type SubmitResult } from '../src/renovation/renovation.service.js';
import { formatLocal, localDateKey } from '../src/shared/zoned-time.js';
import { resolutionToDate } from './prompts/callback-time.js';
import { optionPrompt, pickNumber } from './prompts/option.prompt.js';
import { SafeDateTimePrompt } from './prompts/safe-datetime.prompt.js';
import { textsFor } from './dialog-deps.js';
import type { Clock } from '../src/shared/clock.js';
import { t } from '../src/i18n/index.js';
import { freeText, understoodOf } from './understood.js';

export const RENOVATION_DIALOG = 'renovation';

export interface RenovationDialogDeps {
  renovation: RenovationService;
  /** The clock date answers ("下周三上午") are read against. */
  now: Clock;
}

/** What the dialog was started for; main dialog may skip the menu ("装修延期" → 'extend'). */
export const ACTIONS = ['list', 'extend', 'stop', 'resume', 'inspect', 'deposit'] as const;
export type RenovationAction = (typeof ACTIONS)[number];

const TEXT = 'renovation.text';
const WHEN = 'renovation.when';

const MENU = 'renovation.menu';
const NUMBER = 'renovation.number';

interface Values {
  action?: RenovationAction;
  permitIds?: string[];
  /** The message that started the flow, when it may say the new end date ("续一个月"). */
  extensionText?: string;
  permitId?: string;
  slots?: string[];
}

/** The recogniser's sub-actions as this dialog names them. */
const ACTION_OF_SUB: Record<string, RenovationAction> = {
  list: 'list',
  extend: 'extend',
  stop: 'stop',
  resume: 'resume',
  exit: 'inspect',
  depositRefund: 'deposit',
};

export function pickRenovationAction(text: string): RenovationAction | null {
  const t = text.trim();
  const table: Array<[RegExp, RenovationAction]> = [
    [/^(1|我的装修.*|装修许可|查看.*)$/, 'list'],
    [/^(2|.*延期.*)$/, 'extend'],
    [/^(3|.*停工.*)$/, 'stop'],
    [/^(4|.*复工.*)$/, 'resume'],
    [/^(5|.*(退场|验收).*)$/, 'inspect'],
    [/^(6|.*(押金|退款).*)$/, 'deposit'],
  ];
  return table.find(([re]) => re.test(t))?.[1] ?? null;
}

function ownerOf(context: TurnContext) {
  const sender = senderOf(context);
  if (!sender.personId) throw new AppError('NOT_BOUND', 'renovation: not bound');
  return { personId: sender.personId, estate: sender.estate };
}

export class RenovationDialog extends ComponentDialog {
  constructor(private readonly deps: RenovationDialogDeps) {
    super(RENOVATION_DIALOG);
    this.addDialog(new TextPrompt(TEXT));
    this.addDialog(
      optionPrompt(
        MENU,
        (text) => (ACTIONS as readonly string[]).includes(text) || pickRenovationAction(text) !== null,
        'renovation.noOption',
      ),
    );
    this.addDialog(optionPrompt(NUMBER, (text, v) => pickNumber(text, v.max ?? 0) !== null, 'renovation.noSuchNumber'));
    this.addDialog(new SafeDateTimePrompt(WHEN, undefined, 'zh-cn', deps.now));
    this.addDialog(
      new WaterfallDialog('renovation.steps', [
        this.menu,
        this.route,
        this.permitChosen,
        this.detail,
        this.whenFallback,
      ]),
    );
    this.initialDialogId = 'renovation.steps';
  }

  private report(r: SubmitResult): string {
    if (!r.ok) return r.reasons.join('\n');
    const label = REQUEST_KIND_LABEL[r.request.kind];
    const what = r.request.kind === 'EXTENSION' ? `（延期至 ${r.request.newEndDate ?? ''}）` : '';
    return `已提交${label}申请${what}，编号 #${r.request.seq}。物业审批后会第一时间通知您。`;
  }

  private menu = async (step: WaterfallStepContext) => {
    const { estate } = ownerOf(step.context);
    const u = understoodOf(step.options);
    if (u?.sub === 'apply') {
      // No online 装修申报 yet (#20): say where it is done.
      const sender = senderOf(step.context);
      await step.context.sendActivity(t(sender.locale, 'renovation.applyReply', { deskPhone: estate.deskPhone }));
      return step.endDialog();
    }
    const preset =
      (step.options as { action?: RenovationAction } | undefined)?.action ??
      (u?.sub ? ACTION_OF_SUB[u.sub] : undefined);
    if (preset) {
      if (preset === 'extend') (step.values as Values).extensionText = freeText(u) ?? undefined;
      return step.next(preset);
    }
    return step.prompt(MENU, { prompt: textsFor(step.context)('renovation.menu') });
  };

  private route = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const said = String(step.result);
    // The menu prompt accepts only an action, so this always finds one.
    const action = (ACTIONS as readonly string[]).includes(said)
      ? (said as RenovationAction)
      : (pickRenovationAction(said) ?? 'list');
    v.action = action;
    const { personId } = ownerOf(step.context);
    const svc = this.deps.renovation;
    const permits = await svc.permitsOf(personId);
    if (action === 'list' && permits.length > 0) {
      await step.context.sendActivity(['您的装修许可：', ...(await svc.describePermits(permits))].join('\n'));
      return step.endDialog();
    }
    if (permits.length === 0) {
      await step.context.sendActivity('您名下没有登记的装修许可。办理装修申报请到物业前台。');
      return step.endDialog();
    }
    v.permitIds = permits.map((p) => p.id);
    if (permits.length === 1) return step.next('1');
    const lines = (await svc.describePermits(permits)).map((l, i) => `${i + 1} ${l}`);
    return step.prompt(NUMBER, {
      prompt: ['请回复装修许可的序号：', ...lines].join('\n'),
      validations: { max: permits.length },
    });
  };

  private permitChosen = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const ids = v.permitIds ?? [];
    const n = pickNumber(String(step.result), ids.length);
    const permitId = n === null ? undefined : ids[n - 1];
    if (!permitId) {
      await step.context.sendActivity('没有这个序号，已退出。需要时再回复“装修”。');
      return step.endDialog();
    }
    v.permitId = permitId;
    const { personId, estate } = ownerOf(step.context);
    const svc = this.deps.renovation;
    const permit = await svc.ownedPermit(personId, permitId);
    switch (v.action) {
      case 'extend': {
        // "续一个月" in the first message: tried as the answer; asked only when it names no end date.
        if (v.extensionText) {
          const r = await svc.requestExtension(estate, personId, permitId, v.extensionText, null);
          if (r.ok || r.code !== 'UNPARSED') {
            await step.context.sendActivity(this.report(r));
            return step.endDialog();
          }
        }
        const max = svc.settings(estate).maxExtensionDays;
        return step.prompt(TEXT, {
          prompt: `装修许可 ${permit.number} 当前到 ${permit.endDate}。请问要延期到哪天？例如“延期两周”“到12月20日”“2026-12-20”。（每次最多 ${max} 天）`,
        });
      }
      case 'stop':
        return step.prompt(TEXT, { prompt: '请简单说明停工原因，例如“春节放假”。' });
      case 'resume':
        await step.context.sendActivity(this.report(await svc.announceResume(estate, personId, permitId, null)));
        return step.endDialog();
      case 'inspect': {
        const slots = (await svc.freeInspectionSlots(estate)).slice(0, 8);
        if (slots.length === 0) {
          await step.context.sendActivity('近期退场验收时段已约满，请联系物业前台安排。');
          return step.endDialog();
        }
        v.slots = slots.map((s) => s.toISOString());
        const lines = slots.map((s, i) => `${i + 1} ${formatLocal(s, estate.timezone)}`);
        return step.prompt(NUMBER, {
          prompt: ['可预约的退场验收时段，请回复序号：', ...lines].join('\n'),
          validations: { max: slots.length },
        });
      }
      default:
        await step.context.sendActivity(await svc.depositStatus(personId, permitId));
        return step.endDialog();
    }
  };

  private detail = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const text = String(step.result).trim();
    const { personId, estate } = ownerOf(step.context);
    const svc = this.deps.renovation;
    const permitId = v.permitId ?? '';
    if (v.action === 'extend') {
      const r = await svc.requestExtension(estate, personId, permitId, text, null);
      if (!r.ok && r.code === 'UNPARSED') {
        return step.prompt(WHEN, {
          prompt: '没看懂您要延期到哪一天，请说一个具体日期，例如“12月20日”。',
          retryPrompt: '请说一个具体日期，例如“12月20日”。',
        });
      }
      await step.context.sendActivity(this.report(r));
      return step.endDialog();
    }
    if (v.action === 'stop') {
      await step.context.sendActivity(
        this.report(await svc.announceStopWork(estate, personId, permitId, text || null)),
      );
      return step.endDialog();
    }
    const slots = v.slots ?? [];
    const n = pickNumber(text, slots.length);
    const slot = n === null ? undefined : slots[n - 1];
    if (!slot) {
      await step.context.sendActivity('没有这个序号，已退出。需要时再回复“装修”。');
      return step.endDialog();
    }
    await step.context.sendActivity(
      this.report(await svc.bookExitInspection(estate, personId, permitId, new Date(slot))),
    );
    return step.endDialog();
  };

  private whenFallback = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const { personId, estate } = ownerOf(step.context);
    // "12月20日" without a year resolves to last and next December: take the first reading not in the past.
    const today = this.deps.renovation.today(estate);
    const days = ((step.result as DateTimeResolution[] | undefined) ?? [])
      .map((r) => resolutionToDate(r, estate.timezone))
      .flatMap((d) => (d ? [localDateKey(d, estate.timezone)] : []));
    const day = days.find((d) => d >= today) ?? days[0];
    if (!day) {
      await step.context.sendActivity('还是没看懂这个日期，已退出。需要时再回复“装修延期”。');
      return step.endDialog();
    }
    await step.context.sendActivity(
      this.report(await this.deps.renovation.requestExtension(estate, personId, v.permitId ?? '', day, null)),
    );
    return step.endDialog();
  };
}
