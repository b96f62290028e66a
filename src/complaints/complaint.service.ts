// Complaint tickets: create (numbered per estate per day, 二次投诉 linking), staff transitions, owner actions, 回访.
// The rules and texts live here; each change, its TicketEvent and its outbox notices are written in one transaction by
// a unit of work in src/db/ticket.repo.ts. Notices carry dedupe keys `ticket:<id>:<transition>` so re-running a
// transition sends nothing twice.
import type { NoticeTemplateRef } from '../notify/channel.js';
import type { Notice } from '../shared/outbound-message.js';
import type { Notifier } from '../notify/notifier.js';
import { AppError, userMessage } from '../shared/app-error.js';
import { OPEN_STATUSES } from '../db/ticket.repo.js';
import type {
  Repositories,
  ReopenPlan,
  ResumePlan,
  StaffInfo,
  TicketEventRow,
  TicketListItem,
  TicketNotice,
  TicketRow,
  TicketStatus,
} from '../db/repositories.js';
import type { EstateInfo } from '../estate/estate.service.js';
import { unitLabel, type StaffRole } from '../identity/sender.js';
import { maskPhone } from '../shared/phone.js';
import { t, type Locale } from '../i18n/index.js';
import { formatLocal, localDateKey } from '../shared/zoned-time.js';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR } from '../sla/business-calendar.js';
import { businessMinutesBetween, type CalendarLike } from '../sla/business-time.js';
import { calendarFor, type DeskCalendarInput } from '../sla/desk-settings.js';
import {
  clockFor,
  clockOf,
  dueTimes,
  firstCheck,
  isRoundTheClock,
  PRIORITY_LABEL,
  type SlaClock,
  type SlaLimits,
} from '../sla/ladder.js';
import { slaPolicyOf } from '../sla/sla-limits.js';
import { complaintSettings, slaLimitsFor, type ComplaintSettings } from './categories.js';
import { EMERGENCY_LABEL, type EmergencyType } from './emergency.js';
import { categoryLabel, durationText, statusLabel } from '../tickets/status-labels.js';
import { formatTicketNumber, parseTicketRef, ticketNumberPrefix, ticketSequence } from './ticket-number.js';
import type { Clock } from '../shared/clock.js';
import { fromStatuses, transition, type ActorRole, type TicketAction } from '../tickets/transitions.js';
import { onlyOneNamed } from '../tickets/named-staff.js';

/** Where a reopened ticket goes: back to its holder when it has one, else the queue (from the transition table). */
function reopenTarget(kind: TicketRow['kind'], held: boolean): TicketStatus {
  const r = transition(kind, 'RESOLVED', 'owner', 'reopen');
  if (!r.ok) return 'NEW';
  return (held ? r.to[r.to.length - 1] : r.to[0]) ?? 'NEW';
}

export { OPEN_STATUSES };
/** Kept for callers of the old place: the clock as stored on a row now lives with the ladder. */
export { clockOf };

export interface NewComplaint {
  estate: EstateInfo;
  personId: string;
  /** The owner's unit (also for public-area complaints: 二次投诉 is counted per unit). */
  unitId: string | null;
  category: string;
  description: string;
  location: string;
  urgent: boolean;
  attachments: Array<{ contentUrl: string; name: string }>;
  /** The inbound message that files it (channel/conversation:id): a re-run turn gets the same ticket back. */
  intakeKey?: string;
  /** 代客登记: taken by phone or at the counter by this staff member (default: the owner in chat). */
  intake?: 'chat' | 'phone' | 'counter';
  filedBy?: { staffId: string; name: string } | null;
  /** REQUEST: a desk request (办卡/补卡/退卡, src/permits) — never a 二次投诉; default COMPLAINT. */
  kind?: 'COMPLAINT' | 'REQUEST';
}

export interface CreatedTicket {
  ticket: TicketRow;
  repeatOf: TicketRow | null;
  /** Promised first response, e.g. "工作时间 2 小时" (urgent: "30 分钟", round the clock), and its local deadline. */
  ackText: string;
  ackDueLocal: string;
  /** The same promise as facts, for a reply in the owner's language. */
  ackMinutes: number;
  roundTheClock: boolean;
  ackDueAt: Date;
}

export interface NewEmergency {
  estate: EstateInfo;
  /** The reporter (owner, staff member's person, or a placeholder for an unbound account — it gets no notices). */
  personId: string;
  unitId: string | null;
  type: EmergencyType;
  description: string;
  location: string;
  reporter: { actor: string; name: string };
}

/** The staff member doing something (from the sender of a command). */
export interface StaffActor {
  staffId: string;
  name: string;
  role: StaffRole;
  estateId: string;
  /** Maintenance staff (工程部…): their moves are the repair ones (接单/到场/完工), not the desk's. */
  department?: string | null;
}

/** Which column of the transition table a staff member acts in. */
export const actorRoleOf = (a: Pick<StaffActor, 'department'>): ActorRole => (a.department ? 'maintenance' : 'desk');

const zhText = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t('zh-CN', key, params);
/** The catalogue lookup, under a name that callbacks' ticket parameters (`t`) do not shadow. */
const tr = t;
const staffActor = (a: StaffActor) => ({ actor: `staff:${a.staffId}`, actorName: a.name });
const ownerActor = (personId: string) => ({
  actor: `person:${personId}`,
  actorName: t('zh-CN', 'complaint.actor.owner'),
});

