// 装修申报: what each answer of the owner's application must be, as catalogue keys the dialog re-asks with and the
// service checks again on submit. Pure: dates are estate-local 'YYYY-MM-DD', `today` comes from the caller.
import { z } from 'zod';
import type { MessageKey, Params } from '../i18n/index.js';
import { addLocalDays } from '../shared/zoned-time.js';
import { daysBetween } from './extension.rules.js';
import type { RenovationSettings } from './renovation-settings.js';

export interface Problem {
  key: MessageKey;
  params?: Params;
}

const PHONE_RE = /^1[3-9]\d{9}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** "139 0000 1111" / "139-0000-1111" → "13900001111", or null when it is no mainland mobile number. */
export function normalizeMobile(text: string): string | null {
  const digits = text.normalize('NFKC').replace(/[\s-]/g, '');
  return PHONE_RE.test(digits) ? digits : null;
}

export function contractorProblem(text: string): Problem | null {
  const n = [...text.trim()].length;
  return n >= 2 && n <= 40 ? null : { key: 'permitApply.badContractor' };
}

export function scopeProblem(text: string): Problem | null {
  const n = [...text.trim()].length;
  return n >= 2 && n <= 200 ? null : { key: 'permitApply.badScope' };
}

export function earliestStart(today: string, s: Pick<RenovationSettings, 'applicationLeadDays'>): string {
  return addLocalDays(today, s.applicationLeadDays);
}

export function startProblem(
  start: string,
  today: string,
  s: Pick<RenovationSettings, 'applicationLeadDays'>,
): Problem | null {
  const earliest = earliestStart(today, s);
  return start < earliest ? { key: 'permitApply.tooEarly', params: { earliest } } : null;
}

export function endProblem(
  start: string,
  end: string,
  s: Pick<RenovationSettings, 'applicationMaxDays'>,
): Problem | null {
  if (end < start) return { key: 'permitApply.endBeforeStart', params: { start } };
  if (daysBetween(start, end) + 1 > s.applicationMaxDays)
    return {
      key: 'permitApply.tooLong',
      params: { maxDays: s.applicationMaxDays, latest: addLocalDays(start, s.applicationMaxDays - 1) },
    };
  return null;
}

/** The application as the dialog hands it to the service (zod: it crosses the dialog-state boundary). */
export const applicationInputSchema = z.object({
  unitId: z.string().min(1),
  unitLabel: z.string().min(1),
  contractor: z.string().trim().min(2).max(40),
  foremanPhone: z.string().regex(PHONE_RE),
  scope: z.string().trim().min(2).max(200),
  startDate: z.string().regex(DATE_RE),
  endDate: z.string().regex(DATE_RE),
  drawings: z.array(z.object({ contentUrl: z.string(), name: z.string() })).max(20),
});
export type ApplicationInput = z.infer<typeof applicationInputSchema>;

/** The Json column RenovationPermit.drawings, read back. */
export const drawingsSchema = z.array(z.object({ contentUrl: z.string(), name: z.string() })).catch([]);

/** Every problem of a whole application (the service's last check before filing). */
export function applicationProblems(
  a: ApplicationInput,
  today: string,
  s: Pick<RenovationSettings, 'applicationLeadDays' | 'applicationMaxDays'>,
): Problem[] {
  return [startProblem(a.startDate, today, s), endProblem(a.startDate, a.endDate, s)].filter(
    (p): p is Problem => p !== null,
  );
}

/** "押金 2000" / "押金2000元" in a 批准 note → cents; undefined when no deposit is named; null when it is malformed. */
export function depositFromNote(note: string | null): number | null | undefined {
  if (!note || !/押金|deposit/i.test(note)) return undefined;
  const m = /(?:押金|deposit)\s*[:：]?\s*(\d{1,7})\s*(?:元|yuan)?\s*$/i.exec(note.trim());
  return m?.[1] ? Number(m[1]) * 100 : null;
}
