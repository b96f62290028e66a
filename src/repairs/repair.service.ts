// 报修 as an intake module on the one ticket lifecycle: filing (by the owner in chat, or by staff for a unit — 代客登记),
// then 派单 → 接单 → 到场 → 完工 (or 无法处理, back to the desk). Which move is allowed from where is the transition table's
// (src/tickets/transitions.ts); each move, its event and its outbox notices are one transaction (applyTransition).
// 完工 resolves the ticket, so the 回访 sweep and the reopen on a low score are the complaints' own (ComplaintService).
import { AppError, userMessage } from '../shared/app-error.js';
import type { TicketRepository, StaffInfo, TicketNotice, TicketRow, TicketUpdate } from '../db/repositories.js';
import type { EstateInfo } from '../estate/estate.service.js';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import { unitLabel } from '../identity/sender.js';
import { maskPhone } from '../shared/phone.js';
import { formatLocal, localDateKey } from '../shared/zoned-time.js';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR } from '../sla/business-calendar.js';
import type { CalendarLike } from '../sla/business-time.js';
import { calendarFor, type DeskCalendarInput } from '../sla/desk-settings.js';
import {
  clockFor,
  clockOf,
  dueTimes,
  firstCheck,
  isRoundTheClock,
  PRIORITY_LABEL,
  type SlaClock,
} from '../sla/ladder.js';
import { slaPolicyOf } from '../sla/sla-limits.js';
import { formatTicketNumber, ticketNumberPrefix, ticketSequence } from '../complaints/ticket-number.js';
import { durationText, STATUS_LABEL } from '../tickets/status-labels.js';
import { fromStatuses, transition, type ActorRole, type TicketAction } from '../tickets/transitions.js';
import { onlyOneNamed } from '../tickets/named-staff.js';
import type { Clock } from '../shared/clock.js';
import {
  DEFAULT_PRICE_TEXT_IDS,
  DEFAULT_TRADE_IDS,
  departmentOf,
  quoteFor,
  repairSettingsOf,
  type RepairSettings,
} from './repair-settings.js';

/** "30 分钟" / "2 小时" in the reader's language (zh-CN as durationText). */
function durationIn(minutes: number, locale: Locale): string {
  if (minutes < 60) return t(locale, 'repair.duration.minutes', { n: minutes });
  const h = minutes / 60;
  return t(locale, 'repair.duration.hours', { n: Number.isInteger(h) ? h : h.toFixed(1) });
}

/** A trade name for the reader: our default trades in the reader's language, an estate's own names as written. */
export function tradeLabel(name: string, locale: Locale): string {
  const id = DEFAULT_TRADE_IDS[name];
  // repair.trade.<id>: the ids of DEFAULT_TRADE_IDS (repair-settings.ts).
  return id ? t(locale, `repair.trade.${id}` as MessageKey) : name;
}

/** A price text for the reader: our default texts in the reader's language, an estate's own texts as written. */
export function priceLabel(text: string, locale: Locale): string {
  const id = DEFAULT_PRICE_TEXT_IDS[text];
  // repair.price.<id>: the ids of DEFAULT_PRICE_TEXT_IDS (repair-settings.ts).
  return id ? t(locale, `repair.price.${id}` as MessageKey) : text;
}
import { windowText, type VisitWindow } from './visit-window.js';
import type { Notifier } from '../notify/notifier.js';

export type IntakeChannel = 'chat' | 'phone' | 'counter';

export interface NewRepair {
  estate: EstateInfo;
  /** The owner it is for (the 回访 goes to them). */
  personId: string;
  unitId: string | null;
  trade: string;
  description: string;
  location: string;
  inHome: boolean;
  urgent: boolean;
  attachments: Array<{ contentUrl: string; name: string }>;
  visit: VisitWindow | null;
  homeContact: string | null;
  /** chat: the owner in the bot; phone / counter: 代客登记 by `filedBy`. */
  intake: IntakeChannel;
  filedBy?: { staffId: string; name: string } | null;
  /** The inbound message that files it: a re-run turn gets the same ticket back. */
  intakeKey?: string;
}

