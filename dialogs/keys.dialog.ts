// 钥匙留置·借取 for owners: book a deposit, book a pickup (self or an authorised person), see, reschedule or cancel
// bookings, manage authorised persons. A first message that names the action ("想办钥匙寄存") skips the menu, and a
// time in it ("周六下午来存钥匙") skips the time question. Times as owners say them (src/nlu/when.ts): a weekday is
// the next such day; "四点半" is today if still ahead, else tomorrow, and the booking says which; a day or part of a
// day without a time offers its first free slots as buttons (never the lunch break). Refusals (lunch break, holiday,
// full, past) say why and ask again.
import { MessageFactory, type Activity } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DateTimeResolution,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { AppError } from '../src/shared/app-error.js';
import { senderOf, type Sender } from '../src/identity/sender.js';
import { t, type Translate } from '../src/i18n/index.js';
import { kindLabel, type KeyService, type OwnerUnit, type PickupPerson } from '../src/keys/key.service.js';
import { maskPhone } from '../src/shared/phone.js';
import { addLocalDays, formatLocal, localDateKey, localParts, zonedTime } from '../src/shared/zoned-time.js';
import { readWhen, type When } from '../src/nlu/when.js';
import { freeText, understoodOf } from './understood.js';
import { resolutionToDate } from './prompts/callback-time.js';
import { retryWith } from './prompts/retry.js';
import { optionPrompt, pickNumber } from './prompts/option.prompt.js';
import { SafeDateTimePrompt } from './prompts/safe-datetime.prompt.js';
import type { Clock } from '../src/shared/clock.js';
import { textsFor } from './dialog-deps.js';

export const KEYS_DIALOG = 'keys';

export interface KeysDialogDeps {
  keys: KeyService;
  now: Clock;
}

const TEXT = 'keys.text';
const MENU = 'keys.menu';
const NUMBER = 'keys.number';
const WHEN = 'keys.when';
const WHEN_EN = 'keys.when.en';
/** The time prompt that recognises the owner's language ("明天上午十点" / "tomorrow 10am"). */
const whenPrompt = (locale: string) => (locale === 'en' ? WHEN_EN : WHEN);
const SLOT_KEY = Symbol('keys.slot');

/** The actions of the menu, as the recogniser names them. */
const ACTIONS = ['deposit', 'pickup', 'list', 'reschedule', 'cancel', 'authorise'] as const;

