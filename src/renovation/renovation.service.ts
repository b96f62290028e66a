// Owner requests on renovation permits (延期 / 停工 / 复工 / 退场验收) and staff decisions on them.
// Each change, its AuditLog row and its outbox notices are written in one transaction; notices carry dedupe keys
// `renovation-request:<id>:new|decided`, and a decision is a conditional update so only one of two racing staff wins.
import { AppError, userMessage } from '../shared/app-error.js';
import type {
  NewPermit,
  PermitRow,
  RenovationRequestKind,
  RenovationRequestRow,
  Repositories,
} from '../db/repositories.js';
import { SlotTakenError } from '../db/repositories.js';
import type { EstateInfo } from '../estate/estate.service.js';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import {
  firstCheck,
  STEP_BIT,
  STEP_LABEL,
  stepsDue,
  type SlaClock,
  type SlaLimits,
  type SlaStep,
} from '../sla/ladder.js';
import type { StaffRole } from '../identity/sender.js';
import {
  applicationInputSchema,
  applicationProblems,
  depositFromNote,
  drawingsSchema,
  type ApplicationInput,
} from './application.rules.js';
import { unitLabel } from '../identity/sender.js';
import { maskPhone } from '../shared/phone.js';
import { addLocalDays, formatLocal, localDateKey, zonedTime } from '../shared/zoned-time.js';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR, toMinutes } from '../sla/business-calendar.js';
import { addBusinessMinutes } from '../sla/business-time.js';
import { parseExtensionEnd } from './extension-date.parser.js';
import { checkExtension, permitStatusText } from './extension.rules.js';
import { renovationSettings, type RenovationSettings } from './renovation-settings.js';
import type { Clock } from '../shared/clock.js';
import type { Notifier } from '../notify/notifier.js';

/** A request kind as a person reads it ("延期"; staff groups read zh-CN). */
export function requestKindLabel(kind: RenovationRequestKind, locale: Locale = 'zh-CN'): string {
  return t(locale, `reno.kind.${kind}`);
}

export const REQUEST_KIND_LABEL: Record<RenovationRequestKind, string> = {
  EXTENSION: requestKindLabel('EXTENSION'),
  STOP_WORK: requestKindLabel('STOP_WORK'),
  RESUME: requestKindLabel('RESUME'),
  EXIT_INSPECTION: requestKindLabel('EXIT_INSPECTION'),
  APPLICATION: requestKindLabel('APPLICATION'),
};

/** Who hears about an overdue approval, by ladder step (approvers, not the foremen who patrol sites). */
const APPROVAL_STEP_TARGET: Partial<Record<SlaStep, StaffRole>> = {
  ack_warn: 'ASSISTANT',
  ack_breach: 'SUPERVISOR',
  ack_2x: 'MANAGER',
};

export type ApplyResult =
  { ok: true; request: RenovationRequestRow; permit: PermitRow; slaDays: number } | { ok: false; problems: string[] };

/** Minutes in one working day of the desk calendar (08:30–12:00, 13:30–18:00). */
const WORKDAY_MINUTES = 480;

export interface StaffDecider {
  staffId: string;
  name: string;
  estateId: string;
}

export type SubmitResult =
  | { ok: true; request: RenovationRequestRow; permit: PermitRow }
  /** UNPARSED: the date phrase was not understood (ask again with a date prompt); RULES: reasons explain each rule. */
  | { ok: false; code: 'UNPARSED' | 'RULES'; reasons: string[] };

export type DecisionResult =
  | { ok: true; request: RenovationRequestRow; permit: PermitRow; reply: string }
  | { ok: false; request: RenovationRequestRow; message: string };

/** A pending request's approval clock: never acknowledged (a decision ends it), never paused. */
function approvalClockOf(createdAt: Date, taken: number): SlaClock {
  return { emergency: false, start: createdAt, acknowledged: false, pausedMinutes: 0, paused: false, taken };
}

