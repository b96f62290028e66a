// One owner journey, the same on every channel: staff codes from the back office → supervisor registers the staff
// group → the owner binds and files a complaint → the group gets the notice (outbox → Dispatcher → channel) → 客户助理
// claims and resolves it in the group → the owner is told, the 回访 job asks, the owner answers "5" → ticket CLOSED.
// Each channel supplies a ChannelWire that speaks its own protocol (PuppetMock, fake Telegram Bot API, connector POSTs)
// and reads what each chat received over that wire; this file only says what a user does and must see.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../../src/db/client.js';
import { complaintJobs } from '../../../src/complaints/complaint.jobs.js';
import { ComplaintService } from '../../../src/complaints/complaint.service.js';
import { DEMO } from '../../../src/db/seed.js';
import { EstateService } from '../../../src/estate/estate.service.js';
import { startApp, type App } from '../../../src/main.js';
import { createLogger } from '../../../src/shared/logger.js';
import { memoryLogger } from '../../support/app.js';
import { createEmptyDatabaseUrl, describeEachDb, dropDatabaseUrl } from '../../support/databases.js';
import { RunningClock } from '../../support/running-clock.js';
import { PATIENCE_MS } from '../../support/patience.js';
import { createRepositories } from '../../../src/db/prisma-repositories.js';
import { testNotifier } from '../../support/channels.js';

/** The chats the journey watches: four private chats with the bot (the worker is 工程部's 赵师傅), and the staff group. */
export type Chat = 'owner' | 'supervisor' | 'assistant' | 'worker' | 'group';
export type Speaker = Exclude<Chat, 'group'>;
export type Staff = Exclude<Speaker, 'owner'>;

/** One message a chat received from the bot, as the channel delivered it. */
export interface Seen {
  text: string;
  /** Button / menu labels shown with it (inline keyboard, numbered menu, suggested actions). */
  buttons: string[];
  /** What the wire needs to quote or press it (a Telegram message id, a WeChat text…). */
  handle?: unknown;
}

export interface ChannelWire {
  /** e.g. "Telegram (grammY → fake Bot API)". */
  readonly label: string;
  /** Outbox channel name: telegram | wechat | botframework. */
  readonly channel: string;
  /** The activity channelId (wechat, telegram, msteams…): ChannelIdentity.channel and StaffChat.channel. */
  readonly channelId: string;
  /** When staff use another channel than the owner (owner on the Official Account, staff on personal WeChat). */
  readonly staffChannelId?: string;
  /** Outbox channels the journey's messages go through, when more than `channel`. */
  readonly outboxChannels?: string[];
  readonly app: App;
  /** The app's clock (and the back-office CLI's): starts at JOURNEY_START, runs at real speed, can jump ahead. */
  readonly clock: RunningClock;
  readonly databaseUrl: string;
  /** How staff point at a ticket in the group: by replying to / quoting the notice, or by typing its number. */
  readonly claimByReply: boolean;
  /** Everything this chat has received from the bot so far, oldest first. */
  inbox(chat: Chat): Seen[];
  /** A private message to the bot. */
  say(who: Speaker, text: string): Promise<void>;
  /** Answers `seen`'s buttons / menu with the entry labelled `label`, the way a user of this channel does. */
  pick(who: Speaker, seen: Seen, label: string): Promise<void>;
  /** A staff message in the group, addressed to the bot as this channel requires; `replyTo` quotes a bot message. */
  sayInGroup(who: Staff, text: string, replyTo?: Seen): Promise<void>;
  /** The app's error-level log lines (a failed turn, a failed tick…): none in a good journey. */
  errorLogs(): string[];
  close(): Promise<void>;
}

export interface JourneyOptions {
  /** 'name': 姓名+手机尾号; 'code': a 前台绑定码 the 客户助理 issues in chat. */
  bind: 'name' | 'code';
}

export interface JourneyFigures {
  ticketNumber: string;
  seconds: number;
  messages: Record<Chat, number>;
  outbox: { sent: number; dead: number; pending: number };
}

