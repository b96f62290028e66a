// 钥匙留置·借取: owners book a desk slot to leave keys or to have them picked up (by themselves or an authorised
// person); the desk hands over against a 6-digit code. Every hand-over and change is in the AuditLog.
import crypto from 'node:crypto';
import { AppError, userMessage } from '../shared/app-error.js';
import type {
  KeyAppointmentRecord as KeyAppointment,
  KeyHoldingRecord as KeyHolding,
  KeyHoldingWithPeopleRecord,
  Repositories,
} from '../db/repositories.js';
import { checklistFor, isDeskPurpose, type DeskPurpose } from './desk-appointments.js';

export { DESK_PURPOSES, isDeskPurpose, type DeskPurpose } from './desk-appointments.js';
import { t, type Locale } from '../i18n/index.js';
import { maskPhone } from '../shared/phone.js';
import { addLocalDays, formatLocal, localDateKey, zonedTime } from '../shared/zoned-time.js';
import type { DeskSlots, SlotRefusal } from './desk-slots.js';
import type { Notifier } from '../notify/notifier.js';

const MINUTE_MS = 60_000;
const CODE_RE = /^\d{6}$/;
const PHONE_RE = /^1[3-9]\d{9}$/;

export function hashCode(code: string): string {
  return crypto.createHash('sha256').update(code).digest('hex');
}

export interface OwnerUnit {
  estateId: string;
  unitId: string;
  unitLabel: string;
  ownerPersonId: string;
  ownerName: string;
}

export interface Booked {
  appointment: KeyAppointment;
  /** Shown once to the owner; only its hash is stored. */
  code: string;
}

export type PickupPerson = { self: true } | { self: false; name: string; phone: string };

export class KeyService {
  constructor(
    private readonly repos: Pick<Repositories, 'keys'>,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    readonly slots: DeskSlots,
    private readonly now: () => Date,
    private readonly newCode: () => string = () => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0'),
    /** Each estate's slots on its own desk calendar; without it every estate uses `slots`. */
    private readonly slotsOf?: (estateId: string) => Promise<DeskSlots>,
  ) {}

  /** The estate's desk slots (its staffed days and shifts, its key rules). */
  slotsFor(estateId: string): Promise<DeskSlots> {
    return this.slotsOf ? this.slotsOf(estateId) : Promise.resolve(this.slots);
  }

  /** Bookable slots of a local day: on the grid, ahead of now, with a free seat. */
  async freeSlots(estateId: string, dateKey: string): Promise<Date[]> {
    const slots = await this.slotsFor(estateId);
    const candidates = slots.futureSlots(dateKey, this.now());
    if (candidates.length === 0) return [];
    const taken = new Map<number, number>();
    for (const s of await this.repos.keys.countSeats(estateId, candidates)) {
      taken.set(s.slotStart.getTime(), (taken.get(s.slotStart.getTime()) ?? 0) + 1);
    }
    return candidates.filter((c) => (taken.get(c.getTime()) ?? 0) < slots.settings.capacity);
  }

  /** Throws the owner-facing refusal when `start` is not a bookable slot time; returns the estate's slots. */
  async assertSlot(start: Date, estateId: string): Promise<DeskSlots> {
    const slots = await this.slotsFor(estateId);
    const refusal = slots.check(start, this.now());
    if (refusal) throw new SlotRefusedError(slots, refusal);
    return slots;
  }

  async bookDeposit(owner: OwnerUnit, description: string, slotStart: Date): Promise<Booked> {
    const what = description.trim();
    if (!what) throw new AppError('BAD_INPUT', 'empty key description', userMessage('keys.err.noDescription'));
    return this.book(owner, { kind: 'DEPOSIT', description: what, personName: owner.ownerName }, slotStart);
  }

  async bookPickup(owner: OwnerUnit, holdingId: string, person: PickupPerson, slotStart: Date): Promise<Booked> {
    const holding = await this.ownHolding(owner.ownerPersonId, holdingId);
    let personName = owner.ownerName;
    let personPhone: string | null = null;
    if (!person.self) {
      const match = holding.authorised.find((a) => a.phone === person.phone.trim());
      if (!match) {
        throw new AppError(
          'FORBIDDEN',
          'pickup person not authorised',
          userMessage('keys.err.notAuthorised', { name: person.name }),
        );
      }
      personName = match.name;
      personPhone = match.phone;
    }
    return this.book(
      owner,
      { kind: 'PICKUP', holdingId, description: holding.description, personName, personPhone },
      slotStart,
    );
  }

  /**
   * 转名 / 退楼 / 入住: a desk appointment on the same calendar and seats as the key hand-overs (the owner shows
   * the code at the desk, so the desk's 完成 works for it too).
   */
  async bookDesk(owner: OwnerUnit, purpose: DeskPurpose, slotStart: Date): Promise<Booked> {
    return this.book(owner, { kind: purpose, description: '', personName: owner.ownerName }, slotStart);
  }

