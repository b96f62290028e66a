// Chart images for supervisors' reports, rendered on the server with no browser or canvas:
// vega-lite spec → vega SVG (renderer 'none') → resvg PNG with a CJK font so 汉字 are real glyphs.
import { Resvg, renderAsync, type RenderedImage, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Encoding } from 'vega-lite/build/src/encoding.js';
import type { PositionFieldDef } from 'vega-lite/build/src/channeldef.js';
import { z } from 'zod';
import { findCjkFont } from './cjk-font.js';

/** percent: value is a fraction (0.93 → 93%); count: whole numbers; yuan: value is integer cents (分), shown in 元. */
export type ValueFormat = 'percent' | 'count' | 'yuan';

export interface ChartDatum {
  label: string;
  value: number;
  series?: string;
}

export interface ChartSpec {
  title: string;
  data: ChartDatum[];
  valueFormat?: ValueFormat;
  yTitle?: string;
}

export interface ChartOptions {
  /** Image size in CSS pixels, axes and title included. */
  width?: number;
  height?: number;
  /** Font family for all text; defaults to the packaged CJK font (Noto Sans SC). */
  font?: string;
  /** Pixel density of the PNG (2 for sharp images on phones); the PNG is width×scale by height×scale. */
  scale?: number;
}

export interface RenderedChart {
  png: Buffer;
  svg: string;
  /** The values the chart was drawn from, read back from the vega dataflow. */
  data: ChartDatum[];
  width: number;
  height: number;
}

const DATASET = 'table';

const chartSpecSchema = z.object({
  title: z.string(),
  data: z.array(z.object({ label: z.string().min(1), value: z.number(), series: z.string().min(1).optional() })),
  valueFormat: z.enum(['percent', 'count', 'yuan']).optional(),
  yTitle: z.string().optional(),
});

const chartOptionsSchema = z.object({
  width: z.number().int().min(100).max(4000).optional(),
  height: z.number().int().min(100).max(4000).optional(),
  font: z.string().min(1).optional(),
  scale: z.number().min(0.5).max(4).optional(),
});

export function renderBarChart(spec: ChartSpec, opts?: ChartOptions): Promise<RenderedChart> {
  return renderChart('bar', spec, opts);
}

/** x = label (e.g. '11-01', kept in input order), y = value; one line per series. */
export function renderLineChart(spec: ChartSpec, opts?: ChartOptions): Promise<RenderedChart> {
  return renderChart('line', spec, opts);
}

/**
 * The resvg font settings charts are drawn with; exported so tests can rasterize exactly as production does. With a
 * font file (the packaged one, or the system font found) only that file is read: the same pixels on every machine and
 * no scan of the system's fonts per chart. Without one, the system's fonts are all there is.
 */
export function chartFontOptions(family: string, file?: string): NonNullable<ResvgRenderOptions['font']> {
  return {
    loadSystemFonts: file === undefined,
    fontFiles: file === undefined ? [] : [file],
    defaultFontFamily: family,
    sansSerifFamily: family,
  };
}

/** SVG → RGBA image off the main thread (resvg's async render runs in the libuv pool). */
export function rasterizeSvg(svg: string, font: ResvgRenderOptions['font'], scale = 1): Promise<RenderedImage> {
  return renderAsync(svg, { font, fitTo: { mode: 'zoom', value: scale }, background: 'white' });
}

/** Synchronous variant for tests that compare pixels. */
export function rasterizeSvgSync(svg: string, font: ResvgRenderOptions['font'], scale = 1): RenderedImage {
  return new Resvg(svg, { font, fitTo: { mode: 'zoom', value: scale }, background: 'white' }).render();
}

type ChartKind = 'bar' | 'line';

