// How the desk names each ticket status (staff lists, 工单 N), what the owner is told comes next, priorities, the
// lines of a ticket's record and promised durations — all from the catalogue (src/i18n/*/complaints.ts).
import type { TicketEventRow } from '../db/ticket.repo.js';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import { zhCN } from '../i18n/zh-CN.js';
import { formatLocal } from '../shared/zoned-time.js';
import { ALL_STATUSES, type TicketStatus } from './transitions.js';

export const statusLabel = (status: TicketStatus, locale: Locale = 'zh-CN'): string =>
  t(locale, `complaint.status.${status}`);

export const nextStepText = (status: TicketStatus, locale: Locale = 'zh-CN'): string =>
  t(locale, `complaint.next.${status}`);

/** zh-CN status names (staff lists, exports). */
export const STATUS_LABEL = Object.fromEntries(ALL_STATUSES.map((s) => [s, statusLabel(s)])) as Record<
  TicketStatus,
  string
>;

/** zh-CN: what the owner is told comes next. */
export const NEXT_STEP = Object.fromEntries(ALL_STATUSES.map((s) => [s, nextStepText(s)])) as Record<
  TicketStatus,
  string
>;

/** A priority (1 normal, 2 raised, 3 urgent) in the reader's language; an unknown one as its number. */
export function priorityLabel(priority: number, locale: Locale = 'zh-CN'): string {
  const key = `complaint.priority.${priority}`;
  return key in zhCN ? t(locale, key as MessageKey) : String(priority);
}

/** "30 分钟", "2 小时", "1.5 小时" (en: "30 minutes", "2 hours"). */
export function durationText(minutes: number, locale: Locale = 'zh-CN'): string {
  if (minutes < 60) return t(locale, 'complaint.duration.minutes', { count: minutes });
  const h = minutes / 60;
  return t(locale, 'complaint.duration.hours', { count: Number.isInteger(h) ? h : h.toFixed(1) });
}

/** A complaint category as a reader sees it: the default ones translated, an estate's own as written (data). */
export function categoryLabel(category: string, locale: Locale = 'zh-CN'): string {
  for (const key of [`complaint.category.${category}`, `emergency.type.${category}`])
    if (key in zhCN) return t(locale, key as MessageKey);
  return category;
}

/**
 * A complaint's stored location ("本户 3栋2单元1201", "公共区域：3栋楼道" — the desk's words, staff read them) as an
 * owner reads it; anything else is shown as written (data).
 */
export function locationText(location: string, locale: Locale = 'zh-CN'): string {
  if (locale === 'zh-CN') return location;
  const own = /^本户(?:\s+(.*))?$/su.exec(location);
  if (own) return t(locale, 'complaint.locationOwn', { unit: own[1] ?? '' }).trim();
  const pub = /^公共区域：(.*)$/su.exec(location);
  if (pub) return t(locale, 'complaint.locationPublic', { place: pub[1] ?? '' });
  return location;
}

/** Events whose note is what a person typed (not a text of ours). */
const TYPED_NOTES = new Set([
  'note',
  'wait_owner',
  'wait_contractor',
  'resolved',
  'owner_info',
  'completed',
  'given_back',
]);

/** One line of a ticket's record: "· 2026-11-28 10:05 王芳 备注：已联系楼上业主". */
export function eventLine(
  e: Pick<TicketEventRow, 'at' | 'actorName' | 'action' | 'note'> & { actor?: string },
  timezone: string,
  locale: Locale = 'zh-CN',
): string {
  const key = `complaint.event.${e.action}`;
  const action = key in zhCN ? t(locale, key as MessageKey) : e.action;
  // Names are data; the owner and the SLA monitor are words of ours.
  const actor =
    locale !== 'zh-CN' && e.actor?.startsWith('person:') && e.actorName === t('zh-CN', 'complaint.actor.owner')
      ? t(locale, 'complaint.actor.owner')
      : locale !== 'zh-CN' && e.actor === 'system:sla'
        ? t(locale, 'complaint.actor.sla')
        : e.actorName;
  const params = { at: formatLocal(e.at, timezone), actor, action };
  // Notes we wrote ourselves (scores, reasons, "转派给…") are stored in zh-CN; other readers get the event without
  // them. What people typed (staff results, the owner's own words) is data and shown as is.
  const note = locale === 'zh-CN' || TYPED_NOTES.has(e.action) ? e.note : null;
  return note ? t(locale, 'complaint.eventLineNote', { ...params, note }) : t(locale, 'complaint.eventLine', params);
}
