// A fake WeChat Official Account API on 127.0.0.1 (random port), playing the platform's rules for the code under test:
// the stable access token, customer-service messages inside the window (5 within 48 h of the owner's message, 3 within
// a minute of a click or a follow) with the platform's real refusals — 45015 out of the window, 45047 over quota,
// 43004 not following — template messages, temporary media (upload and download) and the custom menu. Every call is
// recorded. `OaCallbacks` posts what the platform would post to our /wechat/oa: signed (and encrypted in safe mode),
// and tells the fake about the owner's action so its window follows.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptMessage, messageSignature, urlSignature } from '../../adapters/wechat-oa/oa-crypto.js';

export const FAKE_OA = {
  appId: 'wx0123456789abcdef',
  appSecret: 'fakeSecret0123456789abcdef012345',
  token: 'wuyeFakeToken42',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  account: 'gh_fake00000001',
} as const;

export interface OaCall {
  path: string;
  payload: Record<string, unknown>;
  at: Date;
  errcode: number;
}

/** What an owner saw from the account. */
export interface OaDelivered {
  openid: string;
  kind: 'text' | 'image' | 'template';
  text: string;
  templateId?: string;
  data?: Record<string, string>;
  at: Date;
}

interface Window {
  messageAt?: number;
  messageUsed: number;
  eventAt?: number;
  eventUsed: number;
  followed: boolean;
}

export class FakeWechatOaApi {
  readonly calls: OaCall[] = [];
  readonly delivered: OaDelivered[] = [];
  readonly uploads: { mediaId: string; bytes: Buffer }[] = [];
  readonly menus: unknown[] = [];
  /** Template ids the platform knows (others: 40037). */
  readonly templates = new Set<string>();
  private readonly media = new Map<string, { bytes: Buffer; type: string }>();
  private readonly windows = new Map<string, Window>();
  private token = 'token-1';
  private tokenSerial = 1;
  private nextMedia = 1;
  private nextMsgId = 1;
  rules = { messageQuota: 5, messageWindowMs: 48 * 3_600_000, eventQuota: 3, eventWindowMs: 60_000 };
  now: () => Date = () => new Date();

  private constructor(
    private readonly server: Server,
    readonly apiRoot: string,
  ) {}

