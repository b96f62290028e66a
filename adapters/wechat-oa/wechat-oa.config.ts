// WeChat Official Account (公众号) env. The channel is off unless WECHAT_OA_APP_ID is set; then the secret and the token
// must be too. The lead merges `wechatOaEnvShape` into src/config.ts and applies `refineWechatOaEnv` to the result.
import { z } from 'zod';
import { emptyToUndefined } from '../../src/shared/env.js';
import type { WindowRules } from '../../src/notify/service-window.js';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
const count = (def: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(max).default(def));

export const wechatOaEnvShape = {
  /** 开发者ID(AppID): wx + 16 hex digits. Absent → the Official Account channel is off. */
  WECHAT_OA_APP_ID: optional(z.string().regex(/^wx[0-9a-f]{16}$/, { message: '应为 wx 开头的 18 位 AppID' })),
  /** 开发者密码(AppSecret). */
  WECHAT_OA_APP_SECRET: optional(z.string().regex(/^[A-Za-z0-9]{16,64}$/, { message: '应为公众平台给出的 AppSecret' })),
  /** 令牌(Token) as typed in 服务器配置: 3–32 letters or digits; signs every callback. */
  WECHAT_OA_TOKEN: optional(
    z.string().regex(/^[A-Za-z0-9]{3,32}$/, { message: '需 3–32 个字母或数字（与公众平台“服务器配置”一致）' }),
  ),
  /** 消息加解密密钥(EncodingAESKey), 43 characters: set it when the account uses 安全模式 (recommended). */
  WECHAT_OA_AES_KEY: optional(z.string().regex(/^[A-Za-z0-9]{43}$/, { message: '应为 43 位字母或数字' })),
  /** API base: the platform, a private proxy, or the tests' fake. */
  WECHAT_OA_API_ROOT: z.preprocess(
    emptyToUndefined,
    z
      .url({ protocol: /^https?$/ })
      .default('https://api.weixin.qq.com')
      .transform((u) => u.replace(/\/+$/, '')),
  ),
  /** Customer-service messages allowed after an owner's message, and for how long (platform since 2023-06: 5 / 48 h). */
  WECHAT_OA_CS_QUOTA: count(5, 100),
  WECHAT_OA_CS_WINDOW_HOURS: count(48, 48),
  /** After a menu click or a follow (platform: 3 in 1 minute). */
  WECHAT_OA_EVENT_QUOTA: count(3, 100),
  WECHAT_OA_EVENT_WINDOW_SECONDS: count(60, 3600),
};

type WechatOaEnvFields = {
  WECHAT_OA_APP_ID?: string | undefined;
  WECHAT_OA_APP_SECRET?: string | undefined;
  WECHAT_OA_TOKEN?: string | undefined;
};

export function refineWechatOaEnv(env: WechatOaEnvFields, ctx: z.RefinementCtx): void {
  if (env.WECHAT_OA_APP_ID === undefined) return;
  for (const key of ['WECHAT_OA_APP_SECRET', 'WECHAT_OA_TOKEN'] as const) {
    if (env[key] === undefined)
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: '设置了 WECHAT_OA_APP_ID 时必须设置（见公众平台“基本配置”）',
      });
  }
}

export const wechatOaConfigSchema = z.object(wechatOaEnvShape).superRefine(refineWechatOaEnv);
export type WechatOaConfig = z.infer<typeof wechatOaConfigSchema>;

export interface WechatOaSettings {
  appId: string;
  appSecret: string;
  token: string;
  /** Safe mode when set. */
  aesKey?: string;
  apiRoot: string;
  window: WindowRules;
}

/** The channel's settings when it is on; undefined when WECHAT_OA_APP_ID is not set. */
export function wechatOaSettings(c: WechatOaConfig): WechatOaSettings | undefined {
  if (!c.WECHAT_OA_APP_ID || !c.WECHAT_OA_APP_SECRET || !c.WECHAT_OA_TOKEN) return undefined;
  return {
    appId: c.WECHAT_OA_APP_ID,
    appSecret: c.WECHAT_OA_APP_SECRET,
    token: c.WECHAT_OA_TOKEN,
    ...(c.WECHAT_OA_AES_KEY ? { aesKey: c.WECHAT_OA_AES_KEY } : {}),
    apiRoot: c.WECHAT_OA_API_ROOT,
    window: {
      messageQuota: c.WECHAT_OA_CS_QUOTA,
      messageWindowMs: c.WECHAT_OA_CS_WINDOW_HOURS * 3_600_000,
      eventQuota: c.WECHAT_OA_EVENT_QUOTA,
      eventWindowMs: c.WECHAT_OA_EVENT_WINDOW_SECONDS * 1000,
    },
  };
}
