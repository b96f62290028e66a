// A test clock for a running app: it starts at a chosen instant, goes on at real speed (timers, leases and retries
// behave as in production) and can jump ahead (`advance`) where a test would otherwise wait hours. Its instants come
// from performance.now(), so neither the day the suite runs nor a shifted process clock changes what the app sees.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const shiftPreload = path.join(path.dirname(fileURLToPath(import.meta.url)), 'clock-shift.mjs');

export class RunningClock {
  private readonly startedAt = performance.now();
  private jumpedMs = 0;

  constructor(private readonly start: Date) {}

  readonly now = (): Date => new Date(this.start.getTime() + (performance.now() - this.startedAt) + this.jumpedMs);

  advance(ms: number): void {
    this.jumpedMs += ms;
  }

  /**
   * The environment that puts a child process (the back-office CLI…) on this clock: the clock-shift preload with the
   * offset between this clock and the real one. The offset is fixed at spawn time; a later `advance` is not seen.
   */
  childEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    // Date.now() may itself be shifted (a shifted suite run): the child's offset is counted from the real clock.
    const processOffset = Number(env.WUYE_TEST_CLOCK_OFFSET_MS ?? 0);
    const offset = this.now().getTime() - Date.now() + processOffset;
    const preload = `--import=${shiftPreload}`;
    const options = (env.NODE_OPTIONS ?? '').includes(preload)
      ? env.NODE_OPTIONS
      : `${env.NODE_OPTIONS ?? ''} ${preload}`;
    return { ...env, NODE_OPTIONS: options?.trim(), WUYE_TEST_CLOCK_OFFSET_MS: String(Math.round(offset)) };
  }
}