export interface CreatedRepair {
  ticket: TicketRow;
  ackText: string;
  /** ackText in the reader's language. */
  ackTextIn: (locale: Locale) => string;
  ackDueLocal: string;
}

/** The staff member acting, with their department (maintenance staff have one). */
export interface RepairActor {
  staffId: string;
  name: string;
  estateId: string;
  /** The estate's zone, for the visit window in notices. */
  timezone: string;
}

const SHORT = (number: string) => String(ticketSequence(number)).padStart(4, '0');

export class RepairService {
  constructor(
    private readonly tickets: TicketRepository,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly now: Clock,
    /** Each estate's desk calendar (settings.desk), or one fixed calendar in tests. */
    private readonly calendar: DeskCalendarInput = new BusinessCalendar(DEFAULT_DESK_CALENDAR),
  ) {}

  settings(estate: Pick<EstateInfo, 'settings'>): RepairSettings {
    return repairSettingsOf(estate.settings);
  }

  /** 有偿/无偿 of a repair as the estate's price list says. */
  quote(estate: Pick<EstateInfo, 'settings'>, trade: string, inHome: boolean) {
    return quoteFor(this.settings(estate), trade, inHome);
  }

  private schedule(
    estateSettings: Record<string, unknown>,
    desk: CalendarLike,
    trade: string,
    priority: number,
    clock: SlaClock,
  ) {
    const limits = slaPolicyOf(estateSettings)('REPAIR', trade, priority);
    const cal = clockFor('REPAIR', priority, desk);
    return { ...dueTimes(cal, limits, clock), nextSlaCheckAt: firstCheck(cal, limits, clock), limits };
  }

  /**
   * The update that acknowledges a repair (派单 or 接单): its new status and worker, accepted now unless it was before,
   * and the next sweep check from its clock on the row with the ack step done.
   */
  private async acknowledged(
    estateId: string,
    status: 'DISPATCHED' | 'ACCEPTED',
    assigneeId: string,
    now: Date,
  ): Promise<(cur: TicketRow) => TicketUpdate> {
    const settings = await this.tickets.estateSettings(estateId);
    const desk = await calendarFor(this.calendar, estateId);
    return (cur) => ({
      status,
      assigneeId,
      acceptedAt: cur.acceptedAt ?? now,
      nextSlaCheckAt: this.schedule(settings, desk, cur.category, cur.priority, { ...clockOf(cur), acknowledged: true })
        .nextSlaCheckAt,
    });
  }

