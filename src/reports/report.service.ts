// Supervisors' numbers in words and as chart specs: 今日 / 逾期 / 满意度 / 统计 for the commands, and the daily
// summary and monthly report the jobs send to the supervisors' group (with a chart PNG; a text table where a channel
// has no images). All counts come from src/db/report.repo.ts; the collection rate from the fee area's own functions.
import { z } from 'zod';
import { settingsSection } from '../settings/settings-section.js';
import { AppError, userMessage } from '../shared/app-error.js';
import type { OverdueRow, Period, Repositories } from '../db/repositories.js';
import { parsePeriod } from '../fees/bill-import.parser.js';
import { t, t as tr, translator } from '../i18n/index.js';

/** Reports go to staff groups, which read zh-CN. */
const zh = translator('zh-CN');
import { collectionRate, formatPercent } from '../fees/fee.rules.js';
import type { Notifier } from '../notify/notifier.js';
import { missingYearWarning } from '../sla/business-calendar.js';
import { addLocalDays, formatLocal, localDateKey, localParts, zonedTime } from '../shared/zoned-time.js';
import { normalizeDigits, parseZhInt } from '../shared/zh-numbers.js';
import type { ChartDatum, ChartSpec } from './chart.renderer.js';

/** The estate fields a report needs (Sender.estate and the jobs' estate rows both fit). */
export interface ReportEstate {
  id: string;
  name: string;
  timezone: string;
  settings: unknown;
}

/** Monthly targets from the department's procedures; per estate in Estate.settings.reports. */
export const reportSettingsSchema = z
  .object({
    collectionRateTarget: z.number().min(0).max(1).default(0.95),
    slaMetTarget: z.number().min(0).max(1).default(0.9),
    repeatComplaintTarget: z.number().int().min(0).default(0),
    csatTarget: z.number().min(1).max(5).default(4.5),
  })
  .prefault({});
export type ReportSettings = z.infer<typeof reportSettingsSchema>;

export function reportSettings(estateSettings: unknown): ReportSettings {
  // A broken blob must not stop the report: fall back to the procedures' targets.
  return settingsSection(estateSettings, 'reports', reportSettingsSchema);
}

/** The monthly 满意度 survey's part of 满意度 and of the monthly report (SurveyService fits). */
export interface SurveyResults {
  resultsText(estate: ReportEstate, period: string): Promise<string>;
  monthLine(estate: ReportEstate, period: string): Promise<string>;
}

/** Only what the holiday warning needs (BusinessCalendar fits). */
export interface HolidayCoverage {
  missingYears(from: Date, to: Date): number[];
}

export interface Month {
  /** 'YYYY-MM' */
  key: string;
  /** '2026年11月' */
  label: string;
  period: Period;
}

export interface ReportMessage {
  text: string;
  /** The chart's numbers as text lines, for channels that cannot show images. */
  table: string;
  chart: ChartSpec;
}

export type OverdueLevel = 'resolve' | 'ack2' | 'ack';

/** The ladder in the procedures: ack breach → 领班; twice the ack limit → 主管; resolve breach → 经理. */
export const OVERDUE_LEVEL_LABEL: Record<OverdueLevel, string> = {
  resolve: zh('report.level.resolve'),
  ack2: zh('report.level.ack2'),
  ack: zh('report.level.ack'),
};
const LEVEL_ORDER: OverdueLevel[] = ['resolve', 'ack2', 'ack'];

export interface OverdueItem {
  ticket: OverdueRow;
  level: OverdueLevel;
  lateMinutes: number;
}

const KIND_LABEL: Record<string, string> = {
  COMPLAINT: zh('report.kind.COMPLAINT'),
  EMERGENCY: zh('report.kind.EMERGENCY'),
  REPAIR: zh('report.kind.REPAIR'),
  REQUEST: zh('report.kind.REQUEST'),
};
/** Same window as the start-up warning: next year's file is needed once it is two months away. */
const HOLIDAY_LOOKAHEAD_MS = 61 * 86_400_000;

const pad2 = (n: number) => String(n).padStart(2, '0');