async function renderChart(
  kind: ChartKind,
  rawSpec: ChartSpec,
  rawOpts: ChartOptions | undefined,
): Promise<RenderedChart> {
  const spec = chartSpecSchema.parse(rawSpec);
  const opts = chartOptionsSchema.parse(rawOpts ?? {});
  const width = opts.width ?? 640;
  const height = opts.height ?? 400;
  const font = resolveFont(opts.font);
  const vlSpec = buildSpec(kind, spec, { width, height, family: font.family });

  const view = new vega.View(vega.parse(compile(vlSpec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const data = readBackData(view.data(DATASET));
    const image = await rasterizeSvg(svg, chartFontOptions(font.family, font.file), opts.scale ?? 1);
    return { png: image.asPng(), svg, data, width: image.width, height: image.height };
  } finally {
    view.finalize();
  }
}

function resolveFont(requested: string | undefined): { family: string; file?: string } {
  if (requested !== undefined) return { family: requested };
  // Without a CJK font (package pruned, none on the system) Chinese shows as boxes; start-up warned, so still draw.
  return findCjkFont() ?? { family: 'sans-serif' };
}

const AXIS_FORMAT: Record<ValueFormat, string> = { percent: '.0%', count: ',d', yuan: ',~f' };
const LABEL_FORMAT: Record<ValueFormat, string> = { percent: '.1~%', count: ',d', yuan: ',.2f' };

function buildSpec(
  kind: ChartKind,
  spec: z.infer<typeof chartSpecSchema>,
  size: { width: number; height: number; family: string },
): TopLevelSpec {
  const format = spec.valueFormat;
  // Series keep the caller's order (e.g. 本月 before 上月), not alphabetical.
  const seriesOrder = [...new Set(spec.data.flatMap((d) => (d.series === undefined ? [] : [d.series])))];
  const hasSeries = seriesOrder.length > 0;

  const x: PositionFieldDef<string> = {
    field: 'label',
    type: kind === 'bar' ? 'nominal' : 'ordinal',
    sort: null,
    title: null,
    // Rotated Chinese labels read badly; line charts with many dates drop overlapping labels instead.
    axis: { labelAngle: 0, labelOverlap: kind === 'line' ? 'parity' : false },
  };
  // Counts tick at whole numbers and percentages at whole percents, chosen here: vega's own ticks for small ranges
  // are fractional (0, 0.5, 1 …), which the integer format prints as "0, 1, 1, 2, 2" (tickMinStep is not honoured).
  const minStep = format === 'count' ? 1 : format === 'percent' ? 0.01 : null;
  const ticks =
    minStep === null
      ? null
      : axisTicks(
          spec.data.map((d) => d.value),
          minStep,
          kind === 'bar',
        );
  const y: PositionFieldDef<string> = {
    // Cents are stored, yuan are read: the chart plots `shown` and keeps `value` as the database number.
    field: 'shown',
    type: 'quantitative',
    title: spec.yTitle ?? (format === 'yuan' ? '金额（元）' : null),
    axis: {
      ...(format === undefined ? {} : { format: AXIS_FORMAT[format] }),
      ...(ticks ? { values: ticks.values } : {}),
    },
    ...(ticks
      ? { scale: { domain: ticks.domain, nice: false, zero: kind === 'bar' } }
      : kind === 'line'
        ? { scale: { zero: false, nice: true } }
        : {}),
  };
  const seriesEncoding: Pick<Encoding<string>, 'color' | 'xOffset'> = hasSeries
    ? {
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          scale: { domain: seriesOrder },
          legend: { orient: 'top' },
        },
        ...(kind === 'bar' ? { xOffset: { field: 'series', type: 'nominal', sort: seriesOrder } } : {}),
      }
    : {};
  const encoding: Encoding<string> = { x, y, ...seriesEncoding };

  const common: Required<Pick<TopLevelSpec, '$schema' | 'title' | 'autosize' | 'transform' | 'config'>> = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: spec.title,
    autosize: { type: 'fit', contains: 'padding' },
    transform: [{ calculate: format === 'yuan' ? 'datum.value / 100' : 'datum.value', as: 'shown' }],
    config: {
      font: size.family,
      background: 'white',
      title: { fontSize: 16, anchor: 'middle' },
      axis: { labelFontSize: 12, titleFontSize: 12 },
      // Chinese reads horizontally: put the y title above the tick labels instead of rotating it.
      axisY: { titleAngle: 0, titleAlign: 'right', titleBaseline: 'bottom', titleX: 0, titleY: -8 },
      legend: { labelFontSize: 12 },
    },
  };

  const frame = { width: size.width, height: size.height, data: { name: DATASET, values: spec.data } };
  if (kind === 'line') return { ...common, ...frame, mark: { type: 'line', point: true }, encoding };
  return {
    ...common,
    ...frame,
    encoding,
    layer: [
      { mark: { type: 'bar' } },
      // Value on top of each bar so supervisors read the exact number, not estimate it from the axis.
      {
        mark: { type: 'text', dy: -7, fontSize: 11, color: '#333333' },
        encoding: {
          text: {
            field: 'shown',
            type: 'quantitative',
            ...(format === undefined ? {} : { format: LABEL_FORMAT[format] }),
          },
        },
      },
    ],
  };
}

const readBackSchema = z.array(z.object({ label: z.string(), value: z.number(), series: z.string().optional() }));

function readBackData(rows: unknown): ChartDatum[] {
  return readBackSchema
    .parse(rows)
    .map(({ label, value, series }) => (series === undefined ? { label, value } : { label, value, series }));
}

/** Tick steps tried, as multiples of the smallest step: 1, 2, 5, 10, 20, 50 … */
const STEP_FACTORS = [1, 2, 5];
/** At most this many tick labels on the value axis (a 400-pixel-high chart reads well with 5–8). */
const MAX_TICKS = 8;

/**
 * Value-axis ticks that are whole multiples of `minStep` (1 for counts, 0.01 for percentages), at most MAX_TICKS,
 * each label different, and the domain they span. Bars start at zero; lines span the data.
 */
export function axisTicks(
  values: number[],
  minStep: number,
  fromZero: boolean,
): { values: number[]; domain: [number, number] } {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(...(fromZero ? [0] : []), ...(finite.length ? finite : [0]));
  const hi = Math.max(...(fromZero ? [0] : []), ...(finite.length ? finite : [0]));
  // Work in units of minStep as integers so 0.07 + 0.01 never becomes 0.08000000000000002.
  const loU = Math.floor(lo / minStep + 1e-9);
  const hiU = Math.ceil(hi / minStep - 1e-9);
  for (let scale = 1; ; scale *= 10) {
    for (const f of STEP_FACTORS) {
      const step = f * scale;
      const start = Math.floor(loU / step) * step;
      let end = Math.ceil(hiU / step) * step;
      if (end === start) end = start + step;
      if ((end - start) / step + 1 > MAX_TICKS) continue;
      const ticks: number[] = [];
      for (let u = start; u <= end; u += step) ticks.push(Number((u * minStep).toFixed(10)));
      return { values: ticks, domain: [Number((start * minStep).toFixed(10)), Number((end * minStep).toFixed(10))] };
    }
  }
}
