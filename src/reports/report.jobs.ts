// The supervisors' scheduled reports: a daily summary at shift start (08:30) and a monthly report on the 1st (09:00)
// for the month before, each with a chart PNG, to every supervisors' group through the outbox. The dedupe keys make a
// re-run (catch-up, a second instance) queue nothing new.
import { countedJob } from '../jobs/counted-job.js';
import type { Job } from '../jobs/job.js';
import { localDateKey } from '../shared/zoned-time.js';
import { monthOf, previousMonthKey, type ReportService } from './report.service.js';
import type { ChartOptions, ChartSpec, RenderedChart } from './chart.renderer.js';

/** vega, vega-lite and resvg load on the first report, not at start-up (about 0.3 s of every cold start). */
async function renderBarChart(spec: ChartSpec, opts: ChartOptions): Promise<RenderedChart> {
  const renderer = await import('./chart.renderer.js');
  return renderer.renderBarChart(spec, opts);
}

export interface ReportJobDeps {
  reports: ReportService;
}

/** Sharp on phones: 640×400 drawn at 2×. */
const CHART_SIZE = { width: 640, height: 400, scale: 2 };

export async function sendDailySummaries(reports: ReportService, now: Date): Promise<number> {
  let queued = 0;
  for (const estate of await reports.estates()) {
    const report = await reports.dailySummary(estate, now);
    const chart = await renderBarChart(report.chart, CHART_SIZE);
    queued += await reports.send(
      estate.id,
      report,
      chart.png,
      `report:daily:${localDateKey(now, estate.timezone)}`,
      now,
    );
  }
  return queued;
}

export async function sendMonthlyReports(reports: ReportService, now: Date): Promise<number> {
  let queued = 0;
  for (const estate of await reports.estates()) {
    const month = monthOf(previousMonthKey(localDateKey(now, estate.timezone).slice(0, 7)), estate.timezone);
    const report = await reports.monthlyReport(estate, month, now);
    const chart = await renderBarChart(report.chart, CHART_SIZE);
    queued += await reports.send(estate.id, report, chart.png, `report:monthly:${month.key}`, now);
  }
  return queued;
}

export function reportJobs(deps: ReportJobDeps): Job[] {
  return [
    countedJob(
      'reports.daily-summary',
      '30 8 * * *',
      '每天 08:30 向主管群发送每日简报（附图）',
      'daily summaries queued',
      (now) => sendDailySummaries(deps.reports, now),
    ),
    countedJob(
      'reports.monthly',
      '0 9 1 * *',
      '每月 1 日 09:00 向主管群发送上月月报（附图）',
      'monthly reports queued',
      (now) => sendMonthlyReports(deps.reports, now),
    ),
  ];
}
