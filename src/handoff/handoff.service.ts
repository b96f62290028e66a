// 转人工: records that an owner wants a person and tells the estate's assistants' group (through the outbox); staff
// then see the callback requests (回电), take one — the full number comes to the taker privately, audited — and
// close it with what came of it.
import { handoffRef } from '../db/handoff.repo.js';
import type { CallbackItem, HandoffRepository } from '../db/repositories.js';
import { t, translator, type Locale } from '../i18n/index.js';
import type { Sender } from '../identity/sender.js';
import { maskPhone } from '../shared/phone.js';
import { addBusinessMinutes, type CalendarLike } from '../sla/business-time.js';
import { calendarFor, isCalendarSource, type DeskCalendarInput } from '../sla/desk-settings.js';
import { formatLocal } from '../shared/zoned-time.js';
import type { Notifier } from '../notify/notifier.js';

/**
 * "尽快" means within this many desk minutes (our default: the department's procedure gives no figure). A callback
 * with a time is due at that time. Reminders go out once, during desk hours only.
 */
export const CALLBACK_ASAP_MINUTES = 30;

/** Lines in one 回电 list: one chat message on every channel. */
export const CALLBACK_LINES = 15;

/** Who acts on a callback: the staff record and the person behind it (whose chats get the private number). */
export interface CallbackStaff {
  staffId: string;
  personId: string;
  estateId: string;
  timezone: string;
  locale: Locale;
}

export interface HandoffRequest {
  topic: string;
  callbackText: string;
  callbackAt: Date | null;
}

export class HandoffService {
  constructor(
    private readonly handoffs: HandoffRepository,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly now: () => Date,
  ) {}

  async request(sender: Sender, req: HandoffRequest): Promise<{ ref: string }> {
    // Staff groups read zh-CN.
    const zh = translator('zh-CN');
    const who = [sender.name ?? zh('handoff.staff.unbound'), sender.units.map((u) => u.label).join('、')]
      .filter(Boolean)
      .join('，');
    const when = req.callbackAt
      ? formatLocal(req.callbackAt, sender.estate.timezone, 'datetime')
      : zh('handoff.staff.asap');
    const handoff = await this.handoffs.create(
      this.notifier,
      {
        estateId: sender.estate.id,
        personId: sender.personId,
        identityId: sender.identityId,
        topic: req.topic,
        callbackText: req.callbackText,
        callbackAt: req.callbackAt,
        createdAt: this.now(),
      },
      (ref) => zh('handoff.staff.request', { ref, who, channel: sender.channel, topic: req.topic, when }),
    );
    return { ref: handoff.ref };
  }

  async callbacksText(staff: CallbackStaff): Promise<string> {
    const { items, total } = await this.handoffs.open(staff.estateId, CALLBACK_LINES);
    const tr = translator(staff.locale);
    if (total === 0) return tr('callback.empty');
    const now = this.now();
    const lines = items.map((c) =>
      tr('callback.line', {
        ref: handoffRef(c.id),
        who: c.person
          ? `${c.person.name} ${c.person.phone ? maskPhone(c.person.phone) : ''}`.trim()
          : tr('callback.unbound'),
        topic: c.topic,
        when: this.when(c, now, staff),
        state: c.status === 'TAKEN' ? tr('callback.takenState', { name: c.takenByName ?? '' }) : tr('callback.open'),
      }),
    );
    const more = total > CALLBACK_LINES ? [tr('callback.more', { count: total - CALLBACK_LINES })] : [];
    return [tr('callback.head', { count: total }), ...lines, ...more, tr('callback.hint')].join('\n');
  }

  /** 回电 N: OPEN → TAKEN for this staff member; the owner's full number goes to them privately (audited). */
  async take(staff: CallbackStaff, ref: string): Promise<string> {
    const tr = translator(staff.locale);
    const c = await this.handoffs.byRef(staff.estateId, ref);
    if (!c) return tr('callback.notFound', { ref });
    const label = handoffRef(c.id);
    if (c.status === 'CLOSED') return tr('callback.alreadyClosed', { ref: label });
    if (c.status === 'TAKEN') return tr('callback.alreadyTaken', { ref: label, name: c.takenByName ?? '' });
    const phone = c.person?.phone ?? null;
    const note = phone
      ? tr('callback.private', {
          ref: label,
          name: c.person?.name ?? '',
          phone,
          topic: c.topic,
          when: this.when(c, this.now(), staff),
        })
      : null;
    const actor = `staff:${staff.staffId}`;
    const won = await this.handoffs.take(this.notifier, c.id, { ...staff, actor }, this.now(), note);
    if (!won) return tr('callback.alreadyTaken', { ref: label, name: '' });
    return tr('callback.took', { ref: label, contact: tr(phone ? 'callback.contactSent' : 'callback.noPhone') });
  }

  /** 回电完成 N 结果. */
  async close(staff: CallbackStaff, ref: string, result: string): Promise<string> {
    const tr = translator(staff.locale);
    const c = await this.handoffs.byRef(staff.estateId, ref);
    if (!c) return tr('callback.notFound', { ref });
    const label = handoffRef(c.id);
    const done = await this.handoffs.close(c.id, { ...staff, actor: `staff:${staff.staffId}` }, this.now(), result);
    return done ? tr('callback.closed', { ref: label, result }) : tr('callback.alreadyClosed', { ref: label });
  }

  /** The due sweep: one reminder per callback that is due and still not closed. Returns how many were queued. */
  async remindDue(desk: DeskCalendarInput, timezoneOf: (estateId: string) => Promise<string | null>): Promise<number> {
    const now = this.now();
    // A fixed calendar closed now: nothing to do (each estate's own desk hours otherwise, below).
    if (!isCalendarSource(desk) && !desk.isOpen(now)) return 0;
    const calendars = new Map<string, Promise<CalendarLike>>();
    let queued = 0;
    for (const c of await this.handoffs.unclosed()) {
      if (!c.estateId) continue;
      let pending = calendars.get(c.estateId);
      if (!pending) calendars.set(c.estateId, (pending = calendarFor(desk, c.estateId)));
      const calendar = await pending;
      if (!calendar.isOpen(now)) continue;
      const due = c.callbackAt ?? addBusinessMinutes(calendar, c.createdAt, CALLBACK_ASAP_MINUTES);
      if (!due || due.getTime() > now.getTime()) continue;
      const tz = (await timezoneOf(c.estateId)) ?? 'Asia/Shanghai';
      const ref = handoffRef(c.id);
      const text = t('zh-CN', 'callback.reminder', {
        ref,
        who: c.person ? c.person.name : t('zh-CN', 'callback.unbound'),
        topic: c.topic,
        when: c.callbackAt ? formatLocal(c.callbackAt, tz) : t('zh-CN', 'callback.asap'),
        state: c.takenById ? t('zh-CN', 'callback.reminderTaken') : t('zh-CN', 'callback.reminderOpen', { ref }),
      });
      queued += await this.handoffs.remind(
        this.notifier,
        { id: c.id, estateId: c.estateId, takenById: c.takenById },
        text,
        now,
      );
    }
    return queued;
  }

  private when(c: CallbackItem, now: Date, staff: CallbackStaff): string {
    if (!c.callbackAt) return t(staff.locale, 'callback.asap');
    const when = formatLocal(c.callbackAt, staff.timezone);
    return c.callbackAt.getTime() <= now.getTime() ? t(staff.locale, 'callback.due', { when }) : when;
  }
}