  async create(r: NewRepair): Promise<CreatedRepair> {
    const s = this.settings(r.estate);
    const now = this.now();
    const dateKey = localDateKey(now, r.estate.timezone);
    const tz = r.estate.timezone;
    const who = await this.tickets.personContact(r.personId);
    const unit = r.unitId ? await this.tickets.unitLabelParts(r.unitId) : null;
    const quote = quoteFor(s, r.trade, r.inHome);
    const priority = r.urgent ? 3 : 1;
    const settings = (r.estate.settings ?? {}) as Record<string, unknown>;
    const clock: SlaClock = {
      emergency: false,
      start: now,
      acknowledged: false,
      pausedMinutes: 0,
      paused: false,
      taken: 0,
    };
    const sla = this.schedule(settings, await calendarFor(this.calendar, r.estate.id), r.trade, priority, clock);
    const department = departmentOf(s, r.trade);
    const window = r.visit ? windowText(r.visit, tz) : null;
    const { ticket } = await this.tickets.create(
      this.notifier,
      {
        estateId: r.estate.id,
        numberPrefix: ticketNumberPrefix(dateKey),
        repeat: null,
        intakeKey: r.intakeKey ?? null,
      },
      (last) => {
        const number = formatTicketNumber(dateKey, (last ? ticketSequence(last) : 0) + 1);
        const text = t('zh-CN', 'repair.notice.new', {
          number,
          trade: r.trade,
          urgency: PRIORITY_LABEL[priority] ?? '',
          paid: quote.paid ? t('zh-CN', 'repair.paid', { price: quote.text }) : t('zh-CN', 'repair.free'),
          location: `${r.location}${unit && !r.inHome ? `（业主 ${unitLabel(unit.building, unit.entrance, unit.room)}）` : ''}`,
          description: r.description,
          owner: `${who?.name ?? '—'} ${who?.phone ? maskPhone(who.phone) : ''}`.trim(),
          visit: window
            ? t('zh-CN', 'repair.notice.visit', {
                window,
                contact: r.homeContact ?? t('zh-CN', 'repair.contact.ownerSelf'),
              })
            : '',
          photos: r.attachments.length ? t('zh-CN', 'repair.notice.photos', { count: r.attachments.length }) : '',
          intake:
            r.intake === 'chat'
              ? ''
              : t('zh-CN', 'repair.notice.intake', {
                  channel: t('zh-CN', r.intake === 'phone' ? 'repair.intake.phone' : 'repair.intake.counter'),
                  by: r.filedBy?.name ?? '',
                }),
          short: SHORT(number),
        });
        const kind = priority >= 3 ? 'urgent' : 'notice';
        return {
          ticket: {
            number,
            kind: 'REPAIR',
            estateId: r.estate.id,
            unitId: r.unitId,
            personId: r.personId,
            category: r.trade,
            description: r.description,
            location: r.location,
            priority,
            repeatOfId: null,
            isRepeat: false,
            createdAt: now,
            ackDueAt: sla.ackDueAt,
            resolveDueAt: sla.resolveDueAt,
            slaStartAt: now,
            nextSlaCheckAt: sla.nextSlaCheckAt,
            attachments: r.attachments,
            intake: r.intake,
            intakeBy: r.filedBy ? `staff:${r.filedBy.staffId}` : null,
            visitFrom: r.visit?.from ?? null,
            visitTo: r.visit?.to ?? null,
            homeContact: r.homeContact,
            paid: quote.paid,
            priceCents: quote.paid ? quote.cents : null,
            // The owner agreed to the quoted price at the summary; a staff filing notes the owner agreed by phone.
            priceConfirmedAt: quote.paid ? now : null,
          },
          created: r.filedBy
            ? { actor: `staff:${r.filedBy.staffId}`, actorName: r.filedBy.name, note: `代客登记（${r.intake}）` }
            : {
                actor: `person:${r.personId}`,
                actorName: '业主',
                note: quote.paid ? `有偿：${quote.text}（业主已确认）` : null,
              },
          notices: (row) => [
            {
              estateId: r.estate.id,
              role: 'ASSISTANT',
              notice: { kind, message: { text }, dedupeKey: `ticket:${row.id}:new`, at: now },
            },
            {
              estateId: r.estate.id,
              department,
              notice: { kind, message: { text }, dedupeKey: `ticket:${row.id}:new:dept`, at: now },
            },
            ...(r.filedBy
              ? [
                  {
                    personId: r.personId,
                    notice: {
                      kind: 'notice',
                      message: (locale: Locale) => ({
                        text: t(locale, 'repair.proxy.ownerNotice', {
                          kind: t(locale, 'lifecycle.kind.REPAIR'),
                          number,
                          description: r.description,
                        }),
                      }),
                      dedupeKey: `ticket:${row.id}:proxy:owner`,
                      at: now,
                    },
                  },
                ]
              : []),
          ],
        };
      },
    );
    return {
      ticket,
      ackText: `${isRoundTheClock('REPAIR', priority) ? '' : '工作时间 '}${durationText(sla.limits.ackMinutes)}`,
      ackTextIn: (locale) =>
        t(locale, isRoundTheClock('REPAIR', priority) ? 'repair.ack.anyTime' : 'repair.ack.workingHours', {
          duration: durationIn(sla.limits.ackMinutes, locale),
        }),
      ackDueLocal: formatLocal(sla.ackDueAt, tz, 'datetime'),
    };
  }

