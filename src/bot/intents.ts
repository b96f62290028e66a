// Exact command words that are not a flow: interruptions (取消/帮助/转人工 at any step), the language switch, the
// staff binding command, and the fee-reminder switch words our own reminders ask for. Flows declare their own command
// words in dialogs/flow-registry.ts; everything else is understood by the recogniser (src/nlu).
import type { Locale } from '../i18n/index.js';

/** The switch for fee reminders (every 催缴 message tells the owner to reply 不再提醒). */
export const FEE_OPT_OUT = /不再提醒|别再提醒|不要再提醒|退订提醒|[Ss]top (?:fee )?reminders/;
export const FEE_OPT_IN = /恢复提醒|重新提醒|开启提醒|[Rr]esume (?:fee )?reminders/;

/** "员工绑定 12345678" (staff bind a code; also reachable before the account is bound). */
export const STAFF_BIND = /^员工绑定(\s|$)/;

/** Interruptions work at any step; they match whole messages only, so "帮助我投诉漏水" is not "帮助". */
export type Interruption = 'cancel' | 'help' | 'handoff';

const trimmed = (text: string | undefined | null) =>
  (text ?? '')
    .trim()
    .replace(/[。！!.，,\s]+$/u, '')
    .toLowerCase();

export function matchInterruption(text: string | undefined | null): Interruption | null {
  const s = trimmed(text);
  if (/^(取消|退出|算了|不办了|结束|cancel|quit)$/.test(s)) return 'cancel';
  if (/^(帮助|help|\?|？)$/.test(s)) return 'help';
  if (/^(转人工|人工|人工客服|人工服务|talk to staff)$/.test(s)) return 'handoff';
  return null;
}

/** "English" / "中文": the language the owner wants to be answered in. */
export function matchLanguage(text: string | undefined | null): Locale | null {
  const s = trimmed(text);
  if (/^(english|in english|英文|英语)$/.test(s)) return 'en';
  if (/^(中文|chinese|in chinese|汉语|简体中文)$/.test(s)) return 'zh-CN';
  return null;
}
