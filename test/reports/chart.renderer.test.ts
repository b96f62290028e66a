import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderedImage } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import {
  chartFontOptions,
  rasterizeSvgSync,
  renderBarChart,
  renderLineChart,
  type ChartDatum,
} from '../../src/reports/chart.renderer.js';
import { findCjkFont, packagedCjkFont } from '../../src/reports/cjk-font.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which always follows the 8-byte signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Bounding box of the pixels where two same-sized RGBA images differ, or null when identical. */
function diffBox(
  a: RenderedImage,
  b: RenderedImage,
): { x0: number; y0: number; x1: number; y1: number; count: number } | null {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  const pa = a.pixels;
  const pb = b.pixels;
  let box: { x0: number; y0: number; x1: number; y1: number; count: number } | null = null;
  for (let i = 0; i < pa.length; i += 4) {
    if (pa[i] === pb[i] && pa[i + 1] === pb[i + 1] && pa[i + 2] === pb[i + 2] && pa[i + 3] === pb[i + 3]) continue;
    const x = (i / 4) % a.width;
    const y = Math.floor(i / 4 / a.width);
    if (box === null) box = { x0: x, y0: y, x1: x, y1: y, count: 0 };
    box.x0 = Math.min(box.x0, x);
    box.x1 = Math.max(box.x1, x);
    box.y0 = Math.min(box.y0, y);
    box.y1 = Math.max(box.y1, y);
    box.count += 1;
  }
  return box;
}

/** The <text> element vega wrote for a given string. */
function textElement(svg: string, text: string): string | undefined {
  return svg.match(new RegExp(`<text[^>]*>${text}</text>`))?.[0];
}

const NO_FONTS = { loadSystemFonts: false, fontFiles: [], defaultFontFamily: 'No Such Font 404' };

const rates: ChartDatum[] = [
  { label: '1号楼', value: 0.962 },
  { label: '2号楼', value: 0.885 },
  { label: '商铺区', value: 0.65 },
];

function rateChart(thirdLabel: string) {
  return renderBarChart(
    {
      title: '各楼栋物业费收缴率',
      valueFormat: 'percent',
      data: [rates[0]!, rates[1]!, { label: thirdLabel, value: 0.7 }],
    },
    { width: 480, height: 300 },
  );
}

describe('findCjkFont', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cjk-font-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('finds the Noto Sans SC font that npm install brings, whatever the machine has', () => {
    const font = findCjkFont();
    expect(font?.family).toBe('Noto Sans SC');
    expect(font?.file).toMatch(/node_modules\/@expo-google-fonts\/noto-sans-sc\/.*\.ttf$/);
    expect(existsSync(font?.file ?? '')).toBe(true);
    expect(packagedCjkFont()).toEqual(font);
  });

  it('reports no font when the package is gone and the font dirs hold no CJK font', () => {
    expect(findCjkFont({ packaged: false, dirs: [tmp, join(tmp, 'missing')], useFcList: false })).toBeNull();
  });

  it('falls back to a system font, recognised by its file name in a nested user font dir', () => {
    const nested = join(tmp, 'user', 'wqy');
    mkdirSync(nested, { recursive: true });
    mkdirSync(join(tmp, 'other'));
    symlinkSync(tmp, join(tmp, 'loop')); // a symlinked dir loop must not hang the scan
    symlinkSync(packagedCjkFont()?.file ?? '/nonexistent', join(nested, 'wqy-microhei.ttc'));
    expect(findCjkFont({ packaged: false, dirs: [tmp], useFcList: false })).toEqual({
      family: 'WenQuanYi Micro Hei',
      file: join(nested, 'wqy-microhei.ttc'),
    });
    // The packaged font wins over a system one: charts look the same on every machine.
    expect(findCjkFont({ dirs: [tmp], useFcList: false })?.family).toBe('Noto Sans SC');
  });
});

