// Logs for machines and for people (pino). JSON lines when stdout is a file, a pipe or a log collector; short
// coloured lines (`13:00:51 INFO  database ready provider=sqlite`) when it is a terminal, so the console chat's
// banner and replies are not buried under JSON. Every line passes through the phone mask before it is written,
// whatever logged it and in either format.
import { pino, type Logger, type DestinationStream } from 'pino';
import { maskPhonesInText } from './phone.js';

export type { Logger };

export type LogFormat = 'json' | 'pretty';

export interface LogOutput {
  write(s: string): unknown;
  isTTY?: boolean;
}

export function createLogger(
  level: string,
  out: LogOutput = process.stdout,
  format: LogFormat = out.isTTY === true ? 'pretty' : 'json',
): Logger {
  const destination: DestinationStream = {
    write: (line: string) => void out.write(maskPhonesInText(format === 'pretty' ? prettyLine(line) : line)),
  };
  return pino({ level, base: { app: 'wuye-desk' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

const LEVELS: Record<number, [string, string]> = {
  10: ['TRACE', '\x1b[90m'],
  20: ['DEBUG', '\x1b[90m'],
  30: ['INFO ', '\x1b[32m'],
  40: ['WARN ', '\x1b[33m'],
  50: ['ERROR', '\x1b[31m'],
  60: ['FATAL', '\x1b[41m'],
};
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
/** Fields every line has (or people do not need): shown as the line's head or not at all. */
const HEAD = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname']);
const MAX_VALUE = 120;

/** One pino JSON line as a short human line: local time, level, message, then the other fields as key=value. */
export function prettyLine(json: string): string {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json; // not ours: pass it through untouched
  }
  const [label, colour] = LEVELS[rec.level as number] ?? ['LOG  ', ''];
  const time = typeof rec.time === 'string' ? new Date(rec.time).toTimeString().slice(0, 8) : '';
  const fields = Object.entries(rec)
    .filter(([k]) => !HEAD.has(k))
    .map(([k, v]) => `${k}=${k === 'err' ? errorText(v, rec.level as number) : valueText(v)}`);
  const tail = fields.length ? ` ${DIM}${fields.join(' ')}${RESET}` : '';
  return `${DIM}${time}${RESET} ${colour}${label}${RESET} ${String(rec.msg ?? '')}${tail}\n`;
}

function valueText(v: unknown): string {
  const s = typeof v === 'string' ? (/[\s="]/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

/** An error's message; from level error up also its stack, indented under the line. */
function errorText(v: unknown, level: number): string {
  const err = v as { message?: unknown; stack?: unknown } | null;
  const message = valueText(err?.message ?? v);
  if (level >= 50 && typeof err?.stack === 'string') {
    const frames = err.stack.split('\n').slice(1, 6).join('\n');
    return `${message}\n${frames}`;
  }
  return message;
}