export class ComplaintService {
  constructor(
    private readonly repos: Pick<Repositories, 'tickets' | 'outbox'>,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly now: Clock,
    /** The desk calendar (one, or each estate's) the SLA clocks of non-urgent tickets run on. */
    private readonly calendar: DeskCalendarInput = new BusinessCalendar(DEFAULT_DESK_CALENDAR),
  ) {}

  /** Due times and the first sweep check of a ticket's round, on its clock (desk calendar or round the clock). */
  private async schedule(t: { estateId: string; kind: string; category: string; priority: number }, clock: SlaClock) {
    const limits = slaPolicyOf(await this.repos.tickets.estateSettings(t.estateId))(t.kind, t.category, t.priority);
    return this.scheduleWith(limits, t, clock, await calendarFor(this.calendar, t.estateId));
  }

  private scheduleWith(limits: SlaLimits, t: { kind: string; priority: number }, clock: SlaClock, desk: CalendarLike) {
    const cal = clockFor(t.kind, t.priority, desk);
    return { ...dueTimes(cal, limits, clock), nextSlaCheckAt: firstCheck(cal, limits, clock), limits };
  }

  settings(estate: EstateInfo): ComplaintSettings {
    return complaintSettings(estate.settings);
  }

  async create(c: NewComplaint): Promise<CreatedTicket> {
    const s = this.settings(c.estate);
    const ticketKind = c.kind ?? 'COMPLAINT';
    const limitsFor = (priority: number) => slaLimitsFor(s, ticketKind, c.category, priority);
    const now = this.now();
    const dateKey = localDateKey(now, c.estate.timezone);
    const who = await this.repos.tickets.personContact(c.personId);
    const unit = c.unitId ? await this.repos.tickets.unitLabelParts(c.unitId) : null;
    const desk = await calendarFor(this.calendar, c.estate.id);
    const { ticket, repeatOf } = await this.repos.tickets.create(
      this.notifier,
      {
        estateId: c.estate.id,
        numberPrefix: ticketNumberPrefix(dateKey),
        repeat:
          c.unitId && ticketKind === 'COMPLAINT'
            ? {
                unitId: c.unitId,
                category: c.category,
                since: new Date(now.getTime() - s.repeatWindowDays * 86_400_000),
              }
            : null,
        intakeKey: c.intakeKey ?? null,
      },
      (last, repeatOf) => {
        const number = formatTicketNumber(dateKey, (last ? ticketSequence(last) : 0) + 1);
        const priority = Math.min(3, (c.urgent ? 3 : 1) + (repeatOf ? 1 : 0));
        const sla = this.scheduleWith(limitsFor(priority), { kind: ticketKind, priority }, newClock(now, false), desk);
        const lines = [
          zhText('complaint.group.newHead', {
            label: zhText(
              ticketKind === 'REQUEST'
                ? 'complaint.group.labelRequest'
                : repeatOf
                  ? 'complaint.group.labelRepeat'
                  : 'complaint.group.labelNew',
            ),
            number,
            category: c.category,
            priority: PRIORITY_LABEL[priority] ?? priority,
          }),
          zhText('complaint.group.location', {
            location: c.location,
            unit: unit
              ? zhText('complaint.group.locationUnit', {
                  unit: unitLabel(unit.building, unit.entrance, unit.room),
                })
              : '',
          }),
          zhText('complaint.group.content', { description: c.description }),
          zhText('complaint.group.owner', {
            name: who?.name ?? '—',
            phone: who?.phone ? maskPhone(who.phone) : '',
          }).trim(),
          ...(c.attachments.length ? [zhText('complaint.group.photos', { count: c.attachments.length })] : []),
          ...(repeatOf ? [zhText('complaint.group.repeatOf', { number: repeatOf.number })] : []),
          zhText('complaint.group.claimHint', { seq: String(ticketSequence(number)).padStart(4, '0'), number }),
        ];
        const kind = priority >= 3 ? 'urgent' : 'notice';
        return {
          ticket: {
            kind: ticketKind,
            number,
            estateId: c.estate.id,
            unitId: c.unitId,
            personId: c.personId,
            category: c.category,
            description: c.description,
            location: c.location,
            priority,
            repeatOfId: repeatOf?.id ?? null,
            isRepeat: repeatOf !== null,
            createdAt: now,
            ackDueAt: sla.ackDueAt,
            resolveDueAt: sla.resolveDueAt,
            slaStartAt: now,
            nextSlaCheckAt: sla.nextSlaCheckAt,
            attachments: c.attachments,
            intake: c.intake ?? 'chat',
            intakeBy: c.filedBy ? `staff:${c.filedBy.staffId}` : null,
          },
          created: c.filedBy
            ? {
                actor: `staff:${c.filedBy.staffId}`,
                actorName: c.filedBy.name,
                note: [
                  zhText('complaint.record.proxy', { intake: c.intake ?? 'phone' }),
                  repeatOf ? zhText('complaint.record.repeatOf', { number: repeatOf.number }) : null,
                ]
                  .filter(Boolean)
                  .join('；'),
              }
            : {
                ...ownerActor(c.personId),
                note: repeatOf ? zhText('complaint.record.repeatOf', { number: repeatOf.number }) : null,
              },
          notices: (t) => [
            {
              estateId: c.estate.id,
              role: 'ASSISTANT',
              notice: { kind, message: { text: lines.join('\n') }, dedupeKey: `ticket:${t.id}:new`, at: now },
            },
            ...(c.filedBy
              ? [
                  {
                    personId: c.personId,
                    notice: {
                      kind: 'notice',
                      message: {
                        text: zhText('repair.proxy.ownerNotice', {
                          kind: zhText('lifecycle.kind.COMPLAINT'),
                          number,
                          description: c.description,
                        }),
                      },
                      dedupeKey: `ticket:${t.id}:proxy:owner`,
                      at: now,
                    },
                  },
                ]
              : []),
            ...(repeatOf
              ? [
                  {
                    estateId: c.estate.id,
                    role: 'SUPERVISOR' as const,
                    notice: {
                      kind,
                      message: {
                        text: zhText('complaint.group.repeat', {
                          number,
                          category: c.category,
                          previous: repeatOf.number,
                          priority: PRIORITY_LABEL[priority] ?? priority,
                        }),
                      },
                      dedupeKey: `ticket:${t.id}:repeat`,
                      at: now,
                    },
                  },
                ]
              : []),
          ],
        };
      },
    );
    // The promise to the owner, from the same pure schedule the ticket was filed with.
    const sla = this.scheduleWith(
      limitsFor(ticket.priority),
      { kind: ticketKind, priority: ticket.priority },
      newClock(now, false),
      desk,
    );
    return {
      ticket,
      repeatOf,
      ackText: zhText(
        isRoundTheClock(ticketKind, ticket.priority) ? 'complaint.ack.anytime' : 'complaint.ack.businessHours',
        {
          duration: durationText(sla.limits.ackMinutes),
        },
      ),
      ackDueLocal: formatLocal(sla.ackDueAt, c.estate.timezone, 'datetime'),
      ackMinutes: sla.limits.ackMinutes,
      roundTheClock: isRoundTheClock(ticketKind, ticket.priority),
      ackDueAt: sla.ackDueAt,
    };
  }

