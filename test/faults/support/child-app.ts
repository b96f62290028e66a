// The real app (`npm start` = tsx src/main.ts) as a child process, for fault tests that kill it with SIGKILL and start
// it again over the same database. Its JSON log lines are kept (the last few hundred) to explain a failure.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const KEEP_LINES = 400;

export interface ChildAppOptions {
  databaseUrl: string;
  telegramToken: string;
  telegramApiRoot: string;
  /** Extra or overriding environment (e.g. OUTBOX_INTERVAL_MS). */
  env?: Record<string, string>;
  /** Written in front of the kept log lines ("run 3"). */
  label?: string;
}

/** Everything the app needs to run headless against the fake Telegram API; no console chat, no cron jobs. */
/**
 * A suite on a shifted clock shifts the child too: the rows it sends were stamped on that clock, and a child on the
 * real one would find them not yet due. Both ways of shifting: `npm run test:at` (test/support/clock-shift.mjs) and
 * libfaketime (`faketime -f +400d …`: its preload and settings, which this otherwise minimal environment dropped).
 */
function shiftedClockEnv(): NodeJS.ProcessEnv {
  const ours = ['NODE_OPTIONS', 'WUYE_TEST_CLOCK', 'WUYE_TEST_CLOCK_OFFSET_MS'];
  const libfaketime = Object.keys(process.env).filter((k) => k === 'LD_PRELOAD' || k.startsWith('FAKETIME'));
  const keys = [...(process.env.WUYE_TEST_CLOCK_OFFSET_MS ? ours : []), ...libfaketime];
  return Object.fromEntries(keys.flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])));
}

export function childEnv(opts: ChildAppOptions): NodeJS.ProcessEnv {
  return {
    ...shiftedClockEnv(),
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TZ: 'Asia/Shanghai',
    DATABASE_URL: opts.databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    CONSOLE_CHAT: 'off',
    SCHEDULER: 'off',
    // Seeds only an empty database: a restart must not seed again.
    SEED_DEMO: 'auto',
    LOG_LEVEL: 'info',
    OUTBOX_INTERVAL_MS: '100',
    TELEGRAM_BOT_TOKEN: opts.telegramToken,
    TELEGRAM_API_ROOT: opts.telegramApiRoot,
    ...opts.env,
  };
}

export class ChildApp {
  /** The last log lines of this process (stdout and stderr). */
  readonly lines: string[] = [];
  /** Every log line at pino level error or fatal (kept in full, not only the last ones). */
  readonly errorLines: string[] = [];
  private exitCode: number | null | undefined;
  private exitSignal: NodeJS.Signals | null = null;
  private readonly exited: Promise<void>;
  private readonly listeners = new Set<(line: string) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly label: string,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code;
        this.exitSignal = signal;
        resolve();
      });
    });
    const collect = (stream: NodeJS.ReadableStream | null) => {
      let partial = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        partial += chunk;
        const parts = partial.split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) this.keep(line);
      });
    };
    collect(child.stdout);
    collect(child.stderr);
  }

  /** Spawns `node --import tsx src/main.ts` (what `npm start` runs, plus a parent watchdog) and resolves once Telegram long polling has started. */
  static async start(opts: ChildAppOptions, readyTimeoutMs = 60_000): Promise<ChildApp> {
    const watchdog = path.join(repoRoot, 'test', 'faults', 'support', 'parent-watchdog.mjs');
    const child = spawn(process.execPath, ['--import', watchdog, '--import', 'tsx', 'src/main.ts'], {
      cwd: repoRoot,
      env: childEnv(opts),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new ChildApp(child, opts.label ?? `pid ${child.pid ?? '?'}`);
    try {
      await app.waitForLog('Telegram 开始长轮询', readyTimeoutMs);
    } catch (err) {
      await app.kill9();
      throw err;
    }
    return app;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitCode === undefined && this.exitSignal === null;
  }

  /** Resolves when a log line containing `fragment` appears (also one already seen); rejects if the process exits first. */
  waitForLog(fragment: string, timeoutMs: number): Promise<string> {
    const seen = this.lines.find((l) => l.includes(fragment));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        fn();
      };
      const listener = (line: string) => {
        if (line.includes(fragment)) done(() => resolve(line));
      };
      const timer = setTimeout(
        () =>
          done(() =>
            reject(new Error(`${this.label}: no log line "${fragment}" within ${timeoutMs} ms\n${this.tail()}`)),
          ),
        timeoutMs,
      );
      this.listeners.add(listener);
      void this.exited.then(() =>
        done(() =>
          reject(
            new Error(
              `${this.label} exited (code ${String(this.exitCode)}, signal ${String(this.exitSignal)}) before "${fragment}"\n${this.tail()}`,
            ),
          ),
        ),
      );
    });
  }

  /** kill -9: no shutdown hook runs, nothing is flushed. Resolves when the process is gone. */
  async kill9(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Sends SIGKILL without waiting (for use inside a synchronous hook, at an exact instant). */
  killNow(): void {
    if (this.running) this.child.kill('SIGKILL');
  }

  async waitExit(): Promise<void> {
    await this.exited;
  }

  /** The last `n` log lines, for failure messages. */
  tail(n = 40): string {
    return this.lines
      .slice(-n)
      .map((l) => `  [${this.label}] ${l.slice(0, 400)}`)
      .join('\n');
  }

  private keep(line: string): void {
    if (line.trim() === '') return;
    this.lines.push(line);
    if (/"level":(50|60)\b/.test(line)) this.errorLines.push(line);
    if (this.lines.length > KEEP_LINES) this.lines.splice(0, this.lines.length - KEEP_LINES);
    for (const l of [...this.listeners]) l(line);
  }
}