  /** 代客登记: the unit at an address and its first bound owner (null when nobody is bound). */
  async unitOwner(
    estateId: string,
    a: { building: string; entrance: string; room: string },
  ): Promise<{ unitId: string; ownerId: string | null } | null> {
    const u = await this.tickets.unitWithOwners(estateId, a);
    return u ? { unitId: u.unitId, ownerId: u.ownerIds[0] ?? null } : null;
  }

  // ── dispatch ──

  /** 派单 N 姓名: the desk gives a repair to a named maintenance worker (re-dispatch allowed until it is done). */
  async dispatch(actor: RepairActor, ticket: TicketRow, workerName: string): Promise<StaffInfo> {
    this.mustBeRepair(ticket);
    const me = await this.staff(actor);
    const from = this.allowed(ticket, roleOf(me), 'dispatch', '派单');
    const candidates = (await this.tickets.activeStaffByName(ticket.estateId, workerName)).filter(
      (s) => s.department !== null,
    );
    const worker = onlyOneNamed(candidates, workerName, 'worker', {
      none: 'repair.cmd.noWorker',
      several: 'repair.cmd.ambiguousWorker',
    });
    const now = this.now();
    const done = await this.tickets.applyTransition(
      this.notifier,
      ticket.id,
      {
        from,
        at: now,
        action: 'dispatched',
        data: await this.acknowledged(ticket.estateId, 'DISPATCHED', worker.id, now),
      },
      { actor: `staff:${actor.staffId}`, actorName: actor.name, note: `派给${worker.name}` },
      (row, eventId) => [
        {
          personId: worker.personId,
          notice: {
            kind: row.priority >= 3 ? 'urgent' : 'notice',
            message: {
              text: t('zh-CN', 'repair.notice.dispatched', {
                by: actor.name,
                number: row.number,
                trade: row.category,
                description: row.description.slice(0, 60),
                location: row.location,
                visit: this.visitLine(row, actor.timezone),
                short: SHORT(row.number),
              }),
            },
            dedupeKey: `ticket:${row.id}:dispatched:${eventId}`,
            at: now,
          },
        },
        this.toOwner(
          row,
          'dispatched',
          eventId,
          (locale) => t(locale, 'repair.owner.dispatched', { number: row.number, worker: worker.name }),
          now,
        ),
      ],
    );
    if (!done) throw await this.wrongState(ticket.id, '派单');
    return worker;
  }

  /** 接单 N: the worker it was dispatched to (or any maintenance worker, for one not dispatched yet) takes it. */
  async take(actor: RepairActor, ticket: TicketRow): Promise<TicketRow> {
    this.mustBeRepair(ticket);
    const me = await this.staff(actor);
    const from = this.allowed(ticket, roleOf(me), 'take', '接单');
    if (ticket.status === 'DISPATCHED' && ticket.assigneeId && ticket.assigneeId !== me.id)
      throw await this.notAssignee(ticket, '接单');
    const now = this.now();
    const data = await this.acknowledged(ticket.estateId, 'ACCEPTED', me.id, now);
    const done = await this.tickets.applyTransition(
      this.notifier,
      ticket.id,
      {
        from,
        // Dispatched: only to its worker; unassigned: to whoever takes it first.
        assigneeId: ticket.status === 'DISPATCHED' ? me.id : null,
        at: now,
        action: 'taken',
        data,
      },
      { actor: `staff:${me.id}`, actorName: me.name },
      (row, eventId) => [
        this.toOwner(
          row,
          'taken',
          eventId,
          (locale) =>
            t(locale, 'repair.owner.taken', {
              worker: me.name,
              number: row.number,
              visit:
                row.visitFrom && row.visitTo
                  ? t(locale, 'repair.owner.takenVisit', {
                      window: windowText({ from: row.visitFrom, to: row.visitTo }, actor.timezone),
                    })
                  : '',
            }),
          now,
        ),
      ],
    );
    if (!done) {
      const fresh = await this.reload(ticket.id);
      if (fresh.assigneeId && fresh.assigneeId !== me.id) throw await this.notAssignee(fresh, '接单');
      throw await this.wrongState(ticket.id, '接单');
    }
    return done;
  }

