// Who may see what: binding a chat account to a person + unit (front-desk code or name + phone last 4), staff codes,
// household members, unbinding and the "我的信息" export. Every attempt and every change is written to the AuditLog.
import crypto from 'node:crypto';
import type { AttemptKey, BoundIdentity, MemberRole, Repositories } from '../db/repositories.js';
import type { Notifier } from '../notify/notifier.js';
import { bindingSettingsOf } from './binding-settings.js';
import { AppError, userMessage } from '../shared/app-error.js';
import { maskPhone } from '../shared/phone.js';
import { formatLocal } from '../shared/zoned-time.js';
import { parseUnitAddress, formatUnitAddress } from './address.parser.js';
import { t, type Locale } from '../i18n/index.js';
import {
  roleAtOrBelow,
  STAFF_ROLE_LABEL,
  toSenderUnits,
  unitLabel,
  type SenderUnit,
  type StaffRole,
} from './sender.js';
import type { Clock } from '../shared/clock.js';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 60 * 60 * 1000;
export const CODE_TTL_MS = 24 * 60 * 60 * 1000;
/** 不是我 undoes bindings this recent. */
export const DISOWN_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** The word every new-binding notice asks for, quoted as-is in every language (it is the command word). */
export const NOT_ME_WORD = '不是我';
/** The 不是我 word to show a reader: the command's slash alias outside zh-CN (identity.commands: /notme). */
export const notMeWord = (locale: Locale): string => (locale === 'zh-CN' ? NOT_ME_WORD : '/notme');

export interface LimitRule {
  max: number;
  windowMs: number;
}

/**
 * How many failed attempts each scope allows. Per chat account alone let a fresh account bring 5 fresh guesses
 * (an owner's unit fell to 679 guesses from new accounts in 102 s), so the target unit and the estate count too.
 * With these, one unit gets at most 5 wrong name + phone guesses a day (1 in 2,000 of a 4-digit space), 8-digit codes
 * 5 per code per day, 10-digit staff codes 10 an hour across every estate.
 */
export interface BindingLimits {
  /** Per chat account, any method. */
  account: LimitRule;
  /** Per unit and method (a newly issued code gives the code method a fresh count: staff saw the owner). */
  target: LimitRule;
  /** Per estate and method (name, code): many accounts guessing at many units. */
  estate: LimitRule;
  /** Staff codes name no unit: counted across all estates. */
  staff: LimitRule;
}

export const DEFAULT_BINDING_LIMITS: BindingLimits = {
  account: { max: MAX_FAILURES, windowMs: FAILURE_WINDOW_MS },
  target: { max: 5, windowMs: 24 * 60 * 60 * 1000 },
  estate: { max: 20, windowMs: 60 * 60 * 1000 },
  staff: { max: 10, windowMs: 60 * 60 * 1000 },
};

export type LockScope = 'account' | 'unit' | 'estate';

export const ROLE_BY_LABEL: Record<string, StaffRole> = Object.fromEntries(
  Object.entries(STAFF_ROLE_LABEL).map(([role, label]) => [label, role as StaffRole]),
);

export type BindFailureReason = 'badCode' | 'expired' | 'used' | 'mismatch' | 'locked' | 'pending';
export type BindFailure = {
  ok: false;
  reason: BindFailureReason;
  left: number;
  lockedUntil: Date | null;
  /** Which count locked (absent: the account's). */
  scope?: LockScope;
  /** The unit a unit lock is about. */
  unitLabel?: string;
  /** 'pending': the number of the approval staff will decide. */
  seq?: number;
};
export type BindOutcome = { ok: true; personId: string; unitLabel: string; units: SenderUnit[] } | BindFailure;

export type UnitLookup =
  | { kind: 'one'; unit: UnitRef }
  | { kind: 'many'; units: UnitRef[]; said: string }
  | { kind: 'none'; said: string }
  | { kind: 'unreadable' };

export interface UnitRef {
  unitId: string;
  estateId: string;
  label: string;
}

export interface MemberView {
  personId: string;
  name: string;
  /** Already masked. */
  phone: string;
  role: MemberRole;
}