  static async start(): Promise<FakeWechatOaApi> {
    let fake: FakeWechatOaApi | undefined;
    const server = createServer((req, res) => void fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeWechatOaApi(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The platform rotated the token: the one handed out so far answers 40001 until a new one is fetched. */
  rotateToken(): void {
    this.token = `token-${++this.tokenSerial}`;
  }

  /** A photo an owner sent, served at media/get. */
  addMedia(mediaId: string, bytes: Buffer, type = 'image/jpeg'): void {
    this.media.set(mediaId, { bytes, type });
  }

  /** The owner's action as the platform sees it (OaCallbacks calls this for every callback it posts). */
  interaction(openid: string, what: 'message' | 'event' | 'follow' | 'unfollow', at: Date): void {
    const w = this.windows.get(openid) ?? { messageUsed: 0, eventUsed: 0, followed: true };
    if (what === 'unfollow') w.followed = false;
    else {
      w.followed = true;
      if (what === 'message') Object.assign(w, { messageAt: at.getTime(), messageUsed: 0 });
      else Object.assign(w, { eventAt: at.getTime(), eventUsed: 0 });
    }
    this.windows.set(openid, w);
  }

  to(openid: string): OaDelivered[] {
    return this.delivered.filter((d) => d.openid === openid);
  }

  callsTo(path: string): OaCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  async waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`fake OA: ${what} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  // ---- the platform ----------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiRoot);
    const body = await readAll(req);
    const type = req.headers['content-type'] ?? '';
    let payload: Record<string, unknown> = {};
    let file: Buffer | undefined;
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
      const media = form.get('media');
      if (media instanceof Blob) file = Buffer.from(await media.arrayBuffer());
      payload = { type: url.searchParams.get('type') };
    } else if (body.length > 0) payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const path = url.pathname;
    const answer = (json: Record<string, unknown>) => {
      this.calls.push({ path, payload, at: this.now(), errcode: typeof json.errcode === 'number' ? json.errcode : 0 });
      res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' });
      res.end(JSON.stringify(json));
    };
    const fail = (errcode: number, errmsg: string) => answer({ errcode, errmsg: `${errmsg} rid: fake` });

    if (path === '/cgi-bin/stable_token') {
      if (payload.appid !== FAKE_OA.appId || payload.secret !== FAKE_OA.appSecret)
        return fail(40125, 'invalid appsecret');
      return answer({ access_token: this.token, expires_in: 7200 });
    }
    if (url.searchParams.get('access_token') !== this.token)
      return fail(40001, 'invalid credential, access_token is invalid or not latest');

    switch (path) {
      case '/cgi-bin/message/custom/send': {
        const openid = String(payload.touser);
        const w = this.windows.get(openid);
        if (w && !w.followed) return fail(43004, 'require subscribe');
        const now = this.now().getTime();
        const inMessage = w?.messageAt !== undefined && now - w.messageAt < this.rules.messageWindowMs;
        const inEvent = w?.eventAt !== undefined && now - w.eventAt < this.rules.eventWindowMs;
        if (!w || (!inMessage && !inEvent))
          return fail(45015, 'response out of time limit or subscription is canceled');
        if (inMessage && w.messageUsed < this.rules.messageQuota) w.messageUsed++;
        else if (inEvent && w.eventUsed < this.rules.eventQuota) w.eventUsed++;
        else return fail(45047, 'out of response count limit');
        const msg = payload as { msgtype?: string; text?: { content?: string }; image?: { media_id?: string } };
        this.delivered.push({
          openid,
          kind: msg.msgtype === 'image' ? 'image' : 'text',
          text: msg.msgtype === 'image' ? `[image ${msg.image?.media_id ?? ''}]` : (msg.text?.content ?? ''),
          at: this.now(),
        });
        return answer({ errcode: 0, errmsg: 'ok' });
      }
      case '/cgi-bin/message/template/send': {
        const openid = String(payload.touser);
        if (this.windows.get(openid)?.followed === false) return fail(43004, 'require subscribe');
        const templateId = String(payload.template_id);
        if (!this.templates.has(templateId)) return fail(40037, 'invalid template_id');
        const data = Object.fromEntries(
          Object.entries((payload.data ?? {}) as Record<string, { value: string }>).map(([k, v]) => [k, v.value]),
        );
        this.delivered.push({
          openid,
          kind: 'template',
          text: Object.values(data).join(' / '),
          templateId,
          data,
          at: this.now(),
        });
        return answer({ errcode: 0, errmsg: 'ok', msgid: 2000 + this.nextMsgId++ });
      }
      case '/cgi-bin/media/upload': {
        if (!file) return fail(41005, 'media data missing');
        const mediaId = `media-${this.nextMedia++}`;
        this.uploads.push({ mediaId, bytes: file });
        return answer({ type: 'image', media_id: mediaId, created_at: Math.floor(this.now().getTime() / 1000) });
      }
      case '/cgi-bin/media/get': {
        const m = this.media.get(url.searchParams.get('media_id') ?? '');
        if (!m) return fail(40007, 'invalid media_id');
        this.calls.push({ path, payload: { media_id: url.searchParams.get('media_id') }, at: this.now(), errcode: 0 });
        res.writeHead(200, { 'content-type': m.type });
        res.end(m.bytes);
        return;
      }
      case '/cgi-bin/menu/create':
        this.menus.push(payload.button);
        return answer({ errcode: 0, errmsg: 'ok' });
      default:
        res.writeHead(404).end();
    }
  }
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// ── callbacks: what the platform posts to /wechat/oa ─────────────────────────────────────────────────────────────

export interface PostResult {
  status: number;
  body: string;
}

export interface CallbackOptions {
  /** false: no signature at all; 'wrong': a signature made with another token. Default: signed correctly. */
  sign?: boolean | 'wrong';
  /** Override the timestamp (seconds) in the URL. */
  timestamp?: number;
}

let msgIdSeed = 24_000_000_000_000_000n;

export class OaCallbacks {
  constructor(
    private readonly opts: {
      /** e.g. http://127.0.0.1:3978/wechat/oa */
      url: string;
      fake?: FakeWechatOaApi;
      /** Safe mode: encrypt bodies with this EncodingAESKey. */
      aesKey?: string;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return (this.opts.now ?? (() => new Date()))();
  }

  static xml(fields: Record<string, string | number>): string {
    const inner = Object.entries(fields)
      .map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`))
      .join('');
    return `<xml>${inner}</xml>`;
  }