export function yuan(cents: number): string {
  return (cents / 100).toFixed(2);
}

export class RenovationService {
  constructor(
    private readonly repos: Pick<Repositories, 'renovation'>,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly now: Clock,
    /** The desk calendar: SLA due times and the workdays (holidays, 调休) offered for 退场验收. */
    private readonly calendar: BusinessCalendar = new BusinessCalendar(DEFAULT_DESK_CALENDAR),
  ) {}

  settings(estate: EstateInfo): RenovationSettings {
    return renovationSettings(estate.settings);
  }

  today(estate: EstateInfo): string {
    return localDateKey(this.now(), estate.timezone);
  }

  /** Staff (desk process or import) registers a permit. */
  createPermit(estate: EstateInfo, p: Omit<NewPermit, 'estateId'>, actor: string): Promise<PermitRow> {
    return this.repos.renovation.createPermitAudited({ ...p, estateId: estate.id }, { actor, at: this.now() });
  }

  permitsOf(personId: string): Promise<PermitRow[]> {
    return this.repos.renovation.permitsOfPerson(personId);
  }

  async ownedPermit(personId: string, permitId: string): Promise<PermitRow> {
    const permit = await this.repos.renovation.permitById(permitId);
    if (!permit || permit.ownerPersonId !== personId)
      throw new AppError('NOT_FOUND', `permit ${permitId} not owned by ${personId}`, userMessage('reno.notOwned'));
    return permit;
  }

  /** One line per permit (from permitsOf) for "我的装修". */
  async describePermits(permits: PermitRow[], locale: Locale = 'zh-CN'): Promise<string[]> {
    const units = await this.repos.renovation.unitsWithBuilding(permits.map((p) => p.unitId));
    return permits.map((p) => {
      const u = units.get(p.unitId);
      const where = u ? unitLabel(u.building, u.entrance, u.room) : '';
      return t(locale, 'reno.permitLine', {
        number: p.number,
        unit: where,
        scope: p.scope,
        start: p.startDate,
        end: p.endDate,
        status: permitStatusText(p.status, locale),
        contractor: p.contractor,
        phone: maskPhone(p.foremanPhone),
      });
    });
  }

  /** Extension: `when` is the owner's phrase ("延期两周", "到12月20号", "2026-12-20"). */
  async requestExtension(
    estate: EstateInfo,
    personId: string,
    permitId: string,
    when: string,
    reason: string | null,
    locale: Locale = 'zh-CN',
  ): Promise<SubmitResult> {
    const permit = await this.ownedPermit(personId, permitId);
    const parsed = parseExtensionEnd(when, permit.endDate, this.today(estate));
    if (!parsed)
      return {
        ok: false,
        code: 'UNPARSED',
        reasons: [t(locale, 'reno.extend.unparsed')],
      };
    const pending = await this.repos.renovation.pendingRequestsOfPermit(permit.id);
    const violations = checkExtension(
      {
        status: permit.status,
        currentEnd: permit.endDate,
        requestedEnd: parsed.end,
        extensionCount: permit.extensionCount,
        hasPendingExtension: pending.some((r) => r.kind === 'EXTENSION'),
      },
      this.settings(estate),
      locale,
    );
    if (violations.length > 0) return { ok: false, code: 'RULES', reasons: violations.map((v) => v.message) };
    return this.submit(estate, permit, { personId, kind: 'EXTENSION', reason, newEndDate: parsed.end });
  }

  async announceStopWork(
    estate: EstateInfo,
    personId: string,
    permitId: string,
    reason: string | null,
    locale: Locale = 'zh-CN',
  ): Promise<SubmitResult> {
    return this.announce(estate, personId, permitId, 'STOP_WORK', reason, locale, 'reno.stop.pending', (permit) =>
      permit.status !== 'ACTIVE'
        ? [t(locale, 'reno.stop.notActive', { status: permitStatusText(permit.status, locale) })]
        : [],
    );
  }