  // ── 特发事件 ──

  /** Who an emergency reaches at once: 领班 and 主管 (their groups, else each of them privately). */
  static readonly EMERGENCY_ROLES = ['FOREMAN', 'SUPERVISOR'] as const satisfies readonly StaffRole[];

  /**
   * How many staff chats an emergency would reach now. 0 means nobody: the owner must be told to phone, never
   * "已通知".
   */
  emergencyReach(estateId: string): Promise<number> {
    return this.notifier.staffReach(this.repos.outbox, estateId, ComplaintService.EMERGENCY_ROLES);
  }

  /**
   * An emergency: an EMERGENCY ticket on the wall clock, 领班 and 主管 pinged at once (urgent, never held);
   * the sweep pings 经理 if nobody answers "收到" within the estate's limit.
   */
  async reportEmergency(e: NewEmergency): Promise<TicketRow> {
    const s = this.settings(e.estate);
    const now = this.now();
    const dateKey = localDateKey(now, e.estate.timezone);
    const who = await this.repos.tickets.personContact(e.personId);
    const desk = await calendarFor(this.calendar, e.estate.id);
    const { ticket } = await this.repos.tickets.create(
      this.notifier,
      { estateId: e.estate.id, numberPrefix: ticketNumberPrefix(dateKey), repeat: null },
      (last) => {
        const number = formatTicketNumber(dateKey, (last ? ticketSequence(last) : 0) + 1);
        const sla = this.scheduleWith(
          slaLimitsFor(s, 'EMERGENCY', e.type, 3),
          { kind: 'EMERGENCY', priority: 3 },
          { ...newClock(now, false), emergency: true },
          desk,
        );
        const seq = String(ticketSequence(number)).padStart(4, '0');
        const text = [
          zhText('complaint.group.emergencyHead', { number, label: EMERGENCY_LABEL[e.type] }),
          zhText('complaint.group.location', { location: e.location, unit: '' }),
          zhText('complaint.group.emergencySituation', { description: e.description }),
          zhText('complaint.group.emergencyReporter', {
            name: e.reporter.name,
            phone: who?.phone ? ` ${maskPhone(who.phone)}` : '',
          }),
          zhText('complaint.group.emergencyAsk', { seq, minutes: s.emergencyAckMinutes }),
        ].join('\n');
        return {
          ticket: {
            number,
            kind: 'EMERGENCY',
            estateId: e.estate.id,
            unitId: e.unitId,
            personId: e.personId,
            category: e.type,
            description: e.description,
            location: e.location,
            priority: 3,
            repeatOfId: null,
            isRepeat: false,
            createdAt: now,
            ackDueAt: sla.ackDueAt,
            resolveDueAt: null,
            slaStartAt: now,
            nextSlaCheckAt: sla.nextSlaCheckAt,
            attachments: [],
          },
          created: {
            actor: e.reporter.actor,
            actorName: e.reporter.name,
            note: zhText('complaint.record.emergency', { label: EMERGENCY_LABEL[e.type] }),
          },
          notices: (t) =>
            ComplaintService.EMERGENCY_ROLES.map((role) => ({
              estateId: e.estate.id,
              role,
              notice: { kind: 'urgent', message: { text }, dedupeKey: `ticket:${t.id}:emergency:${role}`, at: now },
            })),
        };
      },
    );
    return ticket;
  }