  /** The documents to bring (Estate.settings.deskAppointments; our defaults where the estate says nothing). */
  async checklist(estateId: string, purpose: DeskPurpose): Promise<string[]> {
    return checklistFor((await this.repos.keys.estateSettings(estateId))?.settings, purpose);
  }

  private async book(
    owner: OwnerUnit,
    a: {
      kind: KeyAppointment['kind'];
      holdingId?: string;
      description: string;
      personName: string;
      personPhone?: string | null;
    },
    slotStart: Date,
  ): Promise<Booked> {
    const slots = await this.assertSlot(slotStart, owner.estateId);
    const code = this.newCode();
    const appointment = await this.repos.keys.bookWithSeat(
      { ...owner, ...a, slotStart, codeHash: hashCode(code) },
      slots.settings.capacity,
    );
    if (!appointment) throw this.fullError(slotStart);
    return { appointment, code };
  }

  private fullError(slotStart: Date): AppError {
    return new AppError(
      'CONFLICT',
      'key slot full',
      userMessage('keys.err.full', { slot: this.slots.label(slotStart) }),
    );
  }

  private async ownAppointment(ownerPersonId: string, id: string): Promise<KeyAppointment> {
    const appt = await this.repos.keys.findAppointment(id);
    if (!appt || appt.ownerPersonId !== ownerPersonId || appt.status !== 'BOOKED') {
      throw new AppError(
        'NOT_FOUND',
        `key appointment ${id} not booked for owner`,
        userMessage('keys.err.noAppointment'),
      );
    }
    return appt;
  }

  async reschedule(ownerPersonId: string, id: string, slotStart: Date): Promise<KeyAppointment> {
    const appt = await this.ownAppointment(ownerPersonId, id);
    const slots = await this.assertSlot(slotStart, appt.estateId);
    if (appt.slotStart.getTime() === slotStart.getTime()) return appt;
    const moved = await this.repos.keys.moveToSlot(id, appt.estateId, slotStart, slots.settings.capacity);
    if (!moved) throw this.fullError(slotStart);
    return (await this.repos.keys.findAppointment(id)) ?? appt;
  }

  async cancel(ownerPersonId: string, id: string): Promise<void> {
    await this.ownAppointment(ownerPersonId, id);
    const ok = await this.repos.keys.cancelBooked(id, `person:${ownerPersonId}`, this.now());
    if (!ok) throw new AppError('CONFLICT', 'key appointment changed', userMessage('keys.err.alreadyHandled'));
  }

  myAppointments(ownerPersonId: string): Promise<KeyAppointment[]> {
    return this.repos.keys.ownerBookedAppointments(ownerPersonId);
  }

  myHoldings(ownerPersonId: string): Promise<KeyHoldingWithPeopleRecord[]> {
    return this.repos.keys.heldByOwner(ownerPersonId);
  }

  async addAuthorised(ownerPersonId: string, holdingId: string, name: string, phone: string): Promise<void> {
    await this.ownHolding(ownerPersonId, holdingId);
    const p = phone.replace(/\D/g, '');
    if (!name.trim() || !PHONE_RE.test(p)) {
      throw new AppError('BAD_INPUT', 'bad authorised person', userMessage('keys.err.badAuthorised'));
    }
    await this.repos.keys.upsertAuthorised(holdingId, name.trim(), p, `person:${ownerPersonId}`, this.now());
  }

  async removeAuthorised(ownerPersonId: string, holdingId: string, phone: string): Promise<boolean> {
    await this.ownHolding(ownerPersonId, holdingId);
    return this.repos.keys.deleteAuthorised(holdingId, phone.replace(/\D/g, ''), `person:${ownerPersonId}`, this.now());
  }

  private async ownHolding(ownerPersonId: string, holdingId: string): Promise<KeyHoldingWithPeopleRecord> {
    const h = await this.repos.keys.findHolding(holdingId);
    if (!h || h.ownerPersonId !== ownerPersonId || h.status !== 'HELD') {
      throw new AppError('NOT_FOUND', `holding ${holdingId} not held for owner`, userMessage('keys.err.noHolding'));
    }
    return h;
  }

  private todayRange(): { from: Date; to: Date } {
    const tz = this.slots.tz;
    const day = localDateKey(this.now(), tz);
    return { from: zonedTime(day, 0, tz), to: zonedTime(addLocalDays(day, 1), 0, tz) };
  }