  /** 到场 N: the worker is at the door. */
  async arrive(actor: RepairActor, ticket: TicketRow): Promise<TicketRow> {
    return this.workerMove(
      actor,
      ticket,
      'arrive',
      '到场',
      'arrived',
      () => ({ status: 'IN_PROGRESS' }),
      (row, me) => (locale) => t(locale, 'repair.owner.arrived', { worker: me.name, number: row.number }),
    );
  }

  /** 完工 N 说明 (photos allowed): resolved; the 回访 follows (ComplaintService.runSurveys). */
  async complete(
    actor: RepairActor,
    ticket: TicketRow,
    note: string,
    photos: Array<{ contentUrl: string; name: string }>,
  ): Promise<TicketRow> {
    const now = this.now();
    const row = await this.workerMove(
      actor,
      ticket,
      'complete',
      '完工',
      'completed',
      () => ({ status: 'RESOLVED', resolvedAt: now, nextSlaCheckAt: null, slaPausedAt: null, surveyDueAt: now }),
      (r) => (locale) => t(locale, 'repair.owner.completed', { number: r.number, note }),
      note + (photos.length ? `（照片 ${photos.length} 张）` : ''),
      (r, me) => [
        toDesk(
          r,
          t('zh-CN', 'repair.notice.completedDesk', { worker: me.name, number: r.number, trade: r.category, note }),
          `ticket:${r.id}:completed:desk:${r.round}`,
          now,
        ),
      ],
    );
    await this.tickets.addStaffAttachments(ticket.id, photos);
    return row;
  }

  /** 无法处理 N 原因: back to the desk (NEW, unassigned), which is told to re-dispatch. */
  async giveBack(actor: RepairActor, ticket: TicketRow, reason: string): Promise<TicketRow> {
    const now = this.now();
    return this.workerMove(
      actor,
      ticket,
      'give_back',
      '退回',
      'given_back',
      () => ({ status: 'NEW', assigneeId: null }),
      (r) => (locale) => t(locale, 'repair.owner.givenBack', { number: r.number }),
      reason,
      (r, me) => [
        toDesk(
          r,
          t('zh-CN', 'repair.notice.givenBack', { worker: me.name, number: r.number, trade: r.category, reason }),
          `ticket:${r.id}:given_back:desk:${now.getTime()}`,
          now,
        ),
      ],
    );
  }

  /** A move only the ticket's worker makes (到场, 完工, 无法处理). */
  private async workerMove(
    actor: RepairActor,
    ticket: TicketRow,
    action: TicketAction,
    what: string,
    event: string,
    data: (cur: TicketRow) => TicketUpdate,
    ownerText: (row: TicketRow, me: StaffInfo) => (locale: Locale) => string,
    note: string | null = null,
    more: (row: TicketRow, me: StaffInfo) => TicketNotice[] = () => [],
  ): Promise<TicketRow> {
    this.mustBeRepair(ticket);
    const me = await this.staff(actor);
    const from = this.allowed(ticket, roleOf(me), action, what);
    if (ticket.assigneeId !== me.id && from.includes(ticket.status)) throw await this.notAssignee(ticket, what);
    const now = this.now();
    const done = await this.tickets.applyTransition(
      this.notifier,
      ticket.id,
      { from, assigneeId: me.id, at: now, action: event, data },
      { actor: `staff:${me.id}`, actorName: me.name, note },
      (row, eventId) => [this.toOwner(row, event, eventId, ownerText(row, me), now), ...more(row, me)],
    );
    if (!done) throw await this.wrongState(ticket.id, what);
    return done;
  }

