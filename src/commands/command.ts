// Staff / supervisor chat commands: Chinese words and slash aliases, role-checked, usable in registered groups and
// in private chat. Each command is data + a `run` function; the router (command-router.ts) does matching and checks.
import { TurnContext } from 'botbuilder';
import { AppError, userMessage } from '../shared/app-error.js';
import { t, type MessageKey, type Params } from '../i18n/index.js';
import { STAFF_ROLES, type Sender, type StaffRole } from '../identity/sender.js';

export interface CommandContext {
  turn: TurnContext;
  sender: Sender;
  /** Text after the command word, trimmed ("工单 12" → "12"). */
  args: string;
  /**
   * Text of the message this one replies to / quotes (a bot notice), from channelData.quotedText; null or absent if
   * none (optional so contexts built by hand in tests stay valid).
   */
  quoted?: string | null;
  now: Date;
}

export interface Command {
  /**
   * The Chinese word staff type, e.g. "逾期". Vocabulary, not prose: the same word in every language (like the slash
   * aliases), so it stays here rather than in the catalogue.
   */
  name: string;
  /** Slash aliases without the slash, e.g. ["overdue"]. Vocabulary too: typed as is whatever the reader's language. */
  aliases: string[];
  /** Who may run it. An empty list means any bound chat account (owners too) — used for account commands. */
  roles: readonly StaffRole[];
  /** The command help's one-line summary, in the catalogue (`command.summary.<alias>`). */
  summaryKey: MessageKey;
  /** Values for the summary's placeholders, when it names a number the code owns (欠费's list size). */
  summaryParams?: Params;
  /**
   * The command help's usage, in the catalogue (`command.usage.<alias>`): in zh-CN it starts with the Chinese word, in
   * other languages with the slash alias.
   */
  usageKey: MessageKey;
  /**
   * Set on commands that show personal data (工单 detail, 欠费): each successful run is written to the audit log as
   * this action, with the acting staff member and the chat account they acted from.
   */
  auditAs?: string;
  /**
   * True when this message, though it names the command, is for the dialogs instead (e.g. a bare 公告 in a private
   * chat starts the drafting dialog, and an assistant's 公告 lists the notices). Checked after the role.
   */
  defersToDialogs?(ctx: Pick<CommandContext, 'sender' | 'args'>): boolean;
  /** Returns the reply text in the reader's language. Throw AppError('BAD_INPUT', …, userMessage(…)) for bad arguments. */
  run(ctx: CommandContext): Promise<string>;
}

export { STAFF_ROLE_LABEL as ROLE_LABEL } from '../identity/sender.js';

/** Every staff role: for commands any colleague may run. */
export const ALL_STAFF: readonly StaffRole[] = STAFF_ROLES;

/** The caller's staff record. The router already checked the role; this narrows the type for the command body. */
export function staffOf(ctx: CommandContext): NonNullable<Sender['staff']> {
  const s = ctx.sender.staff;
  if (!s) throw new AppError('FORBIDDEN', 'not staff', userMessage('staff.only'));
  return s;
}

/**
 * The caller's staff record, when the turn's estate is their own: the one "staff act on their own estate" check
 * (staff are per estate; a command never reads or changes another estate's data), with one text.
 */
export function staffInOwnEstate(ctx: CommandContext): NonNullable<Sender['staff']> {
  const staff = staffOf(ctx);
  if (ctx.sender.estate.id !== staff.estateId)
    throw new AppError('FORBIDDEN', 'staff estate mismatch', userMessage('security.otherEstate'));
  return staff;
}

/**
 * The acting staff member's name, as recorded on what they do (ticket timeline, decisions): their person's name; staff
 * always have one, so the fallback ('员工', stored data and so in zh-CN) is for a record without it.
 */
export function actorName(ctx: Pick<CommandContext, 'sender'>): string {
  return ctx.sender.name ?? t('zh-CN', 'staff.fallbackName');
}

/** The caller's estate, for commands that read it; refused rather than read someone else's (staffInOwnEstate). */
export function ownEstate(ctx: CommandContext): Sender['estate'] {
  staffInOwnEstate(ctx);
  return ctx.sender.estate;
}

/** A group chat as the bot knows it: what 注册群 records and 注销群 finds. */
export interface GroupChat {
  channel: string;
  chatId: string;
  title: string | null;
  /** Bot Framework (Teams) can only post into the group again with its reference (serviceUrl, ids). */
  conversationRef: string;
}

/** The group chat the command was sent in; in a private chat, refused with the text `notGroup`. */
export function groupChatOf(ctx: CommandContext, notGroup: MessageKey): GroupChat {
  if (!ctx.sender.isGroup) throw new AppError('BAD_INPUT', 'not a group', userMessage(notGroup));
  const activity = ctx.turn.activity;
  return {
    channel: activity.channelId,
    chatId: activity.conversation.id,
    title: activity.conversation.name ?? null,
    conversationRef: JSON.stringify(TurnContext.getConversationReference(activity)),
  };
}

/** Where a command finds the ticket / request it acts on. Each pattern has one capture group: the reference. */
export interface RefPatterns {
  /** A reference typed first in the arguments ("0007 已处理" / "#12 材料不全"). */
  leading: RegExp;
  /** A reference inside the quoted bot notice ("【新投诉】TS-20261128-0007 …" / "新申请 #12 …"): the first one counts. */
  quoted: RegExp;
}

/**
 * The reference a command acts on and the rest of its text: taken from the start of the arguments, else — when staff
 * reply to a bot notice with just the command word ("认领", "驳回 材料不全") — from the quoted notice.
 */
export function refFrom(
  args: string,
  quoted: string | null | undefined,
  p: RefPatterns,
): { ref: string; rest: string } | null {
  const a = args.trim();
  const lead = new RegExp(`^(?:${p.leading.source})(?=\\s|$)`, p.leading.flags.replace('g', '')).exec(a);
  if (lead) return { ref: lead[1] ?? lead[0], rest: a.slice(lead[0].length).trim() };
  const q = quoted ? new RegExp(p.quoted.source, p.quoted.flags.replace('g', '')).exec(quoted) : null;
  if (q) return { ref: q[1] ?? q[0], rest: a };
  return null;
}

/** channelData.quotedText of an activity: every adapter puts the quoted message's text there. */
export function quotedTextOf(channelData: unknown): string | null {
  if (typeof channelData !== 'object' || channelData === null) return null;
  const q = (channelData as { quotedText?: unknown }).quotedText;
  return typeof q === 'string' && q.trim() !== '' ? q : null;
}
