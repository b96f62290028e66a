// Staff / supervisor chat commands: Chinese words and slash aliases, role-checked, usable in registered groups and
// in private chat. Each command is data + a `run` function; the router (command-router.ts) does matching and checks.
import type { TurnContext } from 'botbuilder';
import { AppError } from '../bot/app-error.js';
import type { Sender, StaffRole } from '../identity/sender.js';

export interface CommandContext {
  turn: TurnContext;
  sender: Sender;
  /** Text after the command word, trimmed ("工单 12" → "12"). */
  args: string;
  now: Date;
}

export interface Command {
  /** The Chinese word staff type, e.g. "逾期". */
  name: string;
  /** Slash aliases without the slash, e.g. ["overdue"]. */
  aliases: string[];
  /** Who may run it. An empty list means any bound chat account (owners too) — used for account commands. */
  roles: StaffRole[];
  /** One line for the command help, zh-CN. */
  summary: string;
  usage: string;
  /** Returns the reply text (zh-CN). Throw AppError('BAD_INPUT', …, '用法：…') for bad arguments. */
  run(ctx: CommandContext): Promise<string>;
}

export { STAFF_ROLE_LABEL as ROLE_LABEL } from '../identity/sender.js';

/** Every staff role: for commands any colleague may run. */
export const ALL_STAFF: StaffRole[] = ['ASSISTANT', 'FOREMAN', 'SUPERVISOR', 'MANAGER'];

/** The caller's staff record. The router already checked the role; this narrows the type for the command body. */
export function staffOf(ctx: CommandContext): NonNullable<Sender['staff']> {
  const s = ctx.sender.staff;
  if (!s) throw new AppError('FORBIDDEN', 'not staff', '仅限员工使用。');
  return s;
}
