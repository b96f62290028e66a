// 钥匙留置·借取 for owners: book a deposit, book a pickup (self or an authorised person), see, reschedule or cancel
// bookings, manage authorised persons. Times come as zh-CN phrases ("明天上午十点", "周六下午"); a range or a bare
// date takes the earliest free slot in it. Refusals (lunch break, holiday, full, past) say why and ask again.
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DateTimeResolution,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { AppError } from '../src/bot/app-error.js';
import { senderOf, type Sender } from '../src/identity/sender.js';
import { t, type Translate } from '../src/i18n/index.js';
import { kindLabel, type KeyService, type OwnerUnit, type PickupPerson } from '../src/keys/key.service.js';
import { maskPhone } from '../src/shared/phone.js';
import { addLocalDays, formatLocal, localDateKey } from '../src/shared/zoned-time.js';
import { resolutionToDate } from './prompts/callback-time.js';
import { retryWith } from './prompts/retry.js';
import { SafeDateTimePrompt } from './prompts/safe-datetime.prompt.js';
import type { Clock } from '../src/shared/clock.js';
import { textsFor } from './dialog-deps.js';

export const KEYS_DIALOG = 'keys';

export interface KeysDialogDeps {
  keys: KeyService;
  now: Clock;
}

const TEXT = 'keys.text';
const WHEN = 'keys.when';
const WHEN_EN = 'keys.when.en';
/** The time prompt that recognises the owner's language ("明天上午十点" / "tomorrow 10am"). */
const whenPrompt = (locale: string) => (locale === 'en' ? WHEN_EN : WHEN);
const SLOT_KEY = Symbol('keys.slot');