describe('renderBarChart', () => {
  it('returns a real PNG of the requested size', async () => {
    const chart = await renderBarChart(
      { title: '各楼栋收缴率', valueFormat: 'percent', data: rates },
      { width: 480, height: 300 },
    );
    expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(chart.png)).toEqual({ width: 480, height: 300 });
    expect([chart.width, chart.height]).toEqual([480, 300]);
  });

  it('scales the PNG for sharp phone screens', async () => {
    const chart = await renderBarChart({ title: '各楼栋收缴率', data: rates }, { width: 480, height: 300, scale: 2 });
    expect(pngSize(chart.png)).toEqual({ width: 960, height: 600 });
  });

  it('writes the title, Chinese labels and formatted values into the chart as text', async () => {
    const chart = await renderBarChart({ title: '11月各楼栋物业费收缴率', valueFormat: 'percent', data: rates });
    for (const text of ['11月各楼栋物业费收缴率', '1号楼', '2号楼', '商铺区', '96.2%', '88.5%', '65%']) {
      expect(textElement(chart.svg, text), text).toBeDefined();
    }
    expect(chart.svg).toContain('font-family="Noto Sans SC"');
  });

  it('keeps category labels horizontal', async () => {
    const chart = await renderBarChart({ title: '各楼栋收缴率', data: rates });
    for (const { label } of rates) {
      const el = textElement(chart.svg, label);
      expect(el).toBeDefined();
      expect(el).not.toMatch(/rotate/);
    }
  });

  it('draws real Chinese glyphs, not tofu boxes, with nothing but the font npm install brings', async () => {
    const a = await rateChart('收缴率');
    const b = await rateChart('满意度');
    const font = findCjkFont();
    expect(font).not.toBeNull();
    const cjk = chartFontOptions(font?.family ?? '', font?.file);
    // Production reads the packaged file only, so no system font (fonts-wqy-microhei or any other) is involved.
    expect(cjk.loadSystemFonts).toBe(false);

    // With the CJK font two different three-character labels look different…
    const cjkA = rasterizeSvgSync(a.svg, cjk);
    const cjkB = rasterizeSvgSync(b.svg, cjk);
    const labelDiff = diffBox(cjkA, cjkB);
    expect(labelDiff).not.toBeNull();
    if (labelDiff === null) return;
    expect(labelDiff.count).toBeGreaterThan(50);
    // …and only in one line of x-axis label text at the bottom of the image, under the third bar.
    expect(labelDiff.y0).toBeGreaterThan(cjkA.height * 0.8);
    expect(labelDiff.y1 - labelDiff.y0).toBeLessThan(20);
    expect(labelDiff.x1 - labelDiff.x0).toBeLessThan(60);
    expect(labelDiff.x0).toBeGreaterThan(cjkA.width * 0.6);

    // Without fonts the two labels are indistinguishable — which is what tofu means.
    const tofuA = rasterizeSvgSync(a.svg, NO_FONTS);
    const tofuB = rasterizeSvgSync(b.svg, NO_FONTS);
    expect(diffBox(tofuA, tofuB)).toBeNull();

    // The shipped rendering differs from the font-less one exactly where the label is drawn.
    const vsTofu = diffBox(cjkA, tofuA);
    expect(vsTofu).not.toBeNull();
    if (vsTofu === null) return;
    expect(vsTofu.x0).toBeLessThanOrEqual(labelDiff.x0);
    expect(vsTofu.x1).toBeGreaterThanOrEqual(labelDiff.x1);
    expect(vsTofu.y0).toBeLessThanOrEqual(labelDiff.y0);
    expect(vsTofu.y1).toBeGreaterThanOrEqual(labelDiff.y1);
  });

  it('returns the numbers the chart was drawn from, equal to the input', async () => {
    const data: ChartDatum[] = [
      { label: '1号楼', value: 0.962, series: '本月' },
      { label: '1号楼', value: 0.93, series: '上月' },
      { label: '2号楼', value: 0.885, series: '本月' },
      { label: '2号楼', value: 0.9, series: '上月' },
    ];
    const chart = await renderBarChart({ title: '收缴率对比', valueFormat: 'percent', data });
    expect(chart.data).toEqual(data);
    expect(textElement(chart.svg, '本月')).toBeDefined(); // legend
  });

  it('stores cents but shows yuan', async () => {
    const data = [
      { label: '物业费', value: 12_345_678 },
      { label: '停车费', value: 2_345_600 },
    ];
    const chart = await renderBarChart({ title: '本周收费金额', valueFormat: 'yuan', data });
    expect(chart.data).toEqual(data);
    expect(textElement(chart.svg, '123,456.78')).toBeDefined();
    expect(textElement(chart.svg, '23,456.00')).toBeDefined();
    expect(textElement(chart.svg, '金额（元）')).toBeDefined();
  });

  it('rejects values that are not numbers instead of drawing a broken chart', async () => {
    await expect(renderBarChart({ title: '坏数据', data: [{ label: '1号楼', value: Number.NaN }] })).rejects.toThrow();
  });
});

describe('renderLineChart', () => {
  it('draws a daily trend per series with horizontal date labels', async () => {
    const days = ['11-01', '11-02', '11-03', '11-04'];
    const data: ChartDatum[] = days.flatMap((label, i) => [
      { label, value: 5 + i, series: '报修' },
      { label, value: i % 2, series: '投诉' },
    ]);
    const chart = await renderLineChart(
      { title: '每日报修与投诉', valueFormat: 'count', yTitle: '件数', data },
      { width: 600, height: 320 },
    );
    expect(pngSize(chart.png)).toEqual({ width: 600, height: 320 });
    expect(chart.data).toEqual(data);
    for (const text of ['每日报修与投诉', '件数', '报修', '投诉', ...days])
      expect(textElement(chart.svg, text), text).toBeDefined();
    expect(textElement(chart.svg, '11-01')).not.toMatch(/rotate/);
  });
});