  private base(openid: string, msgType: string, at: Date): Record<string, string | number> {
    return {
      ToUserName: FAKE_OA.account,
      FromUserName: openid,
      CreateTime: Math.floor(at.getTime() / 1000),
      MsgType: msgType,
    };
  }

  /** The owner types `text`. Returns the answer and the callback's xml (to post it again as a retry). */
  async text(openid: string, text: string): Promise<PostResult & { xml: string }> {
    const at = this.now();
    const xml = OaCallbacks.xml({ ...this.base(openid, 'text', at), Content: text, MsgId: String(msgIdSeed++) });
    this.opts.fake?.interaction(openid, 'message', at);
    return { ...(await this.post(xml, { openid })), xml };
  }

  async image(openid: string, mediaId: string): Promise<PostResult> {
    const at = this.now();
    this.opts.fake?.interaction(openid, 'message', at);
    return this.post(
      OaCallbacks.xml({
        ...this.base(openid, 'image', at),
        PicUrl: 'http://mmbiz.example/pic',
        MediaId: mediaId,
        MsgId: String(msgIdSeed++),
      }),
      { openid },
    );
  }

  async voice(openid: string): Promise<PostResult> {
    const at = this.now();
    this.opts.fake?.interaction(openid, 'message', at);
    return this.post(
      OaCallbacks.xml({
        ...this.base(openid, 'voice', at),
        MediaId: 'voice-1',
        Format: 'amr',
        MsgId: String(msgIdSeed++),
      }),
      { openid },
    );
  }

  async event(openid: string, event: string, eventKey?: string): Promise<PostResult & { xml: string }> {
    const at = this.now();
    const what = event === 'unsubscribe' ? 'unfollow' : event === 'subscribe' ? 'follow' : 'event';
    this.opts.fake?.interaction(openid, what, at);
    const xml = OaCallbacks.xml({
      ...this.base(openid, 'event', at),
      Event: event,
      ...(eventKey !== undefined ? { EventKey: eventKey } : {}),
    });
    return { ...(await this.post(xml, { openid })), xml };
  }

  /** Posts a callback body as the platform does: URL signature, and in safe mode the encrypted body + msg_signature. */
  async post(xml: string, o: CallbackOptions & { openid?: string } = {}): Promise<PostResult> {
    const timestamp = String(o.timestamp ?? Math.floor(this.now().getTime() / 1000));
    const nonce = String(Math.floor(Math.random() * 1e9));
    const token = o.sign === 'wrong' ? 'notTheToken' : FAKE_OA.token;
    const q = new URLSearchParams({ timestamp, nonce });
    if (o.sign !== false) q.set('signature', urlSignature(token, timestamp, nonce));
    if (o.openid) q.set('openid', o.openid);
    let body = xml;
    if (this.opts.aesKey) {
      const encrypt = encryptMessage(this.opts.aesKey, FAKE_OA.appId, xml);
      body = OaCallbacks.xml({ ToUserName: FAKE_OA.account, Encrypt: encrypt });
      q.set('encrypt_type', 'aes');
      if (o.sign !== false) q.set('msg_signature', messageSignature(token, timestamp, nonce, encrypt));
    }
    return httpRequest('POST', `${this.opts.url}?${q.toString()}`, body);
  }

  /** The platform's server check when the URL is saved in 服务器配置. */
  verifyUrl(echostr: string, o: CallbackOptions = {}): Promise<PostResult> {
    const timestamp = String(o.timestamp ?? Math.floor(this.now().getTime() / 1000));
    const nonce = '1234567';
    const q = new URLSearchParams({ timestamp, nonce, echostr });
    if (o.sign !== false)
      q.set('signature', urlSignature(o.sign === 'wrong' ? 'x1x' : FAKE_OA.token, timestamp, nonce));
    return httpRequest('GET', `${this.opts.url}?${q.toString()}`);
  }
}

function httpRequest(method: string, url: string, body?: string): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: body ? { 'content-type': 'text/xml' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