  async announceResume(
    estate: EstateInfo,
    personId: string,
    permitId: string,
    reason: string | null,
    locale: Locale = 'zh-CN',
  ): Promise<SubmitResult> {
    return this.announce(estate, personId, permitId, 'RESUME', reason, locale, 'reno.resume.pending', (permit) => [
      ...(permit.status !== 'SUSPENDED'
        ? [t(locale, 'reno.resume.notSuspended', { status: permitStatusText(permit.status, locale) })]
        : []),
      ...(permit.endDate < this.today(estate) ? [t(locale, 'reno.resume.expired', { end: permit.endDate })] : []),
    ]);
  }

  /**
   * 停工 / 复工 from today: filed for staff unless the permit's state refuses it (`refusals`, in the owner's language)
   * or one of the same kind is pending (`pending`: the text that says so).
   */
  private async announce(
    estate: EstateInfo,
    personId: string,
    permitId: string,
    kind: 'STOP_WORK' | 'RESUME',
    reason: string | null,
    locale: Locale,
    pending: MessageKey,
    refusals: (permit: PermitRow) => string[],
  ): Promise<SubmitResult> {
    const permit = await this.ownedPermit(personId, permitId);
    const reasons = refusals(permit);
    if ((await this.repos.renovation.pendingRequestsOfPermit(permit.id)).some((r) => r.kind === kind))
      reasons.push(t(locale, pending));
    if (reasons.length) return { ok: false, code: 'RULES', reasons };
    return this.submit(estate, permit, { personId, kind, reason, fromDate: this.today(estate) });
  }

  /** Free 退场验收 slots from tomorrow on: configured times on desk workdays, minus slots held by pending/approved bookings. */
  async freeInspectionSlots(estate: EstateInfo): Promise<Date[]> {
    const s = this.settings(estate);
    const today = this.today(estate);
    const candidates: Date[] = [];
    for (let i = 1; i <= s.inspectionDaysAhead; i++) {
      const day = addLocalDays(today, i);
      if (!this.calendar.isWorkday(day)) continue;
      for (const hhmm of s.inspectionSlots) {
        candidates.push(zonedTime(day, toMinutes(hhmm), estate.timezone));
      }
    }
    if (candidates.length === 0) return [];
    const first = candidates[0] as Date;
    const last = candidates[candidates.length - 1] as Date;
    const taken = new Set(
      (await this.repos.renovation.takenInspectionSlots(estate.id, first, new Date(last.getTime() + 1))).map((d) =>
        d.getTime(),
      ),
    );
    return candidates.filter((c) => !taken.has(c.getTime()));
  }

  async bookExitInspection(
    estate: EstateInfo,
    personId: string,
    permitId: string,
    slotAt: Date,
    locale: Locale = 'zh-CN',
  ): Promise<SubmitResult> {
    const permit = await this.ownedPermit(personId, permitId);
    const reasons: string[] = [];
    if (permit.status === 'FINISHED') reasons.push(t(locale, 'reno.inspect.finished'));
    if (permit.status === 'APPLIED' || permit.status === 'REJECTED')
      reasons.push(t(locale, 'reno.inspect.badStatus', { status: permitStatusText(permit.status, locale) }));
    if ((await this.repos.renovation.pendingRequestsOfPermit(permit.id)).some((r) => r.kind === 'EXIT_INSPECTION'))
      reasons.push(t(locale, 'reno.inspect.pending'));
    const free = await this.freeInspectionSlots(estate);
    if (!free.some((f) => f.getTime() === slotAt.getTime())) reasons.push(t(locale, 'reno.inspect.slotGone'));
    if (reasons.length) return { ok: false, code: 'RULES', reasons };
    try {
      return await this.submit(estate, permit, { personId, kind: 'EXIT_INSPECTION', reason: null, slotAt });
    } catch (err) {
      // Another owner booked the same instant between our free-slot check and the insert; the slot key refused us.
      if (err instanceof SlotTakenError)
        return { ok: false, code: 'RULES', reasons: [t(locale, 'reno.inspect.slotJustTaken')] };
      throw err;
    }
  }

