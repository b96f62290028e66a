// Everything the rest of the app needs to know about the WeChat Official Account channel, in one place (for the
// channel registry to come): its id, how an owner becomes an outbox address, its send limits, its configuration,
// its HTTP route and what it can show.
import type { ChannelLimits } from '../../src/notify/rate-limiter.js';

export const WECHAT_OA_CHANNEL_ID = 'wechat-oa';

export const WECHAT_OA_CHANNEL = {
  id: WECHAT_OA_CHANNEL_ID,
  /** An owner's outbox address is their openid (ChannelIdentity.externalId); an Official Account has no groups. */
  identityAddress: (i: { externalId: string }): string => i.externalId,
  groupAddress: null,
  /**
   * Account-wide pacing only: the per-owner limit is the customer-service window (src/notify/service-window.ts),
   * which the dispatcher consults through its delivery gate. 20/s stays far below the API's frequency limits.
   */
  limits: { overall: [{ count: 20, perMs: 1000 }], perChat: [{ count: 1, perMs: 1000 }] } satisfies ChannelLimits,
  /** Env variables: adapters/wechat-oa/wechat-oa.config.ts. */
  env: ['WECHAT_OA_APP_ID', 'WECHAT_OA_APP_SECRET', 'WECHAT_OA_TOKEN', 'WECHAT_OA_AES_KEY', 'WECHAT_OA_API_ROOT'],
  /** GET answers the platform's echostr check; POST takes messages and events. Served by our own HTTP server. */
  routes: [{ path: '/wechat/oa', methods: ['GET', 'POST'] as const }],
  capabilities: {
    /** No inline buttons: suggestions become a numbered menu ("1. 投诉"), plus the optional 自定义菜单. */
    buttons: 'numbered-menu',
    images: true,
    groups: false,
    /** Proactive messages only inside the customer-service window, template messages outside it. */
    serviceWindow: true,
  },
} as const;
