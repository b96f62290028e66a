// The rules an extension request must pass, each broken one explained to the owner in zh-CN. Pure: dates are
// local 'YYYY-MM-DD' strings, counts come from the caller.
import type { RenovationSettings } from './renovation-settings.js';

export type PermitStatus = 'APPLIED' | 'REJECTED' | 'ACTIVE' | 'SUSPENDED' | 'FINISHED' | 'EXPIRED';

export interface ExtensionCheck {
  status: PermitStatus;
  currentEnd: string;
  requestedEnd: string;
  /** Extensions already approved on this permit. */
  extensionCount: number;
  /** Another extension request is still waiting for a decision. */
  hasPendingExtension: boolean;
}

export type ExtensionRule = 'STATUS' | 'NOT_AFTER_END' | 'TOO_LONG' | 'TOO_MANY' | 'PENDING';

export interface ExtensionViolation {
  rule: ExtensionRule;
  message: string;
}

const STATUS_TEXT: Record<PermitStatus, string> = {
  APPLIED: '申报待审批',
  REJECTED: '申报未获批准',
  ACTIVE: '施工中',
  SUSPENDED: '停工中',
  FINISHED: '已完工',
  EXPIRED: '已过期',
};

export function permitStatusText(s: PermitStatus): string {
  return STATUS_TEXT[s];
}

/** Whole days from a to b ('YYYY-MM-DD'); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Every broken rule, in the order an owner would want to hear them; empty when the request may be filed. */
export function checkExtension(
  c: ExtensionCheck,
  s: Pick<RenovationSettings, 'maxExtensionDays' | 'maxExtensions'>,
): ExtensionViolation[] {
  const out: ExtensionViolation[] = [];
  if (c.status !== 'ACTIVE' && c.status !== 'SUSPENDED') {
    out.push({
      rule: 'STATUS',
      message: `该装修许可${STATUS_TEXT[c.status]}，只有施工中或停工中的许可可以申请延期；如需继续施工请到前台重新办理。`,
    });
  }
  if (c.extensionCount >= s.maxExtensions) {
    out.push({
      rule: 'TOO_MANY',
      message: `每份装修许可最多延期 ${s.maxExtensions} 次，您已延期 ${c.extensionCount} 次，请到物业前台办理。`,
    });
  }
  if (c.hasPendingExtension) {
    out.push({ rule: 'PENDING', message: '您已有一份延期申请正在审批中，请等待结果后再申请。' });
  }
  const days = daysBetween(c.currentEnd, c.requestedEnd);
  if (days <= 0) {
    out.push({
      rule: 'NOT_AFTER_END',
      message: `新的结束日期须晚于当前结束日期 ${c.currentEnd}（您选择的是 ${c.requestedEnd}）。`,
    });
  } else if (days > s.maxExtensionDays) {
    out.push({
      rule: 'TOO_LONG',
      message: `每次最多延期 ${s.maxExtensionDays} 天，您申请的是 ${days} 天（到 ${c.requestedEnd}）。最晚可延到 ${addDaysKey(c.currentEnd, s.maxExtensionDays)}。`,
    });
  }
  return out;
}

function addDaysKey(key: string, n: number): string {
  return new Date(Date.parse(`${key}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