/** A bookable slot (and whether the owner said its day: if not, the booking says which), free slots to offer, or why not. */
type SlotPlan = { slot: Date; daySaid: boolean } | { offer: Date[]; day: string } | { problem: string };

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
    this.addDialog(
      optionPrompt(
        MENU,
        (text) => (ACTIONS as readonly string[]).includes(text) || pickAction(text) !== null,
        'keys.noOption',
      ),
    );
    this.addDialog(optionPrompt(NUMBER, (text, v) => pickNumber(text, v.max ?? 0) !== null, 'keys.noSuchNumber'));
    this.addDialog(new SafeDateTimePrompt(WHEN, (p) => this.validateWhen(p), 'zh-cn', deps.now));
    this.addDialog(new SafeDateTimePrompt(WHEN_EN, (p) => this.validateWhen(p), 'en-us', deps.now));
    this.addDialog(new WaterfallDialog('keys.steps', [this.menu, this.route, this.detail, this.when]));
    this.initialDialogId = 'keys.steps';
  }

  /** Turns the phrase into a bookable slot (stored for the next step) or explains why not. */
  private async validateWhen(prompt: PromptValidatorContext<DateTimeResolution[]>): Promise<boolean> {
    const sender = senderOf(prompt.context);
    const svc = this.deps.keys;
    const estateId = ownerOf(sender).estateId;
    const slots = await svc.slotsFor(estateId);
    const now = this.deps.now();
    const tr = textsFor(prompt.context);
    const reading = readWhen(prompt.context.activity.text ?? '', now, slots.tz);
    if (reading) {
      const plan = await this.plan(reading, estateId, now, tr, sender.locale);
      if ('slot' in plan) {
        prompt.context.turnState.set(SLOT_KEY, plan);
        return true;
      }
      if ('offer' in plan) prompt.options.retryPrompt = this.offerActivity(plan, now, tr);
      else retryWith(prompt, plan.problem);
      return false;
    }
    // Anything else (English, "12/20 10am"…): the botbuilder recognizer's readings.
    if (!prompt.recognized.succeeded) {
      retryWith(prompt, tr('keys.whenUnclear'));
      return false;
    }
    let problem = tr('keys.whenUnclear');
    // "周六下午" may resolve to last and next Saturday: try each reading, the first that yields a free slot wins.
    for (const res of withNextWeek(prompt.recognized.value ?? [])) {
      const raw = res.value ?? (res as { start?: string }).start ?? '';
      const at = resolutionToDate(res, slots.tz);
      if (!at) continue;
      const day = localDateKey(at, slots.tz);
      const isRange = (res as { end?: string }).end !== undefined || /^\d{4}-\d{2}-\d{2}$/.test(raw);
      if (isRange) {
        const closed = slots.closedDay(day);
        if (closed) {
          problem = slots.refusalText(closed, sender.locale);
          continue;
        }
        // The range end is ignored: the recognizer's 下午 ends at 16:00, the desk's at 18:00.
        const first = (await svc.freeSlots(estateId, day)).find((s) => s.getTime() >= at.getTime());
        if (!first) {
          problem = tr('keys.noSlotInRange');
          continue;
        }
        prompt.context.turnState.set(SLOT_KEY, { slot: first, daySaid: true } satisfies SlotPlan);
        return true;
      }
      const refusal = slots.check(at, now);
      if (refusal) {
        problem = slots.refusalText(refusal, sender.locale);
        continue;
      }
      const free = await svc.freeSlots(estateId, day);
      if (!free.some((s) => s.getTime() === at.getTime())) {
        const alt = free.find((s) => s.getTime() > at.getTime());
        problem = tr('keys.slotFull', {
          slot: formatLocal(at, slots.tz),
          alt: alt ? tr('keys.slotFullAlt', { time: formatLocal(alt, slots.tz, 'time') }) : '',
        });
        continue;
      }
      prompt.context.turnState.set(SLOT_KEY, { slot: at, daySaid: true } satisfies SlotPlan);
      return true;
    }
    retryWith(prompt, problem);
    return false;
  }

  /** What a reading allows at the desk: the slot itself, the first free slots of a day or part of one, or why not. */
  private async plan(w: When, estateId: string, now: Date, tr: Translate, locale: Sender['locale']): Promise<SlotPlan> {
    const svc = this.deps.keys;
    const slots = await svc.slotsFor(estateId);
    const tz = slots.tz;
    if (w.kind === 'noSuchDay') {
      const [year, month, day] = w.said.split('-').map(Number);
      return { problem: tr('keys.noSuchDay', { year: String(year), month: String(month), day: String(day) }) };
    }
    if (w.kind === 'at') {
      const at = zonedTime(w.day, w.minutes, tz);
      const refusal = slots.check(at, now);
      if (refusal) return { problem: slots.refusalText(refusal, locale) };
      const free = await svc.freeSlots(estateId, w.day);
      if (free.some((s) => s.getTime() === at.getTime())) return { slot: at, daySaid: w.daySaid };
      const alt = free.find((s) => s.getTime() > at.getTime());
      return {
        problem: tr('keys.slotFull', {
          slot: formatLocal(at, tz),
          alt: alt ? tr('keys.slotFullAlt', { time: formatLocal(alt, tz, 'time') }) : '',
        }),
      };
    }
    const closed = slots.closedDay(w.day);
    if (closed) return { problem: slots.refusalText(closed, locale) };
    const minuteOf = (d: Date) => {
      const p = localParts(d, tz);
      return p.hour * 60 + p.minute;
    };
    // Free slots are desk slots: the lunch break has none, so "中午" offers the last ones before it.
    const free = await svc.freeSlots(estateId, w.day);
    const inRange = free.filter((s) => minuteOf(s) >= w.from && minuteOf(s) < w.to);
    const offer = (inRange.length > 0 ? inRange : free.filter((s) => minuteOf(s) >= w.from)).slice(0, 3);
    return offer.length > 0 ? { offer, day: w.day } : { problem: tr('keys.noSlotInRange') };
  }

  /** "明天可以预约的时间：13:30、13:45、14:00" with one button per slot (the button says the full date and time). */
  private offerActivity(plan: { offer: Date[]; day: string }, now: Date, tr: Translate): Partial<Activity> {
    const tz = this.deps.keys.slots.tz;
    const times = plan.offer.map((s) => formatLocal(s, tz, 'time'));
    const text = tr('keys.offerSlots', { day: dayWord(plan.day, now, tz, tr), times: times.join(tr('keys.hoursSep')) });
    const reply = MessageFactory.suggestedActions(
      plan.offer.map((s, i) => ({ type: 'imBack', title: times[i]!, value: formatLocal(s, tz) })),
      text,
    );
    return reply;
  }

  /** The time question, unless the message that started the flow already said a time ("周六下午来存钥匙"). */
  private async askTime(step: WaterfallStepContext, question: string): Promise<DialogTurnResult> {
    const sender = senderOf(step.context);
    const said = freeText(understoodOf(step.options));
    const now = this.deps.now();
    const reading = said ? readWhen(said, now, this.deps.keys.slots.tz) : null;
    if (reading) {
      const tr = textsFor(step.context);
      const plan = await this.plan(reading, ownerOf(sender).estateId, now, tr, sender.locale);
      if ('slot' in plan) {
        step.context.turnState.set(SLOT_KEY, plan);
        return step.next();
      }
      if ('offer' in plan) return step.prompt(whenPrompt(sender.locale), { prompt: this.offerActivity(plan, now, tr) });
      return step.prompt(whenPrompt(sender.locale), { prompt: `${plan.problem}\n${question}` });
    }
    return step.prompt(whenPrompt(sender.locale), { prompt: question });
  }

  private menu = async (step: WaterfallStepContext) => {
    ownerOf(senderOf(step.context));
    const sub = understoodOf(step.options)?.sub;
    if (sub && (ACTIONS as readonly string[]).includes(sub)) return step.next(sub);
    return step.prompt(MENU, { prompt: textsFor(step.context)('keys.menu') });
  };

  private route = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const tr = textsFor(step.context);
    const said = String(step.result);
    // The menu prompt accepts only an action, so this always finds one.
    const action = (ACTIONS as readonly string[]).includes(said) ? said : (pickAction(said) ?? 'list');
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
          // "让王师傅 13900001111 明天来取": the person is named already (the service still checks the list).
          const { name, phone } = understoodOf(step.options)?.slots ?? { name: null, phone: null };
          if (name && phone) return step.next(`${name} ${phone}`);
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
        return step.prompt(NUMBER, {
          prompt: tr(action === 'cancel' ? 'keys.pickCancel' : 'keys.pickReschedule', { lines: lines.join('\n') }),
          validations: { max: booked.length },
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
        return this.askTime(step, askWhen(await svc.slotsFor(owner.estateId), tr, sender.locale));
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
        return this.askTime(step, askWhen(await svc.slotsFor(owner.estateId), tr, sender.locale));
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
        // The number prompt checked the range; a booking cancelled meanwhile (another chat) is still refused here.
        const chosen = booked[(pickNumber(text, booked.length) ?? 0) - 1];
        if (!chosen) {
          await step.context.sendActivity(tr('keys.bookingGone'));
          return step.endDialog();
        }
        if (v.action === 'cancel') {
          await svc.cancel(owner.ownerPersonId, chosen.id);
          await step.context.sendActivity(tr('keys.cancelled', { slot: formatLocal(chosen.slotStart, svc.slots.tz) }));
          return step.endDialog();
        }
        v.appointmentId = chosen.id;
        return this.askTime(
          step,
          tr('keys.originalTime', {
            slot: formatLocal(chosen.slotStart, svc.slots.tz),
            ask: askWhen(await svc.slotsFor(owner.estateId), tr, sender.locale),
          }),
        );
      }
    }
  };

  private when = async (step: WaterfallStepContext) => {
    const plan = step.context.turnState.get(SLOT_KEY) as { slot: Date; daySaid: boolean } | undefined;
    if (!plan) return step.endDialog();
    const { slot } = plan;
    const v = step.values as Values;
    const owner = ownerOf(senderOf(step.context));
    const svc = this.deps.keys;
    const tr = textsFor(step.context);
    // "四点半" did not say which day: the booking does ("2026-11-28 16:30（今天）").
    const label =
      formatLocal(slot, svc.slots.tz) +
      (plan.daySaid
        ? ''
        : tr('keys.whenRead', { day: dayWord(localDateKey(slot, svc.slots.tz), this.deps.now(), svc.slots.tz, tr) }));
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

/** 今天 / 明天 / 后天, else the date. */
function dayWord(day: string, now: Date, tz: string, tr: Translate): string {
  const today = localDateKey(now, tz);
  if (day === today) return tr('keys.day.today');
  if (day === addLocalDays(today, 1)) return tr('keys.day.tomorrow');
  if (day === addLocalDays(today, 2)) return tr('keys.day.dayAfter');
  return tr('keys.day.date', { date: day });
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
