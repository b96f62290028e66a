// The rig for kill -9 tests: the fake Telegram Bot API in this process, the real app as a child process over one
// database, and helpers to talk to the bot as Telegram users and to kill the child at an exact instant.
import { openDatabase, type Database } from '../../../src/db/client.js';
import { DEMO, seedDemo } from '../../../src/db/seed.js';
import { enqueue } from '../../../src/notify/outbox.js';
import { FakeTelegramApi, type RecordedCall } from '../../support/fake-telegram-api.js';
import { ChildApp } from './child-app.js';

/** Seeds the demo estate and binds each Telegram user id to the demo owner 刘洋 (3栋2单元1201), as if bound earlier. */
export async function prepareDatabase(url: string, telegramUserIds: number[]): Promise<void> {
  const db = await openDatabase(url);
  try {
    await seedDemo(db.prisma);
    const owner = await db.prisma.person.findFirstOrThrow({ where: { phone: DEMO.owner.phone } });
    await db.prisma.channelIdentity.createMany({
      data: telegramUserIds.map((id) => ({
        channel: 'telegram',
        externalId: String(id),
        displayName: `业主${id}`,
        personId: owner.id,
      })),
    });
  } finally {
    await db.close();
  }
}

/** Writes `count` outbox notices (kind urgent: no quiet hours), one per dedupe key, round-robin over `chatIds`. */
export async function enqueueNotices(
  url: string,
  count: number,
  chatIds: number[],
  text: (i: number) => string,
): Promise<string[]> {
  const db = await openDatabase(url);
  const keys: string[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const key = `crash-notice-${i}`;
      const address = String(chatIds[i % chatIds.length]);
      await enqueue(db.prisma, {
        channel: 'telegram',
        address,
        kind: 'urgent',
        message: { text: text(i) },
        dedupeKey: key,
        at: new Date(), // the dispatcher below runs on the process clock
      });
      keys.push(key);
    }
  } finally {
    await db.close();
  }
  return keys;
}

export class CrashRig {
  /** Every child started so far (the last one may be running). */
  readonly runs: ChildApp[] = [];
  kills = 0;
  private updateId = 1;
  private messageId = 1;
  private readonly hooks = new Set<(call: RecordedCall) => void>();

  private constructor(
    readonly fake: FakeTelegramApi,
    readonly databaseUrl: string,
    private readonly env: Record<string, string>,
  ) {
    // Every request the child makes is recorded with calls.push before it is answered: hooking the push lets a test
    // act (kill the child) at the instant a request arrived and before the child can see the answer.
    const calls = fake.calls;
    const push = calls.push.bind(calls);
    calls.push = (...items: RecordedCall[]) => {
      const n = push(...items);
      for (const call of items) for (const hook of [...this.hooks]) hook(call);
      return n;
    };
  }

  static async create(databaseUrl: string, env: Record<string, string> = {}): Promise<CrashRig> {
    return new CrashRig(await FakeTelegramApi.start(), databaseUrl, env);
  }

  get app(): ChildApp | undefined {
    const last = this.runs[this.runs.length - 1];
    return last?.running ? last : undefined;
  }

  /** Starts the app (a first start or a restart after a kill) and waits until it polls Telegram. */
  async start(): Promise<ChildApp> {
    if (this.app) throw new Error('the previous child is still running');
    const app = await ChildApp.start({
      databaseUrl: this.databaseUrl,
      telegramToken: this.fake.token,
      telegramApiRoot: this.fake.apiRoot,
      env: this.env,
      label: `run ${this.runs.length + 1}`,
    });
    this.runs.push(app);
    return app;
  }

  async kill9(): Promise<void> {
    const app = this.app;
    if (!app) return;
    this.kills++;
    await app.kill9();
  }

  /**
   * kill -9 at an exact instant: when the child makes the first request matching `match` (from now on), before the
   * fake answers it, so the child never learns the outcome. Resolves once the process is gone.
   */
  async killAtRequest(match: (call: RecordedCall) => boolean): Promise<void> {
    const app = this.app;
    if (!app) throw new Error('no child is running');
    await new Promise<void>((resolve) => {
      const off = this.onRequest((call) => {
        if (!match(call)) return;
        off();
        app.killNow();
        resolve();
      });
    });
    this.kills++;
    await app.waitExit();
  }

  /** Calls `fn` synchronously for each request the child makes, before the fake answers it. Returns an unsubscribe. */
  onRequest(fn: (call: RecordedCall) => void): () => void {
    this.hooks.add(fn);
    return () => this.hooks.delete(fn);
  }

  /** A private-chat text message from Telegram user `userId` (chat id = user id). Returns its update id. */
  say(userId: number, text: string): number {
    const update_id = this.updateId++;
    this.fake.pushUpdate({
      update_id,
      message: {
        message_id: this.messageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: userId, type: 'private' },
        from: { id: userId, is_bot: false, first_name: `业主${userId}` },
        text,
      },
    });
    return update_id;
  }

  /** Texts the bot sent to `chatId` (successful sendMessage calls), in order. */
  sent(chatId: number): string[] {
    return this.fake
      .callsTo('sendMessage')
      .filter((c) => c.status === 200 && String(c.payload.chat_id) === String(chatId))
      .map((c) => String(c.payload.text));
  }

  /** Waits until `chatId` has received at least `count` messages containing `fragment`; false on timeout. */
  async waitForReply(chatId: number, fragment: string, count: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.sent(chatId).filter((t) => t.includes(fragment)).length >= count) return true;
      await sleep(20);
    }
    return false;
  }

  /**
   * Waits until the child confirmed update `updateId` to Telegram (a getUpdates with a higher offset): the adapter
   * asks for the next updates only once the turns of the previous ones are over, so this means "its turn finished".
   */
  async waitConfirmed(updateId: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.fake.callsTo('getUpdates').some((c) => Number(c.payload.offset ?? 0) > updateId)) {
      if (Date.now() > deadline) throw new Error(`update ${updateId} not confirmed within ${timeoutMs} ms`);
      await sleep(10);
    }
  }

  /** A database client in this process (for assertions), closed by the caller. */
  open(): Promise<Database> {
    return openDatabase(this.databaseUrl);
  }

  /** Every log line at error level from every run. */
  errorLines(): string[] {
    return this.runs.flatMap((r) => r.errorLines.map((l) => `[${r.label}] ${l}`));
  }

  async close(): Promise<void> {
    for (const run of this.runs) await run.kill9();
    await this.fake.close();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