  /** "收到 0007": any staff member takes the emergency; the 经理 ping is off. */
  async ackEmergency(actor: StaffActor, ticket: TicketRow): Promise<TicketRow> {
    if (ticket.kind !== 'EMERGENCY')
      throw new AppError(
        'BAD_INPUT',
        'not emergency',
        userMessage('complaint.staff.notEmergency', { number: ticket.number }),
      );
    const now = this.now();
    const won = await this.repos.tickets.ackEmergency(
      this.notifier,
      ticket.id,
      {
        staffId: actor.staffId,
        at: now,
        from: this.allowedFrom(ticket, actorRoleOf(actor), 'ack', zhText('complaint.what.ack')),
      },
      { ...staffActor(actor), note: zhText('complaint.record.acked') },
      [
        {
          estateId: ticket.estateId,
          role: 'SUPERVISOR',
          notice: {
            kind: 'urgent',
            message: {
              text: zhText('complaint.group.emergencyAcked', {
                name: actor.name,
                number: ticket.number,
                category: ticket.category,
              }),
            },
            dedupeKey: `ticket:${ticket.id}:acked`,
            at: now,
          },
        },
        ownerNotice(
          ticket,
          'handling',
          (locale) => t(locale, 'complaint.notice.emergencyAcked', { number: ticket.number, name: actor.name }),
          `ticket:${ticket.id}:acked:owner`,
          now,
          'urgent',
        ),
      ],
    );
    const fresh = await this.reload(ticket.id);
    if (!won) {
      const holder = fresh.assigneeId ? await this.repos.tickets.staffById(fresh.assigneeId) : null;
      throw new AppError(
        'CONFLICT',
        'already acked',
        userMessage('complaint.staff.emergencyTaken', {
          number: fresh.number,
          name: holder?.name ?? t('zh-CN', 'complaint.staff.colleague'),
        }),
      );
    }
    return fresh;
  }

  /**
   * A bare reply to a 回访 ("5", "4分", "满意", "没解决") with no dialog running: answers the person's open survey.
   * Null when the text is not such an answer or nothing is waiting for one (the caller goes on as usual).
   */
  async answerPendingSurvey(
    personId: string | null,
    text: string | null | undefined,
    locale: Locale = 'zh-CN',
  ): Promise<string | null> {
    const answer = parseBareSurveyAnswer(text ?? '');
    if (!answer || !personId) return null;
    const [ticket] = await this.repos.tickets.withOpenSurvey(personId);
    if (!ticket) return null;
    const r = await this.answerSurvey(personId, ticket, answer);
    return surveyReply(locale, ticket.number, answer, r);
  }

  /** "TS-20261128-0007" or "0007" (today) of an estate → the ticket, or a clear NOT_FOUND. */
  async resolveRef(estate: EstateInfo, ref: string): Promise<TicketRow> {
    const number = parseTicketRef(ref, localDateKey(this.now(), estate.timezone));
    if (!number)
      throw new AppError('BAD_INPUT', `bad ticket ref ${ref}`, userMessage('complaint.error.badRef', { ref }));
    const t = await this.repos.tickets.byNumber(estate.id, number);
    if (!t)
      throw new AppError(
        'NOT_FOUND',
        `ticket ${number} not found`,
        userMessage('complaint.error.notFound', { number }),
      );
    return t;
  }

  // ── staff ──

  async claim(actor: StaffActor, ticket: TicketRow): Promise<TicketRow> {
    const now = this.now();
    const next = await this.schedule(ticket, { ...clockOf(ticket), acknowledged: true });
    const won = await this.repos.tickets.claim(
      this.notifier,
      ticket.id,
      {
        staffId: actor.staffId,
        at: now,
        nextSlaCheckAt: next.nextSlaCheckAt,
        from: this.allowedFrom(ticket, actorRoleOf(actor), 'claim', zhText('complaint.what.claim')),
      },
      staffActor(actor),
      [
        ownerNotice(
          ticket,
          'accepted',
          (locale) => t(locale, 'complaint.notice.accepted', { number: ticket.number, name: actor.name }),
          `ticket:${ticket.id}:accepted`,
          now,
        ),
      ],
    );
    const fresh = await this.reload(ticket.id);
    if (!won) {
      const holder = fresh.assigneeId ? await this.repos.tickets.staffById(fresh.assigneeId) : null;
      if (holder)
        throw new AppError(
          'CONFLICT',
          'already claimed',
          userMessage('complaint.staff.alreadyClaimed', {
            number: fresh.number,
            name: holder.name,
            you: holder.id === actor.staffId ? t('zh-CN', 'complaint.staff.itsYou') : '',
          }),
        );
      throw new AppError(
        'CONFLICT',
        'not claimable',
        userMessage('complaint.error.wrongState', {
          number: fresh.number,
          status: statusLabel(fresh.status),
          what: zhText('complaint.what.claim'),
        }),
      );
    }
    return fresh;
  }

  async note(actor: StaffActor, ticket: TicketRow, text: string): Promise<void> {
    await this.repos.tickets.addStaffNote(ticket.id, this.now(), { ...staffActor(actor), note: text });
  }

