// A bot over a fresh real database with the demo estate, built exactly as start-up builds it.
import { Writable } from 'node:stream';
import { buildBot } from '../../src/main.js';
import { seedDemo } from '../../src/db/seed.js';
import { createLogger } from '../../src/shared/logger.js';
import type { Provider } from '../../src/db/client.js';
import type { InboundLimits } from '../../src/bot/inbound-limiter.js';
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

/** A Wednesday, 10:00 in Shanghai: the desk is open; the "now" of tests that need one but no particular one. */
export const WEEKDAY_MORNING = new Date('2026-11-25T10:00:00+08:00');

/**
 * Conversation tests play many turns from one account under a pinned clock (which never refills a rate bucket): the
 * inbound rate limit is tested on its own (test/security), so these bots get one no conversation test reaches.
 */
export const UNLIMITED_INBOUND = { perMinute: 1_000_000, burst: 1_000_000 };

/** `now` is the bot's clock: tests pin it (never the process clock) so no outcome depends on the day they run. */
export async function demoBot(provider: Provider, now: () => Date, opts: { inboundLimits?: InboundLimits } = {}) {
  const db: TestDatabase = await createTestDatabase(provider);
  await seedDemo(db.prisma);
  const log = memoryLogger();
  const parts = buildBot(db, log.logger, { now, inboundLimits: opts.inboundLimits ?? UNLIMITED_INBOUND });
  return { db, log, ...parts };
}
