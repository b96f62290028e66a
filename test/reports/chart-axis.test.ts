// The value axis of report charts: counts tick at whole numbers, percentages at whole percents, no label twice.
import { describe, expect, it } from 'vitest';
import { axisTicks, renderBarChart, renderLineChart, type ChartSpec } from '../../src/reports/chart.renderer.js';

/** The y-axis tick labels as drawn in the SVG (the axis group vega labels "Y-axis"). */
function yLabels(svg: string): string[] {
  const groups = [...svg.matchAll(/<g class="mark-text role-axis-label"[^>]*>([\s\S]*?)<\/g>/g)];
  // Two axis-label groups: x first, then y (vega draws axes in encoding order).
  const y = groups[1]?.[1] ?? '';
  return [...y.matchAll(/>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');
}

describe('axisTicks', () => {
  it('counts: whole numbers from zero, at most 8 ticks, a zero-only chart still has a 0–1 axis', () => {
    expect(axisTicks([1, 2], 1, true)).toEqual({ values: [0, 1, 2], domain: [0, 2] });
    expect(axisTicks([0], 1, true)).toEqual({ values: [0, 1], domain: [0, 1] });
    expect(axisTicks([], 1, true)).toEqual({ values: [0, 1], domain: [0, 1] });
    expect(axisTicks([7], 1, true).values).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(axisTicks([9], 1, true).values).toEqual([0, 2, 4, 6, 8, 10]);
    expect(axisTicks([1234], 1, true).values).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400]);
    expect(axisTicks([3, 5], 1, false)).toEqual({ values: [3, 4, 5], domain: [3, 5] });
  });

  it('percentages: whole percents without float noise', () => {
    expect(axisTicks([0.91, 0.93], 0.01, false).values).toEqual([0.91, 0.92, 0.93]);
    expect(axisTicks([0.07], 0.01, true).values).toEqual([0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07]);
    for (const v of axisTicks([0.917, 0.5], 0.01, true).values) expect(Math.round(v * 100) / 100).toBe(v);
  });
});

describe('rendered value axis', () => {
  const cases: Array<[string, ChartSpec, string[]]> = [
    [
      'bar, counts 1 and 2',
      {
        title: '单数',
        valueFormat: 'count',
        data: [
          { label: '噪音', value: 1 },
          { label: '卫生', value: 2 },
        ],
      },
      ['0', '1', '2'],
    ],
    [
      'bar, nothing this month',
      { title: '无工单', valueFormat: 'count', data: [{ label: '无工单', value: 0 }] },
      ['0', '1'],
    ],
    [
      'line, counts 1 and 2',
      {
        title: '趋势',
        valueFormat: 'count',
        data: [
          { label: '11-01', value: 1 },
          { label: '11-02', value: 2 },
        ],
      },
      ['1', '2'],
    ],
    [
      'line, 91% to 93%',
      {
        title: '达标率',
        valueFormat: 'percent',
        data: [
          { label: '10月', value: 0.91 },
          { label: '11月', value: 0.93 },
        ],
      },
      ['91%', '92%', '93%'],
    ],
  ];
  it.each(cases)('%s: integer ticks, each label once', async (_name, spec, expected) => {
    const render = spec.title === '趋势' || spec.title === '达标率' ? renderLineChart : renderBarChart;
    const chart = await render(spec, { width: 400, height: 300 });
    const labels = yLabels(chart.svg);
    expect([...labels].sort()).toEqual([...expected].sort());
    expect(new Set(labels).size).toBe(labels.length);
  });
});
