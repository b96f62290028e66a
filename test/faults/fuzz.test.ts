// Fuzz (fast variant, part of `npm test`): ~1,000 generated hostile inputs across every dialog step and staff
// command on a real SQLite database, plus wrong-typed payloads at the three channel boundaries. The 10,000-input run
// is test/faults/fuzz.long.test.ts (`npm run test:faults`). A failure prints fast-check's seed and shrunk input;
// FUZZ_SEED=<n> replays a run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/shared/clock.js';
import { demoBot } from '../support/app.js';
import { chatWith } from '../support/conversation.js';
import { channelFuzz, dialogFuzz } from './support/fuzz-suite.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);

describe('fuzz (fast): hostile input at every dialog step', () => {
  const suite = dialogFuzz({ runsPerStep: 17, seed: SEED, label: 'fuzz (fast)' });
  beforeAll(suite.setup);
  afterAll(suite.teardown);
  for (const step of suite.steps) {
    it(`${step.name}: no crash, zh-CN replies, nothing written when refused`, () => suite.run(step));
  }
  it('no unhandled rejection or uncaught exception during the run', () => {
    expect(suite.tally.unhandled).toEqual([]);
  });
});

describe('fuzz (fast): wrong-typed channel payloads', () => {
  const suite = channelFuzz({ runs: 30, seed: SEED, label: 'fuzz (fast) channels' });
  beforeAll(suite.setup);
  afterAll(suite.teardown);
  it('Bot Framework /api/messages: every malformed activity gets a 4xx (or 200 ignored) and the server keeps serving', () =>
    suite.botFramework());
  it('Telegram: malformed and unknown updates by polling and webhook are skipped; polling continues; owners get zh-CN', () =>
    suite.telegram());
  it('WeChat: messages of every wechaty type are answered in zh-CN or skipped, never crash', () => suite.wechat());
});

// The bugs the fuzz found, each pinned by the input that showed it.
describe('fuzz findings stay fixed', () => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    env = await demoBot('sqlite', systemClock); // the fake channels below stamp messages with the process clock
  });
  afterAll(async () => {
    await env.db.drop();
  });

  it('a holiday word ("春节", "国庆节") at a date prompt is not understood, and asked again (the recogniser threw)', async () => {
    await chatWith(env.bot).converse([
      ['转人工', '请简单说明需要协助的事项'],
      ['车位被占了', '希望客服什么时候联系您'],
      ['春节', '没有识别出时间'],
      ['国庆节上午十点', '没有识别出时间'],
      ['尽快', '已为您登记人工服务'],
    ]);
  });

  it('a lone surrogate or NUL in a message is stored as U+FFFD / dropped instead of failing the database write', async () => {
    await chatWith(env.bot, { userId: 'fz-unbound-1' }).converse([
      ['紧急', '请问发生了什么紧急情况'],
      ['电梯\ud83d停了\u0000', '请先确保', '已通知物业值班领班和主管'],
    ]);
    const t = await env.db.prisma.ticket.findFirstOrThrow({ where: { description: { contains: '电梯' } } });
    expect(t.description).toBe('电梯\ufffd停了');
  });

  it('an AppError thrown inside a dialog reaches the owner as its own zh-CN text (not the generic apology)', async () => {
    await chatWith(env.bot).converse([
      ['我要投诉，楼上太吵了', '好的，帮您登记噪音投诉', '问题发生在哪里'],
      ['本户', '如有照片'],
      ['没有', '情况紧急吗'],
      ['一般', '请确认'],
      ['是', '工单号'],
    ]);
    const first = chatWith(env.bot);
    const second = chatWith(env.bot);
    await first.converse([
      ['我的投诉', '您的投诉'],
      ['1', '您可以'],
      ['撤回', '确定撤回'],
    ]);
    await second.converse([
      ['我的投诉', '您的投诉'],
      ['1', '您可以'],
      ['撤回', '确定撤回'],
    ]);
    await first.converse([['是', '已撤回']]);
    await second.converse([['是', /当前状态为「已撤回」，不能撤回/]]);
  });

  it('a pasted 1,999-character "address" or command word is not echoed back whole (the reply stays a chat message)', async () => {
    const short = (says: string) => (r: { text?: string }) => {
      expect(r.text).toContain(says);
      expect((r.text ?? '').length).toBeLessThan(500);
    };
    await chatWith(env.bot, { userId: 'fz-unbound-2' }).converse([
      ['绑定', '请告诉我您的房号'],
      ['1'.repeat(1999), short('没有识别出房号')],
    ]);
    await chatWith(env.bot, { userId: 'demo-supervisor' }).converse([[`/${'命'.repeat(1999)}`, short('这个命令')]]);
  });

  it('a pasted page of digits at a choice is refused without running the recogniser (100,000 digits took minutes)', async () => {
    await chatWith(env.bot).converse([
      ['投诉', '请选择投诉类别'],
      ['1'.repeat(19_999), /内容太长了（19999 个字），请精简到 100 个字以内[\s\S]*请选择投诉类别/],
      ['1'.repeat(100_000), '内容太长了（100000 个字），请精简到 20000 个字以内'],
      ['噪音', '请描述'],
    ]);
  });

  it('返回 in 我的投诉 is answered (it used to end the flow in silence)', async () => {
    await chatWith(env.bot).converse([
      ['我的投诉', '您的投诉'],
      ['返回', '已返回'],
    ]);
  });
});
