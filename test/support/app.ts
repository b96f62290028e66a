// A bot over a fresh real database with the demo estate, built exactly as start-up builds it.
import { Writable } from 'node:stream';
import { buildBot } from '../../src/main.js';
import { seedDemo } from '../../src/db/seed.js';
import { createLogger } from '../../src/shared/logger.js';
import type { Provider } from '../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

/** Collects log lines (already phone-masked by the logger) so tests can inspect them. */
export function memoryLogger() {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { logger: createLogger('debug', { write: (s: string) => out.write(s) }), lines };
}

export async function demoBot(provider: Provider, now: () => Date = () => new Date()) {
  const db: TestDatabase = await createTestDatabase(provider);
  await seedDemo(db.prisma);
  const log = memoryLogger();
  const parts = buildBot(db, log.logger, { now });
  return { db, log, ...parts };
}