  /** The owner's notice, in the language of each of the owner's chat accounts. */
  private toOwner(
    row: TicketRow,
    what: string,
    eventId: string,
    text: (locale: Locale) => string,
    at: Date,
  ): TicketNotice {
    return {
      personId: row.personId,
      notice: {
        kind: 'notice',
        message: (locale) => ({
          text: text(locale),
          template: {
            type: 'ticket',
            estateId: row.estateId,
            facts: { ticketNumber: row.number, category: row.category, status: STATUS_LABEL[row.status] },
          },
        }),
        dedupeKey: `ticket:${row.id}:${what}:owner:${eventId}`,
        at,
      },
    };
  }

  private visitLine(row: TicketRow, tz: string): string {
    if (!row.visitFrom || !row.visitTo) return '';
    return t('zh-CN', 'repair.notice.visit', {
      window: windowText({ from: row.visitFrom, to: row.visitTo }, tz),
      contact: row.homeContact ?? t('zh-CN', 'repair.contact.ownerSelf'),
    });
  }

  private mustBeRepair(ticket: TicketRow): void {
    if (ticket.kind !== 'REPAIR')
      throw new AppError('BAD_INPUT', 'not a repair', userMessage('repair.cmd.notRepair', { number: ticket.number }));
  }

  private async staff(actor: RepairActor): Promise<StaffInfo> {
    const me = await this.tickets.staffById(actor.staffId);
    if (!me) throw new AppError('FORBIDDEN', 'not staff', userMessage('staff.only'));
    return me;
  }

  private allowed(ticket: TicketRow, role: ActorRole, action: TicketAction, what: string) {
    const from = fromStatuses(ticket.kind, role, action);
    if (from.length === 0) {
      if (role === 'desk' && fromStatuses(ticket.kind, 'maintenance', action).length)
        throw new AppError('FORBIDDEN', 'maintenance only', userMessage('repair.cmd.notMaintenance', { what }));
      throw new AppError(
        'CONFLICT',
        `${role} may not ${action}`,
        userMessage('lifecycle.notYourMove', {
          number: ticket.number,
          what,
          kind: t('zh-CN', 'lifecycle.kind.REPAIR'),
        }),
      );
    }
    return from;
  }

  private async notAssignee(ticket: TicketRow, what: string): Promise<AppError> {
    const holder = ticket.assigneeId ? await this.tickets.staffById(ticket.assigneeId) : null;
    return new AppError(
      'CONFLICT',
      'not the assignee',
      userMessage('repair.cmd.notAssignee', {
        number: ticket.number,
        worker: holder?.name ?? t('zh-CN', 'repair.contact.colleague'),
        what,
      }),
    );
  }

  private async reload(id: string): Promise<TicketRow> {
    const row = await this.tickets.byId(id);
    if (!row) throw new AppError('NOT_FOUND', `ticket ${id} gone`);
    return row;
  }

  private async wrongState(id: string, what: string): Promise<AppError> {
    const row = await this.reload(id);
    return new AppError(
      'CONFLICT',
      `cannot ${what} in ${row.status}`,
      userMessage('lifecycle.wrongState', { number: row.number, status: STATUS_LABEL[row.status], what }),
    );
  }
}

/** A notice to the desk (the ASSISTANT group) about a repair; staff read zh-CN. */
function toDesk(row: TicketRow, text: string, dedupeKey: string, at: Date): TicketNotice {
  return { estateId: row.estateId, role: 'ASSISTANT', notice: { kind: 'notice', message: { text }, dedupeKey, at } };
}

/** The column of the transition table a staff member acts in: maintenance staff have a department. */
export function roleOf(s: Pick<StaffInfo, 'department'>): ActorRole {
  return s.department ? 'maintenance' : 'desk';
}

/** Kept for tests and docs: where a repair may go from a status, by role. */
export const repairMove = (status: TicketRow['status'], role: ActorRole, action: TicketAction) =>
  transition('REPAIR', status, role, action);
