// The few Official Account API calls we make, with Node's fetch: the stable access token, customer-service messages,
// template messages, temporary media (upload a report picture, download an owner's photo) and the custom menu.
// No retries here: the outbox dispatcher owns retries and backoff; the only repeat is one call after a stale token.
import { z } from 'zod';

/** Platform error codes we act on (全局返回码). */
export const OA_ERR = {
  /** access_token invalid / expired / not the latest. */
  tokenInvalid: [40001, 40014, 42001],
  /** Customer-service message outside the window (response out of time limit or subscription is canceled). */
  outOfWindow: 45015,
  /** Customer-service messages over the window's quota (out of response count limit). */
  overQuota: 45047,
  /** The owner no longer follows the account (require subscribe). */
  unfollowed: 43004,
  /** System busy: try later. */
  busy: -1,
} as const;

export type OaResult<T> = { ok: true; value: T } | { ok: false; errcode: number; errmsg: string };

const errorBody = z.object({ errcode: z.number(), errmsg: z.string().default('') });
const tokenBody = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const mediaBody = z.object({ media_id: z.string().min(1) });
const templateBody = z.object({ msgid: z.union([z.number(), z.string()]).optional() });

/** A network failure or a timeout (no answer from the platform): errcode 0 never comes from the API as an error. */
export const NETWORK_ERRCODE = -2;

export interface TemplateMessage {
  templateId: string;
  url?: string;
  data: Record<string, string>;
}

export interface OaMenuButton {
  type?: 'click';
  name: string;
  key?: string;
  sub_button?: OaMenuButton[];
}

export class OaApi {
  private token: { value: string; expiresAt: number } | undefined;
  private fetching: Promise<OaResult<string>> | undefined;

  constructor(
    private readonly opts: {
      appId: string;
      appSecret: string;
      apiRoot: string;
      /** Per request. Default 15 s: a hung connection must not hold a dispatcher slot for minutes. */
      timeoutMs?: number;
      now: () => Date;
    },
  ) {}

  private now(): number {
    return this.opts.now().getTime();
  }

  /** POST /cgi-bin/stable_token (normal mode): every instance gets the same token, none invalidates another's. */
  async accessToken(): Promise<OaResult<string>> {
    if (this.token && this.token.expiresAt > this.now()) return { ok: true, value: this.token.value };
    this.fetching ??= this.fetchToken().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async fetchToken(): Promise<OaResult<string>> {
    const res = await this.request('/cgi-bin/stable_token', {
      method: 'POST',
      json: { grant_type: 'client_credential', appid: this.opts.appId, secret: this.opts.appSecret },
    });
    if (!res.ok) return res;
    const parsed = tokenBody.safeParse(res.value);
    if (!parsed.success) return { ok: false, errcode: NETWORK_ERRCODE, errmsg: 'unexpected token answer' };
    // Renew a minute early: a token that dies mid-request costs a retry.
    const ttl = Math.max(60, parsed.data.expires_in - 60) * 1000;
    this.token = { value: parsed.data.access_token, expiresAt: this.now() + ttl };
    return { ok: true, value: parsed.data.access_token };
  }

  /** 客服消息: text. */
  sendText(openid: string, content: string): Promise<OaResult<unknown>> {
    return this.call('/cgi-bin/message/custom/send', { touser: openid, msgtype: 'text', text: { content } });
  }

  /** 客服消息: an image uploaded as temporary media first (a report chart). */
  async sendImage(openid: string, png: Buffer): Promise<OaResult<unknown>> {
    const media = await this.uploadImage(png);
    if (!media.ok) return media;
    return this.call('/cgi-bin/message/custom/send', {
      touser: openid,
      msgtype: 'image',
      image: { media_id: media.value },
    });
  }

  /** 模板消息. */
  async sendTemplate(openid: string, t: TemplateMessage): Promise<OaResult<string | undefined>> {
    const data = Object.fromEntries(Object.entries(t.data).map(([k, value]) => [k, { value }]));
    const res = await this.call('/cgi-bin/message/template/send', {
      touser: openid,
      template_id: t.templateId,
      ...(t.url ? { url: t.url } : {}),
      data,
    });
    if (!res.ok) return res;
    const msgid = templateBody.safeParse(res.value);
    return { ok: true, value: msgid.success && msgid.data.msgid !== undefined ? String(msgid.data.msgid) : undefined };
  }

  /** 新增临时素材 (image): the media_id, valid 3 days. */
  async uploadImage(png: Buffer): Promise<OaResult<string>> {
    return this.withToken(async (token) => {
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'chart.png');
      const res = await this.request(`/cgi-bin/media/upload?access_token=${encodeURIComponent(token)}&type=image`, {
        method: 'POST',
        form,
      });
      if (!res.ok) return res;
      const parsed = mediaBody.safeParse(res.value);
      return parsed.success
        ? { ok: true, value: parsed.data.media_id }
        : { ok: false, errcode: NETWORK_ERRCODE, errmsg: 'unexpected upload answer' };
    });
  }