export function monthOf(key: string, tz: string): Month {
  const [y, m] = key.split('-').map(Number);
  const year = y ?? 1970;
  const month = m ?? 1;
  const next = month === 12 ? `${year + 1}-01` : `${year}-${pad2(month + 1)}`;
  return {
    key,
    label: zh('report.monthLabel', { year, month }),
    period: { from: zonedTime(`${key}-01`, 0, tz), to: zonedTime(`${next}-01`, 0, tz) },
  };
}

/** The month before `key`. */
export function previousMonthKey(key: string): string {
  const [y, m] = key.split('-').map(Number);
  const year = y ?? 1970;
  const month = m ?? 1;
  return month === 1 ? `${year - 1}-12` : `${year}-${pad2(month - 1)}`;
}

/**
 * "2026-11" / "2026年11月" / "11月" / "十一月" / "上月" / "本月"; empty → this month. A bare month means the latest
 * such month not in the future ("11月" typed in January is last year's). Null when unreadable or in the future.
 */
export function parseMonthArg(raw: string, now: Date, tz: string): Month | null {
  const text = raw.trim();
  const today = localParts(now, tz);
  const current = `${today.year}-${pad2(today.month)}`;
  let key: string | null;
  if (text === '' || /^(本月|这个月|当月)$/.test(text)) key = current;
  else if (/^(上月|上个月)$/.test(text)) key = previousMonthKey(current);
  else {
    key = parsePeriod(text);
    const bare = /^(.+?)月?份?$/.exec(text);
    if (!key && bare?.[1]) {
      const m = /^\d+$/.test(normalizeDigits(bare[1])) ? Number(normalizeDigits(bare[1])) : parseZhInt(bare[1]);
      if (m !== null && m >= 1 && m <= 12) key = `${m > today.month ? today.year - 1 : today.year}-${pad2(m)}`;
    }
  }
  if (!key || key > current) return null;
  return monthOf(key, tz);
}