  /**
   * The desk scans or types the code: it proves the person. Only today's BOOKED appointments of this estate match.
   */
  async markDoneByCode(
    estateId: string,
    code: string,
    actor: string,
    locale: Locale = 'zh-CN',
  ): Promise<{ appointment: KeyAppointment; holding: KeyHolding | null }> {
    const c = code.trim();
    if (!CODE_RE.test(c)) throw new AppError('BAD_INPUT', 'bad code format', userMessage('keys.err.codeFormat'));
    const { from, to } = this.todayRange();
    const [appt] = await this.repos.keys.findBookedByCode(estateId, hashCode(c), from, to);
    if (!appt) {
      throw new AppError('NOT_FOUND', 'key code not found', userMessage('keys.err.codeNotFound'));
    }
    const done = await this.repos.keys.completeHandover(appt, actor, this.now());
    if (!done) throw new AppError('CONFLICT', 'already handled', userMessage('keys.err.alreadyDone'));
    return done;
  }

  /** Today's list for the desk, one line each, phones masked. */
  async todayLines(estateId: string, locale: Locale = 'zh-CN'): Promise<string[]> {
    const { from, to } = this.todayRange();
    const rows = await this.repos.keys.appointmentsBetween(estateId, from, to);
    return rows.map((a) => {
      const phone = a.personPhone ? ` ${maskPhone(a.personPhone)}` : '';
      return t(locale, a.description ? 'keys.todayLine' : 'appointments.todayLine', {
        time: formatLocal(a.slotStart, this.slots.tz, 'time'),
        kind: kindLabel(a.kind, locale),
        unit: a.unitLabel,
        person: a.personName,
        phone,
        description: a.description,
        status: t(locale, `keys.status.${a.status}`),
      });
    });
  }

  /** Queues the 1-hour-before reminder for appointments whose slot is within the reminder window. */
  async sendReminders(): Promise<number> {
    const now = this.now();
    const to = new Date(now.getTime() + this.slots.settings.reminderMinutesBefore * MINUTE_MS);
    let n = 0;
    for (const a of await this.repos.keys.dueReminders(now, to)) {
      await this.repos.keys.markReminded(this.notifier, a, now, {
        kind: 'reminder',
        dedupeKey: `key-reminder:${a.id}:${a.slotStart.toISOString()}`,
        message: (locale: Locale) => ({
          text: t(locale, isDeskPurpose(a.kind) ? 'appointments.notice.reminder' : 'keys.notice.reminder', {
            slot: this.slots.label(a.slotStart),
            kind: kindLabel(a.kind, locale),
            unit: a.unitLabel,
            person: a.personName,
          }),
          // 预约提醒 facts for a template message outside a chat window (WeChat OA).
          template: {
            type: 'appointment',
            estateId: a.estateId,
            facts: {
              time: this.slots.label(a.slotStart),
              item: isDeskPurpose(a.kind)
                ? kindLabel(a.kind, locale)
                : t(locale, 'deskKeys.templateItem', { kind: kindLabel(a.kind, locale) }),
              unit: a.unitLabel,
              person: a.personName,
            },
          },
        }),
      });
      n++;
    }
    return n;
  }

  /** Slot + 30 min passed without a hand-over → 未到, owner told. */
  async sweepNoShows(): Promise<number> {
    const now = this.now();
    const before = new Date(now.getTime() - this.slots.settings.noShowAfterMinutes * MINUTE_MS);
    let n = 0;
    for (const a of await this.repos.keys.overdueBooked(before)) {
      const ok = await this.repos.keys.markNoShow(this.notifier, a, now, {
        kind: 'notice',
        dedupeKey: `key-noshow:${a.id}`,
        message: (locale: Locale) => ({
          text: t(locale, isDeskPurpose(a.kind) ? 'appointments.notice.noShow' : 'keys.notice.noShow', {
            slot: this.slots.label(a.slotStart),
            kind: kindLabel(a.kind, locale),
            unit: a.unitLabel,
          }),
        }),
      });
      if (ok) n++;
    }
    return n;
  }
}

export function kindLabel(kind: KeyAppointment['kind'], locale: Locale = 'zh-CN'): string {
  return isDeskPurpose(kind) ? t(locale, `appointments.purpose.${kind}`) : t(locale, `keys.kind.${kind}`);
}

export function statusLabel(status: KeyAppointment['status'], locale: Locale = 'zh-CN'): string {
  return t(locale, `keys.status.${status}`);
}

/** zh-CN labels, for notices sent outside a turn. */
export const KIND_LABEL: Record<KeyAppointment['kind'], string> = {
  DEPOSIT: kindLabel('DEPOSIT'),
  PICKUP: kindLabel('PICKUP'),
  TRANSFER: kindLabel('TRANSFER'),
  MOVE_OUT: kindLabel('MOVE_OUT'),
  MOVE_IN: kindLabel('MOVE_IN'),
};

/** A slot the desk does not offer: the reason is told in the reader's language (the hours read differently). */
export class SlotRefusedError extends AppError {
  constructor(
    private readonly slots: DeskSlots,
    readonly refusal: SlotRefusal,
  ) {
    super('BAD_INPUT', `key slot refused: ${refusal.reason}`, userMessage('error.badInput'));
  }

  override textIn(locale: Locale): string {
    return this.slots.refusalText(this.refusal, locale);
  }
}