  async depositStatus(personId: string, permitId: string, locale: Locale = 'zh-CN'): Promise<string> {
    const p = await this.ownedPermit(personId, permitId);
    return t(locale, 'reno.depositStatus', {
      number: p.number,
      amount: yuan(p.depositCents),
      state: t(locale, `reno.deposit.${p.depositStatus}`),
    });
  }

  pending(estateId: string) {
    return this.repos.renovation.pendingRequests(estateId);
  }

  /** "#12 延期 3栋2单元1201 …" for staff. */
  describeRequest(r: RenovationRequestRow, permit: PermitRow, tz: string): string {
    const zh = 'zh-CN';
    const what =
      r.kind === 'EXTENSION'
        ? t(zh, 'reno.staff.extensionWhat', { end: r.newEndDate ?? '', from: permit.endDate })
        : r.kind === 'EXIT_INSPECTION' && r.slotAt
          ? t(zh, 'reno.staff.slotWhat', { when: formatLocal(r.slotAt, tz) })
          : r.fromDate
            ? t(zh, 'reno.staff.fromWhat', { from: r.fromDate })
            : '';
    return t(zh, 'reno.staff.requestLine', {
      seq: r.seq,
      kind: requestKindLabel(r.kind, zh),
      number: permit.number,
      what,
      reason: r.reason ? t(zh, 'reno.staff.reasonPart', { reason: r.reason }) : '',
    });
  }

  /** Staff approve or reject by the request's number; exactly one of two concurrent deciders wins. */
  async decide(
    estate: EstateInfo,
    actor: StaffDecider,
    seq: number,
    approve: boolean,
    note: string | null,
  ): Promise<DecisionResult> {
    if (!approve && !note?.trim())
      throw new AppError('BAD_INPUT', 'reject without reason', userMessage('reno.staff.rejectNeedsReason'));
    const found = await this.repos.renovation.requestBySeq(estate.id, seq);
    if (!found) throw new AppError('NOT_FOUND', `request #${seq}`, userMessage('reno.staff.requestNotFound', { seq }));
    const now = this.now();
    // 装修申报: "批准 12 押金 2000" sets the deposit; without one, the estate's default.
    const named = found.kind === 'APPLICATION' && approve ? depositFromNote(note) : undefined;
    if (named === null) throw new AppError('BAD_INPUT', 'bad deposit', userMessage('permitApply.staff.badDeposit'));
    const depositCents = named ?? this.settings(estate).applicationDepositYuan * 100;
    const r = await this.repos.renovation.decideRequest(
      this.notifier,
      found.id,
      {
        approve,
        decidedBy: `staff:${actor.staffId}`,
        decidedByName: actor.name,
        decidedAt: now,
        decisionNote: note?.trim() || null,
        today: this.today(estate),
        depositCents,
      },
      (request, permit) => ({
        kind: 'notice',
        message: (locale: Locale) => ({
          text:
            request.kind === 'APPLICATION'
              ? this.applicationDecisionText(estate, request, permit, depositCents, locale)
              : this.ownerDecisionText(request, permit, estate.timezone, locale),
        }),
        dedupeKey: `renovation-request:${request.id}:decided`,
        at: now,
      }),
    );
    if (!r.won) return { ok: false, request: r.request, message: this.alreadyDecided(r.request) };
    return {
      ok: true,
      request: r.request,
      permit: r.permit,
      reply: await this.decisionReply(estate, r.request, r.permit, note),
    };
  }

