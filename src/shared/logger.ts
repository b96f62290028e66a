// Structured logs (pino). Every line passes through the phone mask before it is written, whatever logged it.
import { pino, type Logger, type DestinationStream } from 'pino';
import { maskPhonesInText } from './phone.js';

export type { Logger };

export function createLogger(level: string, out: { write(s: string): unknown } = process.stdout): Logger {
  const destination: DestinationStream = { write: (line: string) => void out.write(maskPhonesInText(line)) };
  return pino({ level, base: { app: 'wuye-desk' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
