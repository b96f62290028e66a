// "Who is this?" for one turn: the chat account, the person behind it (if bound), their units, their staff role.
import { t, type Locale } from '../i18n/index.js';
import type { EstateInfo } from '../estate/estate.service.js';
import { STAFF_ROLES, type MemberRole, type StaffRole } from '../db/enums.js';
import { unitLabel } from '../shared/unit-label.js';

export { STAFF_ROLES, type MemberRole, type StaffRole } from '../db/enums.js';

/** The ladder from the bottom (the schema's order): a role may hand out (员工码) only its own rung or a lower one. */
export function roleAtOrBelow(role: StaffRole, ceiling: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) <= STAFF_ROLES.indexOf(ceiling);
}

/** The ladder's names as the department says them. */
export const STAFF_ROLE_LABEL: Record<StaffRole, string> = {
  ASSISTANT: t('zh-CN', 'bind.staffRole.ASSISTANT'),
  FOREMAN: t('zh-CN', 'bind.staffRole.FOREMAN'),
  SUPERVISOR: t('zh-CN', 'bind.staffRole.SUPERVISOR'),
  MANAGER: t('zh-CN', 'bind.staffRole.MANAGER'),
};

export interface SenderUnit {
  unitId: string;
  estateId: string;
  label: string;
  role: MemberRole;
}

export interface Sender {
  identityId: string;
  channel: string;
  externalId: string;
  personId: string | null;
  name: string | null;
  locale: Locale;
  estate: EstateInfo;
  units: SenderUnit[];
  staff: { id: string; role: StaffRole; estateId: string } | null;
  isGroup: boolean;
  /** #17: an account seen for the first time whose turn needs no record yet: no ChannelIdentity row, identityId ''. */
  provisional?: true;
}

const SENDER_KEY = Symbol('wuye.sender');

/**
 * What the sender is kept on for one turn: a botbuilder TurnContext's `turnState`, named structurally so the domain
 * imports no channel SDK.
 */
export interface TurnStateHolder {
  turnState: { get(key: symbol): unknown; set(key: symbol, value: unknown): unknown };
}

export function setSender(context: TurnStateHolder, sender: Sender): void {
  context.turnState.set(SENDER_KEY, sender);
}

export function senderOf(context: TurnStateHolder): Sender {
  const sender = context.turnState.get(SENDER_KEY) as Sender | undefined;
  if (!sender) throw new Error('sender not identified for this turn (pipeline order bug)');
  return sender;
}

/** A person's unit memberships (with building) as the sender's unit list. */
export function toSenderUnits(
  memberships: ReadonlyArray<{
    unitId: string;
    role: SenderUnit['role'];
    unit: { entrance: string; room: string; building: { name: string; estateId: string } };
  }>,
): SenderUnit[] {
  return memberships.map((m) => ({
    unitId: m.unitId,
    estateId: m.unit.building.estateId,
    label: unitLabel(m.unit.building.name, m.unit.entrance, m.unit.room),
    role: m.role,
  }));
}

export { unitLabel };