  /** What the deciding staff member is told. */
  private async decisionReply(
    estate: EstateInfo,
    r: RenovationRequestRow,
    permit: PermitRow,
    note: string | null,
  ): Promise<string> {
    if (r.kind === 'APPLICATION' && r.status === 'APPROVED') {
      const unit = (await this.repos.renovation.unitsWithBuilding([permit.unitId])).get(permit.unitId);
      return t('zh-CN', 'permitApply.staff.approved', {
        seq: r.seq,
        unit: unit ? unitLabel(unit.building, unit.entrance, unit.room) : '',
        number: permit.number,
        deposit: yuan(permit.depositCents),
      });
    }
    const what = this.describeRequest(r, permit, estate.timezone);
    return r.status === 'APPROVED'
      ? t('zh-CN', 'reno.staff.approved', { what })
      : t('zh-CN', 'reno.staff.rejected', { what, reason: note ?? '' });
  }

  private applicationDecisionText(
    estate: EstateInfo,
    r: RenovationRequestRow,
    permit: PermitRow,
    depositCents: number,
    locale: Locale,
  ): string {
    if (r.status === 'REJECTED')
      return t(locale, 'permitApply.owner.rejected', { seq: r.seq, reason: r.decisionNote ?? '' });
    return t(locale, 'permitApply.owner.approved', {
      seq: r.seq,
      number: permit.number,
      start: permit.startDate,
      end: permit.endDate,
      deposit: yuan(depositCents),
      rules: this.settings(estate).rulesText ?? t(locale, 'permitApply.rules'),
    });
  }

  // ── 装修申报 ──

  /** Why this unit cannot apply now (a permit applied for or running), or null. */
  async applicationBlocker(unitId: string, unitLabelText: string, locale: Locale = 'zh-CN'): Promise<string | null> {
    const open = await this.repos.renovation.openPermitOfUnit(unitId);
    return open
      ? t(locale, 'permitApply.duplicate', {
          unit: unitLabelText,
          number: open.number,
          status: permitStatusText(open.status, locale),
        })
      : null;
  }

  /** The owner's application by chat: a permit in APPLIED and its APPLICATION request for staff to decide. */
  async apply(
    estate: EstateInfo,
    personId: string,
    input: ApplicationInput,
    locale: Locale = 'zh-CN',
  ): Promise<ApplyResult> {
    const a = applicationInputSchema.parse(input);
    const s = this.settings(estate);
    const problems = applicationProblems(a, this.today(estate), s).map((p) => t(locale, p.key, p.params));
    const open = await this.repos.renovation.openPermitOfUnit(a.unitId);
    if (open)
      problems.unshift(
        t(locale, 'permitApply.duplicate', {
          unit: a.unitLabel,
          number: open.number,
          status: permitStatusText(open.status, locale),
        }),
      );
    if (problems.length) return { ok: false, problems };
    const createdAt = this.now();
    const { dueAt, nextSlaCheckAt } = this.approvalClock(estate, createdAt);
    const owner = (await this.repos.renovation.peopleByIds([personId])).get(personId);
    const { request, permit } = await this.repos.renovation.submitApplication(
      this.notifier,
      {
        permit: {
          estateId: estate.id,
          unitId: a.unitId,
          ownerPersonId: personId,
          contractor: a.contractor.trim(),
          foremanPhone: a.foremanPhone,
          scope: a.scope.trim(),
          startDate: a.startDate,
          endDate: a.endDate,
          drawings: a.drawings,
        },
        numberOf: (seq) => `ZX-${a.startDate.slice(0, 4)}-${String(seq).padStart(4, '0')}`,
        request: {
          reason: null,
          fromDate: a.startDate,
          newEndDate: null,
          createdAt,
          dueAt,
          nextSlaCheckAt,
        },
      },
      (req) => ({
        kind: 'notice',
        message: {
          text: t('zh-CN', 'permitApply.staff.new', {
            seq: req.seq,
            unit: a.unitLabel,
            owner: owner?.name ?? '—',
            ownerPhone: owner?.phone ? maskPhone(owner.phone) : '—',
            contractor: a.contractor.trim(),
            foremanPhone: maskPhone(a.foremanPhone),
            scope: a.scope.trim(),
            start: a.startDate,
            end: a.endDate,
            drawings: a.drawings.length,
            deposit: s.applicationDepositYuan,
          }),
        },
        dedupeKey: `renovation-request:${req.id}:new`,
        at: createdAt,
      }),
    );
    return { ok: true, request, permit, slaDays: s.approvalSlaWorkingDays };
  }