/** The time question, with the desk's configured hours (not hard-coded: they come from the slot settings). */
const askWhen = (slots: KeyService['slots'], tr: Translate, locale: Parameters<KeyService['slots']['hoursText']>[0]) =>
  tr('keys.askWhen', { hours: slots.hoursText(locale), minutes: slots.settings.slotMinutes });

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
  return {
    estateId: unit.estateId,
    unitId: unit.unitId,
    unitLabel: unit.label,
    ownerPersonId: sender.personId,
    ownerName: sender.name ?? t(sender.locale, 'keys.ownerFallback'),
  };
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
    this.addDialog(new SafeDateTimePrompt(WHEN, (p) => this.validateWhen(p), 'zh-cn', deps.now));
    this.addDialog(new SafeDateTimePrompt(WHEN_EN, (p) => this.validateWhen(p), 'en-us', deps.now));
    this.addDialog(new WaterfallDialog('keys.steps', [this.menu, this.route, this.detail, this.when]));
    this.initialDialogId = 'keys.steps';
  }

  /** Turns the phrase into a bookable slot (stored for the next step) or explains why not. */
  private async validateWhen(prompt: PromptValidatorContext<DateTimeResolution[]>): Promise<boolean> {
    if (!prompt.recognized.succeeded) {
      retryWith(prompt, textsFor(prompt.context)('keys.whenUnclear'));
      return false;
    }
    const sender = senderOf(prompt.context);
    const svc = this.deps.keys;
    const estateId = ownerOf(sender).estateId;
    const now = this.deps.now();
    const tr = textsFor(prompt.context);
    let problem = tr('keys.whenUnclear');
    // "周六下午" may resolve to last and next Saturday: try each reading, the first that yields a free slot wins.
    for (const res of withNextWeek(prompt.recognized.value ?? [])) {
      const raw = res.value ?? (res as { start?: string }).start ?? '';
      const at = resolutionToDate(res, svc.slots.tz);
      if (!at) continue;
      const day = localDateKey(at, svc.slots.tz);
      const isRange = (res as { end?: string }).end !== undefined || /^\d{4}-\d{2}-\d{2}$/.test(raw);
      if (isRange) {
        const closed = svc.slots.closedDay(day);
        if (closed) {
          problem = svc.slots.refusalText(closed, sender.locale);
          continue;
        }
        // The range end is ignored: the recognizer's 下午 ends at 16:00, the desk's at 18:00.
        const first = (await svc.freeSlots(estateId, day)).find((s) => s.getTime() >= at.getTime());
        if (!first) {
          problem = tr('keys.noSlotInRange');
          continue;
        }
        prompt.context.turnState.set(SLOT_KEY, first);
        return true;
      }
      const refusal = svc.slots.check(at, now);
      if (refusal) {
        problem = svc.slots.refusalText(refusal, sender.locale);
        continue;
      }
      const free = await svc.freeSlots(estateId, day);
      if (!free.some((s) => s.getTime() === at.getTime())) {
        const alt = free.find((s) => s.getTime() > at.getTime());
        problem = tr('keys.slotFull', {
          slot: formatLocal(at, svc.slots.tz),
          alt: alt ? tr('keys.slotFullAlt', { time: formatLocal(alt, svc.slots.tz, 'time') }) : '',
        });
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
    return step.prompt(TEXT, { prompt: textsFor(step.context)('keys.menu') });
  };

  private route = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const tr = textsFor(step.context);
    const action = pickAction(String(step.result));
    if (!action) {
      await step.context.sendActivity(tr('keys.noOption'));
      return step.endDialog();
    }
    v.action = action;
    const owner = ownerOf(senderOf(step.context));
    const svc = this.deps.keys;
    switch (action) {
      case 'deposit':
        return step.prompt(TEXT, { prompt: tr('keys.askDescription') });
      case 'pickup':
      case 'authorise': {
        const held = await svc.myHoldings(owner.ownerPersonId);
        const h = held[0];
        if (!h) {
          await step.context.sendActivity(tr('keys.noHoldings'));
          return step.endDialog();
        }
        v.holdingId = h.id;
        const people =
          h.authorised.map((a) => `${a.name} ${maskPhone(a.phone)}`).join(tr('keys.nameSep')) || tr('keys.nobody');
        if (action === 'pickup') {
          return step.prompt(TEXT, { prompt: tr('keys.askWho', { description: h.description, people }) });
        }
        return step.prompt(TEXT, { prompt: tr('keys.authorisedMenu', { people }) });
      }
      case 'list': {
        await step.context.sendActivity(await this.listText(owner, tr, senderOf(step.context).locale));
        return step.endDialog();
      }
      default: {
        const booked = await svc.myAppointments(owner.ownerPersonId);
        if (booked.length === 0) {
          await step.context.sendActivity(tr('keys.noAppointments'));
          return step.endDialog();
        }
        const locale = senderOf(step.context).locale;
        const lines = booked.map((a, i) =>
          tr('keys.choiceLine', {
            n: i + 1,
            slot: formatLocal(a.slotStart, svc.slots.tz),
            kind: kindLabel(a.kind, locale),
            person: a.personName,
          }),
        );
        return step.prompt(TEXT, {
          prompt: tr(action === 'cancel' ? 'keys.pickCancel' : 'keys.pickReschedule', { lines: lines.join('\n') }),
        });
      }
    }
  };

  private detail = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const text = String(step.result).trim();
    const sender = senderOf(step.context);
    const owner = ownerOf(sender);
    const tr = textsFor(step.context);
    const svc = this.deps.keys;
    switch (v.action) {
      case 'deposit':
        if (!text) {
          await step.context.sendActivity(tr('keys.noDescriptionExit'));
          return step.endDialog();
        }
        v.description = text;
        return step.prompt(whenPrompt(sender.locale), { prompt: askWhen(svc.slots, tr, sender.locale) });
      case 'pickup': {
        if (/^(本人|我|自己|1|me|myself)$/i.test(text)) v.person = { self: true };
        else {
          const m = /^(\S+?)\s*(1[3-9]\d[\d\s-]{8,})$/.exec(text);
          if (!m?.[1] || !m[2]) {
            await step.context.sendActivity(tr('keys.whoFormatExit'));
            return step.endDialog();
          }
          v.person = { self: false, name: m[1], phone: m[2].replace(/\D/g, '') };
        }
        return step.prompt(whenPrompt(sender.locale), { prompt: askWhen(svc.slots, tr, sender.locale) });
      }
      case 'authorise': {
        const holdingId = v.holdingId ?? '';
        const add = /^(?:添加|add\s)\s*(\S+?)\s*(1[3-9]\d[\d\s-]{8,})$/.exec(text);
        const del = /^(?:删除|remove\s)\s*(1[3-9]\d[\d\s-]{8,})$/.exec(text);
        if (add?.[1] && add[2]) {
          await svc.addAuthorised(owner.ownerPersonId, holdingId, add[1], add[2]);
          await step.context.sendActivity(tr('keys.authorisedAdded', { name: add[1], phone: maskPhone(add[2]) }));
        } else if (del?.[1]) {
          const ok = await svc.removeAuthorised(owner.ownerPersonId, holdingId, del[1]);
          await step.context.sendActivity(
            ok ? tr('keys.authorisedRemoved', { phone: maskPhone(del[1]) }) : tr('keys.authorisedUnknown'),
          );
        } else {
          await step.context.sendActivity(tr('keys.authorisedFormatExit'));
        }
        return step.endDialog();
      }
      default: {
        const booked = await svc.myAppointments(owner.ownerPersonId);
        const chosen = booked[Number(text) - 1];
        if (!/^\d+$/.test(text) || !chosen) {
          await step.context.sendActivity(tr('keys.noSuchNumber'));
          return step.endDialog();
        }
        if (v.action === 'cancel') {
          await svc.cancel(owner.ownerPersonId, chosen.id);
          await step.context.sendActivity(tr('keys.cancelled', { slot: formatLocal(chosen.slotStart, svc.slots.tz) }));
          return step.endDialog();
        }
        v.appointmentId = chosen.id;
        return step.prompt(whenPrompt(sender.locale), {
          prompt: tr('keys.originalTime', {
            slot: formatLocal(chosen.slotStart, svc.slots.tz),
            ask: askWhen(svc.slots, tr, sender.locale),
          }),
        });
      }
    }
  };

  private when = async (step: WaterfallStepContext) => {
    const slot = step.context.turnState.get(SLOT_KEY) as Date | undefined;
    if (!slot) return step.endDialog();
    const v = step.values as Values;
    const owner = ownerOf(senderOf(step.context));
    const svc = this.deps.keys;
    const tr = textsFor(step.context);
    const label = formatLocal(slot, svc.slots.tz);
    try {
      if (v.action === 'reschedule') {
        await svc.reschedule(owner.ownerPersonId, v.appointmentId ?? '', slot);
        await step.context.sendActivity(tr('keys.rescheduled', { slot: label }));
        return step.endDialog();
      }
      if (v.action === 'deposit') {
        const { code } = await svc.bookDeposit(owner, v.description ?? '', slot);
        await step.context.sendActivity(
          tr('keys.depositBooked', { slot: label, description: v.description ?? '', code }),
        );
        return step.endDialog();
      }
      const person = v.person ?? { self: true };
      const { code, appointment } = await svc.bookPickup(owner, v.holdingId ?? '', person, slot);
      const forward = person.self
        ? tr('keys.pickupSelf')
        : tr('keys.pickupForward', { person: appointment.personName });
      await step.context.sendActivity(
        tr('keys.pickupBooked', { slot: label, person: appointment.personName, code, forward }),
      );
      return step.endDialog();
    } catch (err) {
      if (err instanceof AppError) {
        await step.context.sendActivity(tr('keys.errorExit', { error: err.userText }));
        return step.endDialog();
      }
      throw err;
    }
  };

  private async listText(owner: OwnerUnit, tr: Translate, locale: Parameters<typeof kindLabel>[1]): Promise<string> {
    const svc = this.deps.keys;
    const booked = await svc.myAppointments(owner.ownerPersonId);
    const held = await svc.myHoldings(owner.ownerPersonId);
    const lines: string[] = [];
    for (const a of booked) {
      lines.push(
        tr('keys.listAppointment', {
          slot: formatLocal(a.slotStart, svc.slots.tz),
          kind: kindLabel(a.kind, locale),
          person: a.personName,
        }),
      );
    }
    for (const h of held) {
      const people =
        h.authorised.map((p) => `${p.name} ${maskPhone(p.phone)}`).join(tr('keys.nameSep')) || tr('keys.none');
      lines.push(
        tr('keys.listHolding', {
          description: h.description,
          date: formatLocal(h.depositedAt, svc.slots.tz, 'date'),
          people,
        }),
      );
    }
    return lines.length > 0 ? lines.join('\n') : tr('keys.listEmpty');
  }
}

/**
 * A bare weekday ("周六下午") resolves to last week's and this week's day only, so on Saturday evening both readings
 * are past: owners then mean next week, so that reading is tried last.
 */
export function withNextWeek(readings: DateTimeResolution[]): DateTimeResolution[] {
  const weekly = readings.filter((r) => /^XXXX-WXX-\d/.test(r.timex ?? ''));
  const latest = weekly.at(-1) as (DateTimeResolution & { start?: string; end?: string }) | undefined;
  if (!latest) return readings;
  const shift = (v: string | undefined) =>
    v && /^\d{4}-\d{2}-\d{2}/.test(v) ? `${addLocalDays(v.slice(0, 10), 7)}${v.slice(10)}` : v;
  const next = { ...latest, value: shift(latest.value), start: shift(latest.start), end: shift(latest.end) };
  // Keep the shape the recognizer gives: ranges carry start/end and no value.
  for (const k of ['value', 'start', 'end'] as const) if (next[k] === undefined) delete next[k];
  return [...readings, next as DateTimeResolution];
}
