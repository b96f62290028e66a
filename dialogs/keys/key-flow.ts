// What the key sub-flows that book a time share (deposit, pickup, reschedule): the time question in the owner's
// language, read as owners say it (src/nlu/when.ts) — a weekday is the next such day; "四点半" is today if still ahead,
// else tomorrow, and the booking says which; a day or part of a day without a time offers its first free slots as
// buttons (never the lunch break). Refusals (lunch break, holiday, full, past) say why and ask again.
import { MessageFactory, type Activity } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DateTimeResolution,
  type DialogTurnResult,
  type PromptValidatorContext,
  type WaterfallStep,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { AppError } from '../../src/shared/app-error.js';
import { senderOf, type Sender } from '../../src/identity/sender.js';
import { t, type MessageKey, type Translate } from '../../src/i18n/index.js';
import type { KeyService, OwnerUnit } from '../../src/keys/key.service.js';
import { maskPhone } from '../../src/shared/phone.js';
import { addLocalDays, formatLocal, localDateKey, localParts, zonedTime } from '../../src/shared/zoned-time.js';
import { readWhen, type When } from '../../src/nlu/when.js';
import { freeText, understoodOf } from '../understood.js';
import { resolutionToDate } from '../prompts/callback-time.js';
import { retryWith } from '../prompts/retry.js';
import { optionPrompt, pickNumber } from '../prompts/option.prompt.js';
import { SafeDateTimePrompt } from '../prompts/safe-datetime.prompt.js';
import type { Clock } from '../../src/shared/clock.js';
import { textsFor } from '../dialog-deps.js';

export interface KeysDialogDeps {
  keys: KeyService;
  now: Clock;
}

export const TEXT = 'text';
export const NUMBER = 'number';
const WHEN = 'when';
const WHEN_EN = 'when.en';
/** The time prompt that recognises the owner's language ("明天上午十点" / "tomorrow 10am"). */
const whenPrompt = (locale: string) => (locale === 'en' ? WHEN_EN : WHEN);
const SLOT_KEY = Symbol('keys.slot');

/** A bookable slot (and whether the owner said its day: if not, the booking says which), free slots to offer, or why not. */
type SlotPlan = { slot: Date; daySaid: boolean } | { offer: Date[]; day: string } | { problem: string };

/** The time question, with the desk's configured hours (not hard-coded: they come from the slot settings). */
export const askWhen = (
  slots: KeyService['slots'],
  tr: Translate,
  locale: Parameters<KeyService['slots']['hoursText']>[0],
) => tr('keys.askWhen', { hours: slots.hoursText(locale), minutes: slots.settings.slotMinutes });

/** A key holding of the owner's, with the people who may collect it. */
export type Holding = Awaited<ReturnType<KeyService['myHoldings']>>[number];

/** The people who may collect a holding ("王师傅 139****1111、…"), or the text `none` when nobody is listed. */
export const authorisedPeople = (h: Holding, tr: Translate, none: MessageKey) =>
  h.authorised.map((a) => `${a.name} ${maskPhone(a.phone)}`).join(tr('keys.nameSep')) || tr(none);

export function ownerOf(sender: Sender): OwnerUnit {
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

/** A key sub-flow: its own prompts (text, a numbered choice that re-asks, the time question) and steps. */
export abstract class KeyFlow extends ComponentDialog {
  constructor(
    id: string,
    protected readonly deps: KeysDialogDeps,
  ) {
    super(id);
    this.addDialog(new TextPrompt(TEXT));
    this.addDialog(optionPrompt(NUMBER, (text, v) => pickNumber(text, v.max ?? 0) !== null, 'keys.noSuchNumber'));
    // What readWhen reads, validateWhen answers from its reading alone: the recognizer is skipped for it. Whether
    // readWhen reads a text does not depend on the clock or the time zone, only what it reads does.
    const readsItself = (text: string) => readWhen(text, deps.now(), deps.keys.slots.tz) !== null;
    this.addDialog(new SafeDateTimePrompt(WHEN, (p) => this.validateWhen(p), 'zh-cn', deps.now, readsItself));
    this.addDialog(new SafeDateTimePrompt(WHEN_EN, (p) => this.validateWhen(p), 'en-us', deps.now, readsItself));
  }

  /** The flow's steps (call from the subclass constructor, once its step fields exist). */
  protected steps(...steps: WaterfallStep[]): void {
    this.addDialog(new WaterfallDialog(`${this.id}.steps`, steps));
    this.initialDialogId = `${this.id}.steps`;
  }

  /** The owner's first key holding; null when there is none (told: the flow ends). */
  protected async firstHolding(step: WaterfallStepContext): Promise<Holding | null> {
    const owner = ownerOf(senderOf(step.context));
    const h = (await this.deps.keys.myHoldings(owner.ownerPersonId))[0];
    if (!h) await step.context.sendActivity(textsFor(step.context)('keys.noHoldings'));
    return h ?? null;
  }

  /** The time question with the desk hours of the owner's estate (askWhen). */
  protected async whenQuestion(step: WaterfallStepContext): Promise<string> {
    const sender = senderOf(step.context);
    return askWhen(await this.deps.keys.slotsFor(ownerOf(sender).estateId), textsFor(step.context), sender.locale);
  }

  /** The slot the time question settled on this turn, with the label the booking answer shows; null: none. */
  protected chosenSlot(step: WaterfallStepContext): { slot: Date; label: string } | null {
    const plan = step.context.turnState.get(SLOT_KEY) as { slot: Date; daySaid: boolean } | undefined;
    if (!plan) return null;
    const tz = this.deps.keys.slots.tz;
    const tr = textsFor(step.context);
    // "四点半" did not say which day: the booking does ("2026-11-28 16:30（今天）").
    const label =
      formatLocal(plan.slot, tz) +
      (plan.daySaid ? '' : tr('keys.whenRead', { day: dayWord(localDateKey(plan.slot, tz), this.deps.now(), tz, tr) }));
    return { slot: plan.slot, label };
  }

  /** Runs a booking; a refusal from the service (AppError) is told and the flow ends, as before the split. */
  protected async book(step: WaterfallStepContext, run: () => Promise<string>): Promise<DialogTurnResult> {
    try {
      await step.context.sendActivity(await run());
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await step.context.sendActivity(
        textsFor(step.context)('keys.errorExit', { error: err.textIn(senderOf(step.context).locale) }),
      );
    }
    return step.endDialog();
  }

  /** Turns the phrase into a bookable slot (stored for the next step) or explains why not. */
  private async validateWhen(prompt: PromptValidatorContext<DateTimeResolution[]>): Promise<boolean> {
    const sender = senderOf(prompt.context);
    const svc = this.deps.keys;
    const estateId = ownerOf(sender).estateId;
    const slots = await svc.slotsFor(estateId); // this estate's desk calendar (settings.desk)
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
  protected async askTime(step: WaterfallStepContext, question: string): Promise<DialogTurnResult> {
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
