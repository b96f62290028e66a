// The dialog-step fuzz harness (#11): one real bot over one real SQLite database with the demo estate; for every
// dialog step a path of known inputs that leads a demo owner (or staff member) to that prompt; each generated input
// is sent at that step through the shared pipeline (bot.onTurn inside a BotAdapter whose onTurnError is the bot's
// catch-all, as every channel adapter runs it), and the invariants are checked.
import crypto from 'node:crypto';
import { systemClock } from '../../../src/shared/clock.js';
import Sqlite from 'better-sqlite3';
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { DialogContextError } from 'botbuilder-dialogs';
import { AppError } from '../../../src/shared/app-error.js';
import { sqlitePath } from '../../../src/db/client.js';
import { DEMO } from '../../../src/db/seed.js';
import { demoBot } from '../../support/app.js';
import type { FuzzMessage } from './fuzz-inputs.js';

export type Env = Awaited<ReturnType<typeof demoBot>>;

/**
 * Counts every write to a business table with SQLite triggers into a side table, so "the database did not change"
 * is one read per input. Not watched: bot state, job runs, and a chat account's last-seen time and
 * address (touched by every turn by design).
 */
async function watchWrites(env: Env): Promise<void> {
  const prisma = env.db.prisma;
  await prisma.$executeRawUnsafe(
    'CREATE TABLE _fuzz_writes (id INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, op TEXT NOT NULL)',
  );
  const tables = (
    await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
  )
    .map((r) => r.name)
    .filter((n) => !n.startsWith('sqlite_') && !n.startsWith('_') && !['BotState', 'JobRun'].includes(n));
  for (const t of tables) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      let on = `${op} ON "${t}"`;
      if (t === 'ChannelIdentity' && op === 'UPDATE') {
        const cols = (
          await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('ChannelIdentity')`)
        )
          .map((c) => c.name)
          .filter((c) => c !== 'lastSeenAt' && c !== 'conversationRef');
        on = `UPDATE OF ${cols.map((c) => `"${c}"`).join(', ')} ON "${t}"`;
      }
      await prisma.$executeRawUnsafe(
        `CREATE TRIGGER "_fuzz_${t}_${op}" AFTER ${on} BEGIN INSERT INTO _fuzz_writes (tbl, op) VALUES ('${t}', '${op}'); END`,
      );
    }
  }
}

/** Who talks at a step: a console account bound to a demo person (or unbound), in a private chat or a staff group. */
export type Who = 'owner' | 'owner2' | 'unbound' | 'supervisor' | 'assistant';

export interface DialogStep {
  name: string;
  who: Who;
  group?: boolean;
  /** Known inputs that lead to the step; each reply of the last one must contain `expect` (proves we got there). */
  path: Array<[string, string | RegExp]>;
  /** Staff steps get command lines (a command word and fuzzed arguments) instead of free messages. */
  inputs?: 'message' | 'command';
  /** Turns the generated input into the message sent (e.g. an intent word in front). */
  wrap?: (m: FuzzMessage) => FuzzMessage;
}

// ---- what counts as a bad reply ----------------------------------------------------------------------------------

/** Channel limit for one reply: Telegram's 4,096 characters (WeChat and Bot Framework allow more). */
export const MAX_REPLY = 4096;
const CJK = /[\u3400-\u9fff]/;
/** Raw error text that must never reach a chat (unless the person typed it themselves and it is echoed). */
const RAW = [
  'Error',
  'undefined',
  '[object Object]',
  'NaN',
  'Prisma',
  'SQLITE',
  'prisma',
  'Invalid `',
  'stack',
  '    at ',
  'null',
  'Infinity',
];

/** Texts that mean "not accepted, nothing done": a validator's hint, or a flow exiting without acting. */
const REFUSAL_HINTS = [
  '没有听懂',
  '没听懂',
  '没看懂',
  '没有识别出',
  '无法识别',
  '没有收到文字内容',
  '内容太长了',
  '请用文字描述',
  '暂不支持这种',
  '格式不正确',
  '格式不对',
  '绑定码是 8 位数字',
  '请输入 4 位数字',
  '没有这个',
  '用法：',
  '这个命令不需要参数',
  '您当前没有可用的命令',
];

export function replyProblems(replies: string[], input: string): string[] {
  const problems: string[] = [];
  for (const r of replies) {
    if (r.trim() === '') problems.push('empty reply');
    else if (!CJK.test(r)) problems.push(`no zh-CN text: ${JSON.stringify(r.slice(0, 80))}`);
    for (const raw of RAW)
      if (r.includes(raw) && !input.includes(raw))
        problems.push(`raw "${raw}" in reply: ${JSON.stringify(r.slice(0, 200))}`);
    if (r.length > MAX_REPLY) problems.push(`reply of ${r.length} characters (> ${MAX_REPLY})`);
  }
  return problems;
}

export const isRefusalText = (replies: string[]) => replies.some((r) => REFUSAL_HINTS.some((h) => r.includes(h)));

// ---- the pipeline ----------------------------------------------------------------------------------------------

/** A channel adapter that keeps the replies: runMiddleware → bot.onTurn, errors → bot.onTurnError, as channels do. */
class CaptureAdapter extends BotAdapter {
  replies: Partial<Activity>[] = [];
  errors: unknown[] = [];
  async sendActivities(_c: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    this.replies.push(...activities.filter((a) => (a.type ?? 'message') === 'message'));
    return activities.map(() => ({ id: crypto.randomUUID() }));
  }
  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(
    _r: Partial<ConversationReference>,
    _l: (c: TurnContext) => Promise<void>,
  ): Promise<void> {}
  /** As the Telegram and WeChat adapters run a turn: middleware → handler, errors → onTurnError. */
  run(activity: Partial<Activity>, handler: (c: TurnContext) => Promise<void>): Promise<void> {
    return this.runMiddleware(new TurnContext(this, activity), handler);
  }
}

export interface TurnOutcome {
  replies: string[];
  /** Errors that reached the channel catch-all: AppErrors (a designed answer) and anything else (a crash). */
  appErrors: AppError[];
  crashes: unknown[];
  /** The turn promise itself rejected (the catch-all failed too). */
  rejected: unknown;
}

export class Harness {
  private readonly reader: Sqlite.Database;
  readonly people = new Map<Who, string | null>();

  private constructor(readonly env: Env) {
    this.reader = new Sqlite(sqlitePath(env.db.url), { readonly: true, fileMustExist: true });
  }

  static async start(): Promise<Harness> {
    // The real clock: DateTimePrompt reads "明天上午十点" against it, so the services use it too.
    const env = await demoBot('sqlite', systemClock);
    await watchWrites(env);
    const h = new Harness(env);
    await h.fixtures();
    return h;
  }

  async close(): Promise<void> {
    this.reader.close();
    await this.env.db.drop();
  }

  /** The number of business-table writes so far (rows inserted, updated or deleted: see watchWrites). */
  snapshot(): number {
    return (this.reader.prepare('SELECT coalesce(max(id), 0) AS n FROM _fuzz_writes').get() as { n: number }).n;
  }

  /** Which tables were written after `since` (for the report when a refused input changed something). */
  writtenSince(since: number): string[] {
    return (
      this.reader.prepare("SELECT DISTINCT tbl || ':' || op AS w FROM _fuzz_writes WHERE id > ?").all(since) as {
        w: string;
      }[]
    ).map((r) => r.w);
  }

  userId(step: DialogStep): string {
    return `fz-${step.who}-${step.name}`;
  }

  /** One turn through the pipeline. */
  async turn(opts: {
    userId: string;
    conversationId: string;
    group?: boolean;
    message: FuzzMessage;
  }): Promise<TurnOutcome> {
    const adapter = new CaptureAdapter();
    const appErrors: AppError[] = [];
    const crashes: unknown[] = [];
    adapter.onTurnError = async (ctx, thrown) => {
      const err = thrown instanceof DialogContextError ? thrown.error : thrown;
      if (err instanceof AppError && err.code !== 'INTERNAL') appErrors.push(err);
      else crashes.push(err);
      await this.env.bot.onTurnError(ctx, err);
    };
    const activity: Partial<Activity> = {
      type: 'message',
      id: crypto.randomUUID(),
      channelId: 'console',
      serviceUrl: '',
      conversation: {
        id: opts.conversationId,
        isGroup: opts.group === true,
        conversationType: opts.group ? 'group' : 'personal',
        name: 'fuzz',
      },
      from: { id: opts.userId, name: 'fuzz' },
      recipient: { id: 'bot', name: 'WuyeDesk' },
      text: opts.message.text,
      ...(opts.message.attachments ? { attachments: opts.message.attachments } : {}),
      locale: 'zh-CN',
      timestamp: new Date(),
    };
    let rejected: unknown = null;
    try {
      await adapter.run(activity, (ctx) => this.env.bot.onTurn(ctx, 'console'));
    } catch (err) {
      rejected = err;
    }
    return { replies: adapter.replies.map((r) => r.text ?? ''), appErrors, crashes, rejected };
  }

  // ---- steps ---------------------------------------------------------------------------------------------------

  private baseState = new Map<string, { key: string; data: string } | null>();

  /** Drives the path once; keeps the conversation state at the step so each run restores it instead of replaying. */
  async prepare(step: DialogStep): Promise<void> {
    const conversationId = `fz-base-${step.name}`;
    await this.ensureIdentity(step);
    for (const [says, expected] of step.path) {
      const out = await this.turn({
        userId: this.userId(step),
        conversationId,
        group: step.group,
        message: { text: says },
      });
      const all = out.replies.join('\n');
      const ok = typeof expected === 'string' ? all.includes(expected) : expected.test(all);
      if (!ok || out.crashes.length || out.rejected) {
        throw new Error(
          `path to ${step.name}: "${says}" answered ${JSON.stringify(out.replies)} (expected ${String(expected)}); errors ${String(out.crashes[0] ?? out.rejected ?? '')}`,
        );
      }
    }
    const row = await this.env.db.prisma.botState.findUnique({ where: { key: stateKey(conversationId) } });
    if (step.path.length > 0 && !row)
      throw new Error(`path to ${step.name}: no conversation state saved under ${stateKey(conversationId)}`);
    this.baseState.set(step.name, row ? { key: row.key, data: row.data } : null);
  }

  /** The conversation of one run: the step's saved state under a fresh conversation id. */
  async restore(step: DialogStep, conversationId: string): Promise<void> {
    const base = this.baseState.get(step.name);
    if (!base) return;
    const key = stateKey(conversationId);
    await this.env.db.prisma.botState.upsert({
      where: { key },
      create: { key, data: base.data },
      update: { data: base.data, version: { increment: 1 } },
    });
  }

  /** Dialog ids and waterfall step numbers of a conversation: equal before and after = the bot asked the same again. */
  async stackOf(conversationId: string): Promise<string> {
    const row = await this.env.db.prisma.botState.findUnique({ where: { key: stateKey(conversationId) } });
    if (!row) return '';
    const walk = (stack: unknown): string =>
      Array.isArray(stack)
        ? stack
            .map(
              (e: { id?: string; state?: { stepIndex?: number; dialogs?: { dialogStack?: unknown } } }) =>
                `${e.id ?? '?'}#${e.state?.stepIndex ?? ''}${e.state?.dialogs?.dialogStack ? `[${walk(e.state.dialogs.dialogStack)}]` : ''}`,
            )
            .join('/')
        : '';
    const data = JSON.parse(row.data) as { dialogState?: { dialogStack?: unknown } };
    return walk(data.dialogState?.dialogStack);
  }

  async dropConversation(conversationId: string): Promise<void> {
    await this.env.db.prisma.botState.deleteMany({ where: { key: stateKey(conversationId) } });
  }

  /** The step's account exists and is bound as the step needs (a fuzzed "确定解绑" may have unbound it). */
  async ensureIdentity(step: DialogStep): Promise<void> {
    const personId = this.people.get(step.who) ?? null;
    const externalId = this.userId(step);
    const prisma = this.env.db.prisma;
    await prisma.channelIdentity.upsert({
      where: { channel_externalId: { channel: 'console', externalId } },
      create: { channel: 'console', externalId, displayName: 'fuzz', personId },
      update: { personId },
    });
    // Five wrong binding codes lock the account for a while; the binding steps must stay reachable.
    const ident = await prisma.channelIdentity.findUniqueOrThrow({
      where: { channel_externalId: { channel: 'console', externalId } },
    });
    await prisma.auditLog.deleteMany({
      where: { subject: ident.id, action: { in: ['binding.fail', 'binding.refused'] } },
    });
  }

  /** What the steps need besides the demo seed: a ticket, a key holding and a booking, permits, a second unit. */
  private async fixtures(): Promise<void> {
    const prisma = this.env.db.prisma;
    const person = async (name: string) => (await prisma.person.findFirstOrThrow({ where: { name } })).id;
    const owner = await person(DEMO.owner.name);
    const owner2 = await person('赵丽');
    this.people.set('owner', owner);
    this.people.set('owner2', owner2);
    this.people.set('unbound', null);
    this.people.set('supervisor', await person('张敏'));
    this.people.set('assistant', await person('王芳'));
    const estate = await prisma.estate.findFirstOrThrow();
    await prisma.staffChat.createMany({
      data: [
        { estateId: estate.id, role: 'SUPERVISOR', channel: 'console', chatId: 'fz-staff-group' },
        { estateId: estate.id, role: 'ASSISTANT', channel: 'console', chatId: 'fz-assistant-group' },
      ],
    });
    // 赵丽 owns two units (the unit chooser) and has two permits (the permit question); 刘洋 has one permit.
    await prisma.unitMembership.create({ data: { unitId: 'u-2-2-1802', personId: owner2, role: 'OWNER' } });
    const permit = (n: string, unitId: string, ownerPersonId: string, endDate: string) =>
      prisma.renovationPermit.create({
        data: {
          estateId: estate.id,
          number: n,
          unitId,
          ownerPersonId,
          contractor: '好家装饰',
          foremanPhone: '13900001111',
          scope: '厨卫改造',
          startDate: isoDay(-20),
          endDate,
          depositCents: 200000,
        },
      });
    await permit('ZX-FZ1', 'u-3-2-1201', owner, isoDay(20));
    await permit('ZX-FZ2', 'u-1-1-301', owner2, isoDay(25));
    await permit('ZX-FZ3', 'u-2-2-1802', owner2, isoDay(30));
    // A key holding (pickup / authorised persons) and two bookings (reschedule / cancel).
    await prisma.keyHolding.create({
      data: {
        estateId: estate.id,
        unitId: 'u-3-2-1201',
        unitLabel: '3栋2单元1201',
        ownerPersonId: owner,
        description: '入户门钥匙 2 把',
        depositedAt: new Date(),
        depositedBy: '前台',
      },
    });
    const keys = this.env.keys;
    const ownerUnit = {
      estateId: estate.id,
      unitId: 'u-3-2-1201',
      unitLabel: '3栋2单元1201',
      ownerPersonId: owner,
      ownerName: DEMO.owner.name,
    };
    let booked = 0;
    for (let d = 1; d <= 30 && booked < 2; d++) {
      const free = await keys.freeSlots(estate.id, isoDay(d));
      for (const slot of free.slice(0, 2 - booked)) {
        await keys.bookDeposit(ownerUnit, `备用钥匙 ${booked + 1}`, slot);
        booked++;
      }
    }
    if (booked < 2) throw new Error('fixtures: no free key desk slots in 30 days');
    // A family member to remove, and a ticket for 我的投诉 (made through the complaint flow itself).
    await this.env.db.prisma.person.create({
      data: { name: '刘小雨', phone: '13698765432', memberships: { create: { unitId: 'u-3-2-1201', role: 'FAMILY' } } },
    });
    const maker: DialogStep = {
      name: 'fixture-ticket',
      who: 'owner',
      path: [
        ['我要投诉噪音', '请描述'],
        ['每天晚上电钻', '问题发生在哪里'],
        ['本户', '如有照片'],
        ['没有', '情况紧急吗'],
        ['一般', '请确认'],
        ['是', '工单号'],
      ],
    };
    await this.prepare(maker);
  }
}

/** botbuilder's ConversationState key (channel/conversations/id/namespace; the namespace is empty). */
const stateKey = (conversationId: string) => `console/conversations/${conversationId}/`;

function isoDay(offset: number): string {
  const d = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}

// ---- the dialog steps ------------------------------------------------------------------------------------------

const COMPLAINT: Array<[string, string]> = [
  ['我要投诉噪音', '请描述'],
  ['每天晚上十点以后还在电钻', '问题发生在哪里'],
  ['公共区域', '具体位置'],
  ['3栋电梯厅', '如有照片'],
  ['没有', '情况紧急吗'],
  ['一般', '请确认'],
];
const BIND: Array<[string, string]> = [
  ['绑定', '请告诉我您的房号'],
  ['3-2-1201', '请选择验证方式'],
  ['姓名+手机尾号', '请输入登记在物业的姓名'],
  ['王五', '后 4 位'],
];
const HOUSEHOLD_ADD: Array<[string, string]> = [
  ['家人', '的成员'],
  ['添加成员', '请输入成员姓名'],
  ['刘小丽', '手机号'],
  ['13698760000', '身份是'],
];

export const DIALOG_STEPS: DialogStep[] = [
  // Main menu: a fresh conversation (free text picks a flow), and the menu prompt itself.
  { name: 'main.fresh', who: 'owner', path: [] },
  { name: 'main.fresh-unbound', who: 'unbound', path: [] },
  { name: 'main.menu', who: 'owner', path: [['你好', '请问需要办理什么业务']] },
  {
    name: 'main.intent+text',
    who: 'owner',
    path: [],
    wrap: (m) => ({
      ...m,
      text: `${pick(['投诉', '装修', '钥匙', '物业费', '紧急', '转人工', '绑定', '员工绑定 '], m.text)}${m.text}`,
    }),
  },
  // 绑定 (unbound account).
  { name: 'binding.unit', who: 'unbound', path: BIND.slice(0, 1) },
  { name: 'binding.method', who: 'unbound', path: BIND.slice(0, 2) },
  { name: 'binding.code', who: 'unbound', path: [...BIND.slice(0, 2), ['前台绑定码', '8 位绑定码']] },
  { name: 'binding.name', who: 'unbound', path: BIND.slice(0, 3) },
  { name: 'binding.last4', who: 'unbound', path: BIND },
  { name: 'binding.gate', who: 'unbound', path: [['物业费', '请告诉我您的房号']] },
  // 投诉.
  { name: 'complaint.category', who: 'owner', path: [['投诉', '请选择投诉类别']] },
  { name: 'complaint.description', who: 'owner', path: COMPLAINT.slice(0, 1) },
  { name: 'complaint.where', who: 'owner', path: COMPLAINT.slice(0, 2) },
  { name: 'complaint.location', who: 'owner', path: COMPLAINT.slice(0, 3) },
  { name: 'complaint.photos', who: 'owner', path: COMPLAINT.slice(0, 4) },
  { name: 'complaint.urgency', who: 'owner', path: COMPLAINT.slice(0, 5) },
  { name: 'complaint.confirm', who: 'owner', path: COMPLAINT },
  {
    name: 'complaint.unit',
    who: 'owner2',
    path: [
      ['我要投诉噪音', '请描述'],
      ['电钻', '问题发生在哪里'],
      ['本户', '请选择'],
    ],
  },
  // 我的投诉.
  { name: 'my-complaints.pick', who: 'owner', path: [['我的投诉', '您的投诉']] },
  {
    name: 'my-complaints.action',
    who: 'owner',
    path: [
      ['我的投诉', '您的投诉'],
      ['1', '您可以：补充信息'],
    ],
  },
  {
    name: 'my-complaints.info',
    who: 'owner',
    path: [
      ['我的投诉', '您的投诉'],
      ['1', '您可以'],
      ['补充信息', '请输入要补充的内容'],
    ],
  },
  {
    name: 'my-complaints.withdraw',
    who: 'owner',
    path: [
      ['我的投诉', '您的投诉'],
      ['1', '您可以'],
      ['撤回', '确定撤回'],
    ],
  },
  // 钥匙.
  { name: 'keys.menu', who: 'owner', path: [['钥匙', '1 寄存钥匙']] },
  {
    name: 'keys.deposit.what',
    who: 'owner',
    path: [
      ['钥匙', '1 寄存钥匙'],
      ['1', '寄存哪些钥匙'],
    ],
  },
  {
    name: 'keys.deposit.when',
    who: 'owner',
    path: [
      ['钥匙', '1 寄存钥匙'],
      ['1', '寄存哪些钥匙'],
      ['入户门钥匙 2 把', '哪天几点'],
    ],
  },
  {
    name: 'keys.pickup.who',
    who: 'owner',
    path: [
      ['钥匙', '1 寄存钥匙'],
      ['2', '谁来领取'],
    ],
  },
  {
    name: 'keys.pickup.when',
    who: 'owner',
    path: [
      ['钥匙', '1 寄存钥匙'],
      ['2', '谁来领取'],
      ['本人', '哪天几点'],
    ],
  },
  {
    name: 'keys.authorise',
    who: 'owner',
    path: [
      ['钥匙', '1 寄存钥匙'],
      ['6', '当前授权人'],
    ],
  },
  {
    name: 'keys.cancel',
    who: 'owner',
    path: [
      ['钥匙', '1 寄存钥匙'],
      ['5', '请回复要取消的预约编号'],
    ],
  },
  {
    name: 'keys.reschedule.pick',
    who: 'owner',
    path: [
      ['钥匙', '1 寄存钥匙'],
      ['4', '编号'],
    ],
  },
  {
    name: 'keys.reschedule.when',
    who: 'owner',
    path: [
      ['钥匙', '1 寄存钥匙'],
      ['4', '编号'],
      ['1', '哪天几点'],
    ],
  },
  // 装修.
  { name: 'renovation.menu', who: 'owner', path: [['装修', '1 我的装修许可']] },
  {
    name: 'renovation.extend',
    who: 'owner',
    path: [
      ['装修', '1 我的装修许可'],
      ['2', '请问要延期到哪天'],
    ],
  },
  {
    name: 'renovation.extend.date',
    who: 'owner',
    path: [
      ['装修', '1 我的装修许可'],
      ['2', '请问要延期到哪天'],
      ['随便哪天都行', '没看懂您要延期到哪一天'],
    ],
  },
  {
    name: 'renovation.stop',
    who: 'owner',
    path: [
      ['装修', '1 我的装修许可'],
      ['3', '请简单说明停工原因'],
    ],
  },
  {
    name: 'renovation.inspect',
    who: 'owner',
    path: [
      ['装修', '1 我的装修许可'],
      ['5', '请回复序号'],
    ],
  },
  {
    name: 'renovation.permit',
    who: 'owner2',
    path: [
      ['装修', '1 我的装修许可'],
      ['2', '请回复装修许可的序号'],
    ],
  },
  // 家人 and the unit chooser; 解绑; 我的信息.
  { name: 'household.action', who: 'owner', path: HOUSEHOLD_ADD.slice(0, 1) },
  { name: 'household.name', who: 'owner', path: HOUSEHOLD_ADD.slice(0, 2) },
  { name: 'household.phone', who: 'owner', path: HOUSEHOLD_ADD.slice(0, 3) },
  { name: 'household.role', who: 'owner', path: HOUSEHOLD_ADD },
  {
    name: 'household.remove',
    who: 'owner',
    path: [
      ['家人', '的成员'],
      ['移除成员', '请选择要移除的成员'],
    ],
  },
  { name: 'unit-chooser', who: 'owner2', path: [['家人', '您名下有多套房屋']] },
  { name: 'unbind.confirm', who: 'owner', path: [['解绑', '确定要解除']] },
  // 转人工, 特发事件.
  { name: 'handoff.topic', who: 'owner', path: [['转人工', '请简单说明需要协助的事项']] },
  {
    name: 'handoff.when',
    who: 'owner',
    path: [
      ['转人工', '请简单说明需要协助的事项'],
      ['车位被占了', '希望客服什么时候联系您'],
    ],
  },
  { name: 'emergency.type', who: 'unbound', path: [['紧急', '请问发生了什么紧急情况']] },
  // Staff commands with fuzzed arguments, in a staff group and in private chat.
  { name: 'staff.supervisor-group', who: 'supervisor', group: true, path: [], inputs: 'command' },
  { name: 'staff.assistant-group', who: 'assistant', group: true, path: [], inputs: 'command' },
  { name: 'staff.supervisor-private', who: 'supervisor', path: [], inputs: 'command' },
  { name: 'staff.group-chatter', who: 'assistant', group: true, path: [] },
  { name: 'owner.command', who: 'owner', path: [], inputs: 'command' },
];

/** A deterministic choice from the input itself (so a shrunk input keeps its prefix). */
function pick<T>(list: readonly T[], seed: string): T {
  let h = 0;
  for (const ch of seed.slice(0, 64)) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return list[h % list.length] as T;
}

// ---- running a step -------------------------------------------------------------------------------------------

export interface Finding {
  step: string;
  input: string;
  problems: string[];
}

/** What the fuzz counted; printed as one line and asserted to be zero. */
export class Tally {
  inputs = 0;
  readonly perStep = new Map<string, number>();
  refused = 0;
  /** AppErrors that reached the catch-all: each answered with its zh-CN user text (by design, not a crash). */
  appErrors = 0;
  readonly crashes: Finding[] = [];
  readonly nonZh: Finding[] = [];
  readonly dbChanged: Finding[] = [];
  readonly silent: Finding[] = [];
  unhandled: unknown[] = [];

  count(step: string): void {
    this.inputs++;
    this.perStep.set(step, (this.perStep.get(step) ?? 0) + 1);
  }

  get problems(): number {
    return this.crashes.length + this.nonZh.length + this.dbChanged.length + this.silent.length + this.unhandled.length;
  }
}

export const preview = (s: string) => JSON.stringify(s.length > 120 ? `${s.slice(0, 120)}…(${s.length} chars)` : s);

/**
 * Sends one generated message at the step (on a fresh conversation holding the step's saved state) and returns the
 * problems found (empty = all invariants hold). Counts it in the tally.
 */
export async function runAtStep(
  h: Harness,
  step: DialogStep,
  generated: FuzzMessage,
  tally: Tally,
  stackBefore: string,
): Promise<string[]> {
  const message = step.wrap ? step.wrap(generated) : generated;
  const conversationId = step.group ? `fz-grp-${crypto.randomUUID()}` : `fz-${crypto.randomUUID()}`;
  await h.restore(step, conversationId);
  const before = h.snapshot();
  const out = await h.turn({ userId: h.userId(step), conversationId, group: step.group, message });
  const after = h.snapshot();
  const stackAfter = await h.stackOf(conversationId);
  await h.dropConversation(conversationId);
  tally.count(step.name);
  tally.appErrors += out.appErrors.length;

  const problems: string[] = [];
  const finding = (list: Finding[], p: string[]) => {
    list.push({ step: step.name, input: message.text, problems: p });
    problems.push(...p);
  };
  if (out.rejected)
    finding(tally.crashes, [`turn rejected: ${String((out.rejected as Error)?.stack ?? out.rejected)}`]);
  if (out.crashes.length)
    finding(
      tally.crashes,
      out.crashes.map((e) => `crash: ${String((e as Error)?.stack ?? e)}`),
    );
  const bad = replyProblems(out.replies, message.text);
  for (const e of out.appErrors)
    if (!out.replies.some((r) => r.includes(e.userText)))
      bad.push(`AppError ${e.code} answered without its text「${e.userText}」`);
  if (bad.length) finding(tally.nonZh, bad);
  if (!step.group && out.replies.length === 0) finding(tally.silent, ['no reply in a private chat']);
  const refused = (stackBefore !== '' && stackAfter === stackBefore) || isRefusalText(out.replies);
  if (refused) {
    tally.refused++;
    if (before !== after)
      finding(tally.dbChanged, [
        `refused (replied ${preview(out.replies.join(' / '))}) but the database changed: ${h.writtenSince(before).join(', ')}`,
      ]);
  }
  // A fuzzed "确定解绑" or five wrong codes change the account: put it back for the next run.
  if (before !== after) await h.ensureIdentity(step);
  return problems;
}
