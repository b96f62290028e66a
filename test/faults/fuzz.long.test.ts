// Fuzz (long variant, `npm run test:faults`): ≥ 10,000 generated hostile inputs — 195 at each of the 52 dialog steps
// and staff-command contexts on a real SQLite database — plus 300 wrong-typed payloads per channel boundary (Bot
// Framework HTTP, Telegram polling + webhook, WeChat/PuppetMock). Same invariants as the fast variant
// (test/faults/fuzz.test.ts): no crash, no unhandled rejection, every reply clear zh-CN text within channel limits,
// nothing written when an input is refused. FUZZ_SEED=<n> replays a run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelFuzz, dialogFuzz } from './support/fuzz-suite.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);

describe('fuzz (long): hostile input at every dialog step', () => {
  const suite = dialogFuzz({ runsPerStep: 195, seed: SEED, label: 'fuzz (long)' });
  beforeAll(suite.setup, 120_000);
  afterAll(suite.teardown, 60_000);
  for (const step of suite.steps) {
    it(`${step.name}: no crash, zh-CN replies, nothing written when refused`, () => suite.run(step), 240_000);
  }
  it('at least 10,000 inputs ran, with no unhandled rejection or uncaught exception', () => {
    expect(suite.tally.inputs).toBeGreaterThanOrEqual(10_000);
    expect(suite.tally.unhandled).toEqual([]);
  });
});

describe('fuzz (long): wrong-typed channel payloads', () => {
  const suite = channelFuzz({ runs: 300, seed: SEED, label: 'fuzz (long) channels' });
  beforeAll(suite.setup, 120_000);
  afterAll(suite.teardown, 60_000);
  it(
    'Bot Framework /api/messages: every malformed activity gets a 4xx (or 200 ignored) and the server keeps serving',
    () => suite.botFramework(),
    240_000,
  );
  it(
    'Telegram: malformed and unknown updates by polling and webhook are skipped; polling continues; owners get zh-CN',
    () => suite.telegram(),
    240_000,
  );
  it(
    'WeChat: messages of every wechaty type are answered in zh-CN or skipped, never crash',
    () => suite.wechat(),
    240_000,
  );
});
