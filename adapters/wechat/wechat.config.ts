// WeChat (wechaty) env. The channel is off unless WECHATY_PUPPET names a puppet. The lead merges this into src/config.ts.
import { z } from 'zod';
import { emptyToUndefined } from '../../src/shared/env.js';

export const wechatConfigSchema = z.object({
  /** npm name of the puppet, e.g. wechaty-puppet-service / wechaty-puppet-wechat4u / wechaty-puppet-padlocal. */
  WECHATY_PUPPET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(@[a-z0-9-]+\/)?wechaty-puppet-[a-z0-9-]+$/, {
        message: '应为 wechaty puppet 的 npm 包名，例如 wechaty-puppet-service',
      })
      .optional(),
  ),
  /** Token for service puppets (puppet-service / padlocal); also read by the puppet itself from env. */
  WECHATY_PUPPET_SERVICE_TOKEN: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Names the memory card (login session file), so a restart does not need a new QR scan. */
  WECHATY_NAME: z.preprocess(emptyToUndefined, z.string().default('wuye-desk')),
  /** Daily send cap of the personal account (ban risk); see README. */
  WECHAT_DAILY_CAP: z.coerce.number().int().min(1).max(100_000).default(300),
});

export type WechatConfig = z.infer<typeof wechatConfigSchema>;

/** Puppet settings when WeChat is on; null when it is off (no puppet configured). */
export function wechatPuppetSettings(
  cfg: WechatConfig,
): { puppet: string; puppetOptions: { token?: string }; name: string } | null {
  if (!cfg.WECHATY_PUPPET) return null;
  const puppetOptions = cfg.WECHATY_PUPPET_SERVICE_TOKEN ? { token: cfg.WECHATY_PUPPET_SERVICE_TOKEN } : {};
  return { puppet: cfg.WECHATY_PUPPET, puppetOptions, name: cfg.WECHATY_NAME };
}
