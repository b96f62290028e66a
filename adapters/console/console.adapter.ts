// The console chat (`npm start` in a terminal): type as the demo owner; replies print with numbered menus.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { randomUUID } from 'node:crypto';
import { ActivityTypes, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import type { TurnHandler } from '../../src/bot/turn-handler.js';
import { pickMenuIndex } from '../../src/shared/zh-numbers.js';
import { numberedMenu, type Channel, type OutboundMessage, type SendResult } from '../channel.js';
import { SelfHostedAdapter } from '../self-hosted.adapter.js';
import { CONSOLE_CHANNEL } from './console.channel.js';

export interface ConsoleOptions {
  handler: TurnHandler;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** The chat account the console speaks as (the demo owner by default). */
  userId?: string;
  /** Console-only commands (e.g. persona switch) — return true when handled. */
  onCommand?: (line: string, console: ConsoleChannel) => Promise<boolean>;
  /** Where documents sent to the console (a 导出 .xlsx) are saved; without it they cannot be received. */
  filesDir?: string;
}

export class ConsoleChannel extends SelfHostedAdapter implements Channel {
  readonly name = CONSOLE_CHANNEL.id;
  /** From the channel's descriptor (the registry's capabilities). */
  readonly supportsImages = CONSOLE_CHANNEL.capabilities.images;
  readonly supportsFiles: boolean;
  private rl: readline.Interface | null = null;
  private queue: Promise<void> = Promise.resolve();
  private lastMenu: string[] = [];
  userId: string;

  constructor(private readonly opts: ConsoleOptions) {
    super();
    this.userId = opts.userId ?? 'demo-owner';
    this.supportsFiles = opts.filesDir !== undefined;
    this.onTurnError = (ctx, err) => opts.handler.onTurnError(ctx, err);
  }

  async start(): Promise<void> {
    this.rl = readline.createInterface({ input: this.opts.input ?? process.stdin, terminal: false });
    this.print('（控制台聊天已开启：直接输入文字与物业前台对话，输入“帮助”查看功能，Ctrl+C 退出）');
    this.rl.on('line', (line) => {
      // One turn at a time, in order, like a real chat.
      this.queue = this.queue.then(() => this.onLine(line)).catch(() => undefined);
    });
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.queue;
  }

  /** Resolves when every line typed so far has been answered (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  private async onLine(raw: string): Promise<void> {
    const line = raw.trim();
    if (!line) return;
    if (this.opts.onCommand && (await this.opts.onCommand(line, this))) return;
    // "1" / "一" / "第二个" picks from the last menu, as on WeChat.
    const pick = pickMenuIndex(line, this.lastMenu.length);
    const text = pick === null ? line : (this.lastMenu[pick] ?? line);
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      id: randomUUID(),
      channelId: 'console',
      serviceUrl: 'console://local',
      conversation: { id: `console:${this.userId}`, isGroup: false, name: 'console', conversationType: 'personal' },
      from: { id: this.userId, name: this.userId },
      recipient: { id: 'wuye-desk', name: '物业前台' },
      text,
      timestamp: new Date(),
      locale: 'zh-CN',
    };
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, (ctx) => this.opts.handler.onTurn(ctx, 'console'));
  }

  print(text: string): void {
    (this.opts.output ?? process.stdout).write(`${text}\n`);
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const a of activities) {
      if (a.type !== ActivityTypes.Message) continue;
      this.lastMenu = (a.suggestedActions?.actions ?? []).map((x) => String(x.value ?? x.title));
      this.print(`物业前台> ${numberedMenu(a).replace(/\n/g, '\n          ')}`);
    }
    return activities.map(() => ({ id: randomUUID() }));
  }

  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}

  /** Proactive messages to the console user (reminders during a demo). */
  async send(address: string, message: OutboundMessage): Promise<SendResult> {
    const menu = message.suggestions?.length
      ? `\n${message.suggestions.map((s, i) => `${i + 1}. ${s}`).join('\n')}`
      : '';
    // One terminal plays every persona and group: say whom the notice was for (a group name or a persona's id).
    this.print(`物业前台（通知 → ${address}）> ${message.text}${menu}`);
    if (message.file && this.opts.filesDir) {
      // A terminal cannot show a spreadsheet: save it and print where (the name is ours, never a path from outside).
      await mkdir(this.opts.filesDir, { recursive: true });
      const file = path.join(this.opts.filesDir, `${randomUUID().slice(0, 8)}-${path.basename(message.file.name)}`);
      await writeFile(file, message.file.data);
      this.print(`物业前台（文件）> ${file}`);
    }
    return { ok: true };
  }
}
