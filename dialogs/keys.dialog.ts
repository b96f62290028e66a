// 钥匙留置·借取 for owners: book a deposit, book a pickup (self or an authorised person), see, reschedule or cancel
// bookings, manage authorised persons. Times come as zh-CN phrases ("明天上午十点", "周六下午"); a range or a bare
// date takes the earliest free slot in it. Refusals (lunch break, holiday, full, past) say why and ask again.
import {
  ComponentDialog,
  DateTimePrompt,
  TextPrompt,
  WaterfallDialog,
  type DateTimeResolution,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { AppError } from '../src/bot/app-error.js';
import { senderOf, type Sender } from '../src/identity/sender.js';
import { KIND_LABEL, type KeyService, type OwnerUnit, type PickupPerson } from '../src/keys/key.service.js';
import { maskPhone } from '../src/shared/phone.js';
import { formatLocal, localDateKey } from '../src/shared/zoned-time.js';
import { resolutionToDate } from './prompts/callback-time.js';
import { retryWith } from './prompts/retry.js';

export const KEYS_DIALOG = 'keys';

export interface KeysDialogDeps {
  keys: KeyService;
  now: () => Date;
}

const TEXT = 'keys.text';
const WHEN = 'keys.when';
const SLOT_KEY = Symbol('keys.slot');

const MENU = '钥匙寄存/领取，请回复数字：\n1 寄存钥匙\n2 预约领取\n3 我的预约\n4 改期\n5 取消预约\n6 授权人管理';
/** The time question, with the desk's configured hours (not hard-coded: they come from the slot settings). */
const askWhen = (slots: KeyService['slots']) =>
  `请问哪天几点到前台？例如“明天上午十点”“周六下午”。（前台 ${slots.hoursText()}，每 ${slots.settings.slotMinutes} 分钟一段）`;

interface Values {
  action?: string;
  description?: string;
  holdingId?: string;
  person?: PickupPerson;
  appointmentId?: string;
}

function ownerOf(sender: Sender): OwnerUnit {
  const unit = sender.units.find((u) => u.role === 'OWNER') ?? sender.units[0];
  if (!sender.personId || !unit) throw new AppError('NOT_BOUND', 'keys: not bound');
  return { estateId: unit.estateId, unitId: unit.unitId, unitLabel: unit.label, ownerPersonId: sender.personId, ownerName: sender.name ?? '业主' };
}

function pickAction(text: string): string | null {
  const t = text.trim();
  const table: Array<[RegExp, string]> = [
    [/^(1|寄存.*|存钥匙)$/, 'deposit'],
    [/^(2|领取.*|取钥匙|预约领取)$/, 'pickup'],
    [/^(3|我的预约|查看.*)$/, 'list'],
    [/^(4|改期|改时间)$/, 'reschedule'],
    [/^(5|取消.*)$/, 'cancel'],
    [/^(6|授权.*)$/, 'authorise'],
  ];
  return table.find(([re]) => re.test(t))?.[1] ?? null;
}

export class KeysDialog extends ComponentDialog {
  constructor(private readonly deps: KeysDialogDeps) {
    super(KEYS_DIALOG);
    this.addDialog(new TextPrompt(TEXT));
    this.addDialog(new DateTimePrompt(WHEN, (p) => this.validateWhen(p), 'zh-cn'));
    this.addDialog(new WaterfallDialog('keys.steps', [this.menu, this.route, this.detail, this.when]));
    this.initialDialogId = 'keys.steps';
  }

  /** Turns the phrase into a bookable slot (stored for the next step) or explains why not. */
  private async validateWhen(prompt: PromptValidatorContext<DateTimeResolution[]>): Promise<boolean> {
    if (!prompt.recognized.succeeded) {
      retryWith(prompt, '没听懂这个时间。');
      return false;
    }
    const sender = senderOf(prompt.context);
    const svc = this.deps.keys;
    const estateId = ownerOf(sender).estateId;
    const now = this.deps.now();
    let problem = '没听懂这个时间。';
    // "周六下午" may resolve to last and next Saturday: try each reading, the first that yields a free slot wins.
    for (const res of prompt.recognized.value ?? []) {
      const raw = res.value ?? (res as { start?: string }).start ?? '';
      const at = resolutionToDate(res, svc.slots.tz);
      if (!at) continue;
      const day = localDateKey(at, svc.slots.tz);
      const isRange = (res as { end?: string }).end !== undefined || /^\d{4}-\d{2}-\d{2}$/.test(raw);
      if (isRange) {
        const closed = svc.slots.closedDay(day);
        if (closed) {
          problem = svc.slots.refusalText(closed);
          continue;
        }
        // The range end is ignored: the recognizer's 下午 ends at 16:00, the desk's at 18:00.
        const first = (await svc.freeSlots(estateId, day)).find((s) => s.getTime() >= at.getTime());
        if (!first) {
          problem = '这段时间已没有可预约的时段，请换个时间。';
          continue;
        }
        prompt.context.turnState.set(SLOT_KEY, first);
        return true;
      }
      const refusal = svc.slots.check(at, now);
      if (refusal) {
        problem = svc.slots.refusalText(refusal);
        continue;
      }
      const free = await svc.freeSlots(estateId, day);
      if (!free.some((s) => s.getTime() === at.getTime())) {
        const alt = free.find((s) => s.getTime() > at.getTime());
        problem = `${formatLocal(at, svc.slots.tz)} 这个时段已约满${alt ? `，最近可约 ${formatLocal(alt, svc.slots.tz, 'time')}` : ''}。`;
        continue;
      }
      prompt.context.turnState.set(SLOT_KEY, at);
      return true;
    }
    retryWith(prompt, problem);
    return false;
  }

  private menu = async (step: WaterfallStepContext) => {
    ownerOf(senderOf(step.context));
    return step.prompt(TEXT, { prompt: MENU });
  };

  private route = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const action = pickAction(String(step.result));
    if (!action) {
      await step.context.sendActivity('没有这个选项，已退出钥匙服务。需要时再回复“钥匙”。');
      return step.endDialog();
    }
    v.action = action;
    const owner = ownerOf(senderOf(step.context));
    const svc = this.deps.keys;
    switch (action) {
      case 'deposit':
        return step.prompt(TEXT, { prompt: '请说明寄存哪些钥匙，例如“入户门钥匙 2 把”。' });
      case 'pickup':
      case 'authorise': {
        const held = await svc.myHoldings(owner.ownerPersonId);
        const h = held[0];
        if (!h) {
          await step.context.sendActivity('您目前没有寄存在前台的钥匙。');
          return step.endDialog();
        }
        v.holdingId = h.id;
        const people = h.authorised.map((a) => `${a.name} ${maskPhone(a.phone)}`).join('、') || '暂无';
        if (action === 'pickup') {
          return step.prompt(TEXT, { prompt: `寄存的钥匙：${h.description}。谁来领取？回复“本人”，或授权人的“姓名 手机号”。（授权人：${people}）` });
        }
        return step.prompt(TEXT, { prompt: `当前授权人：${people}。\n添加请回复“添加 姓名 手机号”，删除请回复“删除 手机号”。` });
      }
      case 'list': {
        await step.context.sendActivity(await this.listText(owner));
        return step.endDialog();
      }
      default: {
        const booked = await svc.myAppointments(owner.ownerPersonId);
        if (booked.length === 0) {
          await step.context.sendActivity('您目前没有待办理的钥匙预约。');
          return step.endDialog();
        }
        const lines = booked.map((a, i) => `${i + 1} ${formatLocal(a.slotStart, svc.slots.tz)} ${KIND_LABEL[a.kind]}（${a.personName}）`);
        return step.prompt(TEXT, { prompt: `请回复要${action === 'cancel' ? '取消' : '改期'}的预约编号：\n${lines.join('\n')}` });
      }
    }
  };

  private detail = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const text = String(step.result).trim();
    const owner = ownerOf(senderOf(step.context));
    const svc = this.deps.keys;
    switch (v.action) {
      case 'deposit':
        if (!text) {
          await step.context.sendActivity('请说明寄存哪些钥匙，已退出。');
          return step.endDialog();
        }
        v.description = text;
        return step.prompt(WHEN, { prompt: askWhen(svc.slots) });
      case 'pickup': {
        if (/^(本人|我|自己|1)$/.test(text)) v.person = { self: true };
        else {
          const m = /^(\S+?)\s*(1[3-9]\d[\d\s-]{8,})$/.exec(text);
          if (!m?.[1] || !m[2]) {
            await step.context.sendActivity('请回复“本人”或“姓名 手机号”，已退出。需要时再回复“钥匙”。');
            return step.endDialog();
          }
          v.person = { self: false, name: m[1], phone: m[2].replace(/\D/g, '') };
        }
        return step.prompt(WHEN, { prompt: askWhen(svc.slots) });
      }
      case 'authorise': {
        const holdingId = v.holdingId ?? '';
        const add = /^添加\s*(\S+?)\s*(1[3-9]\d[\d\s-]{8,})$/.exec(text);
        const del = /^删除\s*(1[3-9]\d[\d\s-]{8,})$/.exec(text);
        if (add?.[1] && add[2]) {
          await svc.addAuthorised(owner.ownerPersonId, holdingId, add[1], add[2]);
          await step.context.sendActivity(`已添加授权人 ${add[1]}（${maskPhone(add[2])}），可凭您转发的取件码领取钥匙。`);
        } else if (del?.[1]) {
          const ok = await svc.removeAuthorised(owner.ownerPersonId, holdingId, del[1]);
          await step.context.sendActivity(ok ? `已删除授权人 ${maskPhone(del[1])}。` : '授权名单中没有这个手机号。');
        } else {
          await step.context.sendActivity('格式不对：“添加 姓名 手机号”或“删除 手机号”。已退出。');
        }
        return step.endDialog();
      }
      default: {
        const booked = await svc.myAppointments(owner.ownerPersonId);
        const chosen = booked[Number(text) - 1];
        if (!/^\d+$/.test(text) || !chosen) {
          await step.context.sendActivity('没有这个编号，已退出。');
          return step.endDialog();
        }
        if (v.action === 'cancel') {
          await svc.cancel(owner.ownerPersonId, chosen.id);
          await step.context.sendActivity(`已取消 ${formatLocal(chosen.slotStart, svc.slots.tz)} 的钥匙预约。`);
          return step.endDialog();
        }
        v.appointmentId = chosen.id;
        return step.prompt(WHEN, { prompt: `原时间 ${formatLocal(chosen.slotStart, svc.slots.tz)}。${askWhen(svc.slots)}` });
      }
    }
  };

  private when = async (step: WaterfallStepContext) => {
    const slot = step.context.turnState.get(SLOT_KEY) as Date | undefined;
    if (!slot) return step.endDialog();
    const v = step.values as Values;
    const owner = ownerOf(senderOf(step.context));
    const svc = this.deps.keys;
    const label = formatLocal(slot, svc.slots.tz);
    try {
      if (v.action === 'reschedule') {
        await svc.reschedule(owner.ownerPersonId, v.appointmentId ?? '', slot);
        await step.context.sendActivity(`已改到 ${label}，取件码不变。`);
        return step.endDialog();
      }
      if (v.action === 'deposit') {
        const { code } = await svc.bookDeposit(owner, v.description ?? '', slot);
        await step.context.sendActivity(`已预约 ${label} 到前台寄存钥匙（${v.description}）。取件码 ${code}，到前台时出示。前一小时会提醒您。`);
        return step.endDialog();
      }
      const person = v.person ?? { self: true };
      const { code, appointment } = await svc.bookPickup(owner, v.holdingId ?? '', person, slot);
      const forward = person.self ? '到前台时出示' : `请把取件码转给 ${appointment.personName}，凭码领取`;
      await step.context.sendActivity(`已预约 ${label} 领取钥匙（${appointment.personName}）。取件码 ${code}，${forward}。`);
      return step.endDialog();
    } catch (err) {
      if (err instanceof AppError) {
        await step.context.sendActivity(`${err.userText} 需要时再回复“钥匙”。`);
        return step.endDialog();
      }
      throw err;
    }
  };

  private async listText(owner: OwnerUnit): Promise<string> {
    const svc = this.deps.keys;
    const booked = await svc.myAppointments(owner.ownerPersonId);
    const held = await svc.myHoldings(owner.ownerPersonId);
    const lines: string[] = [];
    for (const a of booked) {
      lines.push(`预约：${formatLocal(a.slotStart, svc.slots.tz)} ${KIND_LABEL[a.kind]}（${a.personName}）`);
    }
    for (const h of held) {
      const people = h.authorised.map((p) => `${p.name} ${maskPhone(p.phone)}`).join('、') || '无';
      lines.push(`寄存中：${h.description}（${formatLocal(h.depositedAt, svc.slots.tz, 'date')} 存入，授权人：${people}）`);
    }
    return lines.length > 0 ? lines.join('\n') : '您目前没有钥匙预约，也没有寄存在前台的钥匙。';
  }
}

