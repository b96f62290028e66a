// The Telegram part of the environment. The lead merges `telegramEnvShape` into src/config.ts and applies
// `refineTelegramEnv` to the merged object (zod v4 cannot `.extend()` a refined object, hence shape + refine).
import { z } from 'zod';
import { emptyToUndefined } from '../../src/shared/env.js';

export const telegramEnvShape = {
  /** Absent → the Telegram channel is off. */
  TELEGRAM_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]+$/, { message: '格式应为 123456:ABC-DEF…（向 @BotFather 获取）' })
      .optional(),
  ),
  /** A private Bot API server or the tests' fake server. */
  TELEGRAM_API_ROOT: z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^https?$/ })
      .default('https://api.telegram.org')
      .transform((u) => u.replace(/\/+$/, '')),
  ),
  /** Set → webhook mode (Telegram POSTs updates to this URL); absent → long polling. */
  TELEGRAM_WEBHOOK_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  /** Telegram's `secret_token`: 1–256 of A-Z a-z 0-9 _ -; we insist on ≥ 16 so it cannot be guessed. */
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, { message: '需 16–256 个字符，仅限字母、数字、_ 和 -' })
      .optional(),
  ),
};

type TelegramEnvFields = {
  TELEGRAM_BOT_TOKEN?: string | undefined;
  TELEGRAM_WEBHOOK_URL?: string | undefined;
  TELEGRAM_WEBHOOK_SECRET?: string | undefined;
};

export function refineTelegramEnv(env: TelegramEnvFields, ctx: z.RefinementCtx): void {
  if (env.TELEGRAM_WEBHOOK_URL !== undefined && env.TELEGRAM_WEBHOOK_SECRET === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['TELEGRAM_WEBHOOK_SECRET'],
      message: '设置了 TELEGRAM_WEBHOOK_URL 时必须设置（至少 16 个字符），用于校验 X-Telegram-Bot-Api-Secret-Token',
    });
  }
}

export const telegramConfigSchema = z.object(telegramEnvShape).superRefine(refineTelegramEnv);
export type TelegramConfig = z.infer<typeof telegramConfigSchema>;

/** How the adapter receives updates, derived from the config; undefined when the channel is off. */
export type TelegramMode = { kind: 'polling' } | { kind: 'webhook'; url: string; secret: string };

export interface TelegramSettings {
  token: string;
  apiRoot: string;
  mode: TelegramMode;
}

export function telegramSettings(config: TelegramConfig): TelegramSettings | undefined {
  if (config.TELEGRAM_BOT_TOKEN === undefined) return undefined;
  const mode: TelegramMode =
    config.TELEGRAM_WEBHOOK_URL !== undefined && config.TELEGRAM_WEBHOOK_SECRET !== undefined
      ? { kind: 'webhook', url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET }
      : { kind: 'polling' };
  return { token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, mode };
}