const execFileAsync = promisify(execFile);
const COMPLAINT = '楼上每晚十一点后还在用电钻，影响休息';
const RESOLUTION = '已与楼上业主沟通，约定晚上十点后停工';
const OWNER_PHONE_MASKED = `${DEMO.owner.phone.slice(0, 3)}****${DEMO.owner.phone.slice(-4)}`;

/**
 * When every journey's app clock starts: a Wednesday morning in Shanghai, desk open, no holiday near, outside quiet
 * hours — whatever day the suite runs (the clock is the app's injected one; see RunningClock).
 */
export const JOURNEY_START = new Date('2026-11-25T09:30:00+08:00');

/** The env every journey's startApp shares; a channel adds its own variables. */
function journeyEnv(databaseUrl: string, extra: Record<string, string>): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    CONSOLE_CHAT: 'off',
    SEED_DEMO: 'auto',
    SCHEDULER: 'off',
    OUTBOX_INTERVAL_MS: '100',
    LOG_LEVEL: 'info',
    TZ: 'Asia/Shanghai',
    ...extra,
  };
}

/**
 * startApp as every journey starts it: the channel's variables over the shared env, a memory log, and the app's clock
 * starting at JOURNEY_START.
 */
export async function startJourneyApp(databaseUrl: string, extraEnv: Record<string, string>) {
  const log = memoryLogger();
  const clock = new RunningClock(JOURNEY_START);
  const app = await startApp({ env: journeyEnv(databaseUrl, extraEnv), logger: log.logger, now: clock.now });
  return { app, clock, errorLogs: () => errorLines(log.lines) };
}

/**
 * Reads the chats through the wire: each expect() finds the next match after what was already read. A channel may
 * merge a turn's replies into one message (WeChat), so reading resumes inside a message, after the previous match.
 */
class Reader {
  private readonly cursor: Record<Chat, { index: number; offset: number }> = {
    owner: { index: 0, offset: 0 },
    supervisor: { index: 0, offset: 0 },
    assistant: { index: 0, offset: 0 },
    worker: { index: 0, offset: 0 },
    group: { index: 0, offset: 0 },
  };
  constructor(private readonly wire: ChannelWire) {}

  /** Reads on from here: what every chat already received is not matched again. */
  skipSeen(): this {
    for (const chat of Object.keys(this.cursor) as Chat[])
      this.cursor[chat] = { index: this.wire.inbox(chat).length, offset: 0 };
    return this;
  }