  /** 等待业主 / 等待施工方: pauses the SLA clock (the event is the pause start). */
  async wait(actor: StaffActor, ticket: TicketRow, on: 'OWNER' | 'CONTRACTOR', note: string | null): Promise<void> {
    const now = this.now();
    const ok = await this.repos.tickets.setWaiting(
      this.notifier,
      ticket.id,
      {
        status: on === 'OWNER' ? 'WAITING_OWNER' : 'WAITING_CONTRACTOR',
        at: now,
        from: this.allowedFrom(
          ticket,
          actorRoleOf(actor),
          on === 'OWNER' ? 'wait_owner' : 'wait_contractor',
          zhText('complaint.what.wait'),
        ),
      },
      { ...staffActor(actor), note },
      (eventId) =>
        on === 'OWNER'
          ? [
              ownerNotice(
                ticket,
                'waitOwner',
                (locale) =>
                  t(locale, 'complaint.notice.waitOwner', {
                    number: ticket.number,
                    note: note ? t(locale, 'complaint.notice.waitOwnerNote', { note }) : '',
                  }),
                `ticket:${ticket.id}:wait_owner:${eventId}`,
                now,
              ),
            ]
          : [],
    );
    if (!ok) throw await this.wrongState(ticket.id, zhText('complaint.what.wait'));
  }

  async resume(actor: StaffActor | null, ticket: TicketRow, note: string | null = null): Promise<void> {
    const by = actor ? staffActor(actor) : ownerActor(ticket.personId);
    const now = this.now();
    const ok = await this.repos.tickets.resume(
      ticket.id,
      now,
      { ...by, note },
      this.resumePlan(now, await calendarFor(this.calendar, ticket.estateId)),
    );
    if (!ok) throw await this.wrongState(ticket.id, zhText('complaint.what.resume'));
  }

  /** A waiting ticket's clock going again: the due times move on by the business minutes it spent waiting. */
  private resumePlan(now: Date, desk: CalendarLike): ResumePlan {
    return (cur, estateSettings) => {
      const waited = cur.slaPausedAt
        ? businessMinutesBetween(clockFor(cur.kind, cur.priority, desk), cur.slaPausedAt, now)
        : 0;
      const slaPausedMinutes = cur.slaPausedMinutes + waited;
      const next = this.scheduleWith(
        slaPolicyOf(estateSettings)(cur.kind, cur.category, cur.priority),
        cur,
        { ...clockOf(cur), pausedMinutes: slaPausedMinutes, paused: false },
        desk,
      );
      return { slaPausedMinutes, resolveDueAt: next.resolveDueAt, nextSlaCheckAt: next.nextSlaCheckAt };
    };
  }

  async resolve(actor: StaffActor, ticket: TicketRow, note: string): Promise<void> {
    const now = this.now();
    const ok = await this.repos.tickets.resolve(
      this.notifier,
      ticket.id,
      {
        staffId: actor.staffId,
        at: now,
        note,
        resumeNote: zhText('complaint.what.resolve'),
        from: this.allowedFrom(ticket, actorRoleOf(actor), 'resolve', zhText('complaint.what.resolve')),
      },
      staffActor(actor),
      (round) => [
        ownerNotice(
          ticket,
          'resolved',
          (locale) => t(locale, 'complaint.notice.resolved', { number: ticket.number, note }),
          `ticket:${ticket.id}:resolved:${round}`,
          now,
        ),
      ],
    );
    if (!ok) throw await this.wrongState(ticket.id, zhText('complaint.what.resolve'));
  }

  async reassign(actor: StaffActor, ticket: TicketRow, toName: string): Promise<StaffInfo> {
    const to = onlyOneNamed(await this.repos.tickets.activeStaffByName(ticket.estateId, toName), toName, 'staff', {
      none: 'complaint.staff.noSuchStaff',
      several: 'complaint.staff.ambiguousStaff',
    });
    const now = this.now();
    const ok = await this.repos.tickets.reassign(
      this.notifier,
      ticket.id,
      {
        toStaffId: to.id,
        at: now,
        from: this.allowedFrom(ticket, actorRoleOf(actor), 'reassign', zhText('complaint.what.reassign')),
      },
      { ...staffActor(actor), note: zhText('complaint.record.reassignedTo', { name: to.name }) },
      (eventId) => [
        ownerNotice(
          ticket,
          'reassigned',
          (locale) => t(locale, 'complaint.notice.reassigned', { number: ticket.number, name: to.name }),
          `ticket:${ticket.id}:assigned:${eventId}`,
          now,
        ),
        {
          personId: to.personId,
          notice: {
            kind: 'notice',
            message: (locale: Locale) => ({
              text: t(locale, 'complaint.group.reassignedToYou', {
                name: actor.name,
                number: ticket.number,
                category: ticket.category,
                description: ticket.description.slice(0, 40),
              }),
            }),
            dedupeKey: `ticket:${ticket.id}:assignee:${eventId}`,
            at: now,
          },
        },
      ],
    );
    if (!ok) {
      const fresh = await this.reload(ticket.id);
      if (fresh.assigneeId === to.id)
        throw new AppError(
          'CONFLICT',
          'same assignee',
          userMessage('complaint.staff.sameAssignee', { number: fresh.number, name: to.name }),
        );
      throw await this.wrongState(ticket.id, zhText('complaint.what.reassign'));
    }
    return to;
  }

  async history(ticket: TicketRow): Promise<{
    ticket: TicketRow;
    events: TicketEventRow[];
    assignee: StaffInfo | null;
    photos: number;
    repeatOf: TicketRow | null;
  }> {
    const [events, assignee, photos, repeatOf] = await Promise.all([
      this.repos.tickets.events(ticket.id),
      ticket.assigneeId ? this.repos.tickets.staffById(ticket.assigneeId) : null,
      this.repos.tickets.countAttachments(ticket.id),
      ticket.repeatOfId ? this.repos.tickets.byId(ticket.repeatOfId) : null,
    ]);
    return { ticket, events, assignee, photos, repeatOf };
  }