const hash = (code: string) => crypto.createHash('sha256').update(code.trim()).digest('hex');
/** Binding codes: 8 digits, valid 24 h, at most 5 wrong tries per unit a day. */
export const BINDING_CODE_DIGITS = 8;
/** Staff codes grant staff rights: 10 digits. */
export const STAFF_CODE_DIGITS = 10;
const digits = (n: number) => () => String(crypto.randomInt(0, 10 ** Math.min(n, 12))).padStart(n, '0');
const bindingCodeOf = digits(BINDING_CODE_DIGITS);
const staffCodeOf = () => digits(5)() + digits(5)();

type CodeRow = { usedAt: Date | null; expiresAt: Date } | null;
/** Why a one-time code cannot be used now, or null when it can. */
const codeProblem = (row: CodeRow, now: Date): BindFailureReason | null =>
  !row ? 'badCode' : row.usedAt ? 'used' : row.expiresAt <= now ? 'expired' : null;

/** A mainland mobile number as 11 digits, or null when the text is not one. */
export function mobileDigits(text: string): string | null {
  const digits = text.replace(/\D/g, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export class BindingService {
  constructor(
    private readonly repos: Pick<Repositories, 'binding' | 'attempts' | 'estates' | 'outbox' | 'transaction'>,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly now: Clock,
    private readonly limits: BindingLimits = DEFAULT_BINDING_LIMITS,
  ) {}

  /** When the account may try again, or null when it is not locked out. */
  async lockedUntil(identityId: string): Promise<Date | null> {
    const { account } = this.limits;
    const f = await this.repos.binding.accountFailures(identityId, this.ago(account.windowMs));
    return f.count >= account.max && f.oldest ? new Date(f.oldest.getTime() + account.windowMs) : null;
  }

  /** The unit a typed address names in this estate, or null (unreadable, not ours, or ambiguous without 单元). */
  async resolveUnit(estateId: string, text: string): Promise<UnitRef | null> {
    const r = await this.lookUpUnit(estateId, text);
    return r.kind === 'one' ? r.unit : null;
  }

  /**
   * What a typed address means here: one unit; several ("2栋802" when 2-1-802 and 2-2-802 exist: ask which); none
   * (read, but not in this estate); or unreadable (no address at all). The last two are different answers.
   */
  async lookUpUnit(estateId: string, text: string): Promise<UnitLookup> {
    const a = parseUnitAddress(text);
    if (!a) return { kind: 'unreadable' };
    const found = await this.repos.binding.findUnits(estateId, a.building, a.entrance, a.room);
    const refs = found
      .map((u) => ({
        unitId: u.id,
        estateId: u.building.estateId,
        label: unitLabel(u.building.name, u.entrance, u.room),
      }))
      .sort((x, y) => x.label.localeCompare(y.label));
    if (refs.length === 1) return { kind: 'one', unit: refs[0]! };
    if (refs.length > 1) return { kind: 'many', units: refs, said: formatUnitAddress(a) };
    return { kind: 'none', said: formatUnitAddress(a) };
  }

  async bindWithCode(identityId: string, unit: UnitRef, code: string): Promise<BindOutcome> {
    return this.guarded<BindOutcome>(
      { estateId: unit.estateId, unitId: unit.unitId, identityId, method: 'code' },
      unit,
      async () => {
        const now = this.now();
        const row = await this.repos.binding.liveBindingCode(hash(code));
        const reason = row && row.unitId !== unit.unitId ? 'badCode' : codeProblem(row, now);
        if (reason || !row) return { fail: reason ?? 'badCode' };
        const ident = await this.repos.binding.redeemBindingCode(
          { codeId: row.id, identityId, unitId: unit.unitId, unitLabel: unit.label, at: now },
          (tx, b) => this.announce(tx, identityId, unit, 'code', b, now),
        );
        if (!ident) return { fail: 'used' };
        return { ok: this.bound(ident, unit) };
      },
    );
  }

  async bindWithName(identityId: string, unit: UnitRef, name: string, last4: string): Promise<BindOutcome> {
    const waiting = await this.repos.binding.pendingApprovalOf(identityId);
    if (waiting && waiting.unitId === unit.unitId)
      return { ok: false, reason: 'pending', left: 0, lockedUntil: null, seq: waiting.seq };
    return this.guarded<BindOutcome>(
      { estateId: unit.estateId, unitId: unit.unitId, identityId, method: 'name' },
      unit,
      async () => {
        const members = await this.repos.binding.unitWithMembers(unit.unitId);
        const match = members?.memberships.find(
          (m) =>
            m.person.name.trim() === name.trim() &&
            /^\d{4}$/.test(last4) &&
            (m.person.phone ?? '').replace(/\D/g, '').endsWith(last4),
        );
        if (!match) return { fail: 'mismatch' };
        const now = this.now();
        if (await this.nameNeedsApproval(unit.estateId)) {
          const seq = await this.holdForApproval(identityId, unit, match, now);
          return { ok: { ok: false, reason: 'pending', left: 0, lockedUntil: null, seq } satisfies BindFailure };
        }
        const ident = await this.repos.binding.bindToMember(
          { identityId, unitId: unit.unitId, unitLabel: unit.label, member: match, at: now },
          (tx, b) => this.announce(tx, identityId, unit, 'name', b, now),
        );
        return { ok: this.bound(ident!, unit) };
      },
    );
  }

  /** 绑定码: an 8-digit one-time code for a unit of the estate, valid 24 h. Returns the code in clear once. */
  async issueBindingCode(
    estateId: string,
    unitText: string,
    issuedBy: string,
    locale: Locale = 'zh-CN',
  ): Promise<{ code: string; unitLabel: string; expiresAt: Date }> {
    const unit = await this.resolveUnit(estateId, unitText);
    if (!unit)
      throw new AppError('BAD_INPUT', `no unit ${unitText}`, userMessage('bind.err.noUnit', { unit: unitText }));
    const now = this.now();
    const code = await this.freshCode(bindingCodeOf, (h) => this.repos.binding.liveBindingCode(h), now, locale);
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
    await this.repos.binding.saveBindingCode({
      codeHash: hash(code),
      unitId: unit.unitId,
      unitLabel: unit.label,
      issuedBy,
      expiresAt,
      at: now,
    });
    return { code, unitLabel: unit.label, expiresAt };
  }

  /**
   * 员工码: a one-time code that links a chat account to the staff record of that name in the estate. `issuer.role`
   * is the issuing staff member's role (a code grants at most that role); null for the operator's CLI.
   */
  async issueStaffCode(
    estateId: string,
    staffName: string,
    issuer: { by: string; role: StaffRole | null },
    locale: Locale = 'zh-CN',
  ): Promise<{ code: string; name: string; role: StaffRole; expiresAt: Date }> {
    const issuedBy = issuer.by;
    const found = await this.repos.binding.staffByName(estateId, staffName.trim());
    const staff = found[0];
    if (!staff)
      throw new AppError('BAD_INPUT', `no staff ${staffName}`, userMessage('bind.err.noStaff', { name: staffName }));
    if (found.length > 1)
      throw new AppError(
        'BAD_INPUT',
        `ambiguous staff ${staffName}`,
        userMessage('bind.err.ambiguousStaff', { name: staffName }),
      );
    // A 主管 must not mint a 经理: whoever redeems the code acts with the role it grants.
    if (issuer.role && !roleAtOrBelow(staff.role, issuer.role))
      throw new AppError(
        'FORBIDDEN',
        `${issuer.role} may not issue a ${staff.role} code`,
        userMessage('security.roleAboveIssuer', {
          role: staffRoleLabel(staff.role, locale),
          own: staffRoleLabel(issuer.role, locale),
        }),
      );
    const now = this.now();
    const code = await this.freshCode(staffCodeOf, (h) => this.repos.binding.liveStaffCode(h), now, locale);
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
    await this.repos.binding.saveStaffCode({
      codeHash: hash(code),
      staffId: staff.id,
      staffName: staff.person.name,
      issuedBy,
      expiresAt,
      at: now,
    });
    return { code, name: staff.person.name, role: staff.role, expiresAt };
  }

  async bindStaffCode(
    identityId: string,
    code: string,
    locale: Locale = 'zh-CN',
    estateId = '',
  ): Promise<{ ok: true; name: string; role: StaffRole } | BindFailure> {
    return this.guarded<{ ok: true; name: string; role: StaffRole }>(
      { estateId, unitId: null, identityId, method: 'staff' },
      null,
      async () => {
        const now = this.now();
        const row = await this.repos.binding.liveStaffCode(hash(code));
        const reason = codeProblem(row, now);
        if (reason || !row) return { fail: reason ?? 'badCode' };
        const staff = await this.repos.binding.redeemStaffCode({
          codeId: row.id,
          staffId: row.staffId,
          identityId,
          at: now,
        });
        if (staff === 'gone') throw new AppError('NOT_FOUND', 'staff gone', userMessage('bind.err.staffGone'));
        if (staff === 'used') return { fail: 'used' };
        return { ok: { ok: true, name: staff.person.name, role: staff.role } };
      },
    );
  }

  /** 解绑: the chat account forgets its person. The person record (and the unit history) stays with the estate. */
  unbind(identityId: string): Promise<boolean> {
    return this.repos.binding.unbindIdentity(identityId, this.now());
  }

  /** The units of a bound account, as the Sender shows them (to refresh the turn after binding). */
  async unitsOf(identityId: string): Promise<SenderUnit[]> {
    const ident = await this.repos.binding.identityById(identityId);
    return toSenderUnits(ident?.person?.memberships ?? []);
  }

  /** Members of a unit — only for an OWNER of it. Phones come back masked. */
  async members(ownerPersonId: string, unitId: string): Promise<MemberView[]> {
    const unit = await this.ownedUnit(ownerPersonId, unitId);
    return unit.memberships.map((m) => ({
      personId: m.personId,
      name: m.person.name,
      phone: m.person.phone ? maskPhone(m.person.phone) : '—',
      role: m.role,
    }));
  }

  async addMember(
    ownerPersonId: string,
    unitId: string,
    input: { name: string; phone: string; role: 'FAMILY' | 'TENANT' },
    locale: Locale = 'zh-CN',
  ): Promise<MemberView> {
    const phone = mobileDigits(input.phone);
    if (!phone) throw new AppError('BAD_INPUT', 'bad phone', userMessage('household.err.badPhone'));
    const name = input.name.trim();
    if (!name) throw new AppError('BAD_INPUT', 'empty name', userMessage('household.err.noName'));
    await this.ownedUnit(ownerPersonId, unitId, locale);
    const { personId } = await this.repos.binding.addPersonToUnit({
      unitId,
      name,
      phone,
      role: input.role,
      actor: `person:${ownerPersonId}`,
      action: 'household.add',
      at: this.now(),
    });
    return { personId, name, phone: maskPhone(phone), role: input.role };
  }

  async removeMember(
    ownerPersonId: string,
    unitId: string,
    memberPersonId: string,
    locale: Locale = 'zh-CN',
  ): Promise<void> {
    const unit = await this.ownedUnit(ownerPersonId, unitId, locale);
    const m = unit.memberships.find((x) => x.personId === memberPersonId);
    if (!m || m.role === 'OWNER')
      throw new AppError('FORBIDDEN', 'not removable', userMessage('household.err.notRemovable'));
    await this.repos.binding.removePersonFromUnit({
      unitId,
      personId: memberPersonId,
      actor: `person:${ownerPersonId}`,
      at: this.now(),
    });
  }

  /** 我的信息: everything the bot holds on the account's person, phone masked. */
  async myInfoText(identityId: string, timezone: string, locale: Locale = 'zh-CN'): Promise<string> {
    const ident = await this.repos.binding.identityById(identityId);
    const p = ident?.person;
    if (!p) return t(locale, 'bind.myinfo.none');
    const lines = [
      t(locale, 'bind.myinfo.head'),
      t(locale, 'bind.myinfo.name', { name: p.name }),
      t(locale, 'bind.myinfo.phone', { phone: p.phone ? maskPhone(p.phone) : t(locale, 'bind.myinfo.phoneNone') }),
      ...toSenderUnits(p.memberships).map((u) =>
        t(locale, 'bind.myinfo.unit', { unit: u.label, role: memberRoleLabel(u.role, locale) }),
      ),
      ...(p.staff
        ? [t(locale, 'bind.myinfo.staff', { role: staffRoleLabel(p.staff.role, locale), estate: p.staff.estate.name })]
        : []),
      ...p.identities.map((i) =>
        t(locale, 'bind.myinfo.account', { channel: i.channel, since: formatLocal(i.createdAt, timezone, 'date') }),
      ),
      // The word the unbind intent recognises, quoted as-is in every language so the instruction always works.
      t(locale, 'bind.myinfo.foot', { unbindWord: '解绑' }),
    ];
    return lines.join('\n');
  }

  /** 注册群: the group chat becomes the estate's chat for a role (escalations go there). */
  async registerGroup(
    /** `conversationRef`: the group's JSON ConversationReference, which Bot Framework channels need to post into it. */
    input: {
      estateId: string;
      roleLabel: string;
      channel: string;
      chatId: string;
      title: string | null;
      conversationRef?: string | null;
      actor: string;
    },
    locale: Locale = 'zh-CN',
  ): Promise<StaffRole | { department: string }> {
    // "注册群 工程部": a maintenance department's group (报修 dispatch), not a desk role's.
    const department = /^\S{1,10}部$/u.test(input.roleLabel.trim()) ? input.roleLabel.trim() : null;
    const role = department ? 'ASSISTANT' : ROLE_BY_LABEL[input.roleLabel.trim()];
    if (!role)
      throw new AppError(
        'BAD_INPUT',
        'bad role',
        userMessage('bind.err.badRole', { roles: Object.values(STAFF_ROLE_LABEL).join('|') }),
      );
    const taken = await this.repos.binding.staffChatByChat(input.channel, input.chatId);
    // A group registered by one estate cannot be taken over by another estate's supervisor.
    if (taken && taken.estateId !== input.estateId)
      throw new AppError('FORBIDDEN', 'group of another estate', userMessage('bind.err.groupTaken'));
    await this.repos.binding.registerStaffChat({ ...input, role, department, at: this.now() });
    return department ? { department } : role;
  }

  /** CLI: registers an owner on record (name + phone) for a unit. */
  async addOwner(
    estateId: string,
    unitText: string,
    name: string,
    phone: string,
  ): Promise<{ personId: string; unitLabel: string }> {
    const unit = await this.resolveUnit(estateId, unitText);
    if (!unit) throw new AppError('BAD_INPUT', 'no unit', userMessage('bind.err.cliNoUnit', { unit: unitText }));
    const digits = mobileDigits(phone);
    if (!digits) throw new AppError('BAD_INPUT', 'bad phone', userMessage('household.err.badPhone'));
    const { personId } = await this.repos.binding.addPersonToUnit({
      unitId: unit.unitId,
      name,
      phone: digits,
      role: 'OWNER',
      actor: 'cli',
      action: 'owner.add',
      at: this.now(),
    });
    return { personId, unitLabel: unit.label };
  }

  private async ownedUnit(personId: string, unitId: string, locale: Locale = 'zh-CN') {
    const unit = await this.repos.binding.unitWithMembers(unitId);
    if (!unit || !unit.memberships.some((m) => m.personId === personId && m.role === 'OWNER')) {
      throw new AppError('FORBIDDEN', 'not owner', userMessage('household.notOwner'));
    }
    return unit;
  }

  /** A code whose hash no usable code has yet (a used or expired one may be reissued). */
  private async freshCode(
    make: () => string,
    latest: (hash: string) => Promise<CodeRow>,
    now: Date,
    locale: Locale,
  ): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const code = make();
      if (codeProblem(await latest(hash(code)), now) !== null) return code;
    }
    throw new AppError('UNAVAILABLE', 'no free code', userMessage('bind.err.noFreeCode'));
  }

  private bound(b: BoundIdentity, unit: UnitRef): BindOutcome {
    return { ok: true, personId: b.personId, unitLabel: unit.label, units: toSenderUnits(b.memberships) };
  }

  private ago(ms: number): Date {
    return new Date(this.now().getTime() - ms);
  }

  /**
   * Runs one binding attempt under the failure counts. The attempt is written before its secret is looked at, and
   * judged only when at most `max` attempts (its own included) come before it in (time, id) order, so concurrent
   * guesses (16 clients at once) see each other: the first `max` are judged, the rest refused — never `max` each.
   * An attempt refused by a count, or one that succeeds, is not a failure.
   */
  private async guarded<T>(
    key: AttemptKey,
    unit: UnitRef | null,
    attempt: () => Promise<{ ok: T } | { fail: BindFailureReason }>,
  ): Promise<T | BindFailure> {
    const l = this.limits;
    const wide = key.method === 'staff' ? l.staff : l.estate;
    const mark = await this.repos.attempts.record(key, this.now());
    const id = mark.id;
    const counts = await this.repos.attempts.countFailures(
      key,
      { account: this.ago(l.account.windowMs), target: await this.targetSince(key), estate: this.ago(wide.windowMs) },
      mark,
    );
    const over: Array<[LockScope, LimitRule, { count: number; oldest: Date | null }]> = [
      ['account', l.account, counts.account],
      ['unit', l.target, counts.target],
      ['estate', wide, counts.estate],
    ];
    const blocked = over.find(([, rule, c]) => c.count > rule.max);
    if (blocked) {
      await this.repos.attempts.forget(id);
      const [scope, rule, c] = blocked;
      const until = new Date((c.oldest ?? this.now()).getTime() + rule.windowMs);
      return this.refuse(key, scope, until, unit);
    }
    let result: { ok: T } | { fail: BindFailureReason };
    try {
      result = await attempt();
    } catch (err) {
      await this.repos.attempts.forget(id);
      throw err;
    }
    if ('ok' in result) {
      await this.repos.attempts.forget(id);
      return result.ok;
    }
    return this.fail(key, unit, result.fail, over);
  }

  /** The code method of a unit counts from its newest code: staff issuing one have seen the owner. */
  private async targetSince(key: AttemptKey): Promise<Date> {
    const since = this.ago(this.limits.target.windowMs);
    if (key.method !== 'code' || !key.unitId) return since;
    const latest = await this.repos.binding.latestBindingCodeOf(key.unitId);
    // Attempts in the same instant as the issue count as before it (a frozen test clock, or a very fast attacker).
    return latest && latest.createdAt >= since ? new Date(latest.createdAt.getTime() + 1) : since;
  }

  private async fail(
    key: AttemptKey,
    unit: UnitRef | null,
    reason: BindFailureReason,
    counts: Array<[LockScope, LimitRule, { count: number; oldest: Date | null }]>,
  ): Promise<BindFailure> {
    const now = this.now();
    await this.repos.binding.audit({
      actor: `identity:${key.identityId}`,
      action: 'binding.fail',
      subject: key.identityId,
      detail: { method: key.method, unit: unit?.label ?? null, reason },
      at: now,
    });
    // The first scope whose count this failure used up says until when (and whose lock it is).
    let left = Number.POSITIVE_INFINITY;
    let locked: { scope: LockScope; until: Date } | null = null;
    for (const [scope, rule, c] of counts) {
      if (scope === 'unit' && !key.unitId) continue;
      const remaining = Math.max(0, rule.max - c.count);
      left = Math.min(left, remaining);
      if (remaining === 0 && !locked) locked = { scope, until: new Date((c.oldest ?? now).getTime() + rule.windowMs) };
    }
    if (locked?.scope === 'unit' && unit) await this.alertUnitLocked(key, unit, locked.until);
    return {
      ok: false,
      reason,
      left: Number.isFinite(left) ? left : 0,
      lockedUntil: locked?.until ?? null,
      ...(locked && locked.scope !== 'account' ? { scope: locked.scope } : {}),
      ...(unit ? { unitLabel: unit.label } : {}),
    };
  }

  private async refuse(key: AttemptKey, scope: LockScope, until: Date, unit: UnitRef | null): Promise<BindFailure> {
    await this.repos.binding.audit({
      actor: `identity:${key.identityId}`,
      action: 'binding.refused',
      subject: key.identityId,
      detail: { reason: 'locked', scope, method: key.method, unit: unit?.label ?? null },
      at: this.now(),
    });
    return {
      ok: false,
      reason: 'locked',
      left: 0,
      lockedUntil: until,
      ...(scope !== 'account' ? { scope } : {}),
      ...(unit ? { unitLabel: unit.label } : {}),
    };
  }

  /** The assistants' group hears when a unit's method is locked: the owner may call, and someone is guessing. */
  private async alertUnitLocked(key: AttemptKey, unit: UnitRef, until: Date): Promise<void> {
    const estate = await this.repos.estates.byId(unit.estateId);
    const now = this.now();
    await this.notifier.staffGroup(this.repos.outbox, unit.estateId, 'ASSISTANT', {
      kind: 'notice',
      dedupeKey: `binding-unit-locked:${unit.unitId}:${key.method}:${until.getTime()}`,
      at: now,
      message: {
        text: t('zh-CN', 'bindGuard.staff.unitLocked', {
          unit: unit.label,
          method: t('zh-CN', `bindGuard.method.${key.method}`),
          count: this.limits.target.max,
          until: formatLocal(until, estate?.timezone ?? 'Asia/Shanghai', 'datetime'),
        }),
      },
    });
  }

  /**
   * In the binding's transaction: the person's other chat accounts are told (with the one-tap 不是我), and so is
   * the assistants' group. Nothing is sent from here: both are outbox rows.
   */
  private async announce(
    tx: Repositories,
    identityId: string,
    unit: UnitRef,
    method: 'code' | 'name',
    bound: BoundIdentity,
    at: Date,
  ): Promise<void> {
    const ident = await tx.binding.identityById(identityId);
    const estate = await tx.estates.byId(unit.estateId);
    const channel = ident?.channel ?? '?';
    const dedupeKey = `binding-new:${identityId}:${at.getTime()}`;
    await this.notifier.person(
      tx.outbox,
      bound.personId,
      {
        kind: 'urgent',
        dedupeKey,
        at,
        message: (locale) => ({
          text: t(locale, 'bindGuard.owner.newAccount', {
            time: formatLocal(at, estate?.timezone ?? 'Asia/Shanghai', 'datetime'),
            channel,
            unit: unit.label,
            word: notMeWord(locale),
          }),
          suggestions: [notMeWord(locale)],
        }),
      },
      [identityId],
    );
    await this.notifier.staffGroup(tx.outbox, unit.estateId, 'ASSISTANT', {
      kind: 'notice',
      dedupeKey,
      at,
      message: {
        text: t('zh-CN', 'bindGuard.staff.newAccount', {
          unit: unit.label,
          name: ident?.person?.name ?? '—',
          channel,
          method: t('zh-CN', `bindGuard.method.${method}`),
        }),
      },
    });
  }

  private async nameNeedsApproval(estateId: string): Promise<boolean> {
    const estate = await this.repos.estates.byId(estateId);
    return bindingSettingsOf(estate?.settings).nameNeedsApproval;
  }

  private async holdForApproval(
    identityId: string,
    unit: UnitRef,
    member: { personId: string; role: MemberRole; person: { name: string; phone: string | null } },
    at: Date,
  ): Promise<number> {
    const ident = await this.repos.binding.identityById(identityId);
    return this.repos.binding.createApproval(
      {
        estateId: unit.estateId,
        unitId: unit.unitId,
        unitLabel: unit.label,
        identityId,
        personId: member.personId,
        role: member.role,
        at,
      },
      async (tx, seq) => {
        await tx.binding.audit({
          actor: `identity:${identityId}`,
          action: 'binding.approval.request',
          subject: identityId,
          detail: { unit: unit.label, personId: member.personId, seq },
          at,
        });
        await this.notifier.staffGroup(tx.outbox, unit.estateId, 'ASSISTANT', {
          kind: 'notice',
          dedupeKey: `binding-approval:${unit.estateId}:${seq}`,
          at,
          message: {
            text: t('zh-CN', 'bindGuard.staff.approval', {
              seq,
              unit: unit.label,
              name: member.person.name,
              phone: member.person.phone ? maskPhone(member.person.phone) : '—',
              channel: ident?.channel ?? '?',
            }),
          },
        });
      },
    );
  }

  /** 批准绑定 / 拒绝绑定 <seq>: staff decide a held name + phone binding; the waiting account is told either way. */
  async decideApproval(
    estateId: string,
    seq: number,
    approve: boolean,
    staffId: string,
    locale: Locale = 'zh-CN',
  ): Promise<{ unitLabel: string; name: string }> {
    const a = await this.repos.binding.approvalBySeq(estateId, seq);
    if (!a || a.status !== 'PENDING')
      throw new AppError('NOT_FOUND', `no pending approval ${seq}`, userMessage('bindGuard.cmd.noApproval', { seq }));
    const now = this.now();
    const by = `staff:${staffId}`;
    const person = await this.repos.binding.personName(a.personId);
    const estate = await this.repos.estates.byId(estateId);
    const unit: UnitRef = { unitId: a.unitId, estateId, label: a.unitLabel };
    if (approve) {
      const bound = await this.repos.binding.bindToMember(
        {
          identityId: a.identityId,
          unitId: a.unitId,
          unitLabel: a.unitLabel,
          member: { personId: a.personId, role: a.role as MemberRole },
          at: now,
          claim: async (tx) => {
            if (!(await tx.binding.decideApproval(a.id, 'APPROVED', by, now))) return false;
            await this.notifier.identity(tx.outbox, a.identityId, {
              kind: 'notice',
              dedupeKey: `binding-approval-decided:${a.id}`,
              at: now,
              message: (locale) => ({ text: t(locale, 'bindGuard.owner.approved', { seq, unit: a.unitLabel }) }),
            });
            return true;
          },
        },
        (tx, b) => this.announce(tx, a.identityId, unit, 'name', b, now),
      );
      if (!bound)
        throw new AppError('NOT_FOUND', `approval ${seq} decided`, userMessage('bindGuard.cmd.noApproval', { seq }));
    } else {
      const done = await this.repos.transaction(async (tx) => {
        if (!(await tx.binding.decideApproval(a.id, 'REJECTED', by, now))) return false;
        await tx.binding.audit({ actor: by, action: 'binding.approval.reject', subject: a.identityId, at: now });
        await this.notifier.identity(tx.outbox, a.identityId, {
          kind: 'notice',
          dedupeKey: `binding-approval-decided:${a.id}`,
          at: now,
          message: (locale) => ({
            text: t(locale, 'bindGuard.owner.rejected', { seq, deskPhone: estate?.deskPhone ?? '' }),
          }),
        });
        return true;
      });
      if (!done)
        throw new AppError('NOT_FOUND', `approval ${seq} decided`, userMessage('bindGuard.cmd.noApproval', { seq }));
    }
    return { unitLabel: a.unitLabel, name: person ?? '—' };
  }

  /**
   * 不是我: the owner disowns the chat accounts bound to them since their own account was (within 7 days). They are
   * unbound at once and the assistants' group is alerted. Returns how many were unbound.
   */
  async disown(identityId: string, personId: string): Promise<number> {
    const now = this.now();
    const mine = await this.repos.binding.lastBoundAt(identityId);
    const weekAgo = this.ago(DISOWN_WINDOW_MS);
    const after = mine && mine > weekAgo ? mine : weekAgo;
    const recent = await this.repos.binding.recentBindingsOf(personId, identityId, after);
    if (recent.length === 0) return 0;
    const ident = await this.repos.binding.identityById(identityId);
    const p = ident?.person;
    const units = toSenderUnits(p?.memberships ?? []);
    const estateId = units[0]?.estateId ?? p?.staff?.estateId ?? null;
    return this.repos.binding.disownIdentities(
      { personId, byIdentityId: identityId, identityIds: recent.map((r) => r.identityId), at: now },
      async (tx) => {
        if (!estateId) return;
        await this.notifier.staffGroup(tx.outbox, estateId, 'ASSISTANT', {
          kind: 'urgent',
          dedupeKey: `binding-disowned:${identityId}:${now.getTime()}`,
          at: now,
          message: {
            text: t('zh-CN', 'bindGuard.staff.disowned', {
              unit: units.map((u) => u.label).join('、') || '—',
              name: p?.name ?? '—',
              count: recent.length,
              channels: [...new Set(recent.map((r) => r.channel))].join('、'),
            }),
          },
        });
      },
    );
  }
}

export function staffRoleLabel(role: StaffRole, locale: Locale = 'zh-CN'): string {
  return t(locale, `bind.staffRole.${role}`);
}

export function memberRoleLabel(role: MemberRole, locale: Locale = 'zh-CN'): string {
  return t(locale, `household.role.${role}`);
}
