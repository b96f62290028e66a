// Who may see what: binding a chat account to a person + unit (front-desk code or name + phone last 4), staff codes,
// household members, unbinding and the "我的信息" export. Every attempt and every change is written to the AuditLog.
import crypto from 'node:crypto';
import type { Prisma } from '../db/client.js';
import * as repo from '../db/binding.repo.js';
import { AppError } from '../shared/app-error.js';
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

export const ROLE_BY_LABEL: Record<string, StaffRole> = Object.fromEntries(
  Object.entries(STAFF_ROLE_LABEL).map(([role, label]) => [label, role as StaffRole]),
);

export type BindFailureReason = 'badCode' | 'expired' | 'used' | 'mismatch' | 'locked';
export type BindFailure = { ok: false; reason: BindFailureReason; left: number; lockedUntil: Date | null };
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
  role: repo.MemberRole;
}

const hash = (code: string) => crypto.createHash('sha256').update(code.trim()).digest('hex');
const sixDigits = () => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
const eightDigits = () => String(crypto.randomInt(0, 100_000_000)).padStart(8, '0');

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
    private readonly prisma: Prisma,
    private readonly now: Clock,
  ) {}

  /** When the account may try again, or null when it is not locked out. */
  async lockedUntil(identityId: string): Promise<Date | null> {
    return (await this.failures(identityId)).lockedUntil;
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
    const found = await repo.findUnits(this.prisma, estateId, a.building, a.entrance, a.room);
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
    const until = await this.lockedUntil(identityId);
    if (until) return this.refuse(identityId, until);
    const now = this.now();
    const row = await repo.liveBindingCode(this.prisma, hash(code));
    const reason = row && row.unitId !== unit.unitId ? 'badCode' : codeProblem(row, now);
    if (reason || !row) return this.fail(identityId, 'code', unit, reason ?? 'badCode');
    const ident = await repo.redeemBindingCode(this.prisma, {
      codeId: row.id,
      identityId,
      unitId: unit.unitId,
      unitLabel: unit.label,
      at: now,
    });
    if (!ident) return this.fail(identityId, 'code', unit, 'used');
    return this.bound(ident, unit);
  }

  async bindWithName(identityId: string, unit: UnitRef, name: string, last4: string): Promise<BindOutcome> {
    const until = await this.lockedUntil(identityId);
    if (until) return this.refuse(identityId, until);
    const members = await repo.unitWithMembers(this.prisma, unit.unitId);
    const match = members?.memberships.find(
      (m) =>
        m.person.name.trim() === name.trim() &&
        /^\d{4}$/.test(last4) &&
        (m.person.phone ?? '').replace(/\D/g, '').endsWith(last4),
    );
    if (!match) return this.fail(identityId, 'name', unit, 'mismatch');
    const ident = await repo.bindToMember(this.prisma, {
      identityId,
      unitId: unit.unitId,
      unitLabel: unit.label,
      member: match,
      at: this.now(),
    });
    return this.bound(ident, unit);
  }

  /** 绑定码: a 6-digit one-time code for a unit of the estate, valid 24 h. Returns the code in clear once. */
  async issueBindingCode(
    estateId: string,
    unitText: string,
    issuedBy: string,
    locale: Locale = 'zh-CN',
  ): Promise<{ code: string; unitLabel: string; expiresAt: Date }> {
    const unit = await this.resolveUnit(estateId, unitText);
    if (!unit) throw new AppError('BAD_INPUT', `no unit ${unitText}`, t(locale, 'bind.err.noUnit', { unit: unitText }));
    const now = this.now();
    const code = await this.freshCode(sixDigits, (h) => repo.liveBindingCode(this.prisma, h), now, locale);
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
    await repo.saveBindingCode(this.prisma, {
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
    const found = await repo.staffByName(this.prisma, estateId, staffName.trim());
    const staff = found[0];
    if (!staff)
      throw new AppError('BAD_INPUT', `no staff ${staffName}`, t(locale, 'bind.err.noStaff', { name: staffName }));
    if (found.length > 1)
      throw new AppError(
        'BAD_INPUT',
        `ambiguous staff ${staffName}`,
        t(locale, 'bind.err.ambiguousStaff', { name: staffName }),
      );
    // A 主管 must not mint a 经理: whoever redeems the code acts with the role it grants.
    if (issuer.role && !roleAtOrBelow(staff.role, issuer.role))
      throw new AppError(
        'FORBIDDEN',
        `${issuer.role} may not issue a ${staff.role} code`,
        t(locale, 'security.roleAboveIssuer', {
          role: staffRoleLabel(staff.role, locale),
          own: staffRoleLabel(issuer.role, locale),
        }),
      );
    const now = this.now();
    const code = await this.freshCode(eightDigits, (h) => repo.liveStaffCode(this.prisma, h), now, locale);
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
    await repo.saveStaffCode(this.prisma, {
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
  ): Promise<{ ok: true; name: string; role: StaffRole } | BindFailure> {
    const until = await this.lockedUntil(identityId);
    if (until) return this.refuse(identityId, until);
    const now = this.now();
    const row = await repo.liveStaffCode(this.prisma, hash(code));
    const reason = codeProblem(row, now);
    if (reason || !row) return this.fail(identityId, 'staff', null, reason ?? 'badCode');
    const staff = await repo.redeemStaffCode(this.prisma, {
      codeId: row.id,
      staffId: row.staffId,
      identityId,
      at: now,
    });
    if (staff === 'gone') throw new AppError('NOT_FOUND', 'staff gone', t(locale, 'bind.err.staffGone'));
    if (staff === 'used') return this.fail(identityId, 'staff', null, 'used');
    return { ok: true, name: staff.person.name, role: staff.role };
  }

  /** 解绑: the chat account forgets its person. The person record (and the unit history) stays with the estate. */
  unbind(identityId: string): Promise<boolean> {
    return repo.unbindIdentity(this.prisma, identityId, this.now());
  }

  /** The units of a bound account, as the Sender shows them (to refresh the turn after binding). */
  async unitsOf(identityId: string): Promise<SenderUnit[]> {
    const ident = await repo.identityById(this.prisma, identityId);
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
    if (!phone) throw new AppError('BAD_INPUT', 'bad phone', t(locale, 'household.err.badPhone'));
    const name = input.name.trim();
    if (!name) throw new AppError('BAD_INPUT', 'empty name', t(locale, 'household.err.noName'));
    await this.ownedUnit(ownerPersonId, unitId, locale);
    const { personId } = await repo.addPersonToUnit(this.prisma, {
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
      throw new AppError('FORBIDDEN', 'not removable', t(locale, 'household.err.notRemovable'));
    await repo.removePersonFromUnit(this.prisma, {
      unitId,
      personId: memberPersonId,
      actor: `person:${ownerPersonId}`,
      at: this.now(),
    });
  }

  /** 我的信息: everything the bot holds on the account's person, phone masked. */
  async myInfoText(identityId: string, timezone: string, locale: Locale = 'zh-CN'): Promise<string> {
    const ident = await repo.identityById(this.prisma, identityId);
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
  ): Promise<StaffRole> {
    const role = ROLE_BY_LABEL[input.roleLabel.trim()];
    if (!role)
      throw new AppError(
        'BAD_INPUT',
        'bad role',
        t(locale, 'bind.err.badRole', { roles: Object.values(STAFF_ROLE_LABEL).join('|') }),
      );
    const taken = await repo.staffChatByChat(this.prisma, input.channel, input.chatId);
    // A group registered by one estate cannot be taken over by another estate's supervisor.
    if (taken && taken.estateId !== input.estateId)
      throw new AppError('FORBIDDEN', 'group of another estate', t(locale, 'bind.err.groupTaken'));
    await repo.registerStaffChat(this.prisma, { ...input, role, at: this.now() });
    return role;
  }

  /** CLI: registers an owner on record (name + phone) for a unit. */
  async addOwner(
    estateId: string,
    unitText: string,
    name: string,
    phone: string,
  ): Promise<{ personId: string; unitLabel: string }> {
    const unit = await this.resolveUnit(estateId, unitText);
    if (!unit) throw new AppError('BAD_INPUT', 'no unit', t('zh-CN', 'bind.err.cliNoUnit', { unit: unitText }));
    const digits = mobileDigits(phone);
    if (!digits) throw new AppError('BAD_INPUT', 'bad phone', t('zh-CN', 'household.err.badPhone'));
    const { personId } = await repo.addPersonToUnit(this.prisma, {
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
    const unit = await repo.unitWithMembers(this.prisma, unitId);
    if (!unit || !unit.memberships.some((m) => m.personId === personId && m.role === 'OWNER')) {
      throw new AppError('FORBIDDEN', 'not owner', t(locale, 'household.notOwner'));
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
    throw new AppError('UNAVAILABLE', 'no free code', t(locale, 'bind.err.noFreeCode'));
  }

  private bound(b: repo.BoundIdentity, unit: UnitRef): BindOutcome {
    return { ok: true, personId: b.personId, unitLabel: unit.label, units: toSenderUnits(b.memberships) };
  }

  /** Failed attempts in the last hour, and until when the account is locked because of them. */
  private async failures(identityId: string): Promise<{ count: number; lockedUntil: Date | null }> {
    const f = await repo.countFailures(this.prisma, identityId, new Date(this.now().getTime() - FAILURE_WINDOW_MS));
    return {
      count: f.count,
      lockedUntil: f.count >= MAX_FAILURES && f.oldest ? new Date(f.oldest.getTime() + FAILURE_WINDOW_MS) : null,
    };
  }

  private async fail(
    identityId: string,
    method: string,
    unit: UnitRef | null,
    reason: BindFailureReason,
  ): Promise<BindFailure> {
    await repo.audit(this.prisma, {
      actor: `identity:${identityId}`,
      action: 'binding.fail',
      subject: identityId,
      detail: { method, unit: unit?.label ?? null, reason },
      at: this.now(),
    });
    const f = await this.failures(identityId);
    return { ok: false, reason, left: Math.max(0, MAX_FAILURES - f.count), lockedUntil: f.lockedUntil };
  }

  private async refuse(identityId: string, until: Date): Promise<BindFailure> {
    await repo.audit(this.prisma, {
      actor: `identity:${identityId}`,
      action: 'binding.refused',
      subject: identityId,
      detail: { reason: 'locked' },
      at: this.now(),
    });
    return { ok: false, reason: 'locked', left: 0, lockedUntil: until };
  }
}

export function staffRoleLabel(role: StaffRole, locale: Locale = 'zh-CN'): string {
  return t(locale, `bind.staffRole.${role}`);
}

export function memberRoleLabel(role: repo.MemberRole, locale: Locale = 'zh-CN'): string {
  return t(locale, `household.role.${role}`);
}
