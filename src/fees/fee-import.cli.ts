// `npm run cli -- import-bills <file.csv> [--estate JXHY]`: the bill import with a console progress bar and a summary.
import { t } from '../i18n/index.js';
import { parseArgs } from 'node:util';
import type { FeeRepository } from '../db/repositories.js';
import {
  bufferSource,
  fileSource,
  formatImportSummary,
  importBillSource,
  type BillSource,
  type ImportProgress,
} from './fee-import.service.js';

export interface FeeImportIo {
  fees: FeeRepository;
  out: (line: string) => void;
  /** Progress bar sink (the terminal's stderr, rewritten in place with \r); omitted → no bar. */
  progress?: (chunk: string) => void;
  readFile?: (file: string) => Buffer;
  /** Largest file accepted (IMPORT_MAX_MB); default 20 MB. */
  maxBytes?: number;
}

export const DEFAULT_IMPORT_MAX_MB = 20;

const BAR = 30;

export function progressBar(p: ImportProgress): string {
  const ratio = p.total === 0 ? 1 : Math.min(1, p.done / p.total);
  const filled = Math.round(ratio * BAR);
  return `\r${t('zh-CN', `fees.cli.phase.${p.phase}`)} [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${p.done}/${p.total}`;
}

/** Returns the exit code: 0 imported (or nothing to change), 1 rejected file, 2 bad usage. */
export async function runFeeImport(args: string[], io: FeeImportIo): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { estate: { type: 'string' } } });
  const file = positionals[0];
  if (!file) {
    io.out(t('zh-CN', 'fees.cli.usage'));
    return 2;
  }
  const estate = await io.fees.estateForImport(values.estate);
  if (!estate) {
    io.out(
      values.estate ? t('zh-CN', 'fees.cli.noEstateCode', { code: values.estate }) : t('zh-CN', 'fees.cli.noEstate'),
    );
    return 2;
  }
  // Streamed from disk (never read whole); tests hand in bytes instead.
  let source: BillSource;
  try {
    source = io.readFile ? bufferSource(io.readFile(file)) : fileSource(file);
  } catch {
    io.out(t('zh-CN', 'fees.cli.unreadable', { file }));
    return 2;
  }
  const maxBytes = io.maxBytes ?? DEFAULT_IMPORT_MAX_MB * 1024 * 1024;
  if (source.size > maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
    io.out(t('zh-CN', 'fees.cli.tooLarge', { size: mb(source.size), max: mb(maxBytes) }));
    return 2;
  }
  let lastDrawn = '';
  const summary = await importBillSource(io.fees, estate.id, source, {
    onProgress: (p) => {
      if (!io.progress) return;
      const bar = progressBar(p);
      if (bar === lastDrawn) return;
      lastDrawn = bar;
      io.progress(bar + (p.done >= p.total ? '\n' : ''));
    },
  });
  io.out(
    t('zh-CN', 'fees.cli.summary', { estate: estate.name, code: estate.code, summary: formatImportSummary(summary) }),
  );
  return summary.errors.length > 0 ? 1 : 0;
}
