// The rules an extension request must pass, each broken one explained to the owner in their language. Pure: dates are
// local 'YYYY-MM-DD' strings, counts come from the caller.
import type { RenovationSettings } from './renovation-settings.js';
import { t, type Locale } from '../i18n/index.js';

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

/** The permit's state as a person reads it (owners: their language; staff groups: zh-CN). */
export function permitStatusText(s: PermitStatus, locale: Locale = 'zh-CN'): string {
  return t(locale, `reno.status.${s}`);
}

/** Whole days from a to b ('YYYY-MM-DD'); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Every broken rule, in the order an owner would want to hear them; empty when the request may be filed. */
export function checkExtension(
  c: ExtensionCheck,
  s: Pick<RenovationSettings, 'maxExtensionDays' | 'maxExtensions'>,
  locale: Locale = 'zh-CN',
): ExtensionViolation[] {
  const out: ExtensionViolation[] = [];
  if (c.status !== 'ACTIVE' && c.status !== 'SUSPENDED') {
    out.push({
      rule: 'STATUS',
      message: t(locale, 'reno.rule.status', { status: permitStatusText(c.status, locale) }),
    });
  }
  if (c.extensionCount >= s.maxExtensions) {
    out.push({
      rule: 'TOO_MANY',
      message: t(locale, 'reno.rule.tooMany', { max: s.maxExtensions, count: c.extensionCount }),
    });
  }
  if (c.hasPendingExtension) {
    out.push({ rule: 'PENDING', message: t(locale, 'reno.rule.pending') });
  }
  const days = daysBetween(c.currentEnd, c.requestedEnd);
  if (days <= 0) {
    out.push({
      rule: 'NOT_AFTER_END',
      message: t(locale, 'reno.rule.notAfterEnd', { end: c.currentEnd, requested: c.requestedEnd }),
    });
  } else if (days > s.maxExtensionDays) {
    out.push({
      rule: 'TOO_LONG',
      message: t(locale, 'reno.rule.tooLong', {
        max: s.maxExtensionDays,
        days,
        requested: c.requestedEnd,
        latest: addDaysKey(c.currentEnd, s.maxExtensionDays),
      }),
    });
  }
  return out;
}

function addDaysKey(key: string, n: number): string {
  return new Date(Date.parse(`${key}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
