// The WeChat Official Account channel, described for the channel registry (src/notify/channel-registry.ts): its id,
// how an owner becomes an outbox address, its send limits, its configuration, its HTTP route and what it can show.
import type { ChannelDescriptor } from '../../src/notify/channel-registry.js';
import { refineWechatOaEnv, wechatOaEnvShape } from './wechat-oa.config.js';

export const WECHAT_OA_CHANNEL_ID = 'wechat-oa';

export const WECHAT_OA_CHANNEL = {
  id: WECHAT_OA_CHANNEL_ID,
  kind: 'wechat-oa',
  /** An owner's outbox address is their openid (ChannelIdentity.externalId); an Official Account has no groups. */
  identityAddress: { from: 'externalId', prefix: '' },
  /**
   * Account-wide pacing only: the per-owner limit is the customer-service window (src/notify/service-window.ts),
   * which the dispatcher consults through its delivery gate. 20/s stays far below the API's frequency limits.
   */
  limits: { overall: [{ count: 20, perMs: 1000 }], perChat: [{ count: 1, perMs: 1000 }] },
  /** WECHAT_OA_APP_ID, _APP_SECRET, _TOKEN, _AES_KEY, _API_ROOT and the window quotas. */
  config: { shape: wechatOaEnvShape, refine: refineWechatOaEnv },
  /** GET answers the platform's echostr check; POST takes messages and events. Served by our own HTTP server. */
  routes: [{ path: '/wechat/oa', methods: ['GET', 'POST'] as const }],
  /**
   * No inline buttons: suggestions become a numbered menu ("1. 投诉"), plus the optional 自定义菜单. Proactive messages
   * only inside the customer-service window, template messages outside it (the dispatcher's delivery gate).
   */
  capabilities: { buttons: 'numbered-menu', images: true, files: false, groups: false },
} as const satisfies ChannelDescriptor;
