// How long a test waits for something that normally happens within milliseconds (a reply over loopback HTTP, a
// dispatcher tick, a row settling). A last guard against a hang, never a threshold of the behaviour under test: a
// loaded 2-core machine may be 100× slower than an idle one, and that must not fail a test.
import { vi } from 'vitest';

export const PATIENCE_MS = 30_000;

/** Polls `probe` until it returns a value; throws after `timeoutMs` naming `what`. */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = PATIENCE_MS,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** vi.waitFor with PATIENCE_MS instead of its 1 s default (which a loaded machine can miss). */
export function eventually<T>(check: () => T | Promise<T>, opts: { interval?: number } = {}): Promise<T> {
  return vi.waitFor(check, { timeout: PATIENCE_MS, interval: opts.interval ?? 20 });
}