  /** The approval limit (our default, per estate) as ladder limits: ack steps only, on the desk calendar. */
  private approvalLimits(settings: { approvalSlaWorkingDays: number }): SlaLimits {
    return { ackMinutes: settings.approvalSlaWorkingDays * WORKDAY_MINUTES, resolveMinutes: null };
  }

  private approvalClock(estate: EstateInfo, createdAt: Date): { dueAt: Date | null; nextSlaCheckAt: Date | null } {
    const limits = this.approvalLimits(this.settings(estate));
    return {
      dueAt: addBusinessMinutes(this.calendar, createdAt, limits.ackMinutes),
      nextSlaCheckAt: firstCheck(this.calendar, limits, approvalClockOf(createdAt, 0)),
    };
  }

  /**
   * The approval ladder: pending requests past 80% of the limit remind the assistants, past the limit the
   * supervisors, past twice the limit the managers — each step once per request, however many sweeps run at once.
   * Notices outside desk hours wait for the next shift.
   */
  async sweepApprovals(at: Date = this.now(), batch = 200): Promise<number> {
    let steps = 0;
    const settingsOf = new Map<string, Promise<{ s: RenovationSettings; tz: string }>>();
    for (const r of await this.repos.renovation.dueApprovalChecks(at, batch)) {
      let e = settingsOf.get(r.estateId);
      if (!e)
        settingsOf.set(
          r.estateId,
          (e = Promise.all([
            this.repos.renovation.estateSettings(r.estateId),
            this.repos.renovation.estateZone(r.estateId),
          ]).then(([raw, tz]) => ({ s: renovationSettings(raw), tz }))),
        );
      const { s, tz } = await e;
      const { due, nextCheckAt } = stepsDue(
        this.calendar,
        this.approvalLimits(s),
        approvalClockOf(r.createdAt, r.slaLevel),
        at,
      );
      const level = due.reduce((l, d) => l | STEP_BIT[d.step], r.slaLevel);
      const notBefore = this.calendar.nextShiftStart(at);
      const writes = due.flatMap((d) => {
        const role = APPROVAL_STEP_TARGET[d.step];
        if (!role) return [];
        return [
          {
            role,
            step: d.step,
            notice: {
              kind: 'notice' as const,
              message: {
                text: t('zh-CN', 'permitApply.sla.step', {
                  seq: r.seq,
                  kind: REQUEST_KIND_LABEL[r.kind],
                  number: r.permit.number,
                  step: STEP_LABEL[d.step].replace('受理', '审批'),
                  due: formatLocal(d.at, tz, 'datetime'),
                  ask: t('zh-CN', `permitApply.sla.ask.${d.step}` as MessageKey),
                }),
              },
              dedupeKey: `renovation-sla:${r.id}:${d.step}`,
              at,
              notBefore,
            },
          },
        ];
      });
      if (
        await this.repos.renovation.takeApprovalSteps(
          this.notifier,
          { id: r.id, estateId: r.estateId, slaLevel: r.slaLevel },
          { slaLevel: level, nextSlaCheckAt: nextCheckAt },
          at,
          writes,
        )
      )
        steps += writes.length;
    }
    return steps;
  }

