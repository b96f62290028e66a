// The environment, parsed once at start-up. A wrong value stops start-up with a message naming the variable.
import { z } from 'zod';
import { emptyToUndefined } from './shared/env.js';
import { telegramEnvShape } from '../adapters/telegram/telegram.config.js';
import { wechatConfigSchema } from '../adapters/wechat/wechat.config.js';
import { wechatOaEnvShape } from '../adapters/wechat-oa/wechat-oa.config.js';
import { botFrameworkEnvShape } from '../adapters/botframework/botframework.config.js';
import { BUILTIN_CHANNELS } from '../adapters/channels.js';

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

export const configSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .default('file:./data/wuye.db')
      .refine((u) => /^file:.+/.test(u) || /^postgres(ql)?:\/\/.+/.test(u), {
        message: '必须以 file: (SQLite) 或 postgres:// / postgresql:// (PostgreSQL) 开头',
      }),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Bind address; unset: all interfaces when MicrosoftAppId is set, else loopback only (see bindHost). */
    HOST: optionalString,
    CONSOLE_CHAT: z.enum(['auto', 'on', 'off']).default('auto'),
    /** Per chat account: sustained inbound messages per minute, and how many may arrive at once. */
    INBOUND_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
    INBOUND_BURST: z.coerce.number().int().min(1).max(1_000).default(20),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TZ: z
      .string()
      .default('Asia/Shanghai')
      .refine(
        (tz) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        },
        { message: '不是有效的 IANA 时区（例如 Asia/Shanghai）' },
      ),
    DEFAULT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
    SEED_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
    DATA_DIR: z.string().default('./data'),
    /** Outbox dispatcher: how often it looks for due messages, and sends before a message becomes a dead letter. */
    OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    /** #17 retention (our defaults): unbound chat accounts idle this many days lose their state; sent notices kept this many days. */
    RETENTION_UNBOUND_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    RETENTION_SENT_OUTBOX_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** on: run the node-cron scheduler (reminders, sweeps, reports); off: e.g. a second instance that only chats. */
    SCHEDULER: z.enum(['on', 'off']).default('on'),
    /** import-bills refuses larger files (it streams, but a bigger file is a mistake more often than a bill run). */
    IMPORT_MAX_MB: z.coerce.number().positive().max(10_000).default(20),
    // Each channel's own variables, from its descriptor (adapters/<name>/<name>.channel.ts).
    ...botFrameworkEnvShape,
    ...wechatConfigSchema.shape,
    ...telegramEnvShape,
    ...wechatOaEnvShape,
  })
  .superRefine((env, ctx) => {
    for (const channel of BUILTIN_CHANNELS) channel.config?.refine?.(env, ctx);
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`配置错误 (configuration error):\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map(
        (i) => `${i.path.join('.') || '(env)'}: ${i.message} (当前值: ${JSON.stringify(pick(env, i.path[0]))})`,
      ),
    );
  }
  return result.data;
}

function pick(env: Record<string, string | undefined>, key: PropertyKey | undefined): string | undefined {
  return typeof key === 'string' ? env[key] : undefined;
}

/**
 * How open the Bot Framework endpoint is. `authenticated`: MicrosoftAppId set, every request's JWT is checked.
 * `loopback`: no app id, only this machine may post (the Emulator). `open`: no app id and BOTFRAMEWORK_OPEN_MODE=true.
 */
export function botFrameworkMode(config: Config): 'authenticated' | 'loopback' | 'open' {
  if (config.MicrosoftAppId) return 'authenticated';
  return config.BOTFRAMEWORK_OPEN_MODE === 'true' ? 'open' : 'loopback';
}

/** HOST, or by default all interfaces when requests are authenticated (or open mode is chosen), else loopback. */
export function bindHost(config: Config): string {
  return config.HOST ?? (botFrameworkMode(config) === 'loopback' ? '127.0.0.1' : '0.0.0.0');
}