/** 45 → "45 分钟"; 210 → "3 小时 30 分"; 3000 → "2 天 2 小时". */
export function lateText(minutes: number): string {
  if (minutes < 60) return zh('report.late.minutes', { m: minutes });
  if (minutes < 1440)
    return minutes % 60
      ? zh('report.late.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 })
      : zh('report.late.hours', { h: Math.floor(minutes / 60) });
  const h = Math.floor((minutes % 1440) / 60);
  const d = Math.floor(minutes / 1440);
  return h ? zh('report.late.daysHours', { d, h }) : zh('report.late.days', { d });
}

/** Where a late ticket stands on the ladder (worst breach wins). */
export function overdueLevel(t: OverdueRow, now: Date): OverdueItem | null {
  const at = now.getTime();
  if (t.resolveDueAt && at > t.resolveDueAt.getTime())
    return { ticket: t, level: 'resolve', lateMinutes: Math.floor((at - t.resolveDueAt.getTime()) / 60_000) };
  if (t.acceptedAt === null && t.ackDueAt && at > t.ackDueAt.getTime()) {
    const limit = t.ackDueAt.getTime() - t.createdAt.getTime();
    const level: OverdueLevel = at - t.createdAt.getTime() >= 2 * limit ? 'ack2' : 'ack';
    return { ticket: t, level, lateMinutes: Math.floor((at - t.ackDueAt.getTime()) / 60_000) };
  }
  return null;
}

/** Chart numbers as aligned text lines: the picture for channels without pictures. */
export function chartTable(spec: ChartSpec): string {
  const show = (v: number) =>
    spec.valueFormat === 'percent' ? formatPercent(v) : spec.valueFormat === 'yuan' ? (v / 100).toFixed(2) : String(v);
  return [
    `〔${spec.title}〕`,
    ...spec.data.map((d) => `· ${d.series ? `${d.series} ` : ''}${d.label}：${show(d.value)}`),
  ].join('\n');
}

const mark = (ok: boolean | null) =>
  zh(ok === null ? 'report.mark.none' : ok ? 'report.mark.met' : 'report.mark.missed');
const score = (avg: number | null) => (avg === null ? '—' : zh('report.score', { score: avg.toFixed(2) }));

export interface MonthStats {
  month: Month;
  /** Per category, withdrawn tickets left out; largest first. */
  categories: ChartDatum[];
  total: number;
  sla: { decided: number; met: number; rate: number | null };
  /** 二次投诉: repeats filed plus reopens after a 回访 answered 没解决 (`repeatsReopened` of them). */
  repeats: number;
  repeatsReopened: number;
  /** 回访 answers; each 没解决 (`unresolved`) counts as the lowest score in the average. */
  csat: { answered: number; average: number | null; byScore: Map<number, number>; unresolved: number };
  /** Tickets created in the month that staff marked 误报: left out of every number above. */
  falseAlarms: number;
  collection: { dueCents: number; paidCents: number; rate: number | null };
  /** The monthly survey (issue #20): its results text for 满意度 and its opinions-vs-target line for the report. */
  survey?: { results: string; opinions: string };
}

export class ReportService {
  constructor(
    private readonly repos: Pick<Repositories, 'reports' | 'feeFigures' | 'outbox'>,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly holidays?: HolidayCoverage,
    private readonly surveys?: SurveyResults,
  ) {}

  estates(): Promise<ReportEstate[]> {
    return this.repos.reports.estates();
  }

  /** The local day of `now` as an instant range. */
  private day(dateKey: string, tz: string): Period {
    return { from: zonedTime(dateKey, 0, tz), to: zonedTime(addLocalDays(dateKey, 1), 0, tz) };
  }

  async overdue(estate: ReportEstate, now: Date): Promise<OverdueItem[]> {
    const rows = await this.repos.reports.overdue(estate.id, now);
    return rows
      .flatMap((t) => {
        const item = overdueLevel(t, now);
        return item ? [item] : [];
      })
      .sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || b.lateMinutes - a.lateMinutes);
  }

  async overdueText(estate: ReportEstate, now: Date): Promise<string> {
    const items = await this.overdue(estate, now);
    const stamp = formatLocal(now, estate.timezone);
    if (items.length === 0) return zh('report.overdue.none', { stamp });
    const lines = [zh('report.overdue.header', { stamp, count: items.length })];
    for (const level of LEVEL_ORDER) {
      const of = items.filter((i) => i.level === level);
      if (of.length === 0) continue;
      lines.push(zh('report.overdue.level', { level: OVERDUE_LEVEL_LABEL[level], count: of.length }));
      for (const i of of) {
        const t = i.ticket;
        lines.push(
          zh('report.overdue.item', {
            number: t.number,
            kind: KIND_LABEL[t.kind] ?? '',
            category: t.category,
            location: t.location,
            late: lateText(i.lateMinutes),
          }),
        );
      }
    }
    return lines.join('\n');
  }

  async todayText(estate: ReportEstate, now: Date): Promise<string> {
    const today = localDateKey(now, estate.timezone);
    const day = this.day(today, estate.timezone);
    const [t, keys, overdue] = await Promise.all([
      this.repos.reports.dayCounts(estate.id, day),
      this.repos.reports.deskAppointments(estate.id, day),
      this.overdue(estate, now),
    ]);
    return [
      zh('report.today.header', { estate: estate.name, today, time: formatLocal(now, estate.timezone, 'time') }),
      zh('report.today.tickets', {
        created: t.created,
        resolved: t.resolved,
        open: t.open,
        overdue: overdue.length,
      }),
      zh('report.today.emergencies', { emergencies: t.emergencies, openEmergencies: t.openEmergencies }),
      zh('report.today.keys', { total: keys.total, done: keys.done, booked: keys.booked }),
    ].join('\n');
  }

  async monthStats(estate: ReportEstate, month: Month, now: Date): Promise<MonthStats> {
    const p = month.period;
    const [byCat, sla, repeats, csat, falseAlarms, bills, survey] = await Promise.all([
      this.repos.reports.countsByCategory(estate.id, p),
      this.repos.reports.slaCounts(estate.id, p, now),
      this.repos.reports.repeatCounts(estate.id, p),
      this.repos.reports.csatScores(estate.id, p),
      this.repos.reports.falseAlarmCount(estate.id, p),
      // 收缴率 counts only bills already due (a bill due next week is not yet 应收).
      this.repos.feeFigures.collectionTotals(estate.id, {
        period: month.key,
        dueBy: localDateKey(now, estate.timezone),
      }),
      this.surveys
        ? Promise.all([this.surveys.resultsText(estate, month.key), this.surveys.monthLine(estate, month.key)]).then(
            ([results, opinions]) => ({ results, opinions }),
          )
        : Promise.resolve(undefined),
    ]);
    const perCat = new Map<string, number>();
    for (const r of byCat)
      if (r.status !== 'WITHDRAWN') perCat.set(r.category, (perCat.get(r.category) ?? 0) + r.count);
    const categories = [...perCat]
      .map(([label, value]) => ({ label, value }))
      .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'zh-CN'));
    const dueCents = bills.reduce((n, b) => n + b.dueCents, 0);
    const paidCents = dueCents - bills.reduce((n, b) => n + b.outstandingCents, 0);
    return {
      month,
      categories,
      total: categories.reduce((n, c) => n + c.value, 0),
      sla: { ...sla, rate: sla.decided > 0 ? sla.met / sla.decided : null },
      repeats: repeats.filed + repeats.reopened,
      repeatsReopened: repeats.reopened,
      csat,
      falseAlarms,
      collection: { dueCents, paidCents, rate: collectionRate(dueCents, paidCents) },
      ...(survey ? { survey } : {}),
    };
  }

  csatText(s: MonthStats, estate: ReportEstate): string {
    const target = reportSettings(estate.settings).csatTarget;
    const survey = s.survey ? ['', s.survey.results] : [];
    if (s.csat.answered === 0) return [zh('report.csat.none', { month: s.month.label }), ...survey].join('\n');
    const dist = [5, 4, 3, 2, 1]
      .map((n) => zh('report.csat.byScore', { n, count: s.csat.byScore.get(n) ?? 0 }))
      .join(zh('report.listSep'));
    return [
      zh('report.csat.header', {
        month: s.month.label,
        score: score(s.csat.average),
        answered: s.csat.answered,
        target,
        mark: mark(s.csat.average === null ? null : s.csat.average >= target),
      }),
      zh('report.csat.dist', {
        dist,
        unresolved: t('zh-CN', 'figures.csat.unresolved', { count: s.csat.unresolved }),
      }),
      ...(s.csat.unresolved > 0 ? [t('zh-CN', 'figures.csat.unresolvedNote')] : []),
      ...(s.falseAlarms > 0 ? [t('zh-CN', 'figures.falseAlarms', { count: s.falseAlarms })] : []),
      ...survey,
    ].join('\n');
  }

  statsText(s: MonthStats, estate: ReportEstate): string {
    const t = reportSettings(estate.settings);
    const lines = [
      zh('report.stats.header', { month: s.month.label, estate: estate.name }),
      zh(s.total ? 'report.stats.totalByCategory' : 'report.stats.total', { total: s.total }),
    ];
    for (const c of s.categories) lines.push(zh('report.stats.category', { label: c.label, value: c.value }));
    lines.push(
      zh('report.stats.sla', {
        rate: formatPercent(s.sla.rate),
        met: s.sla.met,
        decided: s.sla.decided,
        target: formatPercent(t.slaMetTarget),
        mark: mark(s.sla.rate === null ? null : s.sla.rate >= t.slaMetTarget),
      }),
      zh('report.stats.repeats', {
        count: s.repeats,
        target: t.repeatComplaintTarget,
        mark: mark(s.repeats <= t.repeatComplaintTarget),
      }),
      ...(s.repeatsReopened > 0 ? [tr('zh-CN', 'figures.repeats.reopened', { count: s.repeatsReopened })] : []),
      zh('report.stats.csat', {
        score: score(s.csat.average),
        answered: s.csat.answered,
        target: t.csatTarget,
        mark: mark(s.csat.average === null ? null : s.csat.average >= t.csatTarget),
      }),
      zh('report.stats.collection', {
        rate: formatPercent(s.collection.rate),
        target: formatPercent(t.collectionRateTarget),
        mark: mark(s.collection.rate === null ? null : s.collection.rate >= t.collectionRateTarget),
      }),
      ...(s.falseAlarms > 0 ? [tr('zh-CN', 'figures.falseAlarms', { count: s.falseAlarms })] : []),
    );
    if (s.survey) lines.push(s.survey.opinions);
    return lines.join('\n');
  }

  /** Shift-start summary: yesterday's work, what is open and late now, today's desk appointments. */
  async dailySummary(estate: ReportEstate, now: Date): Promise<ReportMessage> {
    const tz = estate.timezone;
    const today = localDateKey(now, tz);
    const yesterday = addLocalDays(today, -1);
    const [t, keys, overdue] = await Promise.all([
      this.repos.reports.dayCounts(estate.id, this.day(yesterday, tz)),
      this.repos.reports.deskAppointments(estate.id, this.day(today, tz)),
      this.overdue(estate, now),
    ]);
    const levels = LEVEL_ORDER.map((l) => ({ l, n: overdue.filter((i) => i.level === l).length })).filter(
      (x) => x.n > 0,
    );
    const lines = [
      zh('report.daily.header', { estate: estate.name, today }),
      zh('report.daily.yesterday', {
        yesterday,
        created: t.created,
        resolved: t.resolved,
        emergencies: t.emergencies,
      }),
      zh('report.daily.open', {
        open: t.open,
        openEmergencies: t.openEmergencies,
        overdue: overdue.length,
        levels: levels.length
          ? zh('report.daily.levels', {
              levels: levels
                .map((x) => zh('report.daily.levelItem', { level: OVERDUE_LEVEL_LABEL[x.l], count: x.n }))
                .join(zh('report.listSep')),
            })
          : '',
      }),
      zh('report.daily.keys', { total: keys.total }),
    ];
    if (overdue.length > 0) lines.push(zh('report.daily.seeOverdue'));
    for (const year of this.holidays?.missingYears(now, new Date(now.getTime() + HOLIDAY_LOOKAHEAD_MS)) ?? []) {
      lines.push(zh('report.daily.missingYear', { warning: missingYearWarning(year), year }));
    }
    const chart: ChartSpec = {
      title: zh('report.daily.chartTitle', { today }),
      valueFormat: 'count',
      yTitle: zh('report.chart.count'),
      data: [
        { label: zh('report.daily.bar.created'), value: t.created },
        { label: zh('report.daily.bar.resolved'), value: t.resolved },
        { label: zh('report.daily.bar.emergencies'), value: t.emergencies },
        { label: zh('report.daily.bar.open'), value: t.open },
        { label: zh('report.daily.bar.overdue'), value: overdue.length },
        { label: zh('report.daily.bar.keys'), value: keys.total },
      ],
    };
    return { text: lines.join('\n'), table: chartTable(chart), chart };
  }

  /** Monthly report: the month's numbers against the targets, with complaints by category as the chart. */
  async monthlyReport(estate: ReportEstate, month: Month, now: Date): Promise<ReportMessage> {
    const s = await this.monthStats(estate, month, now);
    const chart: ChartSpec = {
      title: zh('report.monthly.chartTitle', { month: month.label }),
      valueFormat: 'count',
      yTitle: zh('report.chart.count'),
      data: s.categories.length > 0 ? s.categories : [{ label: zh('report.monthly.noTickets'), value: 0 }],
    };
    return {
      text: this.statsText(s, estate).replace(/^【/, () => zh('report.monthly.prefix')),
      table: chartTable(chart),
      chart,
    };
  }

  /** Queues a report (with its rendered chart) to the estate's supervisors' groups; returns rows created. */
  send(estateId: string, report: ReportMessage, png: Buffer, dedupeKey: string, at: Date): Promise<number> {
    return this.notifier.staffGroup(this.repos.outbox, estateId, 'SUPERVISOR', {
      kind: 'notice',
      message: { text: report.text, image: { png, caption: report.chart.title, altText: report.table } },
      dedupeKey,
      at,
    });
  }
}

/** For commands: a month argument or a BAD_INPUT error with the usage line. */
export function monthArgOrThrow(raw: string, now: Date, tz: string, usage: string): Month {
  const m = parseMonthArg(raw, now, tz);
  if (!m) throw new AppError('BAD_INPUT', `bad month argument ${raw}`, userMessage('report.badMonth', { raw, usage }));
  return m;
}