  /** 待审批: one line per pending request, 装修申报 with unit, owner and masked phone; late ones marked. */
  async pendingLines(estate: EstateInfo, now: Date): Promise<string[]> {
    const rows = await this.pending(estate.id);
    const people = await this.repos.renovation.peopleByIds([...new Set(rows.map((r) => r.personId))]);
    const units = await this.repos.renovation.unitsWithBuilding([...new Set(rows.map((r) => r.permit.unitId))]);
    return rows.map((r) => {
      const late = r.dueAt && r.dueAt.getTime() < now.getTime() ? t('zh-CN', 'reno.staff.late') : '';
      const submitted = t('zh-CN', 'reno.staff.submittedPart', { when: formatLocal(r.createdAt, estate.timezone) });
      if (r.kind !== 'APPLICATION') return `${late}${this.describeRequest(r, r.permit, estate.timezone)}${submitted}`;
      const u = units.get(r.permit.unitId);
      const who = people.get(r.personId);
      return `${late}${t('zh-CN', 'permitApply.staff.line', {
        seq: r.seq,
        unit: u ? unitLabel(u.building, u.entrance, u.room) : '',
        owner: who?.name ?? '—',
        ownerPhone: who?.phone ? maskPhone(who.phone) : '—',
        scope: r.permit.scope,
        start: r.permit.startDate,
        end: r.permit.endDate,
        contractor: r.permit.contractor,
        drawings: drawingsSchema.parse(r.permit.drawings ?? []).length,
      })}${submitted}`;
    });
  }

  private alreadyDecided(r: RenovationRequestRow): string {
    if (r.status === 'CANCELLED') return t('zh-CN', 'reno.staff.withdrawn', { seq: r.seq });
    return t('zh-CN', r.status === 'APPROVED' ? 'reno.staff.alreadyApproved' : 'reno.staff.alreadyRejected', {
      seq: r.seq,
      who: r.decidedByName ?? t('zh-CN', 'reno.staff.colleague'),
    });
  }

  private ownerDecisionText(r: RenovationRequestRow, permit: PermitRow, tz: string, locale: Locale): string {
    const number = permit.number;
    if (r.status === 'REJECTED')
      return t(locale, 'reno.owner.rejected', {
        kind: requestKindLabel(r.kind, locale),
        number,
        reason: r.decisionNote ?? '',
      });
    switch (r.kind) {
      case 'EXTENSION':
        return t(locale, 'reno.owner.extended', { number, end: r.newEndDate ?? '' });
      case 'STOP_WORK':
        return t(locale, 'reno.owner.stopped', { number });
      case 'RESUME':
        return t(locale, 'reno.owner.resumed', { number });
      case 'EXIT_INSPECTION':
        return t(locale, 'reno.owner.inspection', { when: r.slotAt ? formatLocal(r.slotAt, tz) : '' });
      case 'APPLICATION':
        return t(locale, 'reno.owner.applied', { seq: r.seq, number });
    }
  }

  private async submit(
    estate: EstateInfo,
    permit: PermitRow,
    r: {
      personId: string;
      kind: RenovationRequestKind;
      reason: string | null;
      newEndDate?: string;
      fromDate?: string;
      slotAt?: Date;
    },
  ): Promise<SubmitResult> {
    const createdAt = this.now();
    const { dueAt, nextSlaCheckAt } = this.approvalClock(estate, createdAt);
    const request = await this.repos.renovation.submitRequest(
      this.notifier,
      {
        estateId: estate.id,
        permitId: permit.id,
        personId: r.personId,
        kind: r.kind,
        reason: r.reason,
        fromDate: r.fromDate ?? null,
        newEndDate: r.newEndDate ?? null,
        slotAt: r.slotAt ?? null,
        createdAt,
        dueAt,
        nextSlaCheckAt,
      },
      (request) => ({
        kind: 'notice',
        message: {
          text: t('zh-CN', 'reno.staff.new', {
            line: this.describeRequest(request, permit, estate.timezone),
            seq: request.seq,
          }),
        },
        dedupeKey: `renovation-request:${request.id}:new`,
        at: createdAt,
      }),
    );
    return { ok: true, request, permit };
  }
}