  /** 获取临时素材: an owner's photo by its MediaId. */
  async downloadMedia(mediaId: string): Promise<OaResult<{ bytes: Buffer; contentType: string }>> {
    return this.withToken(async (token) => {
      const url = `${this.opts.apiRoot}/cgi-bin/media/get?access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`;
      let res: Response;
      try {
        res = await fetch(url, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000) });
      } catch (err) {
        return { ok: false, errcode: NETWORK_ERRCODE, errmsg: (err as Error).message };
      }
      const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
      const bytes = Buffer.from(await res.arrayBuffer());
      // Errors come back as JSON with status 200.
      if (contentType.includes('json') || contentType.startsWith('text/')) {
        const err = errorBody.safeParse(safeJson(bytes.toString('utf8')));
        if (err.success && err.data.errcode !== 0) return { ok: false, ...err.data };
      }
      if (!res.ok) return { ok: false, errcode: NETWORK_ERRCODE, errmsg: `HTTP ${res.status}` };
      return { ok: true, value: { bytes, contentType } };
    });
  }

  /** 创建自定义菜单. */
  createMenu(buttons: OaMenuButton[]): Promise<OaResult<unknown>> {
    return this.call('/cgi-bin/menu/create', { button: buttons });
  }

  /** A JSON API call with the token; one more try with a fresh token when the platform says the token is stale. */
  private call(path: string, json: unknown): Promise<OaResult<unknown>> {
    return this.withToken((token) =>
      this.request(`${path}?access_token=${encodeURIComponent(token)}`, { method: 'POST', json }),
    );
  }

  private async withToken<T>(fn: (token: string) => Promise<OaResult<T>>): Promise<OaResult<T>> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      if (!token.ok) return token;
      const res = await fn(token.value);
      if (res.ok || attempt > 0 || !(OA_ERR.tokenInvalid as readonly number[]).includes(res.errcode)) return res;
      this.token = undefined;
    }
  }

  private async request(
    path: string,
    body: { method: 'POST'; json?: unknown; form?: FormData },
  ): Promise<OaResult<unknown>> {
    let res: Response;
    try {
      res = await fetch(`${this.opts.apiRoot}${path}`, {
        method: body.method,
        ...(body.form
          ? { body: body.form }
          : { body: JSON.stringify(body.json), headers: { 'content-type': 'application/json; charset=utf-8' } }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
      });
    } catch (err) {
      return { ok: false, errcode: NETWORK_ERRCODE, errmsg: (err as Error).message };
    }
    const text = await res.text().catch(() => '');
    const value = safeJson(text);
    const err = errorBody.safeParse(value);
    if (err.success && err.data.errcode !== 0) return { ok: false, ...err.data };
    if (!res.ok) return { ok: false, errcode: NETWORK_ERRCODE, errmsg: `HTTP ${res.status}` };
    return { ok: true, value };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