  /**
   * The owner on a ticket as 工单 N shows it: name and masked number for every staff member. The assigned staff member
   * and 主管/经理 — the readers expected to call the owner — also get the full number privately (outbox, audited
   * `ticket.contactRevealed`); the command reply itself is masked because it may be read in a group (#19, PIPL).
   */
  async ownerContactFor(
    actor: StaffActor & { personId: string | null },
    ticket: TicketRow,
    locale: Locale,
  ): Promise<{ line: string; sentPrivately: boolean } | null> {
    const who = await this.repos.tickets.personContact(ticket.personId);
    if (!who) return null;
    const line = t(locale, 'ticket.ownerLine', { name: who.name, phone: who.phone ? maskPhone(who.phone) : '—' });
    const mayCall = ticket.assigneeId === actor.staffId || actor.role === 'SUPERVISOR' || actor.role === 'MANAGER';
    if (!mayCall || !who.phone || !actor.personId) return { line, sentPrivately: false };
    const text = t(locale, 'ticket.contactPrivate', {
      number: ticket.number,
      name: who.name,
      phone: who.phone,
      location: ticket.location,
    });
    const at = this.now();
    await this.repos.tickets.sendContactPrivately(
      this.notifier,
      ticket.id,
      { personId: actor.personId, actor: `staff:${actor.staffId}` },
      text,
      at,
    );
    return { line, sentPrivately: true };
  }

  // ── owner ──

  listMine(personId: string): Promise<TicketListItem[]> {
    return this.repos.tickets.ofPerson(personId, new Date(this.now().getTime() - 30 * 86_400_000));
  }

  /** One of the owner's tickets with its record, or null when it is not theirs. */
  async mine(personId: string, ticketId: string): Promise<{ ticket: TicketRow; events: TicketEventRow[] } | null> {
    const ticket = await this.repos.tickets.byId(ticketId);
    if (!ticket || ticket.personId !== personId) return null;
    return { ticket, events: await this.repos.tickets.events(ticketId) };
  }

  async withdraw(personId: string, ticketId: string, locale: Locale = 'zh-CN'): Promise<void> {
    const now = this.now();
    const ok = await this.repos.tickets.withdraw(
      this.notifier,
      ticketId,
      { personId, at: now, from: fromStatuses('COMPLAINT', 'owner', 'withdraw') },
      ownerActor(personId),
      (t) => [
        {
          estateId: t.estateId,
          role: 'ASSISTANT',
          notice: {
            kind: 'notice',
            message: { text: tr('zh-CN', 'complaint.group.withdrawn', { number: t.number }) },
            dedupeKey: `ticket:${ticketId}:withdrawn`,
            at: now,
          },
        },
      ],
    );
    if (!ok) throw await this.wrongState(ticketId, t(locale, 'complaint.what.withdraw'), locale);
  }

  /** 补充信息: text and/or photos; a ticket waiting for the owner goes back to work. */
  async addInfo(
    personId: string,
    ticketId: string,
    info: { text: string | null; attachments: Array<{ contentUrl: string; name: string }> },
    locale: Locale = 'zh-CN',
  ): Promise<void> {
    const now = this.now();
    const note = [
      info.text,
      info.attachments.length ? zhText('complaint.record.photos', { count: info.attachments.length }) : null,
    ]
      .filter(Boolean)
      .join('；');
    const estateId = (await this.repos.tickets.byId(ticketId))?.estateId;
    const desk = await calendarFor(this.calendar, estateId ?? '');
    const ok = await this.repos.tickets.addOwnerInfo(
      this.notifier,
      ticketId,
      { personId, at: now, note, attachments: info.attachments },
      ownerActor(personId),
      { note: zhText('complaint.record.ownerAdded'), plan: this.resumePlan(now, desk) },
      (t, eventId) => [
        {
          estateId: t.estateId,
          role: 'ASSISTANT',
          notice: {
            kind: 'notice',
            message: { text: tr('zh-CN', 'complaint.group.ownerInfo', { number: t.number, note }) },
            dedupeKey: `ticket:${ticketId}:info:${eventId}`,
            at: now,
          },
        },
      ],
    );
    if (!ok) throw await this.wrongState(ticketId, t(locale, 'complaint.what.addInfo'), locale);
  }

  // ── 回访 ──

  /** A reopened ticket's next round: one priority up, a fresh clock, back to whoever had it. */
  private reopenPlan(now: Date, desk: CalendarLike): ReopenPlan {
    return (t, estateSettings) => {
      const priority = Math.min(3, t.priority + 1);
      const next = this.scheduleWith(
        slaPolicyOf(estateSettings)(t.kind, t.category, priority),
        { kind: t.kind, priority },
        newClock(now, t.assigneeId !== null),
        desk,
      );
      return {
        // Back to whoever had it (the table's second target: IN_PROGRESS, or DISPATCHED to its worker for a
        // repair), else to the queue.
        status: reopenTarget(t.kind, t.assigneeId !== null),
        priority,
        ackDueAt: next.ackDueAt,
        resolveDueAt: next.resolveDueAt,
        nextSlaCheckAt: next.nextSlaCheckAt,
      };
    };
  }