  async expect(chat: Chat, want: string | RegExp, timeoutMs = PATIENCE_MS): Promise<Seen> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const box = this.wire.inbox(chat);
      const at = this.cursor[chat];
      for (let i = at.index; i < box.length; i++) {
        const m = box[i];
        if (!m) continue;
        const from = i === at.index ? at.offset : 0;
        const rest = m.text.slice(from);
        const hit =
          typeof want === 'string'
            ? rest.includes(want)
              ? { index: rest.indexOf(want), length: want.length }
              : null
            : (() => {
                const r = want.exec(rest);
                return r ? { index: r.index, length: r[0].length } : null;
              })();
        if (hit) {
          this.cursor[chat] = { index: i, offset: from + hit.index + hit.length };
          return m;
        }
      }
      if (performance.now() > deadline) {
        const unread =
          box
            .slice(at.index)
            .map((m, k) => `  «${k === 0 ? m.text.slice(at.offset) : m.text}»`)
            .join('\n') || '  (nothing)';
        throw new Error(
          `${this.wire.label}: the ${chat} chat did not receive ${String(want)} within ${timeoutMs} ms; unread:\n${unread}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * `npm run cli -- …` as the back office runs it: a separate process on the same database. (In-process it would share
 * the event loop with the bot, and better-sqlite3's synchronous busy wait would stall both for 5 s.)
 */
async function cli(wire: ChannelWire, argv: string[]): Promise<string> {
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const { stdout } = await execFileAsync(tsx, ['src/cli.ts', ...argv], {
    cwd: repoRoot,
    // On the app's clock: the codes it issues expire by the same time the bot checks them against.
    env: wire.clock.childEnv({ ...process.env, DATABASE_URL: wire.databaseUrl }),
  });
  return stdout;
}

/** Runs the whole journey over `wire`, asserting what every chat sees and the database at the end. */
export async function ownerJourney(wire: ChannelWire, opts: JourneyOptions): Promise<JourneyFigures> {
  const started = Date.now();
  const read = new Reader(wire);
  const prisma = wire.app.db.prisma;
  const estateName = DEMO.estateName;

  // ── staff: codes from the back office (CLI), bound in private chat; the supervisor registers the group ──
  let ownerCode: (code: string) => void = () => undefined;
  const ownerCodeIssued = new Promise<string>((resolve) => (ownerCode = resolve));
  const staffSetup = async () => {
    const [supervisorCode, assistantCode] = (
      await Promise.all([cli(wire, ['staff-code', '张敏']), cli(wire, ['staff-code', '王芳'])])
    ).map((out) => /的员工码: (\d{10})/.exec(out)?.[1] ?? `(no code in «${out}»)`);
    await wire.say('supervisor', `员工绑定 ${supervisorCode}`);
    await read.expect('supervisor', '员工绑定成功：张敏（主管）');
    await wire.sayInGroup('supervisor', '注册群 客户助理');
    await read.expect('group', `已将本群登记为${estateName}的客户助理群，相关通知将发到这里。`);
    await wire.say('assistant', `员工绑定 ${assistantCode}`);
    await read.expect('assistant', '员工绑定成功：王芳（客户助理）');
    if (opts.bind === 'code') {
      // The front desk issues a one-time 绑定码 for the owner's unit and tells them in person.
      await wire.say('assistant', '绑定码 3-2-1201');
      const issued = await read.expect('assistant', '3栋2单元1201 的绑定码：');
      ownerCode(/绑定码：(\d{8})/.exec(issued.text)?.[1] ?? '');
    }
  };

  // ── the owner: 投诉 from an unbound account → binding first → the complaint flow, up to the summary ──
  const ownerDraft = async () => {
    await wire.say('owner', '投诉');
    await read.expect('owner', '请告诉我您的房号');
    await wire.say('owner', '3栋2单元1201');
    const method = await read.expect('owner', '房屋：3栋2单元1201。请选择验证方式：');
    expect(method.buttons).toEqual(['前台绑定码', '姓名+手机尾号']);
    if (opts.bind === 'code') {
      await wire.pick('owner', method, '前台绑定码');
      await read.expect('owner', '请输入前台给您的 8 位绑定码');
      await wire.say('owner', await ownerCodeIssued);
    } else {
      await wire.pick('owner', method, '姓名+手机尾号');
      await read.expect('owner', '请输入登记在物业的姓名');
      await wire.say('owner', DEMO.owner.name);
      await read.expect('owner', '请输入登记手机号的后 4 位');
      await wire.say('owner', DEMO.owner.phone.slice(-4));
    }
    await read.expect('owner', '绑定成功！您已绑定房屋 3栋2单元1201。');
    // Binding continues into the flow the owner asked for.
    const category = await read.expect('owner', '请选择投诉类别');
    expect(category.buttons).toContain('噪音');
    await wire.pick('owner', category, '噪音');
    await read.expect('owner', '请描述一下发生了什么');
    await wire.say('owner', COMPLAINT);
    const where = await read.expect('owner', '问题发生在哪里？');
    await wire.pick('owner', where, '本户');
    await read.expect('owner', '如有照片请直接发送');
    await wire.say('owner', '没有');
    const urgency = await read.expect('owner', '情况紧急吗？');
    await wire.pick('owner', urgency, '一般');
    return read.expect('owner', '请确认您的投诉：');
  };

  // Staff set up while the owner is typing (different chats in parallel); the notice needs the group registered.
  const [, summary] = await Promise.all([staffSetup(), ownerDraft()]);
  expect(summary.text).toContain('类别：噪音');
  expect(summary.text).toContain(`内容：${COMPLAINT}`);
  expect(summary.text).toContain('位置：本户 3栋2单元1201');
  await wire.pick('owner', summary, '是');
  const created = await read.expect('owner', /投诉已提交，工单号 (TS-\d{8}-\d{4})。/);
  const ticketNumber = /工单号 (TS-\d{8}-\d{4})/.exec(created.text)?.[1] ?? '';
  const seq = ticketNumber.slice(-4);
  expect(created.text).toMatch(/我们将在 工作时间 \d+(\.\d)? (小时|分钟)内（.+ 前）响应。/);

  // ── the staff group gets the notice through the outbox, phone masked ──
  const notice = await read.expect('group', `【新投诉】${ticketNumber} 噪音（一般）`);
  expect(notice.text).toContain(`位置：本户 3栋2单元1201（业主 3栋2单元1201）`);
  expect(notice.text).toContain(`内容：${COMPLAINT}`);
  expect(notice.text).toContain(`业主：${DEMO.owner.name} ${OWNER_PHONE_MASKED}`);
  expect(notice.text).toContain(`请回复“认领 ${seq}”`);

  // ── 客户助理 claims it in the group: replying to the notice where the channel can, else by number ──
  if (wire.claimByReply) await wire.sayInGroup('assistant', '认领', notice);
  else await wire.sayInGroup('assistant', `认领 ${seq}`);
  await read.expect('group', `已认领工单 ${ticketNumber}（噪音），业主已收到受理通知。`);
  await read.expect('owner', `您的投诉 ${ticketNumber} 已受理，由王芳负责处理。`);

  await wire.sayInGroup('assistant', `办结 ${seq} ${RESOLUTION}`);
  await read.expect('group', `工单 ${ticketNumber} 已办结，已通知业主，稍后将进行回访。`);
  await read.expect('owner', `您的投诉 ${ticketNumber} 已办结：${RESOLUTION}\n如问题仍未解决，可在回访时告诉我们。`);

  // ── 回访: the scheduled job, run as the app's clock jumps ahead; nothing before the estate's delay (2 h), the survey
  // after, and the app's own dispatcher (same clock) sends it ──
  const resolved = await prisma.ticket.findFirstOrThrow({ where: { number: ticketNumber } });
  expect(resolved.status).toBe('RESOLVED');
  const surveyJob = () => {
    const complaints = new ComplaintService(createRepositories(prisma), testNotifier(), wire.clock.now);
    const estates = new EstateService(createRepositories(prisma).estates);
    const job = complaintJobs({ complaints, estateById: (id) => estates.byId(id) }).find(
      (j) => j.id === 'complaints.callback-surveys',
    );
    if (!job) throw new Error('complaints.callback-surveys job missing');
    const at = wire.clock.now();
    return job.handler({ scheduledFor: at, now: at, logger: createLogger('silent') });
  };
  wire.clock.advance(60 * 60_000);
  await surveyJob();
  expect(await prisma.callback.count({ where: { ticketId: resolved.id } }), 'no 回访 before the 2 h delay').toBe(0);
  wire.clock.advance(61 * 60_000);
  await surveyJob();
  await read.expect('owner', `【回访】您的投诉 ${ticketNumber} 已办结，问题解决了吗？`);

  await wire.say('owner', '5');
  await read.expect('owner', `感谢您的评价（5 分）！工单 ${ticketNumber} 已结束。`);

  // ── what is left in the database ──
  const ticket = await prisma.ticket.findFirstOrThrow({
    where: { number: ticketNumber },
    include: { callbacks: true, events: { orderBy: { at: 'asc' } } },
  });
  const assistant = await prisma.staff.findFirstOrThrow({ where: { person: { name: '王芳' } } });
  expect(ticket).toMatchObject({
    status: 'CLOSED',
    category: '噪音',
    description: COMPLAINT,
    assigneeId: assistant.id,
    priority: 1,
  });
  expect(ticket.callbacks).toHaveLength(1);
  expect(ticket.callbacks[0]).toMatchObject({ round: 1, score: 5 });
  expect(ticket.callbacks[0]?.answeredAt).not.toBeNull();
  expect(ticket.events.map((e) => e.action)).toEqual(['created', 'claimed', 'resolved', 'rated']);
  expect(ticket.events.find((e) => e.action === 'resolved')).toMatchObject({ actorName: '王芳', note: RESOLUTION });
  // The desk groups (the demo seed also has its 工程部 maintenance group on the console).
  expect(
    await prisma.staffChat.findMany({ where: { department: null }, select: { channel: true, role: true } }),
  ).toEqual([{ channel: wire.staffChannelId ?? wire.channelId, role: 'ASSISTANT' }]);
  const owner = await prisma.channelIdentity.findFirstOrThrow({
    where: { channel: { not: 'console' }, person: { name: DEMO.owner.name } },
  });
  expect(owner.channel).toBe(wire.channelId);

  // Every message for this channel left through the outbox and was delivered (the seeded console persona of the
  // demo owner also gets rows; no console channel runs here, so those are not counted).
  const all = await prisma.outboxMessage.findMany({
    where: { channel: { in: wire.outboxChannels ?? [wire.channel] } },
  });
  // The 【新绑定】 notice reaches the assistants' group only when the group was registered before the owner bound
  // (both run at once above): when it was, it was delivered too.
  const bindingNotices = all.filter((r) => r.dedupeKey.startsWith('binding-new:'));
  expect(bindingNotices.every((r) => r.status === 'SENT')).toBe(true);
  const rows = all.filter((r) => !r.dedupeKey.startsWith('binding-new:'));
  const outbox = {
    sent: rows.filter((r) => r.status === 'SENT').length,
    dead: rows.filter((r) => r.status === 'DEAD').length,
    pending: rows.filter((r) => r.status !== 'SENT' && r.status !== 'DEAD').length,
  };
  // new-complaint notice (group) + 受理 + 办结 + 回访 (owner).
  expect(outbox).toEqual({ sent: 4, dead: 0, pending: 0 });

  expect(wire.errorLogs(), 'error-level log lines').toEqual([]);

  // No full mobile number reached any chat.
  for (const chat of ['owner', 'supervisor', 'assistant', 'worker', 'group'] as const) {
    for (const m of wire.inbox(chat)) expect(m.text, `${chat} chat`).not.toContain(DEMO.owner.phone);
  }

  return {
    ticketNumber,
    seconds: (Date.now() - started) / 1000,
    messages: {
      owner: wire.inbox('owner').length,
      supervisor: wire.inbox('supervisor').length,
      assistant: wire.inbox('assistant').length,
      worker: wire.inbox('worker').length,
      group: wire.inbox('group').length,
    },
    outbox,
  };
}

const REPAIR = '厨房水槽下水很慢';
const REPAIR_NOTE = '已疏通';

export interface RepairFigures {
  ticketNumber: string;
  outbox: { sent: number; dead: number; pending: number };
}

/**
 * 报修 on the same wire, after ownerJourney (the owner is bound, the 客户助理 group registered, the clock ~2 h on): the
 * 工程部 worker 赵师傅 binds with a staff code; the owner reports a slow drain in the owner's chat and answers the repair
 * dialog (户内, no photos, 明天上午, 本人, 一般, 是, 同意 the paid price) → the desk group is told → the 客户助理 派单 to
 * 赵师傅 privately → 赵师傅 接单, 到场, 完工 → the owner is told each step → 回访 → "5" → CLOSED; no dead letter.
 */
export async function repairJourney(wire: ChannelWire): Promise<RepairFigures> {
  const read = new Reader(wire).skipSeen();
  const prisma = wire.app.db.prisma;
  const since = wire.clock.now();
  // Buttons where the channel shows them for this prompt; typed otherwise.
  const answer = (seen: Seen, label: string) =>
    seen.buttons.includes(label) ? wire.pick('owner', seen, label) : wire.say('owner', label);

  const workerSetup = async () => {
    const out = await cli(wire, ['staff-code', '赵师傅']);
    const code = /的员工码: (\d{10})/.exec(out)?.[1] ?? `(no code in «${out}»)`;
    await wire.say('worker', `员工绑定 ${code}`);
    await read.expect('worker', '员工绑定成功：赵师傅');
  };

  const ownerDraft = async () => {
    await wire.say('owner', REPAIR);
    await read.expect('owner', `好的，帮您登记报修：${REPAIR}`);
    const where = await read.expect('owner', '需要维修的是户内还是公共区域？');
    await answer(where, '户内');
    await read.expect('owner', '如有照片请直接发送');
    await wire.say('owner', '没有');
    await read.expect('owner', '希望维修人员什么时候上门？');
    await wire.say('owner', '明天上午');
    await read.expect('owner', '上门时谁在家？');
    await wire.say('owner', '本人');
    const urgency = await read.expect('owner', '情况紧急吗？');
    await answer(urgency, '一般');
    return read.expect('owner', '请确认');
  };

  const [, summary] = await Promise.all([workerSetup(), ownerDraft()]);
  expect(summary.text).toContain('类别：水');
  expect(summary.text).toContain('位置：户内 3栋2单元1201');
  expect(summary.text).toContain('上门时间：2026-11-26 08:30–12:00');
  expect(summary.text).toContain(`在家联系人：${DEMO.owner.name}（业主本人）`);
  expect(summary.text).toContain('这是有偿维修');
  await answer(summary, '是');
  await read.expect('owner', '请回复“同意”确认价格并提交');
  await wire.say('owner', '同意');
  const created = await read.expect('owner', /报修已提交，工单号 (TS-\d{8}-\d{4})。/);
  const ticketNumber = /工单号 (TS-\d{8}-\d{4})/.exec(created.text)?.[1] ?? '';
  const seq = ticketNumber.slice(-4);

  // The desk group (客户助理) gets the new repair; the desk dispatches it to the 工程部 worker.
  const notice = await read.expect('group', `【新报修】${ticketNumber} 水（一般）`);
  expect(notice.text).toContain(`内容：${REPAIR}`);
  expect(notice.text).toContain(`业主：${DEMO.owner.name} ${OWNER_PHONE_MASKED}`);
  await wire.say('assistant', `派单 ${seq} 赵师傅`);
  await read.expect('assistant', `已将报修 ${ticketNumber} 派给赵师傅`);
  await read.expect('owner', `您的报修 ${ticketNumber} 已派给维修人员赵师傅`);
  await read.expect('worker', `【派单】王芳将报修 ${ticketNumber}（水：${REPAIR}）派给您。`);

  await wire.say('worker', `接单 ${seq}`);
  await read.expect('worker', `已接单报修 ${ticketNumber}（水）`);
  await read.expect('owner', `维修人员赵师傅已接单（报修 ${ticketNumber}），将在 2026-11-26 08:30–12:00 上门`);
  await wire.say('worker', `到场 ${seq}`);
  await read.expect('worker', `已记录到场（报修 ${ticketNumber}）`);
  await read.expect('owner', `维修人员赵师傅已到场处理您的报修 ${ticketNumber}。`);
  await wire.say('worker', `完工 ${seq} ${REPAIR_NOTE}`);
  await read.expect('worker', `报修 ${ticketNumber} 已完工`);
  await read.expect('owner', `您的报修 ${ticketNumber} 已完工：${REPAIR_NOTE}`);

  // 回访 by the same scheduled job as the complaint's, after the estate's delay (2 h, our default).
  wire.clock.advance(121 * 60_000);
  const complaints = new ComplaintService(createRepositories(prisma), testNotifier(), wire.clock.now);
  const estates = new EstateService(createRepositories(prisma).estates);
  const job = complaintJobs({ complaints, estateById: (id) => estates.byId(id) }).find(
    (j) => j.id === 'complaints.callback-surveys',
  );
  if (!job) throw new Error('complaints.callback-surveys job missing');
  const at = wire.clock.now();
  await job.handler({ scheduledFor: at, now: at, logger: createLogger('silent') });
  await read.expect('owner', `【回访】您的报修 ${ticketNumber} 已完工，问题解决了吗？`);
  await wire.say('owner', '5');
  await read.expect('owner', `感谢您的评价（5 分）！工单 ${ticketNumber} 已结束。`);

  const ticket = await prisma.ticket.findFirstOrThrow({
    where: { number: ticketNumber },
    include: { callbacks: true },
  });
  const worker = await prisma.staff.findFirstOrThrow({ where: { person: { name: '赵师傅' } } });
  expect(ticket).toMatchObject({
    kind: 'REPAIR',
    status: 'CLOSED',
    category: '水',
    description: REPAIR,
    paid: true,
    assigneeId: worker.id,
  });
  expect(ticket.callbacks).toHaveLength(1);
  expect(ticket.callbacks[0]).toMatchObject({ round: 1, score: 5 });

  // This journey's messages on this channel all left through the outbox and were delivered: no dead letter.
  const rows = await prisma.outboxMessage.findMany({
    where: { channel: { in: wire.outboxChannels ?? [wire.channel] }, createdAt: { gte: since } },
  });
  const outbox = {
    sent: rows.filter((r) => r.status === 'SENT').length,
    dead: rows.filter((r) => r.status === 'DEAD').length,
    pending: rows.filter((r) => r.status !== 'SENT' && r.status !== 'DEAD').length,
  };
  expect(outbox.dead, 'dead letters').toBe(0);
  expect(outbox.pending, 'undelivered').toBe(0);
  expect(wire.errorLogs(), 'error-level log lines').toEqual([]);
  for (const chat of ['owner', 'supervisor', 'assistant', 'worker', 'group'] as const) {
    for (const m of wire.inbox(chat)) expect(m.text, `${chat} chat`).not.toContain(DEMO.owner.phone);
  }
  return { ticketNumber, outbox };
}

/** The one-line summary the lead copies into README. */
export function summaryLine(wire: ChannelWire, provider: string, f: JourneyFigures): string {
  return (
    `[e2e] ${wire.label} [${provider}]: bind → complaint ${f.ticketNumber} → group notice → claim → resolve → 回访 5 → CLOSED ` +
    `in ${f.seconds.toFixed(1)} s; messages seen: owner ${f.messages.owner}, group ${f.messages.group}, ` +
    `supervisor ${f.messages.supervisor}, assistant ${f.messages.assistant}; outbox ${f.outbox.sent} sent, ${f.outbox.dead} dead`
  );
}

/** Error-level (≥ 50) lines of a pino log. */
export function errorLines(lines: string[]): string[] {
  return lines.filter((l) => {
    try {
      return ((JSON.parse(l) as { level?: number }).level ?? 0) >= 50;
    } catch {
      return false;
    }
  });
}

/**
 * The journey as a test over a fresh database with the demo estate (seeded by startApp). SQLite always; PostgreSQL
 * too when `everyDb` (one channel does) or E2E_EVERY_DB=1 — a journey takes ~10–20 s per database.
 */
export function describeOwnerJourney(spec: {
  channel: string;
  title: string;
  everyDb: boolean;
  options: JourneyOptions;
  /** Also runs repairJourney on the same app after the owner journey. */
  repair?: boolean;
  wire: (databaseUrl: string) => Promise<ChannelWire>;
}): void {
  const body = (provider: Provider) => {
    let url: string;
    let wire: ChannelWire | undefined;
    beforeAll(async () => {
      url = await createEmptyDatabaseUrl(provider);
      wire = await spec.wire(url);
    });
    afterAll(async () => {
      const errors = wire?.errorLogs() ?? [];
      if (errors.length) console.warn(errors.join(''));
      await wire?.close();
      await dropDatabaseUrl(url);
    });
    it(spec.title, async () => {
      if (!wire) throw new Error('wire not started');
      const figures = await ownerJourney(wire, spec.options);
      console.log(summaryLine(wire, provider, figures));
    });
    if (spec.repair)
      it('报修: the owner reports, the desk 派单, the worker 接单 → 到场 → 完工, 回访 5 closes it; 0 dead letters', async () => {
        if (!wire) throw new Error('wire not started');
        const f = await repairJourney(wire);
        console.log(
          `[e2e] ${wire.label} [${provider}]: 报修 ${f.ticketNumber} → 派单 → 接单 → 到场 → 完工 → 回访 5 → CLOSED; ` +
            `outbox ${f.outbox.sent} sent, ${f.outbox.dead} dead`,
        );
      });
  };
  const name = `e2e owner journey on ${spec.channel}`;
  if (spec.everyDb || process.env.E2E_EVERY_DB === '1') describeEachDb(name, body);
  else describe(`${name} [sqlite]`, () => body('sqlite'));
}
