// Writes docs/report-sample.png (shown in the README): the monthly report's chart, drawn exactly as the job draws it,
// from illustrative numbers. Run: npx tsx scripts/report-sample.ts
import { writeFileSync } from 'node:fs';
import { renderBarChart } from '../src/reports/chart.renderer.js';
import { chartTable } from '../src/reports/report.service.js';
import type { ChartSpec } from '../src/reports/chart.renderer.js';

const spec: ChartSpec = {
  title: '2026年11月投诉/报修按类别（示例数据）',
  valueFormat: 'count',
  yTitle: '单数',
  data: [
    { label: '噪音', value: 14 },
    { label: '漏水/渗水', value: 9 },
    { label: '公共设施', value: 7 },
    { label: '停车', value: 6 },
    { label: '卫生', value: 4 },
    { label: '装修违规', value: 3 },
    { label: '其他', value: 2 },
  ],
};

const chart = await renderBarChart(spec, { width: 640, height: 400, scale: 2 });
writeFileSync(new URL('../docs/report-sample.png', import.meta.url), chart.png);
process.stdout.write(`${chartTable(spec)}\n→ docs/report-sample.png ${chart.width}×${chart.height}\n`);