  /** The owner's 回访 answer: a score 1–5 (and a comment), or 没解决. ≤ 2 or 没解决 reopens and escalates. */
  async answerSurvey(
    personId: string,
    ticket: TicketRow,
    answer: { score: number | null; unresolved: boolean; comment: string | null },
  ): Promise<'thanks' | 'reopened'> {
    if (ticket.personId !== personId)
      throw new AppError(
        'NOT_FOUND',
        'not own ticket',
        userMessage('complaint.error.notOwn', { number: ticket.number }),
      );
    const now = this.now();
    const who = ownerActor(personId);
    const comment = answer.comment ? zhText('complaint.record.comment', { comment: answer.comment }) : '';
    const reason = answer.unresolved
      ? zhText('complaint.record.unresolvedReason', { comment })
      : answer.score !== null && answer.score <= 2
        ? zhText('complaint.record.lowScoreReason', { score: answer.score, comment })
        : null;
    const desk = await calendarFor(this.calendar, ticket.estateId);
    const r = await this.repos.tickets.answerSurvey(
      this.notifier,
      ticket,
      { score: answer.score, comment: answer.comment, at: now },
      {
        ...who,
        note: [
          answer.unresolved
            ? zhText('complaint.record.unresolved')
            : zhText('complaint.record.score', { score: answer.score ?? '' }),
          answer.comment,
        ]
          .filter(Boolean)
          .join('：'),
      },
      reason === null
        ? null
        : {
            by: who,
            reason,
            plan: this.reopenPlan(now, desk),
            notices: (t) => {
              const key = `ticket:${t.id}:reopened:${t.round}`;
              return [
                {
                  estateId: t.estateId,
                  role: 'SUPERVISOR',
                  notice: {
                    kind: 'urgent',
                    message: {
                      text: tr('zh-CN', 'complaint.group.surveyUnhappy', {
                        number: t.number,
                        category: t.category,
                        reason,
                      }),
                    },
                    dedupeKey: key,
                    at: now,
                  },
                },
                ownerNotice(
                  t,
                  'reopened',
                  (locale) => tr(locale, 'complaint.notice.reopened', { number: t.number }),
                  `${key}:owner`,
                  now,
                ),
              ];
            },
          },
    );
    if (r === 'no_survey')
      throw new AppError(
        'CONFLICT',
        'no open survey',
        userMessage('complaint.error.noSurvey', { number: ticket.number }),
      );
    if (r === 'answered')
      throw new AppError(
        'CONFLICT',
        'survey answered',
        userMessage('complaint.error.surveyAnswered', { number: ticket.number }),
      );
    return r === 'reopened' ? 'reopened' : 'thanks';
  }

  /**
   * The 回访 sweep: resolved tickets get their survey after the estate's delay (per its mode), an unanswered survey
   * one reminder. Safe to re-run: one survey row per round and dedupe keys per round.
   */
  async runSurveys(
    estateOf: (id: string) => Promise<EstateInfo | null>,
  ): Promise<{ asked: number; reminded: number; skipped: number }> {
    const now = this.now();
    let asked = 0;
    let reminded = 0;
    let skipped = 0;
    // Only tickets whose surveyDueAt has come (indexed); each one leaves the scan once handled.
    for (const t of await this.repos.tickets.awaitingSurvey(now)) {
      const done = () => this.repos.tickets.updateIf(t.id, { round: t.round }, { surveyDueAt: null });
      const estate = await estateOf(t.estateId);
      if (t.status !== 'RESOLVED' || !t.resolvedAt || !estate || t.callbacks.some((c) => c.round === t.round)) {
        await done();
        continue;
      }
      const s = this.settings(estate);
      const dueAt = new Date(t.resolvedAt.getTime() + s.callbackDelayHours * 3_600_000);
      if (dueAt.getTime() > now.getTime()) {
        // Resolve stamps "now"; the estate's delay is known here: come back exactly then.
        await this.repos.tickets.updateIf(t.id, { round: t.round, status: ['RESOLVED'] }, { surveyDueAt: dueAt });
        continue;
      }
      const rated = t.callbacks.some((c) => c.answeredAt !== null);
      if (s.callbackMode === 'never' || (s.callbackMode === 'skip_if_rated' && rated)) {
        // No survey in this mode: the ticket is done.
        if (
          await this.repos.tickets.updateIf(
            t.id,
            { status: ['RESOLVED'], round: t.round },
            { status: 'CLOSED', surveyDueAt: null },
          )
        )
          skipped++;
        continue;
      }
      const notice = ownerNotice(
        t,
        'survey',
        (locale) => surveyText(t.number, false, t.kind, locale),
        `ticket:${t.id}:survey:${t.round}`,
        now,
        'survey',
      );
      if (await this.repos.tickets.sendSurvey(this.notifier, t, now, [notice])) asked++;
    }
    for (const c of await this.repos.tickets.surveysNeedingReminder(new Date(now.getTime() - 3_600_000))) {
      const estate = await estateOf(c.ticket.estateId);
      if (!estate || c.ticket.status !== 'RESOLVED' || c.round !== c.ticket.round) continue;
      if (c.askedAt.getTime() + this.settings(estate).callbackReminderHours * 3_600_000 > now.getTime()) continue;
      const notice = ownerNotice(
        c.ticket,
        'survey',
        (locale) => surveyText(c.ticket.number, true, c.ticket.kind, locale),
        `ticket:${c.ticketId}:survey-reminder:${c.round}`,
        now,
        'survey',
      );
      if (await this.repos.tickets.remindSurvey(this.notifier, c.id, now, [notice])) reminded++;
    }
    return { asked, reminded, skipped };
  }

  /**
   * The statuses the transition table lets `role` take `action` from on this ticket's kind. A kind or role that never
   * may is refused here with a clear answer; a status that does not allow it is left to the repository's conditional
   * update (a race lost, a ticket already moved on), which answers as before.
   */
  protected allowedFrom(ticket: TicketRow, role: ActorRole, action: TicketAction, what: string): TicketStatus[] {
    const from = fromStatuses(ticket.kind, role, action);
    if (from.length > 0) return from;
    const anyRole = (['desk', 'maintenance', 'owner'] as const).some(
      (r) => fromStatuses(ticket.kind, r, action).length,
    );
    throw new AppError(
      'CONFLICT',
      `${ticket.kind}: ${role} may not ${action}`,
      userMessage(anyRole ? 'lifecycle.notYourMove' : 'lifecycle.notForKind', {
        number: ticket.number,
        what,
        kind: t('zh-CN', `lifecycle.kind.${ticket.kind}`),
      }),
    );
  }

  private async reload(id: string): Promise<TicketRow> {
    const t = await this.repos.tickets.byId(id);
    if (!t) throw new AppError('NOT_FOUND', `ticket ${id} gone`);
    return t;
  }

  /** `what` in the reader's language (staff: zh-CN; an owner's own action: theirs). */
  private async wrongState(id: string, what: string, locale: Locale = 'zh-CN'): Promise<AppError> {
    const t = await this.reload(id);
    return new AppError(
      'CONFLICT',
      `cannot ${what} in ${t.status}`,
      userMessage('complaint.error.wrongState', { number: t.number, status: statusLabel(t.status, locale), what }),
    );
  }
}

/** "5" / "5分" / "满意" / "没解决" (optionally followed by a comment after a number) → a survey answer. */
export function parseBareSurveyAnswer(
  text: string,
): { score: number | null; unresolved: boolean; comment: string | null } | null {
  const s = text.trim().replace(/[。！!.]+$/u, '');
  const m = /^([1-5])\s*(?:分|星|stars?|points?|\/\s*5|of\s+5)?(?:[\s，,]+([\s\S]{1,500}))?$/iu.exec(s);
  if (m?.[1]) return { score: Number(m[1]), unresolved: false, comment: m[2]?.trim() || null };
  if (
    /^(没解决|没有解决|未解决|还没解决|问题没解决|not solved|not resolved|unresolved|still not (?:solved|fixed)|not fixed)$/i.test(
      s,
    )
  )
    return { score: null, unresolved: true, comment: null };
  if (/^(非常满意|很满意|满意|very satisfied|satisfied|very good|excellent|great)$/i.test(s))
    return { score: 5, unresolved: false, comment: null };
  if (/^(一般|还行|还可以|average|so-so)$/i.test(s)) return { score: 3, unresolved: false, comment: null };
  if (/^(不满意|很不满意|非常不满意|dissatisfied|unsatisfied|not satisfied|very dissatisfied|bad|poor)$/i.test(s))
    return { score: 1, unresolved: false, comment: null };
  return null;
}

/** What the owner is told after answering a 回访, in their language. */
export function surveyReply(
  locale: Locale,
  number: string,
  answer: { score: number | null; unresolved: boolean },
  outcome: 'thanks' | 'reopened',
): string {
  if (answer.unresolved) return t(locale, 'complaint.survey.unresolved', { number });
  return outcome === 'reopened'
    ? t(locale, 'complaint.survey.reopened', { number })
    : t(locale, 'complaint.survey.thanks', { number, score: answer.score ?? '' });
}

/** A new round's clock, starting now. */
function newClock(start: Date, acknowledged: boolean): SlaClock {
  return { emergency: false, start, acknowledged, pausedMinutes: 0, paused: false, taken: 0 };
}

function surveyText(number: string, reminder: boolean, kind: string, locale: Locale): string {
  if (kind === 'REPAIR') {
    const text = t(locale, 'repair.survey', { number });
    return reminder ? t(locale, 'complaint.survey.repairReminder', { text }) : text;
  }
  return t(locale, reminder ? 'complaint.survey.reminder' : 'complaint.survey.question', { number });
}

type TemplateStatus = 'handling' | 'accepted' | 'waitOwner' | 'resolved' | 'reassigned' | 'reopened' | 'survey';

/** A notice to the ticket's owner, in the language of each of their chat accounts, with the 工单状态 template. */
function ownerNotice(
  ticket: { personId: string; estateId: string; number: string; category: string },
  status: TemplateStatus,
  text: (locale: Locale) => string,
  dedupeKey: string,
  at: Date,
  kind: Notice['kind'] = 'notice',
): TicketNotice {
  return {
    personId: ticket.personId,
    notice: {
      kind,
      message: (locale: Locale) => ({ text: text(locale), template: ticketTemplate(ticket, status, locale) }),
      dedupeKey,
      at,
    },
  };
}

/**
 * 工单状态 facts for channels that need a template message outside a chat window (WeChat OA): the estate maps them to
 * its template's keywords ({ticketNumber}, {category}, {status}).
 */
function ticketTemplate(
  t: { estateId: string; number: string; category: string },
  status: TemplateStatus,
  locale: Locale,
): NoticeTemplateRef {
  return {
    type: 'ticket',
    estateId: t.estateId,
    facts: {
      ticketNumber: t.number,
      category: categoryLabel(t.category, locale),
      status: tr(locale, `complaint.template.${status}`),
    },
  };
}
